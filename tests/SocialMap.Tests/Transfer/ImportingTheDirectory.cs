using Schakel.BuildingBlocks.Files;
using Schakel.SocialMap.Contracts;
using Schakel.SocialMap.Directory;
using Schakel.SocialMap.Transfer;
using static Schakel.SocialMap.Tests.ListingATherapistLocation;
using static Schakel.SocialMap.Tests.Transfer.CsvFiles;

namespace Schakel.SocialMap.Tests.Transfer;

public sealed class ImportingTheDirectory
{
    private static readonly EntryAuthor Importer = new(EntrySource.Import, Guid.CreateVersion7(), "Coördinator Sanne");

    private static ImportPlan Decide(string text, bool validOnly = false, params TherapistLocation[] onTheMap) =>
        ImportDirectoryEndpoint.Decide(Read(text), onTheMap.ToDictionary(l => l.Id), validOnly, Areas, Importer, Now);

    [Fact]
    public void new_rows_are_listed_by_the_importing_coordinator()
    {
        var plan = Decide(AFile(AValidRow(), AValidRow((DirectoryCsv.PracticeName, "Ergotherapie Noord"),
            (DirectoryCsv.Therapists, "Fleur Hendriks|OccupationalTherapist|26000001"), (DirectoryCsv.Offers, "HomeSafetyAssessment"))));

        Assert.False(plan.Refused);
        Assert.Empty(plan.Errors);
        var listed = plan.Steps.Select(s => Assert.IsType<TherapistLocationListed>(s.Change)).ToList();
        Assert.Equal(["Fysiotherapie De Reeshof", "Ergotherapie Noord"], listed.Select(l => l.Details.PracticeName));
        Assert.All(listed, l => Assert.Equal((Importer, Now, "Tilburg"), (l.By, l.ListedAt, l.Place.Municipality)));
        Assert.Equal(listed.Select(l => (Guid?)l.LocationId), plan.Steps.Select(s => s.LocationId));
        var summary = plan.Summary();
        Assert.Equal((2, 2, 0, 0, 0), (summary.RowsRead, summary.Listed, summary.Revised, summary.Unchanged, summary.Skipped));
        Assert.Equal([new ImportedRow(2, ImportOutcome.Listed, listed[0].LocationId), new ImportedRow(3, ImportOutcome.Listed, listed[1].LocationId)], summary.Rows);
        Assert.Empty(summary.Errors);
    }

    [Fact]
    public void a_row_with_the_id_of_a_location_on_the_map_revises_it_and_an_identical_row_records_nothing()
    {
        var changed = AListedLocation();
        var same = AListedLocation(ARequest(postcode: "5042 AB"));
        var sameRow = AValidRow(
            (DirectoryCsv.Id, same.Id.ToString()), (DirectoryCsv.PracticeName, same.Details.PracticeName), (DirectoryCsv.Postcode, "5042 AB"),
            (DirectoryCsv.Therapists, "Anouk de Vries|Physiotherapist|04000001|19012345601;Bram Janssen|Physiotherapist|04000002|19012345602"),
            (DirectoryCsv.Offers, "InBalans;Otago"), (DirectoryCsv.HomeVisits, "nee"), (DirectoryCsv.Languages, ""),
            (DirectoryCsv.FundingRoutes, ""), (DirectoryCsv.ContractedInsurers, ""), (DirectoryCsv.WaitingWeeks, ""));

        var plan = Decide(AFile(AValidRow((DirectoryCsv.Id, changed.Id.ToString())), sameRow), false, changed, same);

        Assert.False(plan.Refused);
        Assert.Equal([ImportOutcome.Revised, ImportOutcome.Unchanged], plan.Steps.Select(s => s.Outcome));
        var revised = Assert.IsType<TherapistLocationRevised>(plan.Steps[0].Change);
        Assert.Equal((changed.Id, Importer, Now), (revised.LocationId, revised.By, revised.RevisedAt));
        Assert.Equal([FallsPreventionOffer.InBalans, FallsPreventionOffer.VallenVerledenTijd], revised.Details.Offers);
        Assert.Null(plan.Steps[1].Change);
        Assert.Equal(same.Id, plan.Steps[1].LocationId);
    }

    [Fact]
    public void an_id_not_on_the_map_or_of_a_retired_location_is_an_error_of_its_row()
    {
        var retired = AListedLocation().Apply(new TherapistLocationRetired(Guid.Empty, "Gesloten", Coordinator, Now));

        var plan = Decide(AFile(AValidRow((DirectoryCsv.Id, Guid.CreateVersion7().ToString())), AValidRow((DirectoryCsv.Id, retired.Id.ToString()))),
            false, retired);

        Assert.True(plan.Refused);
        Assert.Equal(
            [("row 2: id", "Er staat geen locatie met dit id op de sociale kaart. Laat het id leeg voor een nieuwe locatie."),
             ("row 3: id", LocationCommands.Retired)],
            plan.Errors.Select(e => (e.Key, e.Message)));
    }

    [Fact]
    public void one_bad_row_refuses_the_whole_file_with_every_error()
    {
        var plan = Decide(AFile(AValidRow(), AValidRow((DirectoryCsv.Postcode, "12345"), (DirectoryCsv.Offers, "Yoga")), AValidRow()));

        Assert.True(plan.Refused);
        Assert.Equal(["row 3: offers", "row 3: postcode"], plan.Errors.Select(e => e.Key));
        var problem = plan.Problem();
        Assert.Equal(400, problem.Status);
        Assert.Equal("1 van de 3 rijen hebben fouten; er is niets geïmporteerd. Verbeter die rijen, of importeer alleen de goede rijen.", problem.Detail);
        Assert.Equal(["Vul een postcode in zoals 5042 AB."], problem.Errors["row 3: postcode"]);
    }

    [Fact]
    public void asked_for_only_the_valid_rows_the_bad_ones_are_skipped_with_their_errors()
    {
        var plan = Decide(AFile(AValidRow(), AValidRow((DirectoryCsv.Postcode, "12345")), AValidRow()), validOnly: true);

        Assert.False(plan.Refused);
        Assert.Equal([ImportOutcome.Listed, ImportOutcome.Skipped, ImportOutcome.Listed], plan.Steps.Select(s => s.Outcome));
        Assert.Null(plan.Steps[1].Change);
        var summary = plan.Summary();
        Assert.Equal((3, 2, 0, 0, 1), (summary.RowsRead, summary.Listed, summary.Revised, summary.Unchanged, summary.Skipped));
        Assert.Equal(["Vul een postcode in zoals 5042 AB."], summary.Errors["row 3: postcode"]);
    }

    [Fact]
    public void a_file_that_cannot_be_read_is_refused_even_when_only_valid_rows_are_asked_for()
    {
        var plan = Decide("postocde\r\n5038 AB\r\n", validOnly: true);

        Assert.True(plan.Refused);
        Assert.Empty(plan.Steps);
        Assert.Equal("Het bestand kan niet worden gelezen; er is niets geïmporteerd.", plan.Problem().Detail);
        Assert.All(plan.Problem().Errors.Keys, k => Assert.Equal("row 1", k));
    }
}
