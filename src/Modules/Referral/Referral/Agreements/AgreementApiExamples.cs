using Schakel.BuildingBlocks.Api;
using Schakel.BuildingBlocks.Problems;

namespace Schakel.Referral.Agreements;

/// <summary>The OpenAPI examples of the agreement routes.</summary>
public static class AgreementApiExamples
{
    private static readonly Guid AgreementId = Guid.Parse("019a9000-0000-7000-8000-0000000e0001");
    private static readonly Guid HospitalId = Guid.Parse("019a9000-0000-7000-8000-0000000b0001");
    private static readonly DateTimeOffset Drafted = new(2026, 9, 1, 10, 0, 0, TimeSpan.FromHours(2));

    private static readonly AgreementView Draft = new(
        AgreementId, HospitalId, "Ziekenhuis Hart van Brabant", "Verwijs- en terugverwijsafspraak fractuurpreventie", null,
        [new AgreementVersion(1, AgreementVersionStatus.Draft, AgreementsSeeding.RegionalDefault, Drafted, null)], []);

    private static readonly AgreementView InForce = Draft with
    {
        ActiveVersion = 1,
        Versions = [new AgreementVersion(1, AgreementVersionStatus.Active, AgreementsSeeding.RegionalDefault, Drafted, Drafted.AddDays(7))],
    };

    private static readonly AgreementView Joined = InForce with
    {
        Practices = [new JoinedPractice(Guid.Parse("019a9000-0000-7000-8000-0000000a0101"), "Huisartsenpraktijk De Linde", 1, Drafted.AddDays(9))],
    };

    private static readonly Microsoft.AspNetCore.Mvc.ProblemDetails Unknown = Problem.NotFound(AgreementCommands.NotFound);

    public static readonly ApiExamples All = new(
    [
        new("GET", "/api/agreements", "The region's referral and back-referral agreements: hospital, title, the version in force and how many practices joined.",
            null, new[] { new AgreementListItem(AgreementId, "Ziekenhuis Hart van Brabant", "Verwijs- en terugverwijsafspraak fractuurpreventie", 1, 1, 12) }, []),
        new("POST", "/api/agreements", "The coordinator writes a new agreement with a hospital: version 1, a draft, until she activates it.",
            new DraftAgreement(HospitalId, "Ziekenhuis Hart van Brabant", "Verwijs- en terugverwijsafspraak fractuurpreventie", AgreementsSeeding.RegionalDefault), Draft,
            [Problem.Invalid(new Dictionary<string, string[]> { ["content.schedule.adherenceCheckMonths"] = ["Controles: oplopende aantallen maanden na de start, alle vóór de evaluatie."] })]),
        new("GET", "/api/agreements/{id}", "One agreement with every version (draft, active, superseded) and the practices with the version each joined.",
            null, Joined, [Unknown]),
        new("POST", "/api/agreements/{id}/versions", "The coordinator drafts the next version (one draft at a time).",
            new DraftAgreementVersion(AgreementsSeeding.RegionalDefault with { Schedule = FollowUpSchedule.Default with { HeightEveryMonths = 12 } }),
            InForce with { Versions = [.. InForce.Versions, new AgreementVersion(2, AgreementVersionStatus.Draft, AgreementsSeeding.RegionalDefault, Drafted.AddMonths(3), null)] },
            [Unknown, Problem.Conflict("Versie 2 is nog een concept; activeer of wijzig die eerst.")]),
        new("POST", "/api/agreements/{id}/versions/{version}/activate", "The coordinator brings a draft into force; the version in force before is superseded. Practices stay on their version until they join the new one; referrals keep the version they were made under.",
            null, InForce, [Unknown, Problem.Conflict("Een vervangen versie kan niet opnieuw van kracht worden; maak een nieuwe versie.")]),
        new("POST", "/api/agreements/{id}/versions/{version}/join", "A GP joins the version in force for her practice; its referrals and follow-up plans with this hospital use its terms from then on.",
            null, Joined, [Unknown, Problem.Conflict("U kunt alleen deelnemen aan de versie die van kracht is.")]),
    ]);
}
