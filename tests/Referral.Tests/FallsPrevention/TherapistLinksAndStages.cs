using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Time.Testing;
using Schakel.Referral.FallsPrevention;

namespace Schakel.Referral.Tests.FallsPrevention;

public sealed class TherapistLinksAndStages
{
    private static readonly FakeTimeProvider Clock = new(new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero));

    private static TherapistLinks Links() => new(new EphemeralDataProtectionProvider(), new ConfigurationBuilder().Build(), Clock);

    [Fact]
    public void a_link_reads_back_until_it_expires_and_a_changed_one_never()
    {
        var links = Links();
        var referral = Guid.CreateVersion7();
        var (linkId, token) = links.Issue(referral, TherapistLinkStage.Intake);

        var (link, problem) = links.Read(token);
        Assert.Null(problem);
        Assert.Equal((referral, linkId, TherapistLinkStage.Intake), (link!.ReferralId, link.LinkId, link.Stage));
        Assert.Equal(TherapistLinkProblem.Invalid, links.Read(token[..^2] + (token[^2] == 'x' ? "yz" : "xz")).Problem);
        Assert.Equal(TherapistLinkProblem.Invalid, links.Read("").Problem);

        Clock.Advance(TimeSpan.FromDays(14));
        Assert.Equal(TherapistLinkProblem.Expired, links.Read(token).Problem);
    }

    [Fact]
    public void a_link_is_good_for_its_stage_once()
    {
        var made = new FallsPreventionReferralMade(Guid.CreateVersion7(), Guid.CreateVersion7(), "De Linde", Guid.CreateVersion7(), "Dr. A", Guid.CreateVersion7(), "Dr. A",
            Guid.CreateVersion7(), "Fysio Balans", "pt-bcdfghjklmnpqrstbcdfghj", "V-1", "In Balans", null, Guid.CreateVersion7(), Clock.GetUtcNow());
        var referral = FallsPreventionReferral.Start(made);
        Assert.Equal(TherapistLinkStage.Intake, referral.OpenStageFor(made.IntakeLinkId));

        var endLink = Guid.CreateVersion7();
        referral = referral.Then(new FallsPreventionIntakeConfirmed(made.ReferralId, made.IntakeLinkId, new DateOnly(2026, 12, 1), "J. Fysio", null, endLink, Clock.GetUtcNow()));

        Assert.Null(referral.OpenStageFor(made.IntakeLinkId));
        Assert.Equal(TherapistLinkStage.EndOfTreatment, referral.OpenStageFor(endLink));
        referral = referral.Then(new FallsPreventionTreatmentEnded(made.ReferralId, endLink, new DateOnly(2027, 2, 1), 10, "Beter", null, Clock.GetUtcNow()));
        Assert.Null(referral.OpenStageFor(endLink));
    }
}
