using Schakel.BuildingBlocks.Api;
using Schakel.BuildingBlocks.Problems;

namespace Schakel.Referral.FallsPrevention;

/// <summary>The OpenAPI examples of the falls-prevention referral routes.</summary>
public static class FallsPreventionApiExamples
{
    private static readonly DateTimeOffset Made = new(2026, 11, 23, 10, 0, 0, TimeSpan.FromHours(1));

    private static readonly FallsPreventionView Referred = new(
        Guid.Parse("019a9000-0000-7000-8000-0000000d0001"), FallsPreventionStatus.Referred, "Fysiotherapie De Balans", "In Balans", "Valt vaak 's nachts.",
        "HIS-4711", "pt-bcdfghjklmnpqrstbcdfghj", "Dr. A. de Vries", Made, null, null);

    public static readonly ApiExamples All = new(
    [
        new("GET", "/api/referral/falls-prevention-providers",
            "The falls-prevention locations of the social map a GP can refer to (the Referral module's own copy), optionally for one offer.",
            null,
            new[]
            {
                new FallsPreventionProvider(Guid.Parse("019a9000-0000-7000-8000-0000000c0101"), "Fysiotherapie De Balans", "5038 AB", "Tilburg", "Tilburg",
                    [SocialMap.Contracts.TherapistDiscipline.Physiotherapist], [SocialMap.Contracts.FallsPreventionOffer.InBalans], Made.AddDays(-60), "praktijk@debalans.example.nl"),
            },
            []),
        new("POST", "/api/referral/falls-prevention",
            "Refers a patient of the caller's practice to a falls-prevention location of the social map. The location gets an e-mail without patient data with a signed, expiring, single-use link to confirm the intake, and later a second one to report the end of treatment.",
            new ReferToFallsPrevention(Guid.Parse("019a9000-0000-7000-8000-0000000c0101"), "HIS-4711", true, "In Balans", "Valt vaak 's nachts."), Referred,
            [
                Problem.Invalid(new Dictionary<string, string[]> { ["consentRecorded"] = ["Leg vast dat de patiënt toestemming gaf voor de verwijzing."] }),
                Problem.Conflict("Deze praktijk heeft geen e-mailadres op de sociale kaart; verwijs haar op een andere manier."),
            ]),
        new("GET", "/api/referral/falls-prevention", "The practice's falls-prevention referrals, newest first.", null, new[] { Referred }, []),
        new("GET", "/api/referral/falls-prevention/{id}", "One falls-prevention referral with the therapist's intake and report.",
            null,
            Referred with
            {
                Status = FallsPreventionStatus.TreatmentEnded,
                Intake = new FallsPreventionIntakeConfirmed(Referred.Id, Guid.Parse("019a9000-0000-7000-8000-0000000d0101"), new DateOnly(2026, 12, 1), "J. van Dam", null, Guid.Parse("019a9000-0000-7000-8000-0000000d0102"), Made.AddDays(8)),
                Report = new FallsPreventionTreatmentEnded(Referred.Id, Guid.Parse("019a9000-0000-7000-8000-0000000d0102"), new DateOnly(2027, 2, 16), 10, "Valangst minder, balans en kracht beter.", "Blijven bewegen; thuis de oefeningen.", Made.AddDays(85)),
            },
            [Problem.NotFound(FallsPreventionReferrals.NotVisible)]),
    ]);
}
