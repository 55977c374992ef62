using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;
using Schakel.BuildingBlocks.Access;
using Schakel.BuildingBlocks.Problems;
using Wolverine.Http;

namespace Schakel.Host.Notifications.Email.DeadLetters;

/// <summary>An administrator lists the e-mails that could not be delivered, newest failure first.</summary>
public static class ListDeadLetteredEmailsEndpoint
{
    [WolverineGet("/api/admin/mail/dead-letters"), Tags("Beheer")]
    [Authorize(Policy = SchakelPolicies.Administrator)]
    [EndpointSummary("List the e-mails that could not be delivered (recipient, subject, when, the error; never the body)")]
    public static Task<IReadOnlyList<DeadLetteredEmail>> Get(DeadLetteredEmails deadLetters, CancellationToken ct) =>
        deadLetters.ListAsync(ct);
}

/// <summary>An administrator sends an undeliverable e-mail again, once the cause is fixed.</summary>
public static class ReplayDeadLetteredEmailEndpoint
{
    public const string NotFound = "Deze e-mail staat niet (meer) tussen de onbestelbare e-mails.";

    [WolverinePost("/api/admin/mail/dead-letters/{id:guid}/replay"), Tags("Beheer")]
    [Authorize(Policy = SchakelPolicies.Administrator)]
    [EndpointSummary("Put an undeliverable e-mail back on the durable e-mail queue; it keeps its Message-Id")]
    public static async Task<Results<Accepted, ProblemHttpResult>> Post(Guid id, DeadLetteredEmails deadLetters, CancellationToken ct) =>
        await deadLetters.ReplayAsync(id, ct)
            ? TypedResults.Accepted((string?)null)
            : TypedResults.Problem(Problem.NotFound(NotFound));
}
