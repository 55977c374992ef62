using System.Globalization;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Schakel.BuildingBlocks.Access;
using Schakel.Host.Notifications.Centre;
using Schakel.Host.Notifications.Preferences;

namespace Schakel.Host.Pages.Notifications;

/// <summary>
/// Her own notification preferences (docs/adr/0020): per kind portal only, e-mail at once or in the
/// daily digest, and the digest's time. Only what differs from her role's default is stored, so a
/// kind she never touched follows the default.
/// </summary>
[Authorize(Policy = NotificationCentre.Policy)]
public sealed class PreferencesModel(IDocumentSession session) : PageModel
{
    public const string TimeFormat = "HH:mm";

    /// <summary>Per kind, the choice as posted (or as it holds now).</summary>
    [BindProperty]
    public Dictionary<string, string> Choices { get; set; } = [];

    [BindProperty]
    public string? DigestAt { get; set; }

    [TempData]
    public string? Message { get; set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        var preferences = await LoadAsync(ct);
        Choices = NotificationKindNames.All.ToDictionary(k => k.Kind, k => preferences.For(k.Kind, Me.Roles).ToString());
        DigestAt = preferences.DigestAt.ToString(TimeFormat, CultureInfo.InvariantCulture);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var chosen = new Dictionary<string, DeliveryChoice>();
        foreach (var (kind, value) in Choices)
        {
            if (!NotificationKindNames.IsKnown(kind))
            {
                ModelState.AddModelError(nameof(Choices), "Onbekend soort melding.");
            }
            else if (!Enum.TryParse<DeliveryChoice>(value, out var choice) || !Enum.IsDefined(choice) || int.TryParse(value, out _))
            {
                ModelState.AddModelError($"{nameof(Choices)}[{kind}]", "Kies per soort melding: alleen in het portaal, direct per e-mail of in het dagelijkse overzicht.");
            }
            else if (choice != DefaultPreferences.For(kind, Me.Roles))
            {
                chosen[kind] = choice;
            }
        }

        if (!TimeOnly.TryParseExact(DigestAt, TimeFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out var digestAt))
        {
            ModelState.AddModelError(nameof(DigestAt), "Vul het tijdstip van het dagelijkse overzicht in als uu:mm, bijvoorbeeld 07:30.");
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var preferences = await LoadAsync(ct);
        session.Store(preferences with { Choices = chosen, DigestAt = digestAt });
        await session.SaveChangesAsync(ct);
        Message = "Uw voorkeuren zijn opgeslagen.";
        return RedirectToPage();
    }

    private async Task<NotificationPreferences> LoadAsync(CancellationToken ct) =>
        await session.LoadAsync<NotificationPreferences>(Me.UserId, ct) ?? NotificationPreferences.For(Me.UserId);

    private CareUser Me => CareUser.From(User) ?? throw new InvalidOperationException("The notification policy lets only people through.");
}
