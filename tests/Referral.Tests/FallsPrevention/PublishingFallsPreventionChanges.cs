using Schakel.Referral.Contracts;
using Schakel.Referral.FallsPrevention;

namespace Schakel.Referral.Tests.FallsPrevention;

/// <summary>Each step of a falls-prevention referral becomes one contract message for the indicators.</summary>
public sealed class PublishingFallsPreventionChanges
{
    private static readonly DateTimeOffset Made = new(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void referred_intake_confirmed_and_treatment_ended_are_published_with_the_practice_location_and_time()
    {
        var made = new FallsPreventionReferralMade(Guid.CreateVersion7(), Guid.CreateVersion7(), "De Linde", Guid.CreateVersion7(), "Dr. A", Guid.CreateVersion7(), "Dr. A",
            Guid.CreateVersion7(), "Fysio Balans", "pt-bcdfghjklmnpqrstbcdfghj", "V-1", "In Balans", null, Guid.CreateVersion7(), Made);
        var referral = FallsPreventionReferral.Start(made);
        var confirmed = new FallsPreventionIntakeConfirmed(made.ReferralId, made.IntakeLinkId, new DateOnly(2026, 12, 1), "J. Fysio", null, Guid.CreateVersion7(), Made.AddDays(8));
        var afterIntake = referral.Then(confirmed);
        var ended = new FallsPreventionTreatmentEnded(made.ReferralId, confirmed.EndLinkId, new DateOnly(2027, 2, 1), 10, "Beter", null, Made.AddDays(80));

        var messages = new[]
        {
            FallsPreventionEffects.Message(made, referral),
            FallsPreventionEffects.Message(confirmed, afterIntake),
            FallsPreventionEffects.Message(ended, afterIntake.Then(ended)),
        };

        Assert.Equal(
            [(FallsPreventionChange.Referred, Made), (FallsPreventionChange.IntakeConfirmed, Made.AddDays(8)), (FallsPreventionChange.TreatmentEnded, Made.AddDays(80))],
            messages.Select(m => (m.Change, m.At)));
        Assert.All(messages, m => Assert.Equal((made.ReferralId, made.PracticeId, made.LocationId, made.PatientReference), (m.ReferralId, m.PracticeId, m.LocationId, m.PatientReference)));
    }

    [Fact]
    public void another_event_is_not_a_falls_prevention_change()
    {
        var made = new FallsPreventionReferralMade(Guid.CreateVersion7(), Guid.CreateVersion7(), "De Linde", Guid.CreateVersion7(), "Dr. A", Guid.CreateVersion7(), "Dr. A",
            Guid.CreateVersion7(), "Fysio Balans", "pt-bcdfghjklmnpqrstbcdfghj", "V-1", "In Balans", null, Guid.CreateVersion7(), Made);

        Assert.Throws<ArgumentOutOfRangeException>(() => FallsPreventionEffects.Message("not an event", FallsPreventionReferral.Start(made)));
    }
}
