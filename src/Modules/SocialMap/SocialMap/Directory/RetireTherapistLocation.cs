using FluentValidation;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Schakel.BuildingBlocks.Access;
using Schakel.BuildingBlocks.Problems;
using Wolverine;
using Wolverine.Http;

namespace Schakel.SocialMap.Directory;

/// <summary>The coordinator takes a location off the social map, saying why; its history stays.</summary>
public sealed record RetireTherapistLocation(string Reason)
{
    public sealed class Validator : AbstractValidator<RetireTherapistLocation>
    {
        public Validator() =>
            RuleFor(x => x.Reason).NotEmpty().WithMessage("Geef aan waarom de locatie van de kaart gaat.")
                .MaximumLength(500).WithMessage("Hoogstens 500 tekens.");
    }
}

public static class RetireTherapistLocationEndpoint
{
    [WolverinePost("/api/socialmap/locations/{id:guid}/retire"), Tags("Sociale kaart")]
    [Authorize(Policy = SchakelPolicies.Coordinator)]
    [EndpointSummary("Take a therapist location off the social map (no longer found or referred to; its history stays)")]
    public static async Task<Results<Ok<LocationView>, ProblemHttpResult>> Post(
        Guid id, RetireTherapistLocation request, HttpContext http, IDocumentSession session, IMessageBus bus, TimeProvider clock, CancellationToken ct)
    {
        var by = EntryAuthors.Of(http.User);
        var now = clock.GetUtcNow();
        return LocationCommands.Answer(await LocationCommands.ChangeAsync(id, session, bus, l => Decide(l, request, by, now), ct).ConfigureAwait(false), now);
    }

    public static (object? Change, ProblemDetails? Problem) Decide(TherapistLocation location, RetireTherapistLocation request, EntryAuthor by, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(location);
        ArgumentNullException.ThrowIfNull(request);
        return location.IsRetired
            ? (null, Problem.Conflict("Deze locatie is al van de sociale kaart gehaald."))
            : (new TherapistLocationRetired(location.Id, request.Reason.Trim(), by, now), null);
    }
}
