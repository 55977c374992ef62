using System.Globalization;
using Schakel.SocialMap.Contracts;
using Schakel.SocialMap.Geography;

namespace Schakel.SocialMap.Search;

/// <summary>A GP's search, read from the query string: where from, how far, what she needs, which page.</summary>
public sealed record SearchCriteria(
    PostcodeArea Origin,
    int RadiusKm,
    TherapistDiscipline? Discipline,
    FallsPreventionOffer? Offer,
    FundingRoute? Funding,
    bool? HomeVisits,
    string? Language,
    bool? Accepting,
    int Page,
    int PageSize)
{
    public const int DefaultRadiusKm = 10;
    public const int MaxRadiusKm = 100;
    public const int DefaultPageSize = 20;
    public const int MaxPageSize = 100;

    /// <summary>The criteria, or a Dutch message per field that is wrong (every wrong field at once).</summary>
    public static (SearchCriteria? Criteria, IDictionary<string, string[]> Errors) Parse(
        PostcodeAreas areas, string? postcode, string? radiusKm, string? discipline, string? offer, string? funding,
        string? homeVisits, string? language, string? accepting, string? page, string? pageSize)
    {
        var errors = new Dictionary<string, string[]>();
        var (origin, postcodeProblem) = PostcodeQuery.Resolve(postcode, areas);
        if (postcodeProblem is not null)
        {
            errors["postcode"] = [postcodeProblem];
        }

        var radius = Number(radiusKm, DefaultRadiusKm, 1, MaxRadiusKm, "radiusKm", $"Kies een straal van 1 tot {MaxRadiusKm} km.", errors);
        var parsedDiscipline = Choice<TherapistDiscipline>(discipline, "discipline", "Kies Physiotherapist, ExerciseTherapist of OccupationalTherapist.", errors);
        var parsedOffer = Choice<FallsPreventionOffer>(offer, "offer",
            "Kies een aanbod: " + string.Join(", ", Enum.GetNames<FallsPreventionOffer>()) + ".", errors);
        var parsedFunding = Choice<FundingRoute>(funding, "funding", "Kies " + string.Join(", ", Enum.GetNames<FundingRoute>()) + ".", errors);
        var parsedHomeVisits = Flag(homeVisits, "homeVisits", errors);
        var parsedAccepting = Flag(accepting, "accepting", errors);
        string? parsedLanguage = null;
        if (!string.IsNullOrWhiteSpace(language))
        {
            parsedLanguage = Languages.Normalise(language);
            if (parsedLanguage is null)
            {
                errors["language"] = ["Gebruik een taalcode zoals nl, en, tr of ar."];
            }
        }

        var parsedPage = Number(page, 1, 1, 10_000, "page", "De pagina is een getal vanaf 1.", errors);
        var parsedSize = Number(pageSize, DefaultPageSize, 1, MaxPageSize, "pageSize", $"Kies 1 tot {MaxPageSize} resultaten per pagina.", errors);
        return errors.Count > 0
            ? (null, errors)
            : (new SearchCriteria(origin!, radius, parsedDiscipline, parsedOffer, parsedFunding, parsedHomeVisits, parsedLanguage, parsedAccepting, parsedPage, parsedSize), errors);
    }

    private static int Number(string? text, int fallback, int min, int max, string field, string message, Dictionary<string, string[]> errors)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return fallback;
        }

        if (int.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max)
        {
            return value;
        }

        errors[field] = [message];
        return fallback;
    }

    private static TEnum? Choice<TEnum>(string? text, string field, string message, Dictionary<string, string[]> errors)
        where TEnum : struct, Enum
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        // Names only: "1" is not an offer.
        if (Enum.TryParse<TEnum>(text.Trim(), ignoreCase: true, out var value) && Enum.IsDefined(value) && !char.IsAsciiDigit(text.Trim()[0]))
        {
            return value;
        }

        errors[field] = [message];
        return null;
    }

    private static bool? Flag(string? text, string field, Dictionary<string, string[]> errors)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (bool.TryParse(text.Trim(), out var value))
        {
            return value;
        }

        errors[field] = ["Gebruik true of false."];
        return null;
    }
}
