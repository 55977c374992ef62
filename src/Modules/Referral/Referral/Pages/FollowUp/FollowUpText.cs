using Schakel.Referral.Contracts;
using Schakel.Referral.FollowUp;

namespace Schakel.Referral.Pages.FollowUp;

/// <summary>How the follow-up pages say things in Dutch.</summary>
public static class FollowUpText
{
    public static string Task(FollowUpTaskKind kind, int months, bool measureHeight, bool repeatDexa) => kind switch
    {
        FollowUpTaskKind.AdherenceCheck => $"Controle therapietrouw na {Period(months)}" + (measureHeight ? ", met lengtemeting" : ""),
        FollowUpTaskKind.Evaluation => $"Evaluatie na {Period(months)}" + (repeatDexa ? " met herhaal-DEXA" : "") + (measureHeight ? " en lengtemeting" : ""),
        _ => $"Lengte meten ({Period(months)} na de start)",
    };

    public static string Period(int months) => months switch
    {
        1 => "1 maand",
        < 12 => $"{months} maanden",
        _ when months % 12 == 0 => months == 12 ? "1 jaar" : $"{months / 12} jaar",
        _ when months % 6 == 0 => $"{months / 12},5 jaar",
        _ => $"{months} maanden",
    };

    public static string Group(PatientGroup group) => Schakel.Referral.Pages.Referrals.ReferralWords.Of(group);

    public static string Bucket(TaskBucket bucket) => bucket switch
    {
        TaskBucket.Overdue => "Te laat",
        TaskBucket.ThisWeek => "Deze week",
        _ => "Later",
    };
}
