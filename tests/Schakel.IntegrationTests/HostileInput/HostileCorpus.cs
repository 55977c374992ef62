using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace Schakel.IntegrationTests.HostileInput;

/// <summary>One hostile request body for an endpoint; <see cref="Expected"/> when only one status is right (413 for size).</summary>
public sealed record HostileBody(string Case, HttpContent Content, int? Expected = null, bool Chunked = false);

/// <summary>A named kind of hostile body, made for each endpoint it applies to.</summary>
public sealed record BodyCase(string Name, Func<PublicEndpoint, IEnumerable<HttpContent>> Make, int? Expected = null, bool Chunked = false)
{
    public IEnumerable<HostileBody> For(PublicEndpoint endpoint) => Make(endpoint).Select(c => new HostileBody(Name, c, Expected, Chunked));
}

/// <summary>A named kind of hostile query string: the value each query parameter gets (already URL-encoded).</summary>
public sealed record QueryCase(string Name, Func<string, string> Query);

/// <summary>
/// The corpus of issue 9's "bad input": malformed and hostile requests, each case named. Bodies
/// are built from the endpoint's documented example, so the hostile part sits in an otherwise
/// well-formed request.
/// </summary>
public static class HostileCorpus
{
    /// <summary>The server's size limit for a body (the host's default, <c>RequestSizeLimits</c>).</summary>
    public const int Limit = (int)Schakel.Host.Infrastructure.RequestSizeLimits.DefaultMaxRequestBodyBytes;

    /// <summary>Texts that have broken parsers, databases, logs and pages before.</summary>
    public static readonly IReadOnlyList<(string Name, string Json)> HostileTexts =
    [
        ("NUL-teken", "\"a\\u0000b\""),
        ("belteken", "\"a\\u0007b\""),
        ("losse hoge surrogaat", "\"a\\ud800b\""),
        ("losse lage surrogaat", "\"\\udc00\""),
        ("RTL-override", Quote("factuur\u202Efdp.exe")),
        ("zero-width joiner", Quote("a\u200Db\u200B\uFEFF")),
        ("HTML en script", Quote("<script>alert(1)</script><img src=x onerror=alert(1)>")),
        ("SQL-injectie", Quote("' OR 1=1 --")),
        ("SQL-injectie met drop", Quote("\"; drop table events.mt_events; --")),
        ("Unicode buiten het BMP en combinerende tekens", Quote("👩‍⚕️ Z̴̢͓a̷l̶g̵o̸")),
        ("opmaaktekens voor logs", Quote("regel\r\nINFO vervalst\u001b[31m")),
    ];

    /// <summary>Bodies that must all be refused (4xx) by an endpoint that reads JSON: never stored.</summary>
    public static readonly IReadOnlyList<BodyCase> Refused =
    [
        Raw("kapotte JSON: object niet afgesloten", "{\"text\": \"abc"),
        Raw("kapotte JSON: komma te veel", "{\"a\": 1,}"),
        Raw("kapotte JSON: enkele aanhalingstekens", "{'a': 'b'}"),
        Raw("kapotte JSON: commentaar", "/* hallo */ {}"),
        Raw("kapotte JSON: NaN", "{\"a\": NaN}"),
        Raw("kapotte JSON: lege body", ""),
        Raw("kapotte JSON: alleen BOM en NUL-bytes", "\uFEFF\0\0"),
        new("kapotte JSON: rommel na het voorbeeld", e => [Json(ExampleText(e) + "}]")]),
        new("kapotte JSON: ongeldige UTF-8 in een veld", e => [Bytes(
            [.. Encoding.UTF8.GetBytes($"{{\"{(e.Example as JsonObject)?.FirstOrDefault().Key ?? "a"}\":\""), 0xC3, 0x28, 0xFF, 0x22, 0x7D], "application/json")]),
        Raw("verkeerd type: null", "null"),
        new("verkeerd type: lijst in plaats van object", e => [Json("[" + ExampleText(e) + "]")]),
        Raw("verkeerd type: tekst in plaats van object", "\"tekst\""),
        Raw("verkeerd type: getal in plaats van object", "42"),
        Mutated("verkeerd type: elk tekstveld een getal (ook keuzes)", n => n is JsonValue v && IsString(v) ? JsonValue.Create(12345) : null),
        Mutated("verkeerd type: elk getal een tekst", n => n is JsonValue v && IsNumber(v) ? JsonValue.Create("veel") : null),
        Mutated("verkeerd type: elk ja/nee een tekst", n => n is JsonValue v && IsBoolean(v) ? JsonValue.Create("ja") : null),
        Mutated("verkeerd type: elk getal te groot", n => n is JsonValue v && IsNumber(v) ? JsonValue.Create(1e300) : null),
        Mutated("verkeerd type: elk object een lijst", n => n is JsonObject ? new JsonArray() : null),
        Mutated("verkeerd type: elke lijst een object", n => n is JsonArray ? new JsonObject() : null),
        Raw("diep genest: 10.000 keer [", new string('[', 10_000) + new string(']', 10_000)),
        Raw("diep genest: 10.000 keer {\"a\":", string.Concat(Enumerable.Repeat("{\"a\":", 10_000)) + "1" + new string('}', 10_000)),
        new("diep genest: in een veld van het voorbeeld", e => e.Example is JsonObject { Count: > 0 } example
            ? [Json(ReplaceFirstValue(example, new string('[', 5_000) + new string(']', 5_000)))]
            : []),
        Mutated("vijandige tekst in elk veld tegelijk: NUL en surrogaat", n => n is JsonValue v && IsString(v) ? JsonValue.Create(Marker) : null,
            text => text.Replace(Quote(Marker), "\"\\u0000\\ud800\"", StringComparison.Ordinal)),
        Mutated("vijandige tekst in elk veld tegelijk: HTML en SQL", n => n is JsonValue v && IsString(v) ? JsonValue.Create("<svg onload=alert(1)>' OR 1=1 --") : null),
        new("enorme tekst (200 kB) in een veld, per veld", e => PerStringField(e, _ => Quote(new string('x', 200 * 1024)))),
        new("verkeerd Content-Type: text/plain", e => [Typed(ExampleText(e), "text/plain")]),
        new("verkeerd Content-Type: application/xml", _ => [Typed("<?xml version=\"1.0\"?><vraag><tekst>x</tekst></vraag>", "application/xml")]),
        new("verkeerd Content-Type: formulier", _ => [new FormUrlEncodedContent(new Dictionary<string, string> { ["text"] = "x", ["pool"] = "InternalMedicine" })]),
        new("verkeerd Content-Type: geen", e => [Untyped(ExampleText(e))]),
        new("verkeerd Content-Type: onzin-charset", e => [Typed(ExampleText(e), "application/json; charset=klingon")]),
    ];

