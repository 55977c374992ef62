using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Schakel.BuildingBlocks.Access;
using Schakel.Referral.Agreements;

namespace Schakel.Referral.Pages.Agreements;

/// <summary>One agreement, readable: the version in force, the history, joining (GP) and activating (coordinator).</summary>
[Authorize(Policy = SchakelPolicies.CareProvider)]
public sealed class DetailModel(IDocumentSession session, TimeProvider clock) : PageModel
{
    public Agreement Agreement { get; private set; } = null!;

    public CareUser Me { get; private set; } = null!;

    /// <summary>The version the page shows: the one in force, else the latest.</summary>
    public AgreementVersion Shown => Agreement.Active ?? Agreement.Versions[^1];

    public bool IsGp => Me.IsGpSide && Me.Roles.Contains(SchakelRoles.GeneralPractitioner);

    public bool IsCoordinator => Me.Roles.Contains(SchakelRoles.Coordinator);

    public JoinedPractice? MyPractice => Agreement.Practices.FirstOrDefault(p => p.PracticeId == Me.OrganisationId);

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct) => await LoadAsync(id, ct) ? Page() : NotFound();

    public Task<IActionResult> OnPostJoinAsync(Guid id, int version, CancellationToken ct) =>
        ChangeAsync(id, IsGpOf(User), a => AgreementRules.Join(a, version, CareUser.From(User)!, clock.GetUtcNow()), ct);

    public Task<IActionResult> OnPostActivateAsync(Guid id, int version, CancellationToken ct) =>
        ChangeAsync(id, User.IsInRole(SchakelRoles.Coordinator), a => AgreementRules.Activate(a, version, CareUser.From(User)!, clock.GetUtcNow()), ct);

    private static bool IsGpOf(System.Security.Claims.ClaimsPrincipal user) =>
        CareUser.From(user) is { IsGpSide: true } && user.IsInRole(SchakelRoles.GeneralPractitioner);

    private async Task<IActionResult> ChangeAsync(Guid id, bool allowed, Func<Agreement, (object?, ProblemDetails?)> decide, CancellationToken ct)
    {
        if (!allowed)
        {
            return Forbid();
        }

        var (changed, problem) = await AgreementCommands.ChangeAsync(id, CareUser.From(User)!, session, decide, clock.GetUtcNow(), ct);
        if (changed is null)
        {
            if (problem?.Status == StatusCodes.Status404NotFound && !await LoadAsync(id, ct))
            {
                return NotFound();
            }

            ModelState.AddModelError("", problem?.Detail ?? "Dit kan nu niet.");
            return await LoadAsync(id, ct) ? Page() : NotFound();
        }

        await session.SaveChangesAsync(ct);
        return Redirect($"/afspraken/{id}");
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken ct)
    {
        Me = CareUser.From(User)!;
        var agreement = await session.LoadAsync<Agreement>(id, ct);
        if (agreement is null)
        {
            return false;
        }

        Agreement = agreement;
        return true;
    }
}
