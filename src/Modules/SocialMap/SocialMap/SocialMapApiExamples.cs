using Schakel.BuildingBlocks.Api;
using Schakel.BuildingBlocks.Problems;
using Schakel.SocialMap.Contracts;
using Schakel.SocialMap.Coverage;
using Schakel.SocialMap.Directory;
using Schakel.SocialMap.Freshness;
using Schakel.SocialMap.Search;
using Schakel.SocialMap.Transfer;

namespace Schakel.SocialMap;

/// <summary>The OpenAPI examples of the social-map routes.</summary>
public static class SocialMapApiExamples
{
    private static readonly DateTimeOffset Listed = new(2026, 6, 2, 10, 0, 0, TimeSpan.FromHours(2));
    private static readonly Guid Id = Guid.Parse("019a9000-0000-7000-8000-0000000e0001");

    private static readonly TherapistLocationEntry Entry = new(
        "Fysiotherapie De Balans", "04123456", "Ringbaan-Noord", "120", "5042 AB", "Tilburg", "013-5441234", "praktijk@debalans.example.nl",
        [new TherapistEntry("A. de Vries", TherapistDiscipline.Physiotherapist, "04000001", "19012345601"),
         new TherapistEntry("C. Smits", TherapistDiscipline.OccupationalTherapist, "04000003", null)],
        [FallsPreventionOffer.VallenVerledenTijd, FallsPreventionOffer.HomeSafetyAssessment],
        LocationAgbCode: "04123457", Website: "https://debalans.example.nl", Specialisations: ["Geriatriefysiotherapie"],
        Certificates: ["Osteoporose en vallen"], HomeVisits: true, Languages: ["nl", "tr"], WheelchairAccessible: true,
        FundingRoutes: [FundingRoute.BasicInsurance, FundingRoute.Municipality], ContractedInsurers: ["CZ", "VGZ"], AcceptingPatients: true, WaitingWeeks: 2);

    private static readonly LocationView View = new(
        Id, Entry.PracticeName, Entry.PracticeAgbCode, Entry.LocationAgbCode, new LocationAddress(Entry.Street, Entry.HouseNumber, "5042 AB", "Tilburg"),
        "Tilburg", 51.5712, 5.0545, Entry.Phone, Entry.Email, Entry.Website,
        [new Therapist("A. de Vries", TherapistDiscipline.Physiotherapist, "04000001", "19012345601"), new Therapist("C. Smits", TherapistDiscipline.OccupationalTherapist, "04000003", null)],
        [TherapistDiscipline.Physiotherapist, TherapistDiscipline.OccupationalTherapist], Entry.Offers, Entry.Specialisations!, Entry.Certificates!, true, ["nl", "tr"], true,
        Entry.FundingRoutes!, Entry.ContractedInsurers!, true, 2, Listed, Listed, false, null);

    private static readonly Microsoft.AspNetCore.Mvc.ProblemDetails NotFound = Problem.NotFound(LocationCommands.NotFound);
    private static readonly Microsoft.AspNetCore.Mvc.ProblemDetails Retired = Problem.Conflict(LocationCommands.Retired);