    /// <summary>Bodies over the server's limit: 413, for every endpoint without a larger limit of its own.</summary>
    public static readonly IReadOnlyList<BodyCase> Oversize =
    [
        new("groter dan de limiet (met Content-Length)", _ => [Json(BigJson(Limit + 1024))], 413),
        new("groter dan de limiet (zonder Content-Length)", _ => [Streamed(Encoding.UTF8.GetBytes(BigJson(Limit + 1024)), "application/json")], 413, Chunked: true),
    ];

    /// <summary>Hostile text in one field of the example at a time: refused, or stored as sent, never a 500.</summary>
    public static IEnumerable<HostileBody> HostileTextPerField(PublicEndpoint endpoint) =>
        HostileTexts.SelectMany(t => PerStringField(endpoint, _ => t.Json).Select(c => new HostileBody($"vijandige tekst per veld: {t.Name}", c)))
            .Concat(MayBeValid.SelectMany(c => c.For(endpoint)));

    /// <summary>Bodies that are valid for some endpoints (every field optional): refused, or taken, never a 500.</summary>
    private static readonly IReadOnlyList<BodyCase> MayBeValid =
    [
        Mutated("elk veld null", n => n is JsonValue ? JsonValue.Create(Marker) : null, text => text.Replace(Quote(Marker), "null", StringComparison.Ordinal)),
        Raw("leeg object", "{}"),
        Raw("onbekende velden", "{\"bestaatNiet\": \"<script>alert(1)</script>\", \"__proto__\": {\"admin\": true}}"),
    ];

