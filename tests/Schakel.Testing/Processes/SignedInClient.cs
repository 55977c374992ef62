using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Schakel.Testing.Processes;

/// <summary>
/// An HTTP client signed in to a real host the way a person signs in: password, then the code of
/// her authenticator app, through the portal's own login pages. It keeps the cookies itself (the
/// host sets Secure cookies, which .NET's CookieContainer would withhold over plain http on
/// 127.0.0.1, where a browser sends them). The session lives in the database, so the same client
/// stays signed in across host restarts.
/// </summary>
public sealed partial class SignedInClient : IDisposable
{
    private readonly Dictionary<string, string> _cookies = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    public SignedInClient(Uri baseAddress, TimeSpan timeout)
    {
        Http = new HttpClient(new CookieJar(this) { InnerHandler = new SocketsHttpHandler { UseCookies = false, AllowAutoRedirect = false } })
        {
            BaseAddress = baseAddress,
            Timeout = timeout,
        };
    }

    public HttpClient Http { get; }

    /// <summary>The session's cookies as a Cookie header, for a second client of the same sign-in (a SignalR connection, another tab).</summary>
    public string CookieHeader()
    {
        lock (_gate)
        {
            return string.Join("; ", _cookies.Select(c => $"{c.Key}={c.Value}"));
        }
    }

    public static async Task<SignedInClient> SignInAsync(Uri baseAddress, DemoLogin login, TimeSpan timeout)
    {
        var client = new SignedInClient(baseAddress, timeout);
        var password = await client.SubmitAsync("/inloggen", new Dictionary<string, string> { ["Email"] = login.UserName, ["Password"] = login.Password });
        if (password.StatusCode != HttpStatusCode.Redirect || password.Headers.Location?.OriginalString.StartsWith("/inloggen/code", StringComparison.Ordinal) != true)
        {
            throw new InvalidOperationException($"Signing in {login.UserName}: the password step answered {(int)password.StatusCode} {password.Headers.Location}.");
        }

        var code = await client.SubmitAsync("/inloggen/code", new Dictionary<string, string> { ["Code"] = Given.CodeFor(login.TotpSecret) });
        if (code.StatusCode != HttpStatusCode.Redirect)
        {
            throw new InvalidOperationException($"Signing in {login.UserName}: the code step answered {(int)code.StatusCode}.");
        }

        return client;
    }

    private async Task<HttpResponseMessage> SubmitAsync(string pageUrl, Dictionary<string, string> fields)
    {
        var page = await Http.GetAsync(new Uri(pageUrl, UriKind.Relative));
        var token = AntiforgeryToken().Match(await page.Content.ReadAsStringAsync());
        if (token.Success)
        {
            fields["__RequestVerificationToken"] = WebUtility.HtmlDecode(token.Groups[1].Value);
        }

        return await Http.PostAsync(new Uri(pageUrl, UriKind.Relative), new FormUrlEncodedContent(fields));
    }

    public void Dispose() => Http.Dispose();

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();

    private sealed class CookieJar(SignedInClient owner) : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct)
        {
            lock (owner._gate)
            {
                if (owner._cookies.Count > 0)
                {
                    request.Headers.Remove("Cookie");
                    request.Headers.Add("Cookie", string.Join("; ", owner._cookies.Select(c => $"{c.Key}={c.Value}")));
                }
            }

            var response = await base.SendAsync(request, ct);
            if (response.Headers.TryGetValues("Set-Cookie", out var setCookies))
            {
                lock (owner._gate)
                {
                    foreach (var header in setCookies)
                    {
                        var pair = header.Split(';', 2)[0].Split('=', 2);
                        if (pair.Length == 2)
                        {
                            owner._cookies[pair[0].Trim()] = pair[1].Trim();
                        }
                    }
                }
            }

            return response;
        }
    }
}

/// <summary>One demo login from the file the host writes in demo mode (Schakel:Demo:AccountsFile).</summary>
public sealed record DemoLogin(string UserName, string Password, string TotpSecret, string Role, string Name, string Organisation)
{
    public static async Task<IReadOnlyList<DemoLogin>> ReadAsync(string file)
    {
        await using var stream = File.OpenRead(file);
        var document = await JsonDocument.ParseAsync(stream);
        return document.RootElement.GetProperty("accounts").Deserialize<List<DemoLogin>>(new JsonSerializerOptions(JsonSerializerDefaults.Web))!;
    }
}
