using System.Net.Http.Headers;
using Alba;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Schakel.BuildingBlocks.Access;
using Schakel.Consultation.Pools;
using Schakel.Consultation.Questions;
using Schakel.IntegrationTests.AccessLog;
using Schakel.Testing;

namespace Schakel.IntegrationTests.Consultation;

/// <summary>
/// IDOR: every route of one question (found from the host's endpoints, so a new route is covered
/// the day it is added) answers 404 to a GP of another practice and to a specialist of another
/// hospital, as does its portal page; a route only for the other side answers 403 (wrong role,
/// which says nothing about the question).
/// </summary>
[Collection(IntegrationCollection.Name)]
public sealed class StrangersSeeNothing(IntegrationApp app)
{
    /// <summary>A valid body per change route, so that what answers is the access rule, not validation.</summary>
    private static readonly Dictionary<string, object?> Bodies = new(StringComparer.Ordinal)
    {
        ["claim"] = null,
        ["withdraw"] = null,
        ["messages"] = new PostMessage("Een bericht.", null),
        ["clarification-requests"] = new RequestClarification("Wat is het calcium?"),
        ["clarifications"] = new GiveClarification("2,4 mmol/l."),
        ["answer"] = new AnswerQuestion("Start alendroninezuur.", AnswerOutcome.AdviceOnly),
        ["close"] = new CloseQuestion(true, 4),
        ["handover"] = new HandOverQuestion(Guid.CreateVersion7(), null),
        ["follow-up-questions"] = new AskFollowUp("En daarna?"),
        ["attachments"] = "file",
    };