    /// <summary>Values for every query parameter (URL-encoded as a client would send them, or deliberately not).</summary>
    public static readonly IReadOnlyList<QueryCase> Queries =
    [
        new("NUL-teken", p => $"{p}=%00"),
        new("SVG met script", p => $"{p}={Uri.EscapeDataString("<svg onload=alert(1)>")}"),
        new("SQL-injectie", p => $"{p}={Uri.EscapeDataString("' OR 1=1 --")}"),
        new("herhaalde parameter", p => $"{p}=a&{p}=b&{p}=2026-11"),
        new("waarde van 10 kB", p => $"{p}={new string('9', 10 * 1024)}"),
        new("ongeldige procentcodering", p => $"{p}=%zz%"),
        new("ongeldige UTF-8 en losse surrogaat", p => $"{p}=%ED%A0%80%C3%28"),
        new("RTL-override en zero-width", p => $"{p}={Uri.EscapeDataString("2026\u202E11\u200D")}"),
        new("grootste getal", p => $"{p}=2147483647"),
        new("kleinste getal", p => $"{p}=-2147483648"),
        new("getal voorbij long", p => $"{p}=99999999999999999999999"),
        new("lege waarde", p => $"{p}="),
        new("naam zonder waarde", p => p),
    ];

    /// <summary>
    /// Route values (raw, as they appear in the path) for every route parameter, constrained or not. No %00:
    /// Kestrel refuses a path with a NUL (400) before the application sees it, and the test server cannot send one.
    /// </summary>
    public static readonly IReadOnlyList<(string Name, string Value)> RouteValues =
    [
        ("SVG met script", Uri.EscapeDataString("<svg onload=alert(1)>")),
        ("SQL-injectie", Uri.EscapeDataString("' OR 1=1 --")),
        ("pad omhoog", "..%2F..%2Fetc%2Fpasswd"),
        ("ongeldige UTF-8", "%ED%A0%80%C3%28"),
        ("RTL-override", Uri.EscapeDataString("a\u202Eb")),
        ("waarde van 4 kB", new string('9', 4 * 1024)),
        ("getal voorbij int", "99999999999"),
        ("bijna een guid", "01a24922-0ecc-7298-9715-ec85158245bz"),
    ];

    /// <summary>Forged multipart bodies for endpoints that take a file.</summary>
    public static readonly IReadOnlyList<BodyCase> Multipart =
    [
        new("vervalste multipart: andere boundary dan in de header", _ => [Multi("--echt", "--nep\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.pdf\"\r\n\r\n%PDF-1.4\r\n--nep--\r\n")]),
        new("vervalste multipart: sluitende boundary ontbreekt", _ => [Multi("grens", "--grens\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.pdf\"\r\nContent-Type: application/pdf\r\n\r\n%PDF-1.4 zonder einde")]),
        new("vervalste multipart: deel claimt een enorme lengte", _ => [Multi("grens", "--grens\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.pdf\"\r\nContent-Length: 99999999999\r\nContent-Type: application/pdf\r\n\r\n%PDF-1.4\r\n--grens--\r\n")]),
        new("vervalste multipart: bestandsnaam met ../ en NUL", _ => [Multi("grens", "--grens\r\nContent-Disposition: form-data; name=\"address\"\r\n\r\n../../etc/passwd\r\n--grens\r\nContent-Disposition: form-data; name=\"file\"; filename=\"../../../etc/passwd\0.pdf\"\r\nContent-Type: application/pdf\r\n\r\n%PDF-1.4\r\n--grens--\r\n")]),
        new("vervalste multipart: geen boundary", _ => [Bytes(Encoding.UTF8.GetBytes("--x\r\n\r\nabc\r\n--x--\r\n"), "multipart/form-data")]),
        new("vervalste multipart: boundary van 200 tekens", _ => [Multi(new string('b', 200), "--" + new string('b', 200) + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.csv\"\r\n\r\nx\r\n--" + new string('b', 200) + "--\r\n")]),
        new("vervalste multipart: kopregels van 20 kB", _ => [Multi("grens", "--grens\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.pdf\"\r\nX-Lang: " + new string('h', 20 * 1024) + "\r\n\r\n%PDF\r\n--grens--\r\n")]),
        new("vervalste multipart: 5.000 velden", _ => [Multi("grens", string.Concat(Enumerable.Range(0, 5_000).Select(i => $"--grens\r\nContent-Disposition: form-data; name=\"v{i}\"\r\n\r\n{i}\r\n")) + "--grens--\r\n")]),
        new("vervalste multipart: binaire rommel", _ => [Multi("grens", "\0\u0001\u0002--grens\u00ff\u00fe")]),
        new("vervalste multipart: leeg", _ => [Multi("grens", "")]),
        new("geen formulier: JSON", _ => [Json("{\"file\": \"JVBERi0xLjQ=\", \"address\": \"a@example.nl\"}")]),
        new("geen formulier: geen body en geen Content-Type", _ => [new ByteArrayContent([])]),
    ];

    /// <summary>CSV bodies for the social-map import (text/csv).</summary>
    public static readonly IReadOnlyList<BodyCase> Csv =
    [
        new("CSV: aanhalingsteken niet gesloten", _ => [Typed("praktijknaam;agb\n\"Fysio;123\n", "text/csv")]),
        new("CSV: NUL-bytes en binaire rommel", _ => [Bytes([0, 1, 2, 0xFF, 0xFE, 0, (byte)'\n', 0x80], "text/csv")]),
        new("CSV: formules en script", _ => [Typed("=cmd|' /C calc'!A0;<script>alert(1)</script>;' OR 1=1 --\n@SUM(1);+1;-1\n", "text/csv")]),
        new("CSV: 10.000 kolommen", _ => [Typed(string.Join(';', Enumerable.Range(0, 10_000)) + "\n", "text/csv")]),
    ];

    private const string Marker = "\u2603hostile\u2603";

    private static BodyCase Raw(string name, string json) => new(name, _ => [Json(json)]);

    /// <summary>The example with every node that <paramref name="change"/> answers for replaced (null: keep and descend).</summary>
    private static BodyCase Mutated(string name, Func<JsonNode?, JsonNode?> change, Func<string, string>? text = null) =>
        new(name, e => e.Example is null ? [] : [Json((text ?? (t => t))(Mutate(e.Example.DeepClone(), change)?.ToJsonString() ?? "null"))]);

    private static JsonNode? Mutate(JsonNode? node, Func<JsonNode?, JsonNode?> change)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var key in obj.Select(p => p.Key).ToList())
                {
                    if (change(obj[key]) is { } replaced)
                    {
                        obj[key] = replaced;
                    }
                    else
                    {
                        Mutate(obj[key], change);
                    }
                }

