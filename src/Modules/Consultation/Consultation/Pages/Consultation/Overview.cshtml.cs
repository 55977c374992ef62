using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Schakel.BuildingBlocks.Access;
using Schakel.Consultation.Assignment;
using Schakel.Consultation.Pools;
using Schakel.Consultation.Questions;

namespace Schakel.Consultation.Pages.Consultation;

/// <summary>The coordinator's counts per pool, and per pool whether it assigns questions automatically.</summary>
[Authorize(Policy = SchakelPolicies.Coordinator)]
public sealed class OverviewModel(IDocumentSession session, TimeProvider clock, Wolverine.Marten.IMartenOutbox outbox) : PageModel
{
    public IReadOnlyList<PoolLoad> Pools { get; private set; } = [];

    public IReadOnlyList<ConsultationPool> Assignment { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => await Load(ct);

    public async Task<IActionResult> OnPostAssignmentAsync(Guid hospitalId, SpecialtyPool pool, bool automatic, CancellationToken ct)
    {
        outbox.Enroll(session);
        var (switched, problem) = await PoolAssignment.SwitchAsync(CareUser.From(User)!, hospitalId, pool, automatic, session, outbox, ct);
        if (switched is null)
        {
            if (problem?.Status == StatusCodes.Status404NotFound)
            {
                return NotFound();
            }

            ModelState.AddModelError("", problem?.Detail ?? "Dit kan nu niet.");
            await Load(ct);
            return Page();
        }

        await session.SaveChangesAsync(ct);
        return Redirect("/consultaties/overzicht");
    }

    private async Task Load(CancellationToken ct)
    {
        Pools = await PoolOverviewEndpoint.Get(session, clock, ct);
        Assignment = await session.Query<ConsultationPool>().OrderBy(p => p.HospitalName).ThenBy(p => p.Pool).ToListAsync(ct);
    }
}
