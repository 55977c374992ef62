using FluentValidation;
using Microsoft.AspNetCore.Mvc;
using Schakel.BuildingBlocks.Problems;
using Schakel.SocialMap.Contracts;
using Schakel.SocialMap.Directory;
using Schakel.SocialMap.Geography;

namespace Schakel.SocialMap.Freshness;

/// <summary>
/// The provider confirms or changes her own entry through her link. Both decisions first check the
/// link against the entry loaded for writing (only the open link may be used, once), then take the
/// same decision a coordinator's verify or revise takes, as the provider and with the link's id.
/// </summary>
public static class UpdateOwnEntry
{
    /// <summary>"Alles klopt nog": the entry is verified by its provider.</summary>
    public static (object? Change, ProblemDetails? Problem) Verify(TherapistLocation location, ProviderLink link, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(location);
        return ProviderLinks.Check(link, location) is { } refused
            ? (null, ProviderLinks.ProblemOf(refused))
            : VerifyTherapistLocationEndpoint.Decide(location, EntryAuthors.Provider(location), now, link.LinkId);
    }

    /// <summary>
    /// "Wijzigingen opslaan": the provider's statement, validated as any entry (400 with the
    /// validator's field names), becomes a revision that also verifies the entry; unchanged, it
    /// verifies it.
    /// </summary>
    public static (object? Change, ProblemDetails? Problem) Revise(
        TherapistLocation location, ProviderLink link, LocationForm form, IValidator<TherapistLocationEntry> validator, PostcodeAreas areas, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(location);
        ArgumentNullException.ThrowIfNull(form);
        ArgumentNullException.ThrowIfNull(validator);
        if (ProviderLinks.Check(link, location) is { } refused)
        {
            return (null, ProviderLinks.ProblemOf(refused));
        }

        var entry = form.ToEntry(location.Details);
        var result = validator.Validate(entry);
        return result.IsValid
            ? ReviseTherapistLocationEndpoint.Decide(location, entry, areas, EntryAuthors.Provider(location), now, link.LinkId)
            : (null, Problem.Invalid(result.ToDictionary()));
    }
}
