using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Alba;
using Schakel.Host.Infrastructure;
using Schakel.SocialMap.Contracts;
using Schakel.SocialMap.Directory;
using Schakel.Testing;

namespace Schakel.IntegrationTests.HostileInput;

/// <summary>
/// What the hostile-input corpus found, each pinned by name: the answer a caller gets, in Dutch, for
/// input that used to end in a 500, in an English problem naming our types, or in a stored guess.
/// </summary>
[Collection(IntegrationCollection.Name)]
public sealed class RefusingBadInput(IntegrationApp app) : IAsyncLifetime
{
    private static readonly TherapistLocationEntry AnEntry = new(
        "Fysio Centrum", "04112233", "Stationsstraat", "1", "5038 AB", "Tilburg", "013-1234567", null,
        [new TherapistEntry("Eva Bakker", TherapistDiscipline.Physiotherapist, "04000011", "19012345601")],
        [FallsPreventionOffer.Otago]);

    public Task InitializeAsync() => app.ResetDataAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task a_body_over_one_megabyte_is_a_dutch_413_problem_before_anything_reads_it()
    {
        var body = "{\"practiceName\":\"" + new string('x', (int)RequestSizeLimits.DefaultMaxRequestBodyBytes) + "\"}";

        var problem = await ProblemAsync(await SendAsync(TestUsers.Coordinator(), HttpMethod.Post, "/api/socialmap/locations", Json(body)), HttpStatusCode.RequestEntityTooLarge);

        Assert.Equal(("Te groot", RequestSizeLimits.TooLarge), (problem.GetProperty("title").GetString(), problem.GetProperty("detail").GetString()));
        Assert.Equal(0, await LocationsAsync());
    }

    [Fact]
    public async Task a_text_with_a_nul_character_is_a_400_on_its_field_and_nothing_is_stored()
    {
        var body = JsonSerializer.Serialize(AnEntry with { PracticeName = "Fysio\0Centrum" }, JsonDefaults);

        var problem = await ProblemAsync(await SendAsync(TestUsers.Coordinator(), HttpMethod.Post, "/api/socialmap/locations", Json(body)), HttpStatusCode.BadRequest);

        Assert.Equal("Ongeldige invoer", problem.GetProperty("title").GetString());
        Assert.True(problem.GetProperty("errors").TryGetProperty("practiceName", out _), problem.ToString());
        Assert.Equal(0, await LocationsAsync());
    }

    [Fact]
    public async Task hostile_text_that_is_still_text_is_stored_exactly_as_sent()
    {
        const string name = "<script>alert(1)</script> ' OR 1=1 -- \u202Efdp.exe a\u200Db";

        var created = await SendAsync(TestUsers.Coordinator(), HttpMethod.Post, "/api/socialmap/locations", Json(JsonSerializer.Serialize(AnEntry with { PracticeName = name }, JsonDefaults)));

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var read = await app.Host.Scenario(s => s.As(TestUsers.Coordinator()).Get.Url(created.Headers.Location!.OriginalString));
        Assert.Equal(name, (await read.ReadAsJsonAsync<LocationView>())!.PracticeName);
    }

    [Theory]
    [InlineData("null")]
    [InlineData("   null   ")]
    public async Task a_body_of_just_null_is_a_400_even_where_no_validator_looks_at_the_request(string body)
    {
        // PUT absence has no validator of its own: the body's absence was a NullReferenceException.
        var problem = await ProblemAsync(await SendAsync(TestUsers.Internist(Guid.CreateVersion7()), HttpMethod.Put, "/api/consultations/absence", Json(body)), HttpStatusCode.BadRequest);

        Assert.True(problem.GetProperty("errors").TryGetProperty("$", out _), problem.ToString());
    }