                return node;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    if (change(array[i]) is { } replaced)
                    {
                        array[i] = replaced;
                    }
                    else
                    {
                        Mutate(array[i], change);
                    }
                }

                return node;
            default:
                return node;
        }
    }

    /// <summary>One body per string field of the example, with that field's value replaced by raw JSON text.</summary>
    private static IEnumerable<HttpContent> PerStringField(PublicEndpoint endpoint, Func<string, string> rawJson)
    {
        if (endpoint.Example is null)
        {
            yield break;
        }

        var paths = new List<JsonNode>();
        Collect(endpoint.Example, paths);
        for (var i = 0; i < paths.Count; i++)
        {
            var copy = endpoint.Example.DeepClone();
            var target = new List<JsonNode>();
            Collect(copy, target);
            var value = target[i];
            var parent = value.Parent!;
            var marker = JsonValue.Create(Marker);
            if (parent is JsonObject obj)
            {
                obj[value.GetPropertyName()] = marker;
            }
            else
            {
                ((JsonArray)parent)[value.GetElementIndex()] = marker;
            }

            yield return Json(copy.ToJsonString().Replace(Quote(Marker), rawJson(value.GetPath()), StringComparison.Ordinal));
        }
    }

    private static void Collect(JsonNode? node, List<JsonNode> strings)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (_, child) in obj)
                {
                    Collect(child, strings);
                }

                break;
            case JsonArray array:
                foreach (var child in array)
                {
                    Collect(child, strings);
                }

                break;
            case JsonValue value when IsString(value):
                strings.Add(value);
                break;
        }
    }

    private static string ReplaceFirstValue(JsonObject example, string rawJson)
    {
        var copy = (JsonObject)example.DeepClone();
        copy[copy.First().Key] = JsonValue.Create(Marker);
        return copy.ToJsonString().Replace(Quote(Marker), rawJson, StringComparison.Ordinal);
    }

    private static string ExampleText(PublicEndpoint endpoint) => endpoint.Example?.ToJsonString() ?? "{}";

    private static bool IsString(JsonValue value) => value.GetValueKind() == System.Text.Json.JsonValueKind.String;

    private static bool IsNumber(JsonValue value) => value.GetValueKind() == System.Text.Json.JsonValueKind.Number;

    private static bool IsBoolean(JsonValue value) => value.GetValueKind() is System.Text.Json.JsonValueKind.True or System.Text.Json.JsonValueKind.False;

    private static string Quote(string text) => System.Text.Json.JsonSerializer.Serialize(text);

    private static string BigJson(int bytes) => "{\"text\":\"" + new string('x', bytes) + "\"}";

    private static HttpContent Json(string text) => Typed(text, "application/json");

    private static HttpContent Typed(string text, string contentType)
    {
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(text));
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        return content;
    }

    private static HttpContent Untyped(string text) => new ByteArrayContent(Encoding.UTF8.GetBytes(text));

    private static HttpContent Bytes(byte[] bytes, string contentType)
    {
        var content = new ByteArrayContent(bytes);
        content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        return content;
    }

    /// <summary>A body whose length the server learns only by reading it (chunked).</summary>
    private static HttpContent Streamed(byte[] bytes, string contentType)
    {
        var content = new StreamContent(new UnknownLengthStream(bytes));
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        return content;
    }

    private static HttpContent Multi(string boundary, string body)
    {
        var content = new ByteArrayContent(Encoding.Latin1.GetBytes(body));
        content.Headers.TryAddWithoutValidation("Content-Type", string.Create(CultureInfo.InvariantCulture, $"multipart/form-data; boundary={boundary}"));
        return content;
    }

    /// <summary>A stream that does not tell its length, so the client sends no Content-Length.</summary>
    private sealed class UnknownLengthStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override bool CanSeek => false;
    }
}
