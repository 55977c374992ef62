using Schakel.Referral.Agreements;

namespace Schakel.Referral.Tests;

public sealed class TheDefaultSchedule
{
    [Fact]
    public void follows_the_regional_plan()
    {
        var schedule = FollowUpSchedule.Default;

        Assert.Equal([1, 3, 6, 12, 18, 24, 36, 48], schedule.AdherenceCheckMonths);
        Assert.Equal(60, schedule.EvaluationAfterMonths);
        Assert.True(schedule.RepeatDexaAtEvaluation);
        Assert.Equal(24, schedule.HeightEveryMonths);
    }
}
