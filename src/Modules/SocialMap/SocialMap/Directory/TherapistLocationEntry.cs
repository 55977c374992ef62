using System.Text.RegularExpressions;
using FluentValidation;
using Schakel.BuildingBlocks.Identifiers;
using Schakel.SocialMap.Contracts;
using Schakel.SocialMap.Geography;

namespace Schakel.SocialMap.Directory;

public sealed record TherapistEntry(string Name, TherapistDiscipline Discipline, string AgbCode, string? BigNumber);

/// <summary>
/// One social-map entry as a coordinator, the provider or an import row states it: the body of
/// POST and PUT /api/socialmap/locations. The fields after <see cref="Offers"/> may be left out
/// (then: no home visits, Dutch, accepting patients, nothing else stated).
/// </summary>
public sealed partial record TherapistLocationEntry(
    string PracticeName,
    string PracticeAgbCode,
    string Street,
    string HouseNumber,
    string Postcode,
    string City,
    string? Phone,
    string? Email,
    IReadOnlyList<TherapistEntry> Therapists,
    IReadOnlyList<FallsPreventionOffer> Offers,
    string? LocationAgbCode = null,
    string? Website = null,
    IReadOnlyList<string>? Specialisations = null,
    IReadOnlyList<string>? Certificates = null,
    bool HomeVisits = false,
    IReadOnlyList<string>? Languages = null,
    bool WheelchairAccessible = false,
    IReadOnlyList<FundingRoute>? FundingRoutes = null,
    IReadOnlyList<string>? ContractedInsurers = null,
    bool AcceptingPatients = true,
    int? WaitingWeeks = null)
{
    public const int MaxListItems = 20;
    public const int MaxWaitingWeeks = 104;

    /// <summary>The entry normalised: trimmed, postcode as "5042 AB", lists without doubles, Dutch by default.</summary>
    public LocationDetails ToDetails()
    {
        DutchPostcode.TryParse(Postcode, out var postcode);
        return new LocationDetails(
            PracticeName.Trim(),
            PracticeAgbCode.Trim(),
            Blank(LocationAgbCode),
            new LocationAddress(Street.Trim(), HouseNumber.Trim(), postcode?.ToString() ?? Postcode.Trim(), City.Trim()),
            Blank(Phone),
            Blank(Email),
            Blank(Website),
            Therapists.Select(t => new Therapist(t.Name.Trim(), t.Discipline, t.AgbCode.Trim(), Blank(t.BigNumber))).ToList(),
            Offers.Distinct().Order().ToList(),
            Texts(Specialisations),
            Texts(Certificates),
            HomeVisits,
            Languages is { Count: > 0 } languages
                ? languages.Select(Geography.Languages.Normalise).OfType<string>().Distinct().Order(StringComparer.Ordinal).ToList()
                : ["nl"],
            WheelchairAccessible,
            (FundingRoutes ?? []).Distinct().Order().ToList(),
            Texts(ContractedInsurers),
            AcceptingPatients,
            WaitingWeeks);
    }

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    private static IReadOnlyList<string> Texts(IReadOnlyList<string>? texts) =>
        (texts ?? []).Where(t => !string.IsNullOrWhiteSpace(t)).Select(t => t.Trim()).Distinct(StringComparer.OrdinalIgnoreCase).ToList();

    /// <summary>Shape and identifiers, with a Dutch message per field; the postcode must be a real PC4 area.</summary>
    public sealed partial class Validator : AbstractValidator<TherapistLocationEntry>
    {
        public Validator(PostcodeAreas areas)
        {
            RuleFor(x => x.PracticeName).NotEmpty().WithMessage("Vul de naam van de praktijk in.")
                .MaximumLength(200).WithMessage("De naam van de praktijk mag hoogstens 200 tekens zijn.");
            RuleFor(x => x.PracticeAgbCode).Must(CareIdentifiers.IsAgbCode).WithMessage("Een AGB-code bestaat uit 8 cijfers.");
            RuleFor(x => x.LocationAgbCode).Must(CareIdentifiers.IsAgbCode).When(x => !string.IsNullOrWhiteSpace(x.LocationAgbCode))
                .WithMessage("Een AGB-code bestaat uit 8 cijfers.");
            RuleFor(x => x.Street).NotEmpty().WithMessage("Vul de straat in.").MaximumLength(200).WithMessage("Hoogstens 200 tekens.");
            RuleFor(x => x.HouseNumber).NotEmpty().WithMessage("Vul het huisnummer in.").MaximumLength(20).WithMessage("Hoogstens 20 tekens.");
            RuleFor(x => x.City).NotEmpty().WithMessage("Vul de plaats in.").MaximumLength(100).WithMessage("Hoogstens 100 tekens.");
            RuleFor(x => x.Postcode)
                .Must(DutchPostcode.IsValid).WithMessage("Vul een postcode in zoals 5042 AB.")
                .Must(p => areas.Find(p) is not null).When(x => DutchPostcode.IsValid(x.Postcode), ApplyConditionTo.CurrentValidator)
                .WithMessage("Deze postcode komt niet voor in Nederland.");
            RuleFor(x => x.Phone).Must(p => PhoneShape().IsMatch(p!)).When(x => !string.IsNullOrWhiteSpace(x.Phone))
                .WithMessage("Vul een telefoonnummer in zoals 013-5441234.");
            RuleFor(x => x.Email).EmailAddress().When(x => !string.IsNullOrEmpty(x.Email)).WithMessage("Vul een geldig e-mailadres in.")
                .MaximumLength(254).WithMessage("Hoogstens 254 tekens.");
            RuleFor(x => x.Website)
                .Must(w => Uri.TryCreate(w, UriKind.Absolute, out var uri) && uri.Scheme is "https" or "http" && w!.Length <= 300)
                .When(x => !string.IsNullOrWhiteSpace(x.Website))
                .WithMessage("Vul een webadres in dat begint met https://.");
            RuleFor(x => x.Therapists).NotEmpty().WithMessage("Noem ten minste één therapeut.")
                .Must(t => t is null || t.Count <= 100).WithMessage("Hoogstens 100 therapeuten per locatie.");
            RuleForEach(x => x.Therapists).ChildRules(t =>
            {
                t.RuleFor(x => x.Name).NotEmpty().WithMessage("Vul de naam van de therapeut in.").MaximumLength(200).WithMessage("Hoogstens 200 tekens.");
                t.RuleFor(x => x.Discipline).IsInEnum().WithMessage("Kies fysiotherapeut, oefentherapeut of ergotherapeut.");
                t.RuleFor(x => x.AgbCode).Must(CareIdentifiers.IsAgbCode).WithMessage("Een AGB-code bestaat uit 8 cijfers.");
                t.RuleFor(x => x.BigNumber).Must(b => string.IsNullOrWhiteSpace(b) || CareIdentifiers.IsBigNumber(b.Trim()))
                    .WithMessage("Een BIG-nummer bestaat uit 11 cijfers.");
                // Of the three, only the physiotherapist is a BIG-registered profession (art. 3 Wet BIG); exercise and
                // occupational therapists have a protected title (art. 34) and no BIG number.
                t.RuleFor(x => x.BigNumber).NotEmpty().When(x => x.Discipline == TherapistDiscipline.Physiotherapist)
                    .WithMessage("Een fysiotherapeut staat in het BIG-register: vul het BIG-nummer in.");
                t.RuleFor(x => x.BigNumber).Empty().When(x => x.Discipline != TherapistDiscipline.Physiotherapist)
                    .WithMessage("Alleen fysiotherapeuten hebben een BIG-nummer; laat het leeg voor oefen- en ergotherapeuten.");
            });
            RuleFor(x => x.Offers).NotEmpty().WithMessage("Kies ten minste één valpreventie-aanbod.");
            RuleForEach(x => x.Offers).IsInEnum().WithMessage("Onbekend valpreventie-aanbod.");
            RuleFor(x => x.Offers)
                .Must((request, offers) => !offers.Contains(FallsPreventionOffer.HomeSafetyAssessment)
                    || (request.Therapists ?? []).Any(t => t.Discipline == TherapistDiscipline.OccupationalTherapist))
                .When(x => x.Offers is not null)
                .WithMessage("Een woningonderzoek vraagt om een ergotherapeut op deze locatie.");
            RuleFor(x => x.Specialisations).Must(FitsAList).WithMessage($"Hoogstens {MaxListItems} specialisaties van elk hoogstens 200 tekens.");
            RuleFor(x => x.Certificates).Must(FitsAList).WithMessage($"Hoogstens {MaxListItems} certificaten van elk hoogstens 200 tekens.");
            RuleFor(x => x.ContractedInsurers).Must(FitsAList).WithMessage($"Hoogstens {MaxListItems} zorgverzekeraars van elk hoogstens 200 tekens.");
            RuleFor(x => x.Languages)
                .Must(l => l is null || (l.Count <= MaxListItems && l.All(code => Geography.Languages.Normalise(code) is not null)))
                .WithMessage("Gebruik taalcodes zoals nl, en, tr of ar.");
            RuleForEach(x => x.FundingRoutes).IsInEnum().WithMessage("Kies basisverzekering, gemeente, aanvullende verzekering of eigen betaling.");
            RuleFor(x => x.WaitingWeeks).InclusiveBetween(0, MaxWaitingWeeks).When(x => x.WaitingWeeks is not null)
                .WithMessage($"De wachttijd ligt tussen 0 en {MaxWaitingWeeks} weken.");
        }

        private static bool FitsAList(IReadOnlyList<string>? items) =>
            items is null || (items.Count <= MaxListItems && items.All(i => i is null || i.Length <= 200));

        [GeneratedRegex(@"^\+?[0-9][0-9 ()\-]{5,19}$")]
        private static partial Regex PhoneShape();
    }
}
