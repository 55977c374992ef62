using Schakel.SocialMap.Directory;
using Schakel.SocialMap.Freshness;

namespace Schakel.SocialMap.Tests.Freshness;

public sealed class KeepingEntriesFresh
{
    private static readonly TimeSpan Interval = TimeSpan.FromDays(14);

    private static DateTimeOffset Utc(int year, int month, int day, int hour = 10) => new(year, month, day, hour, 0, 0, TimeSpan.Zero);

    [Fact]
    public void an_entry_becomes_stale_six_calendar_months_after_it_was_verified_to_the_second()
    {
        var verified = Utc(2026, 3, 15);

        Assert.False(SocialMap.Freshness.Freshness.IsStale(verified, Utc(2026, 9, 15).AddSeconds(-1)));
        Assert.True(SocialMap.Freshness.Freshness.IsStale(verified, Utc(2026, 9, 15)));
        Assert.True(SocialMap.Freshness.Freshness.IsStale(verified, Utc(2026, 9, 16)));
    }

    [Theory]
    [InlineData(2026, 2027, 28)]
    [InlineData(2027, 2028, 29)]
    public void verified_on_31_august_it_is_stale_on_the_last_day_of_february(int verifiedIn, int staleIn, int lastDayOfFebruary)
    {
        var verified = Utc(verifiedIn, 8, 31);

        Assert.Equal(Utc(staleIn, 2, lastDayOfFebruary), SocialMap.Freshness.Freshness.StaleFrom(verified));
        Assert.False(SocialMap.Freshness.Freshness.IsStale(verified, Utc(staleIn, 2, lastDayOfFebruary - 1)));
        Assert.True(SocialMap.Freshness.Freshness.IsStale(verified, Utc(staleIn, 2, lastDayOfFebruary)));
    }

    [Fact]
    public void the_query_bound_for_stale_entries_misses_none_at_any_month_end()
    {
        // Two years of "now" in 6-hour steps against verification moments around the six-month mark.
        for (var now = Utc(2027, 1, 1, 0); now < Utc(2029, 1, 1, 0); now = now.AddHours(6))
        {
            var bound = SocialMap.Freshness.Freshness.MayBeStaleBefore(now);
            for (var verified = now.AddMonths(-6).AddDays(-4); verified <= now.AddMonths(-6).AddDays(5); verified = verified.AddHours(3))
            {
                if (SocialMap.Freshness.Freshness.IsStale(verified, now))
                {
                    Assert.True(verified <= bound, $"Verified {verified:O} is stale at {now:O} but after the query bound {bound:O}.");
                }
            }
        }
    }

    [Fact]
    public void the_stale_list_and_the_reminders_leave_a_location_alone_once_it_is_verified_again()
    {
        var location = ListingATherapistLocation.AListedLocation();
        var sevenMonthsLater = ListingATherapistLocation.Now.AddMonths(7);

        Assert.True(StaleReminders.IsDue(location, sevenMonthsLater, Interval));
        var verified = location.Apply(new TherapistLocationVerified(location.Id, ListingATherapistLocation.Coordinator, sevenMonthsLater));
        Assert.False(StaleReminders.IsDue(verified, sevenMonthsLater, Interval));
        Assert.True(StaleReminders.IsDue(verified, sevenMonthsLater.AddMonths(6), Interval));
    }

    [Fact]
    public void a_stale_provider_is_reminded_once_per_interval()
    {
        var location = ListingATherapistLocation.AListedLocation();
        var stale = ListingATherapistLocation.Now.AddMonths(6);
        var reminded = location.Apply(new ProviderLinkSent(location.Id, Guid.CreateVersion7(), "info@fysio.example.nl", ProviderLinkReason.Stale,
            stale.AddDays(30), ProviderLinkSending.SystemAuthor, stale));

        Assert.False(StaleReminders.IsDue(location, stale.AddSeconds(-1), Interval));
        Assert.True(StaleReminders.IsDue(location, stale, Interval));
        Assert.False(StaleReminders.IsDue(reminded, stale.AddDays(14).AddSeconds(-1), Interval));
        Assert.True(StaleReminders.IsDue(reminded, stale.AddDays(14), Interval));
    }

    [Fact]
    public void a_link_the_coordinator_sent_recently_counts_as_asking()
    {
        var location = ListingATherapistLocation.AListedLocation();
        var stale = ListingATherapistLocation.Now.AddMonths(6).AddDays(1);
        var asked = location.Apply(new ProviderLinkSent(location.Id, Guid.CreateVersion7(), "info@fysio.example.nl", ProviderLinkReason.Requested,
            stale.AddDays(30), ListingATherapistLocation.Coordinator, stale.AddDays(-2)));

        Assert.False(StaleReminders.IsDue(asked, stale, Interval));
    }

    [Fact]
    public void a_location_without_an_email_address_or_retired_is_never_reminded()
    {
        var withoutEmail = ListingATherapistLocation.AListedLocation(ListingATherapistLocation.ARequest() with { Email = null });
        var location = ListingATherapistLocation.AListedLocation();
        var retired = location.Apply(new TherapistLocationRetired(location.Id, "Gesloten", ListingATherapistLocation.Coordinator, ListingATherapistLocation.Now.AddDays(1)));
        var muchLater = ListingATherapistLocation.Now.AddYears(2);

        Assert.False(StaleReminders.IsDue(withoutEmail, muchLater, Interval));
        Assert.False(StaleReminders.IsDue(retired, muchLater, Interval));
    }
}
