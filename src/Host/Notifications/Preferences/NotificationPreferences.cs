using Schakel.BuildingBlocks.Access;
using Schakel.Host.Notifications.Centre;

namespace Schakel.Host.Notifications.Preferences;

/// <summary>How a person hears of one kind of notification (docs/adr/0020).</summary>
public enum DeliveryChoice
{
    /// <summary>In the portal's notification centre only.</summary>
    PortalOnly,

    /// <summary>In the portal, and by e-mail as soon as it is stored.</summary>
    EmailImmediately,

    /// <summary>In the portal, and listed in one e-mail a day at her chosen time.</summary>
    EmailDigest,
}

/// <summary>
/// One person's choices (Marten document keyed by her user id). A kind she did not choose follows
/// the default of her role (<see cref="DefaultPreferences"/>).
/// </summary>
/// <param name="Id">Her user id.</param>
/// <param name="Choices">Per notification kind (<see cref="NotificationKinds"/>) what she chose.</param>
/// <param name="DigestAt">The time of day (Europe/Amsterdam) her daily digest leaves.</param>
/// <param name="LastDigestAt">When her last digest was handled (sent, or nothing new to send); null: never.</param>
public sealed record NotificationPreferences(
    Guid Id,
    Dictionary<string, DeliveryChoice> Choices,
    TimeOnly DigestAt,
    DateTimeOffset? LastDigestAt)
{
    public static NotificationPreferences For(Guid userId) => new(userId, [], DefaultPreferences.DigestAt, null);

    /// <summary>What holds for this kind: her choice, or her role's default.</summary>
    public DeliveryChoice For(string kind, IReadOnlySet<string> roles) =>
        Choices.TryGetValue(kind, out var chosen) ? chosen : DefaultPreferences.For(kind, roles);
}

/// <summary>The one place that says what a person gets when she has not chosen.</summary>
public static class DefaultPreferences
{
    /// <summary>When a digest leaves for someone who has not chosen a time.</summary>
    public static readonly TimeOnly DigestAt = new(7, 30);

    private static readonly HashSet<string> SpecialistEmail = [NotificationKinds.ConsultationPosted, NotificationKinds.ConsultationLate];

    private static readonly HashSet<string> GpEmail = [NotificationKinds.ConsultationAnswered, NotificationKinds.ConsultationClarificationRequested];

    /// <summary>
    /// Specialists (internist, rheumatologist): e-mail at once for a new question in the pool and a late
    /// question; GP and practice nurse: e-mail at once for an answer and a request for clarification;
    /// everything else, and everyone else, in the portal only.
    /// </summary>
    public static DeliveryChoice For(string kind, IReadOnlySet<string> roles)
    {
        ArgumentNullException.ThrowIfNull(roles);
        var specialist = roles.Contains(SchakelRoles.Internist) || roles.Contains(SchakelRoles.Rheumatologist);
        var practice = roles.Contains(SchakelRoles.GeneralPractitioner) || roles.Contains(SchakelRoles.PracticeNurse);
        return (specialist && SpecialistEmail.Contains(kind)) || (practice && GpEmail.Contains(kind))
            ? DeliveryChoice.EmailImmediately
            : DeliveryChoice.PortalOnly;
    }
}

/// <summary>The kinds a person can choose for, with the Dutch name the preferences page shows.</summary>
public static class NotificationKindNames
{
    public static readonly IReadOnlyList<(string Kind, string Name)> All =
    [
        (NotificationKinds.ConsultationPosted, "Nieuwe consultatievraag in uw pool"),
        (NotificationKinds.ConsultationReturnedToPool, "Consultatievraag terug in uw pool"),
        (NotificationKinds.ConsultationHandedOver, "Consultatievraag aan u overgedragen"),
        (NotificationKinds.ConsultationClarificationRequested, "Verzoek om verduidelijking"),
        (NotificationKinds.ConsultationClarificationGiven, "Verduidelijking ontvangen"),
        (NotificationKinds.ConsultationAnswered, "Antwoord op uw consultatievraag"),
        (NotificationKinds.ConsultationFollowUpAsked, "Vervolgvraag"),
        (NotificationKinds.ConsultationWithdrawn, "Consultatievraag ingetrokken"),
        (NotificationKinds.ConsultationReminder, "Herinnering: vraag wacht op antwoord"),
        (NotificationKinds.ConsultationLate, "Consultatievraag te laat"),
        (NotificationKinds.ReferralMade, "Nieuwe verwijzing"),
        (NotificationKinds.ReferralAccepted, "Verwijzing geaccepteerd"),
        (NotificationKinds.ReferralDeclined, "Verwijzing afgewezen"),
        (NotificationKinds.ReferralAppointmentScheduled, "Afspraak gepland voor een verwijzing"),
        (NotificationKinds.ReferralNoResponse, "Patiënt reageert niet op de uitnodiging"),
        (NotificationKinds.ReferralCompleted, "Verwijzing afgerond"),
        (NotificationKinds.ReferralBackReferred, "Patiënt terugverwezen"),
    ];

    public static bool IsKnown(string kind) => All.Any(k => k.Kind == kind);
}
