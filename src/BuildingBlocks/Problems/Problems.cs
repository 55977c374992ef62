using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace Schakel.BuildingBlocks.Problems;

/// <summary>
/// The one place where Schakel builds RFC 7807 problem responses, so every module answers the
/// same way: 400 with a field map for bad shape, 404 for what the caller may not see, 403 for a
/// wrong role on a visible thing, 409 for a state or concurrency conflict, 413 for size, 415 for a
/// kind of content that is not accepted.
/// </summary>
public static class Problem
{
    public const string ContentType = "application/problem+json";

    public static ProblemDetails NotFound(string detail) => Create(StatusCodes.Status404NotFound, "Niet gevonden", detail);

    public static ProblemDetails Forbidden(string detail) => Create(StatusCodes.Status403Forbidden, "Geen toegang", detail);

    public static ProblemDetails Conflict(string detail) => Create(StatusCodes.Status409Conflict, "Conflict", detail);

    public static ProblemDetails TooLarge(string detail) => Create(StatusCodes.Status413PayloadTooLarge, "Te groot", detail);

    public static ProblemDetails UnsupportedMediaType(string detail) => Create(StatusCodes.Status415UnsupportedMediaType, "Soort bestand niet toegestaan", detail);

    public static ValidationProblemDetails Invalid(IDictionary<string, string[]> errors, string? detail = null) =>
        new(errors)
        {
            Status = StatusCodes.Status400BadRequest,
            Title = "Ongeldige invoer",
            Detail = detail ?? "Een of meer velden zijn niet goed ingevuld.",
            Type = TypeFor(StatusCodes.Status400BadRequest),
        };

    public static ProblemDetails Create(int status, string title, string detail) => new()
    {
        Status = status,
        Title = title,
        Detail = detail,
        Type = TypeFor(status),
    };

    /// <summary>The RFC 9110 section for a status code, the conventional problem "type".</summary>
    public static string TypeFor(int status) => status switch
    {
        400 => "https://tools.ietf.org/html/rfc9110#section-15.5.1",
        403 => "https://tools.ietf.org/html/rfc9110#section-15.5.4",
        404 => "https://tools.ietf.org/html/rfc9110#section-15.5.5",
        409 => "https://tools.ietf.org/html/rfc9110#section-15.5.10",
        413 => "https://tools.ietf.org/html/rfc9110#section-15.5.14",
        415 => "https://tools.ietf.org/html/rfc9110#section-15.5.16",
        500 => "https://tools.ietf.org/html/rfc9110#section-15.6.1",
        _ => "about:blank",
    };
}
