using FluentValidation;
using Microsoft.AspNetCore.Http;
using Schakel.BuildingBlocks.Identifiers;
using Schakel.SocialMap.Contracts;
using Schakel.SocialMap.Geography;
using Wolverine;
using Wolverine.Http;
using Wolverine.Marten;

namespace Schakel.SocialMap.Directory;

public sealed record TherapistEntry(string Name, TherapistDiscipline Discipline, string AgbCode, string? BigNumber);

/// <summary>A coordinator puts a therapist practice location on the social map.</summary>
public sealed record ListTherapistLocation(
    string PracticeName,
    string PracticeAgbCode,
    string Street,
    string HouseNumber,
    string Postcode,
    string City,
    string? Phone,
    string? Email,
    IReadOnlyList<TherapistEntry> Therapists,
    IReadOnlyList<FallsPreventionOffer> Offers)
{
    public sealed class Validator : AbstractValidator<ListTherapistLocation>
    {
        public Validator(PostcodeAreas areas)
        {
            RuleFor(x => x.PracticeName).NotEmpty().WithMessage("Vul de naam van de praktijk in.")
                .MaximumLength(200).WithMessage("De naam van de praktijk mag hoogstens 200 tekens zijn.");
            RuleFor(x => x.PracticeAgbCode).Must(CareIdentifiers.IsAgbCode)
                .WithMessage("Een AGB-code bestaat uit 8 cijfers.");
            RuleFor(x => x.Street).NotEmpty().WithMessage("Vul de straat in.").MaximumLength(200);
            RuleFor(x => x.HouseNumber).NotEmpty().WithMessage("Vul het huisnummer in.").MaximumLength(20);
            RuleFor(x => x.City).NotEmpty().WithMessage("Vul de plaats in.").MaximumLength(100);
            RuleFor(x => x.Postcode)
                .Must(DutchPostcode.IsValid).WithMessage("Vul een postcode in zoals 5042 AB.")
                .Must(p => areas.Find(p) is not null).When(x => DutchPostcode.IsValid(x.Postcode), ApplyConditionTo.CurrentValidator)
                .WithMessage("Deze postcode komt niet voor in Nederland.");
            RuleFor(x => x.Phone).MaximumLength(30);
            RuleFor(x => x.Email).EmailAddress().When(x => !string.IsNullOrEmpty(x.Email))
                .WithMessage("Vul een geldig e-mailadres in.");
            RuleFor(x => x.Therapists).NotEmpty().WithMessage("Noem ten minste één therapeut.");
            RuleForEach(x => x.Therapists).ChildRules(t =>
            {
                t.RuleFor(x => x.Name).NotEmpty().WithMessage("Vul de naam van de therapeut in.").MaximumLength(200);
                t.RuleFor(x => x.Discipline).IsInEnum().WithMessage("Kies fysiotherapeut, oefentherapeut of ergotherapeut.");
                t.RuleFor(x => x.AgbCode).Must(CareIdentifiers.IsAgbCode).WithMessage("Een AGB-code bestaat uit 8 cijfers.");
                t.RuleFor(x => x.BigNumber).Must(b => b is null || CareIdentifiers.IsBigNumber(b))
                    .WithMessage("Een BIG-nummer bestaat uit 11 cijfers.");
            });
            RuleFor(x => x.Offers).NotEmpty().WithMessage("Kies ten minste één valpreventie-aanbod.");
            RuleForEach(x => x.Offers).IsInEnum().WithMessage("Onbekend valpreventie-aanbod.");
            RuleFor(x => x.Offers)
                .Must((request, offers) => !offers.Contains(FallsPreventionOffer.HomeSafetyAssessment)
                    || request.Therapists.Any(t => t.Discipline == TherapistDiscipline.OccupationalTherapist))
                .WithMessage("Een woningonderzoek vraagt om een ergotherapeut op deze locatie.");
        }
    }
}

public static class ListTherapistLocationEndpoint
{
    /// <summary>Only the regional coordinator keeps the social map.</summary>
    [WolverinePost("/api/social-map/locations"), Tags("Sociale kaart")]
    [Microsoft.AspNetCore.Authorization.Authorize(Policy = Schakel.BuildingBlocks.Access.SchakelPolicies.Coordinator)]
    [EndpointSummary("Put a therapist location on the social map")]
    public static (CreationResponse<Guid>, IStartStream, OutgoingMessages) Post(
        ListTherapistLocation request, PostcodeAreas areas, TimeProvider clock)
    {
        var (listed, published) = Decide(Guid.CreateVersion7(), request, areas.Find(request.Postcode)!, clock.GetUtcNow());
        return (
            new CreationResponse<Guid>($"/api/social-map/locations/{listed.LocationId}", listed.LocationId),
            MartenOps.StartStream<TherapistLocation>(listed.LocationId, listed),
            [published]);
    }

    /// <summary>The decision: the event to store and the integration event to publish with it.</summary>
    public static (TherapistLocationListed Listed, TherapistLocationListedIntegrationEvent Published) Decide(
        Guid locationId, ListTherapistLocation request, PostcodeArea area, DateTimeOffset now)
    {
        DutchPostcode.TryParse(request.Postcode, out var postcode);
        var listed = new TherapistLocationListed(
            locationId,
            request.PracticeName.Trim(),
            request.PracticeAgbCode,
            new LocationAddress(request.Street.Trim(), request.HouseNumber.Trim(), postcode!.Value.ToString(), request.City.Trim()),
            area.Municipality,
            area.Latitude,
            area.Longitude,
            string.IsNullOrWhiteSpace(request.Phone) ? null : request.Phone.Trim(),
            string.IsNullOrWhiteSpace(request.Email) ? null : request.Email.Trim(),
            request.Therapists.Select(t => new Therapist(t.Name.Trim(), t.Discipline, t.AgbCode, t.BigNumber)).ToList(),
            request.Offers.Distinct().Order().ToList(),
            now);
        var published = new TherapistLocationListedIntegrationEvent(
            locationId,
            listed.PracticeName,
            listed.Address.Postcode,
            listed.Address.City,
            listed.Municipality,
            listed.Therapists.Select(t => t.Discipline).Distinct().Order().ToList(),
            listed.Offers,
            now,
            listed.Email);
        return (listed, published);
    }
}
