using Schakel.Host.Notifications.Centre;
using Schakel.Host.Notifications.Preferences;

namespace Schakel.Platform.Tests;

/// <summary>When a person's daily digest is due: her chosen Dutch time, once a day, across the changes of summer time.</summary>
public sealed class DueDigests
{
    private static readonly NotificationPreferences Digest = NotificationPreferences.For(Guid.CreateVersion7()) with
    {
        Choices = new() { [NotificationKinds.ConsultationAnswered] = DeliveryChoice.EmailDigest },
        DigestAt = new TimeOnly(7, 30),
    };

    [Theory]
    [InlineData("2027-01-15T06:29:59+00:00", false)] // 07:29:59 winter time
    [InlineData("2027-01-15T06:30:00+00:00", true)]
    [InlineData("2027-07-15T05:29:00+00:00", false)] // 07:29 summer time
    [InlineData("2027-07-15T05:30:00+00:00", true)]
    [InlineData("2027-03-28T05:30:00+00:00", true)] // the day the clocks go forward: 07:30 is already summer time
    [InlineData("2027-03-28T06:29:00+00:00", true)]
    [InlineData("2027-10-31T06:29:00+00:00", false)] // the day they go back: 07:30 is winter time again
    [InlineData("2027-10-31T06:30:00+00:00", true)]
    public void it_is_due_from_her_chosen_dutch_time(string now, bool due) =>
        Assert.Equal(due, DigestRule.DueDay(Digest, DateTimeOffset.Parse(now, System.Globalization.CultureInfo.InvariantCulture)) is not null);

    [Fact]
    public void once_handled_it_is_not_due_again_that_day_but_is_the_next()
    {
        var sent = new DateTimeOffset(2027, 3, 27, 7, 31, 0, TimeSpan.FromHours(1));
        var handled = Digest with { LastDigestAt = sent };

        Assert.Null(DigestRule.DueDay(handled, sent.AddHours(12)));
        Assert.Null(DigestRule.DueDay(handled, new DateTimeOffset(2027, 3, 28, 7, 29, 0, TimeSpan.FromHours(2))));
        Assert.Equal(new DateOnly(2027, 3, 28), DigestRule.DueDay(handled, new DateTimeOffset(2027, 3, 28, 7, 30, 0, TimeSpan.FromHours(2))));
    }

    [Fact]
    public void the_day_is_the_dutch_day_not_the_utc_day()
    {
        var lateEvening = Digest with { DigestAt = new TimeOnly(23, 30) };

        // 23:45 Dutch summer time is 21:45 UTC; 00:15 on the next Dutch day is still the previous UTC day.
        Assert.Equal(new DateOnly(2027, 7, 15), DigestRule.DueDay(lateEvening, new DateTimeOffset(2027, 7, 15, 21, 45, 0, TimeSpan.Zero)));
        Assert.Null(DigestRule.DueDay(lateEvening with { LastDigestAt = new DateTimeOffset(2027, 7, 15, 21, 45, 0, TimeSpan.Zero) }, new DateTimeOffset(2027, 7, 15, 22, 15, 0, TimeSpan.Zero)));
    }

    [Fact]
    public void a_time_that_does_not_exist_moves_on_and_a_time_that_happens_twice_is_the_first()
    {
        Assert.Equal(new DateTimeOffset(2027, 3, 28, 3, 30, 0, TimeSpan.FromHours(2)), DigestRule.MomentOf(new DateOnly(2027, 3, 28), new TimeOnly(2, 30)));
        Assert.Equal(new DateTimeOffset(2027, 10, 31, 2, 30, 0, TimeSpan.FromHours(2)), DigestRule.MomentOf(new DateOnly(2027, 10, 31), new TimeOnly(2, 30)));
    }

    [Fact]
    public void without_a_digest_kind_there_is_no_digest() =>
        Assert.Null(DigestRule.DueDay(NotificationPreferences.For(Guid.CreateVersion7()), new DateTimeOffset(2027, 1, 15, 12, 0, 0, TimeSpan.Zero)));
}
