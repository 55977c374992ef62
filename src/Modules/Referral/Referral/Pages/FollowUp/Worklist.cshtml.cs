using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Schakel.BuildingBlocks.Access;
using Schakel.Referral.FollowUp;

namespace Schakel.Referral.Pages.FollowUp;

/// <summary>The practice's follow-up worklist: overdue, this week, later; for everyone or one responsible GP.</summary>
[Authorize(Policy = SchakelPolicies.GpSide)]
public sealed class WorklistModel(IQuerySession session, IAccessLog accessLog, TimeProvider clock) : PageModel
{
    public IReadOnlyList<WorklistItem> Items { get; private set; } = [];

    /// <summary>The responsible GPs of the practice's patients in follow-up, for the filter.</summary>
    public IReadOnlyList<(Guid Id, string Name)> Gps { get; private set; } = [];

    [BindProperty(SupportsGet = true, Name = "huisarts")]
    public Guid? Gp { get; set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        var user = CareUser.From(User)!;
        var all = await VisibleFollowUps.WorklistAsync(user, null, session, accessLog, FollowUpCalendar.Today(clock), ct);
        Gps = all.Select(i => (i.ResponsibleGpId, i.ResponsibleGpName)).Distinct().OrderBy(g => g.ResponsibleGpName, StringComparer.CurrentCulture).ToList();
        Items = Gp is { } gp ? all.Where(i => i.ResponsibleGpId == gp).ToList() : all;
    }
}
