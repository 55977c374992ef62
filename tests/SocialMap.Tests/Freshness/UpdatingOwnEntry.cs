using FluentValidation;
using Microsoft.AspNetCore.Mvc;
using Schakel.BuildingBlocks.Identifiers;
using Schakel.SocialMap.Contracts;
using Schakel.SocialMap.Directory;
using Schakel.SocialMap.Freshness;

namespace Schakel.SocialMap.Tests.Freshness;

public sealed class UpdatingOwnEntry
{
    private static readonly DateTimeOffset Later = ListingATherapistLocation.Now.AddMonths(7);
    private static readonly IValidator<TherapistLocationEntry> Validator = new TherapistLocationEntry.Validator(ListingATherapistLocation.Areas);

    /// <summary>A listed location with an open link, and that link.</summary>
    private static (TherapistLocation Location, ProviderLink Link) WithOpenLink()
    {
        var location = ListingATherapistLocation.AListedLocation();
        var link = new ProviderLink(location.Id, Guid.CreateVersion7(), Later.AddDays(30));
        var (sent, _) = ProviderLinkSending.Decide(location, link, ProviderLinkReason.Stale, ProviderLinkSending.SystemAuthor, Later);
        return (location.Apply(sent!), link);
    }

    private static (object? Change, ProblemDetails? Problem) Revise(TherapistLocation location, ProviderLink link, LocationForm form) =>
        SocialMap.Freshness.UpdateOwnEntry.Revise(location, link, form, Validator, ListingATherapistLocation.Areas, Later);

    [Fact]
    public void the_form_shows_the_entry_as_it_is_and_unchanged_states_it_again()
    {
        var (location, _) = WithOpenLink();

        var form = LocationForm.Of(location.Details);

        Assert.Equal(location.Details.Therapists.Count + LocationForm.EmptyTherapistRows, form.Therapists.Count);
        Assert.Empty(DetailsChanges.Between(location.Details, form.ToEntry(location.Details).ToDetails()));
    }

    [Fact]
    public void the_provider_confirms_her_entry_once_with_her_link()
    {
        var (location, link) = WithOpenLink();

        var verified = Assert.IsType<TherapistLocationVerified>(SocialMap.Freshness.UpdateOwnEntry.Verify(location, link, Later).Change);

        Assert.Equal((EntrySource.Provider, link.LinkId, Later), (verified.By.Source, verified.ByLinkId, verified.VerifiedAt));
        var after = location.Apply(verified);
        Assert.Equal(Later, after.LastVerifiedAt);
        Assert.Equal(410, SocialMap.Freshness.UpdateOwnEntry.Verify(after, link, Later).Problem!.Status);
        Assert.Equal(410, Revise(after, link, LocationForm.Of(after.Details)).Problem!.Status);
    }

    [Fact]
    public void a_changed_waiting_time_revises_and_verifies_the_entry_and_keeps_name_and_address()
    {
        var (location, link) = WithOpenLink();
        var form = LocationForm.Of(location.Details);
        form.WaitingWeeks = 6;
        form.Specialisations = " Geriatriefysiotherapie \n\n Osteoporose ";

        var revised = Assert.IsType<TherapistLocationRevised>(Revise(location, link, form).Change);

        Assert.Equal((EntrySource.Provider, link.LinkId), (revised.By.Source, revised.ByLinkId));
        Assert.Equal(6, revised.Details.WaitingWeeks);
        Assert.Equal(["Geriatriefysiotherapie", "Osteoporose"], revised.Details.Specialisations);
        Assert.Equal((location.Details.PracticeName, location.Details.Address), (revised.Details.PracticeName, revised.Details.Address));
        var after = location.Apply(revised);
        Assert.Equal((Later, (Guid?)null), (after.LastVerifiedAt, after.OpenLinkId));
    }

    [Fact]
    public void an_empty_row_drops_a_therapist_and_a_filled_one_adds_one()
    {
        var (location, link) = WithOpenLink();
        var form = LocationForm.Of(location.Details);
        form.Therapists[0] = new TherapistRow();
        form.Therapists[^1] = new TherapistRow { Name = "Ceren Yilmaz", Discipline = TherapistDiscipline.OccupationalTherapist, AgbCode = "04000003" };

        var revised = Assert.IsType<TherapistLocationRevised>(Revise(location, link, form).Change);

        Assert.Equal(["Bram Janssen", "Ceren Yilmaz"], revised.Details.Therapists.Select(t => t.Name));
    }

