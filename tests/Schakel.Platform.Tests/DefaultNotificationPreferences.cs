using Schakel.BuildingBlocks.Access;
using Schakel.Host.Notifications.Centre;
using Schakel.Host.Notifications.Preferences;

namespace Schakel.Platform.Tests;

/// <summary>What a person gets before she chooses (docs/adr/0020): one place, by role.</summary>
public sealed class DefaultNotificationPreferences
{
    public static TheoryData<string, string, DeliveryChoice> Defaults() => new()
    {
        { SchakelRoles.Internist, NotificationKinds.ConsultationPosted, DeliveryChoice.EmailImmediately },
        { SchakelRoles.Rheumatologist, NotificationKinds.ConsultationPosted, DeliveryChoice.EmailImmediately },
        { SchakelRoles.Internist, NotificationKinds.ConsultationLate, DeliveryChoice.EmailImmediately },
        { SchakelRoles.Internist, NotificationKinds.ConsultationAnswered, DeliveryChoice.PortalOnly },
        { SchakelRoles.Internist, NotificationKinds.ReferralMade, DeliveryChoice.PortalOnly },
        { SchakelRoles.GeneralPractitioner, NotificationKinds.ConsultationAnswered, DeliveryChoice.EmailImmediately },
        { SchakelRoles.GeneralPractitioner, NotificationKinds.ConsultationClarificationRequested, DeliveryChoice.EmailImmediately },
        { SchakelRoles.PracticeNurse, NotificationKinds.ConsultationAnswered, DeliveryChoice.EmailImmediately },
        { SchakelRoles.GeneralPractitioner, NotificationKinds.ConsultationPosted, DeliveryChoice.PortalOnly },
        { SchakelRoles.GeneralPractitioner, NotificationKinds.ConsultationLate, DeliveryChoice.PortalOnly },
        { SchakelRoles.GeneralPractitioner, NotificationKinds.ReferralAccepted, DeliveryChoice.PortalOnly },
        { SchakelRoles.OsteoporosisNurse, NotificationKinds.ConsultationLate, DeliveryChoice.PortalOnly },
        { SchakelRoles.OsteoporosisNurse, NotificationKinds.ReferralMade, DeliveryChoice.PortalOnly },
        { SchakelRoles.Coordinator, NotificationKinds.ConsultationAnswered, DeliveryChoice.PortalOnly },
    };

    [Theory]
    [MemberData(nameof(Defaults))]
    public void a_role_has_its_default(string role, string kind, DeliveryChoice expected) =>
        Assert.Equal(expected, DefaultPreferences.For(kind, new HashSet<string> { role }));

    [Fact]
    public void her_own_choice_wins_over_the_default_and_the_rest_stays_default()
    {
        var gp = new HashSet<string> { SchakelRoles.GeneralPractitioner };
        var preferences = NotificationPreferences.For(Guid.CreateVersion7()) with
        {
            Choices = new() { [NotificationKinds.ConsultationAnswered] = DeliveryChoice.PortalOnly },
        };

        Assert.Equal(DeliveryChoice.PortalOnly, preferences.For(NotificationKinds.ConsultationAnswered, gp));
        Assert.Equal(DeliveryChoice.EmailImmediately, preferences.For(NotificationKinds.ConsultationClarificationRequested, gp));
        Assert.Equal(new TimeOnly(7, 30), preferences.DigestAt);
    }

    [Fact]
    public void every_kind_the_centre_makes_can_be_chosen()
    {
        var kinds = typeof(NotificationKinds).GetFields().Select(f => (string)f.GetValue(null)!).ToHashSet();

        Assert.NotEmpty(kinds);
        Assert.Equal(kinds.Order(), NotificationKindNames.All.Select(k => k.Kind).Order());
    }
}