    [Fact]
    public async Task json_without_a_content_type_or_in_another_charset_is_a_415_and_nothing_is_stored()
    {
        var text = JsonSerializer.Serialize(AnEntry, JsonDefaults);
        var untyped = new ByteArrayContent(Encoding.UTF8.GetBytes(text));
        var latin = new ByteArrayContent(Encoding.UTF8.GetBytes(text));
        latin.Headers.ContentType = MediaTypeHeaderValue.Parse("application/json; charset=iso-8859-1");

        foreach (var content in new HttpContent[] { untyped, latin })
        {
            var problem = await ProblemAsync(await SendAsync(TestUsers.Coordinator(), HttpMethod.Post, "/api/socialmap/locations", content), HttpStatusCode.UnsupportedMediaType);
            Assert.Contains("application/json", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        }

        Assert.Equal(0, await LocationsAsync());
    }

    [Fact]
    public async Task a_query_value_of_the_wrong_kind_is_a_dutch_problem_naming_the_parameter_not_our_types()
    {
        var response = await SendAsync(TestUsers.Gp(Guid.CreateVersion7()), HttpMethod.Get, "/api/consultations?status=%3Csvg%3E", null);

        var problem = await ProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal("Ongeldige invoer", problem.GetProperty("title").GetString());
        Assert.True(problem.GetProperty("errors").TryGetProperty("status", out _), problem.ToString());
        Assert.DoesNotContain("Schakel.", problem.ToString(), StringComparison.Ordinal);
        Assert.False(problem.TryGetProperty("parameter", out _));
    }

    [Theory]
    [InlineData("multipart/form-data; boundary=echt", "--nep\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.csv\"\r\n\r\nx\r\n--nep--\r\n")]
    [InlineData("multipart/form-data; boundary=grens", "--grens\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.csv\"\r\n\r\nzonder einde")]
    public async Task a_broken_multipart_body_is_a_400_not_a_500_nor_a_413(string contentType, string body)
    {
        var content = new ByteArrayContent(Encoding.ASCII.GetBytes(body));
        content.Headers.TryAddWithoutValidation("Content-Type", contentType);

        var problem = await ProblemAsync(await SendAsync(TestUsers.Coordinator(), HttpMethod.Post, "/api/socialmap/import", content), HttpStatusCode.BadRequest);

        Assert.True(problem.GetProperty("errors").TryGetProperty("$", out _), problem.ToString());
    }

    [Theory]
    [InlineData("/api/smime/certificates")]
    [InlineData("/api/consultations/{0}/attachments")]
    public async Task a_file_endpoint_sent_anything_but_a_form_is_a_415(string route)
    {
        var url = string.Format(System.Globalization.CultureInfo.InvariantCulture, route, Guid.CreateVersion7());
        var user = route.StartsWith("/api/smime", StringComparison.Ordinal) ? TestUsers.Administrator() : TestUsers.Gp(Guid.CreateVersion7());

        foreach (var content in new HttpContent?[] { Json("{\"file\": \"JVBERi0=\"}"), null })
        {
            await ProblemAsync(await SendAsync(user, HttpMethod.Post, url, content), HttpStatusCode.UnsupportedMediaType);
        }
    }

    private static readonly JsonSerializerOptions JsonDefaults = new(JsonSerializerDefaults.Web)
    {
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() },
    };

    private static ByteArrayContent Json(string text)
    {
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(text));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return content;
    }

    private async Task<HttpResponseMessage> SendAsync(Schakel.BuildingBlocks.Access.CareUser user, HttpMethod method, string url, HttpContent? content)
    {
        using var client = app.Host.Server.CreateClient();
        using var request = new HttpRequestMessage(method, url) { Content = content };
        request.Headers.Add(TestAuthentication.Header, TestAuthentication.Encode(TestUsers.ClaimsOf(user)));
        return await client.SendAsync(request);
    }

    private static async Task<JsonElement> ProblemAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"{(int)response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    private async Task<int> LocationsAsync()
    {
        await using var session = app.Store.QuerySession();
        return await Marten.QueryableExtensions.CountAsync(session.Query<TherapistLocation>());
    }
}
