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

    public static string Group(PatientGroup group) => group switch
    {
        PatientGroup.NoResponseToFlsInvitation => "1. Geen reactie op de uitnodiging van de fractuurpolikliniek",
        PatientGroup.KnownOsteoporosisTreatedByGp => "2. Bekend met osteoporose, behandeld door de huisarts",
        PatientGroup.CaseFinding => "3. Case finding (50-80 jaar, verdenking wervelfractuur, recente val of hoog valrisico)",
        PatientGroup.ReferredBackForFollowUp => "4. Teruggeverwezen door het ziekenhuis",
        PatientGroup.GlucocorticoidUser => "5. Prednisongebruik (≥ 7,5 mg per dag, > 3 maanden)",
        _ => group.ToString(),
    };

    public static string Bucket(TaskBucket bucket) => bucket switch
    {
        TaskBucket.Overdue => "Te laat",
        TaskBucket.ThisWeek => "Deze week",
        _ => "Later",
    };
}