    public static readonly ApiExamples All = new(
    [
        new("GET", "/api/socialmap/search",
            "Searches falls-prevention locations from the centre of a postcode area (`postcode`: 5042 or 5042 AB; the four digits are used) within `radiusKm` (1-100, default 10). "
            + "Filters: `discipline` (Physiotherapist, ExerciseTherapist, OccupationalTherapist), `offer` (InBalans, VallenVerledenTijd, Otago, BalanceAndStrengthTraining, FearOfFalling, HomeSafetyAssessment), "
            + "`funding` (BasicInsurance, Municipality, SupplementaryInsurance, SelfPay), `homeVisits`, `language` (nl, en, tr, ar, ...), `accepting` (true/false). "
            + "Nearest first (as the crow flies between PC4 centres, to 100 m; then accepting patients, shortest wait, fresh before stale, name); `page` from 1, `pageSize` 1-100 (default 20). "
            + "`stale` marks an entry not verified for six months.",
            null,
            new SearchResults(new SearchOrigin("5042", "Tilburg", 51.5712, 5.0545), 10, 1, 20, 1,
            [
                new SearchHit(Id, 0.0, 51.5712, 5.0545, Listed, false,
                    new SearchHitSummary(View.PracticeName, View.Address, "Tilburg", View.Phone, View.Email, View.Website, View.Disciplines, View.Offers, View.Specialisations,
                        true, View.Languages, true, View.FundingRoutes, true, 2)),
            ]),
            [
                Problem.Invalid(new Dictionary<string, string[]> { ["postcode"] = ["Postcode 1000 kennen we niet. Controleer de cijfers, of zoek vanaf een postcode in de buurt."] },
                    "De zoekopdracht is niet goed ingevuld."),
            ]),
        new("GET", "/api/socialmap/locations/{id}", "One location with all its details and how fresh its entry is (a retired location has `retiredAt`).", null, View, [NotFound]),
        new("POST", "/api/socialmap/locations",
            "Puts a location on the social map (coordinator). The postcode places it at its PC4 area's centre; physiotherapists need their BIG number, exercise and occupational therapists have none. "
            + "Omitted optional fields mean: no home visits, Dutch, accepting patients.",
            Entry, View,
            [Problem.Invalid(new Dictionary<string, string[]> { ["postcode"] = ["Deze postcode komt niet voor in Nederland."], ["therapists[0].bigNumber"] = ["Een fysiotherapeut staat in het BIG-register: vul het BIG-nummer in."] })]),
        new("PUT", "/api/socialmap/locations/{id}",
            "Replaces a location's entry (coordinator); the history records which parts changed. An identical entry records nothing. Does not renew the verification date (POST .../verify does).",
            Entry with { WaitingWeeks = 4 }, View with { WaitingWeeks = 4 },
            [NotFound, Retired, Problem.Invalid(new Dictionary<string, string[]> { ["waitingWeeks"] = ["De wachttijd ligt tussen 0 en 104 weken."] })]),
        new("POST", "/api/socialmap/locations/{id}/verify", "Records that the entry is still right, for example after the coordinator called the practice; it is fresh again for six months.",
            null, View, [NotFound, Retired]),
        new("POST", "/api/socialmap/locations/{id}/retire", "Takes a location off the map (closed, no longer offers falls prevention, a duplicate). It is no longer found or referred to; its history stays.",
            new RetireTherapistLocation("Praktijk gesloten per 1 januari"), View with { RetiredAt = Listed.AddMonths(5) },
            [NotFound, Problem.Conflict("Deze locatie is al van de sociale kaart gehaald."), Problem.Invalid(new Dictionary<string, string[]> { ["reason"] = ["Geef aan waarom de locatie van de kaart gaat."] })]),
        new("GET", "/api/socialmap/locations/{id}/history", "Every step of an entry, oldest first: listed, revised (with the parts that changed), verified, provider link sent, retired, with who did it.",
            null,
            new[]
            {
                new LocationHistoryEntry(1, Listed, "listed", "Op de sociale kaart gezet", "R. Coördinator", EntrySource.Coordinator, []),
                new LocationHistoryEntry(2, Listed.AddMonths(2), "revised", "Gewijzigd en bevestigd door de aanbieder", "Fysiotherapie De Balans", EntrySource.Provider, ["wachttijd"]),
            },
            [NotFound]),
        new("GET", "/api/socialmap/stale", "Entries not verified for six months or more, longest unverified first, with when their provider was last asked to confirm (coordinator).",
            null,
            new[] { new StaleLocation(Id, View.PracticeName, "5042 AB", "Tilburg", View.Email, Listed, Listed.AddMonths(6), Listed.AddMonths(6).AddDays(1)) },
            []),
        new("POST", "/api/socialmap/locations/{id}/provider-link",
            "E-mails the location (at the address on its entry) a signed link to its own entry, to confirm it or change it without an account (coordinator). "
            + "The link works once, until it expires (30 days), and a newer link replaces it; the e-mail names the practice and nothing else. The answer never holds the link.",
            null, new ProviderLinkSentView(Id, Entry.Email!, ProviderLinkReason.Requested, Listed.AddMonths(3), Listed.AddMonths(3).AddDays(30)),
            [NotFound, Retired, Problem.Conflict(ProviderLinkSending.NoEmail)]),
        new("POST", "/api/socialmap/stale/remind",
            "E-mails the providers of stale entries a link to confirm them, now rather than at the next hourly round (coordinator): those with an e-mail address whose provider "
            + "was not sent a link in the last 14 days, longest unverified first, 50 at a time (`more`: the rest follows in the background). Answers how many were sent; "
            + "a second call within the interval sends none.",
            null, new StaleRemindersSent(2, false), []),
        new("GET", "/api/socialmap/export",
            "The whole social map as CSV (UTF-8 with byte-order mark, comma-separated, RFC 4180 quoting), one row per location on the map, in the format the import reads "
            + "(see docs/modules.md, \"Social map CSV\"): lists separated by `;`, therapists as `name|discipline|agb|big`, booleans `ja`/`nee`. Coordinator only.",
            null, null, []),
        new("POST", "/api/socialmap/import",
            "Imports a CSV file (a `text/csv` body or multipart field `file`, at most 5 MB). Every row is checked with the same rules as POST /api/socialmap/locations. "
            + "A row without `id` lists a new location, a row with a known `id` revises it (unchanged rows record nothing). When any row is wrong, nothing is stored and the "
            + "problem lists every error by row (`row 3: postcode`, the header is row 1); with `?validOnly=true` the good rows are imported and the bad ones reported as skipped. Coordinator only.",
            null,
            new ImportSummary(3, 1, 1, 0, 1,
                [new ImportedRow(2, ImportOutcome.Listed, Id), new ImportedRow(3, ImportOutcome.Revised, Guid.Parse("019a9000-0000-7000-8000-0000000e0002")), new ImportedRow(4, ImportOutcome.Skipped, null)],
                new Dictionary<string, string[]> { ["row 4: postcode"] = ["Deze postcode komt niet voor in Nederland."] }),
            [
                Problem.Invalid(new Dictionary<string, string[]> { ["row 4: postcode"] = ["Deze postcode komt niet voor in Nederland."], ["row 7"] = ["Deze rij heeft 19 cellen; de kopregel 21."] },
                    "2 rijen bevatten fouten; er is niets geïmporteerd."),
                Problem.TooLarge("Het bestand is groter dan 5 MB."),
                Problem.UnsupportedMediaType("Stuur het bestand als text/csv, of als formulier (multipart/form-data) in het veld 'file'."),
            ]),
        new("GET", "/api/socialmap/coverage", "Per municipality: the locations on the map, how many offer each discipline, and how many entries are stale.",
            null, new[] { new MunicipalityCoverage("Tilburg", 12, 9, 3, 2, 1) }, []),
    ]);
}
