using FluentValidation;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Schakel.BuildingBlocks.Access;
using Wolverine.Http;

namespace Schakel.Host.Audit;

/// <summary>
/// A privacy officer (coordinator) or administrator searches the access log: by pseudonymous
/// patient reference, by user (id, or part of the name) and by period, newest first.
/// </summary>
/// <param name="Patient">The pseudonymous patient reference, exactly.</param>
/// <param name="User">A user id (also matches as responsible user), "system", or part of a user's name.</param>
/// <param name="From">Earliest moment, inclusive (ISO 8601 with offset).</param>
/// <param name="To">Latest moment, inclusive (ISO 8601 with offset).</param>
/// <param name="Page">Page number, from 1.</param>
/// <param name="PageSize">Entries per page, 1 to 200; 50 when absent.</param>
public sealed record SearchAccessLog(
    string? Patient = null,
    string? User = null,
    DateTimeOffset? From = null,
    DateTimeOffset? To = null,
    int? Page = null,
    int? PageSize = null)
{
    public const int DefaultPageSize = 50;
    public const int MaxPageSize = 200;

    public int PageNumber => Page ?? 1;

    public int EntriesPerPage => PageSize ?? DefaultPageSize;

    public sealed class Validator : AbstractValidator<SearchAccessLog>
    {
        public Validator()
        {
            RuleFor(x => x.Patient)
                .MaximumLength(PatientReference.MaxLength)
                .WithMessage($"Een patiëntreferentie is hoogstens {PatientReference.MaxLength} tekens.")
                .Must(p => !PatientReference.LooksLikeBsn(p!)).When(x => !string.IsNullOrEmpty(x.Patient))
                .WithMessage("Zoek op de pseudonieme patiëntreferentie, nooit op een BSN.");
            RuleFor(x => x.User)
                .MaximumLength(200).WithMessage("Zoek op hoogstens 200 tekens van de gebruiker.")
                // The search's own log entry records this term, and patient data has no place there.
                // A user id is a GUID, whose hex may hold nine digits that pass the eleven-proof: never a BSN.
                .Must(u => !PatientReference.LooksLikeBsn(u!)).When(x => !string.IsNullOrEmpty(x.User) && !Guid.TryParse(x.User, out _))
                .WithMessage("Zoek een gebruiker op naam of id, nooit op een BSN.");
            RuleFor(x => x.To)
                .GreaterThanOrEqualTo(x => x.From)
                .When(x => x.From is not null && x.To is not null)
                .WithMessage("Het einde van de periode ligt vóór het begin. Kies een einddatum op of na de begindatum.");
            RuleFor(x => x.Page).GreaterThanOrEqualTo(1).WithMessage("De eerste pagina is pagina 1.");
            RuleFor(x => x.PageSize).InclusiveBetween(1, MaxPageSize)
                .WithMessage($"Vraag 1 tot {MaxPageSize} regels per pagina op.");
        }
    }
}

public static class SearchAccessLogEndpoint
{
    [WolverineGet("/api/access-log"), Tags("Toegangslog")]
    [Authorize(Policy = SchakelPolicies.AccessLogReader)]
    [EndpointSummary("Search the NEN 7513 access log, newest first; the search itself is logged")]
    public static Task<AccessLogPage> Get([FromQuery] SearchAccessLog query, AccessLogQueries log, CancellationToken ct) =>
        log.SearchAsync(query, ct);
}