    private static readonly System.Text.Json.JsonSerializerOptions Json = new(System.Text.Json.JsonSerializerDefaults.Web)
    {
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() },
    };

    [Fact]
    public async Task every_route_of_a_question_is_404_to_another_practice_and_another_hospital()
    {
        var hospital = Guid.CreateVersion7();
        await OpenConsultationPools.OpenAsync(app.Store, hospital, "Testziekenhuis", [SpecialtyPool.Rheumatology], CancellationToken.None);
        var owner = TestUsers.Gp(Guid.CreateVersion7());
        var posted = await PostAsync(owner, hospital);
        var question = posted.Id;
        var attachment = await AttachAsync(owner, question);
        var strangers = new[] { TestUsers.Gp(Guid.CreateVersion7(), practiceName: "Andere praktijk"), TestUsers.Rheumatologist(Guid.CreateVersion7(), hospitalName: "Ander ziekenhuis") };

        var routes = QuestionRoutes();
        Assert.Contains(routes, r => r.Route.EndsWith("/attachments/{attachmentId}", StringComparison.Ordinal));
        Assert.True(routes.Count >= 13, $"Only {routes.Count} question routes were found.");
        var wrong = new List<string>();
        var refusedAsNotFound = 0;
        foreach (var (method, route, policy) in routes)
        {
            var url = route.Replace("{id}", question.ToString(), StringComparison.Ordinal).Replace("{attachmentId}", attachment.ToString(), StringComparison.Ordinal);
            foreach (var stranger in strangers)
            {
                var expected = policy == SchakelPolicies.GpSide && !stranger.IsGpSide || policy == SchakelPolicies.SpecialistSide && !stranger.IsSpecialistSide ? 403 : 404;
                var result = await app.Host.Scenario(s =>
                {
                    s.As(stranger);
                    Send(s, method, url, route);
                    s.IgnoreStatusCode();
                });
                refusedAsNotFound += expected == 404 ? 1 : 0;
                if (result.Context.Response.StatusCode != expected)
                {
                    wrong.Add($"{method} {route} as {stranger.OrganisationName}: {result.Context.Response.StatusCode}, expected {expected}");
                }
            }
        }

        foreach (var stranger in strangers)
        {
            await app.Host.Scenario(s =>
            {
                s.As(stranger);
                s.Get.Url($"/consultaties/{question}");
                s.StatusCodeShouldBe(404);
            });
        }

        Assert.Empty(wrong);

        // Every refusal that touched the question is in the NEN 7513 log, with who and where from.
        var denied = (await app.StoredForPatientAsync(posted.PatientReference)).Where(r => r.Outcome.Equals("denied", StringComparison.OrdinalIgnoreCase)).ToList();
        Assert.True(denied.Count >= refusedAsNotFound + strangers.Length, $"{denied.Count} denied accesses logged for {refusedAsNotFound + strangers.Length} refusals.");
        Assert.All(denied, r =>
        {
            Assert.Contains(r.UserId, strangers.Select(x => x.UserId.ToString()));
            Assert.NotNull(r.OrganisationId);
            Assert.False(string.IsNullOrEmpty(r.Resource));
        });
        await app.Host.Scenario(s =>
        {
            s.As(owner);
            s.Get.Url($"/api/consultations/{question}/attachments/{attachment}");
            s.StatusCodeShouldBeOk();
        });
    }

    private List<(string Method, string Route, string? Policy)> QuestionRoutes() =>
        app.Host.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Select(e => (
                Method: e.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.HttpMethodMetadata>()?.HttpMethods.FirstOrDefault() ?? "GET",
                Route: Schakel.Host.Infrastructure.OpenApiExamples.RouteOf(e.RoutePattern.RawText),
                Policy: e.Metadata.GetOrderedMetadata<IAuthorizeData>().Select(a => a.Policy).LastOrDefault(p => p is not null)))
            .Where(r => r.Route.StartsWith("/api/consultations/{id}", StringComparison.Ordinal))
            .Distinct()
            .ToList();

    private static void Send(Scenario s, string method, string url, string route)
    {
        if (method == "GET")
        {
            s.Get.Url(url);
            return;
        }

        var action = route.Split('/')[^1];
        Assert.True(Bodies.TryGetValue(action, out var body), $"Give {method} {route} a valid body in {nameof(Bodies)}.");
        switch (body)
        {
            case null:
                s.Post.Url(url);
                break;
            case "file":
                var file = new ByteArrayContent([.. "%PDF-1.7\n"u8, .. new byte[100]]);
                file.Headers.ContentType = MediaTypeHeaderValue.Parse("application/pdf");
                s.Post.MultipartFormData(new MultipartFormDataContent { { file, "file", "scan.pdf" } }).ToUrl(url);
                break;
            default:
                s.Post.Text(System.Text.Json.JsonSerializer.Serialize(body, body.GetType(), Json)).ToUrl(url);
                s.WithRequestHeader("Content-Type", "application/json");
                break;
        }
    }

    private async Task<QuestionView> PostAsync(CareUser gp, Guid hospital)
    {
        var result = await app.Host.Scenario(s =>
        {
            s.As(gp);
            s.Post.Json(new PostQuestion(hospital, SpecialtyPool.Rheumatology, null,
                new PostQuestion.PatientInput(new DateOnly(1947, 5, 6), Sex.Female, "S-" + Guid.NewGuid().ToString("N")[..6], null),
                true, QuestionCategory.StoppingDenosumab, "Denosumab stoppen na 6 jaar?", null, WouldRefer.NotSure, false)).ToUrl("/api/consultations");
            s.StatusCodeShouldBe(201);
        });
        return (await result.ReadAsJsonAsync<QuestionView>())!;
    }

    private async Task<Guid> AttachAsync(CareUser gp, Guid question)
    {
        var file = new ByteArrayContent([.. "%PDF-1.7\n"u8, .. new byte[500]]);
        file.Headers.ContentType = MediaTypeHeaderValue.Parse("application/pdf");
        var result = await app.Host.Scenario(s =>
        {
            s.As(gp);
            s.Post.MultipartFormData(new MultipartFormDataContent { { file, "file", "dexa.pdf" } }).ToUrl($"/api/consultations/{question}/attachments");
            s.StatusCodeShouldBe(201);
        });
        return (await result.ReadAsJsonAsync<AttachmentInfo>())!.Id;
    }
}
