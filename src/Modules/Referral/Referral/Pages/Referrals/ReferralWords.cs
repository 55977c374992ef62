using Schakel.Referral.Agreements;
using Schakel.Referral.Contracts;
using Schakel.Referral.Referrals;

namespace Schakel.Referral.Pages.Referrals;

/// <summary>The Dutch words the referral pages show for the module's codes.</summary>
public static class ReferralWords
{
    public static string Of(ReferralStatus status) => status switch
    {
        ReferralStatus.Sent => "Verstuurd, wacht op het ziekenhuis",
        ReferralStatus.Accepted => "Geaccepteerd",
        ReferralStatus.Declined => "Afgewezen",
        ReferralStatus.Invited => "Patiënt uitgenodigd",
        ReferralStatus.AppointmentScheduled => "Afspraak gepland",
        ReferralStatus.Completed => "Afgerond",
        ReferralStatus.NoResponse => "Geen reactie van de patiënt",
        ReferralStatus.BackReferred => "Teruggeverwezen naar de huisarts",
        _ => status.ToString(),
    };

    public static string Of(ReferralTarget target) => target switch
    {
        ReferralTarget.FractureLiaisonService => "Fractuurpreventiepolikliniek (FLS)",
        ReferralTarget.Internist => "Internist",
        ReferralTarget.Rheumatologist => "Reumatoloog",
        _ => target.ToString(),
    };

    public static string Of(PatientGroup group) => group switch
    {
        PatientGroup.NoResponseToFlsInvitation => "1 · Geen reactie op de uitnodiging van de FLS",
        PatientGroup.KnownOsteoporosisTreatedByGp => "2 · Bekend met osteoporose, behandeld door de huisarts",
        PatientGroup.CaseFinding => "3 · Casefinding (50-80 jaar, wervelfractuur, val of valrisico)",
        PatientGroup.ReferredBackForFollowUp => "4 · Terugverwezen voor follow-up",
        PatientGroup.GlucocorticoidUser => "5 · Glucocorticoïdgebruik (≥ 7,5 mg per dag, > 3 maanden)",
        _ => group.ToString(),
    };

    public static string Of(Sex sex) => sex switch
    {
        Sex.Female => "vrouw",
        Sex.Male => "man",
        _ => "anders",
    };

    public static string Of(PatientContactOutcome outcome) => outcome switch
    {
        PatientContactOutcome.Reached => "Patiënt bereikt",
        PatientContactOutcome.NotReached => "Patiënt niet bereikt",
        PatientContactOutcome.DeclinedFurtherCare => "Patiënt wil geen verdere zorg",
        _ => outcome.ToString(),
    };

    public static string Step(string kind) => kind switch
    {
        "made" => "Verwezen",
        "accepted" => "Geaccepteerd door het ziekenhuis",
        "declined" => "Afgewezen door het ziekenhuis",
        "invitation-sent" => "Patiënt uitgenodigd",
        "appointment-scheduled" => "Afspraak gepland",
        "no-response" => "Geen reactie van de patiënt",
        "completed" => "Afgerond",
        "referred-back" => "Teruggeverwezen naar de huisarts; opvolgplan gestart",
        "patient-contacted" => "Praktijk nam contact op met de patiënt",
        _ => kind,
    };
}