    [Fact]
    public void bad_fields_are_refused_with_dutch_messages_next_to_the_rows_the_provider_filled()
    {
        var (location, link) = WithOpenLink();
        var form = LocationForm.Of(location.Details);
        form.Email = "geen-adres";
        form.WaitingWeeks = 300;
        form.Therapists[0] = new TherapistRow();
        form.Therapists[2] = new TherapistRow { Name = "Zonder BIG", Discipline = TherapistDiscipline.Physiotherapist, AgbCode = "04000004" };

        var (change, problem) = Revise(location, link, form);

        Assert.Null(change);
        var errors = Assert.IsType<ValidationProblemDetails>(problem).Errors;
        Assert.Equal(["Vul een geldig e-mailadres in."], errors["Email"]);
        Assert.Equal("Form.Email", form.ProviderFieldOf("Email", "Form"));
        Assert.Equal("Form.WaitingWeeks", form.ProviderFieldOf("WaitingWeeks", "Form"));
        // The third row on the form is the second therapist of the entry.
        var big = Assert.Single(errors, e => e.Key.StartsWith("Therapists[", StringComparison.Ordinal)).Key;
        Assert.Equal("Therapists[1].BigNumber", big);
        Assert.Equal("Form.Therapists[2].BigNumber", form.ProviderFieldOf(big, "Form"));
        Assert.Equal("Form.Offers", form.ProviderFieldOf("Offers[0]", "Form"));
        Assert.Equal("", form.ProviderFieldOf("Postcode", "Form"));
    }

    [Fact]
    public void a_location_gets_no_link_without_an_email_address_or_once_retired()
    {
        var withoutEmail = ListingATherapistLocation.AListedLocation(ListingATherapistLocation.ARequest() with { Email = null });
        var location = ListingATherapistLocation.AListedLocation();
        var retired = location.Apply(new TherapistLocationRetired(location.Id, "Gesloten", ListingATherapistLocation.Coordinator, Later));

        Assert.Equal(409, ProviderLinkSending.Decide(withoutEmail, new(withoutEmail.Id, Guid.CreateVersion7(), Later), ProviderLinkReason.Requested,
            ListingATherapistLocation.Coordinator, Later).Problem!.Status);
        Assert.Equal(409, ProviderLinkSending.Decide(retired, new(retired.Id, Guid.CreateVersion7(), Later), ProviderLinkReason.Requested,
            ListingATherapistLocation.Coordinator, Later).Problem!.Status);
    }

    [Fact]
    public void the_email_names_the_practice_and_the_link_and_nothing_of_the_entry()
    {
        var location = ListingATherapistLocation.AListedLocation(ListingATherapistLocation.ARequest() with { PracticeName = "Fysio <Balans> & Co" });
        var link = new Uri("https://schakel.example.nl/sociale-kaart/bijwerken/CfDJ8abc");

        var stale = ProviderLinkMail.For(location, ProviderLinkReason.Stale, link, new DateTimeOffset(2027, 1, 5, 12, 0, 0, TimeSpan.Zero));
        var requested = ProviderLinkMail.For(location, ProviderLinkReason.Requested, link, new DateTimeOffset(2027, 1, 5, 12, 0, 0, TimeSpan.Zero));

        Assert.Equal("info@fysio.example.nl", stale.ToAddress);
        Assert.Equal("Sociale kaart valpreventie: klopt uw vermelding nog?", stale.Subject);
        Assert.Contains("sinds 23 november 2026 niet meer bevestigd", stale.TextBody, StringComparison.Ordinal);
        Assert.Contains("geldig tot en met 5 januari 2027", stale.TextBody, StringComparison.Ordinal);
        Assert.Contains(link.AbsoluteUri, stale.TextBody, StringComparison.Ordinal);
        Assert.Contains("Fysio &lt;Balans&gt; &amp; Co", stale.HtmlBody, StringComparison.Ordinal);
        Assert.DoesNotContain("<Balans>", stale.HtmlBody, StringComparison.Ordinal);
        Assert.Contains("De coördinator van de sociale kaart valpreventie vraagt u", requested.TextBody, StringComparison.Ordinal);
        foreach (var mail in new[] { stale, requested })
        {
            var all = mail.Subject + mail.TextBody + mail.HtmlBody;
            Assert.DoesNotContain("Anouk de Vries", all, StringComparison.Ordinal);
            Assert.DoesNotContain("013-5441234", all, StringComparison.Ordinal);
            Assert.False(CareIdentifiers.ContainsBsn(all));
        }
    }
}
