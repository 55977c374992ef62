using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
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

    [Fact]
    public async Task an_idempotency_key_too_long_to_keep_is_a_400_on_the_header_and_no_question_is_stored()
    {
        var gp = TestUsers.Gp(Guid.CreateVersion7());
        var question = Schakel.Consultation.ConsultationApiExamples.Post;
        await Schakel.Consultation.Pools.OpenConsultationPools.OpenAsync(
            app.Store, question.HospitalId, "Testziekenhuis", [question.Pool], CancellationToken.None);
        var content = JsonContent.Create(question, options: JsonDefaults);
        await content.LoadIntoBufferAsync();

        var refused = await SendAsync(gp, HttpMethod.Post, "/api/consultations", content, ("Idempotency-Key", ALongKey()));

        var problem = await ProblemAsync(refused, HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty("Idempotency-Key", out _), problem.ToString());
        await using var session = app.Store.QuerySession();
        Assert.Equal(0, await Marten.QueryableExtensions.CountAsync(session.Query<Schakel.Consultation.Questions.Question>()));
        var accepted = await SendAsync(gp, HttpMethod.Post, "/api/consultations", JsonContent.Create(question, options: JsonDefaults), ("Idempotency-Key", new string('k', 200)));
        Assert.Equal(HttpStatusCode.Created, accepted.StatusCode);
    }

    [Fact]
    public async Task a_referral_with_an_idempotency_key_too_long_to_keep_is_a_400_on_the_header()
    {
        var practice = Guid.CreateVersion7();
        var hospital = Guid.CreateVersion7();
        await Schakel.IntegrationTests.Referral.Referrals.ReferralTesting.JoinAgreementAsync(app, practice, hospital);

        var refused = await SendAsync(TestUsers.Gp(practice), HttpMethod.Post, "/api/referrals",
            JsonContent.Create(Schakel.IntegrationTests.Referral.Referrals.ReferralTesting.AReferral(hospital), options: JsonDefaults), ("Idempotency-Key", ALongKey()));

        var problem = await ProblemAsync(refused, HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty("Idempotency-Key", out _), problem.ToString());
    }

    [Fact]
    public async Task an_unexpected_failure_is_a_dutch_500_problem_that_shows_nothing_of_the_exception()
    {
        var http = new Microsoft.AspNetCore.Http.DefaultHttpContext { RequestServices = app.Host.Services };
        http.Request.Path = "/api/consultations";
        http.Response.StatusCode = 500;
        http.Response.Body = new MemoryStream();
        var problems = Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<Microsoft.AspNetCore.Http.IProblemDetailsService>(app.Host.Services);

        await problems.WriteAsync(new Microsoft.AspNetCore.Http.ProblemDetailsContext
        {
            HttpContext = http,
            Exception = new InvalidOperationException("Schakel.Geheim: patiënt 123"),
            ProblemDetails = new Microsoft.AspNetCore.Mvc.ProblemDetails { Status = 500 },
        });

        http.Response.Body.Position = 0;
        var text = await new StreamReader(http.Response.Body).ReadToEndAsync();
        var problem = JsonDocument.Parse(text).RootElement;
        Assert.Equal("Er ging iets mis", problem.GetProperty("title").GetString());
        Assert.StartsWith("Er ging iets mis aan onze kant.", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain("Geheim", text, StringComparison.Ordinal);
    }

    /// <summary>8 kB that do not compress: over what a PostgreSQL index entry holds.</summary>
    private static string ALongKey() => Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(4 * 1024));

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

    private async Task<HttpResponseMessage> SendAsync(
        Schakel.BuildingBlocks.Access.CareUser user, HttpMethod method, string url, HttpContent? content, (string Name, string Value)? header = null)
    {
        using var client = app.Host.Server.CreateClient();
        using var request = new HttpRequestMessage(method, url) { Content = content };
        request.Headers.Add(TestAuthentication.Header, TestAuthentication.Encode(TestUsers.ClaimsOf(user)));
        if (header is { } extra)
        {
            request.Headers.Add(extra.Name, extra.Value);
        }

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
