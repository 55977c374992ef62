using Marten;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Schakel.SocialMap.Coverage;
using Schakel.SocialMap.Directory;

namespace Schakel.SocialMap.Pages.SocialMap;

public sealed class IndexModel(IQuerySession session, TimeProvider clock) : PageModel
{
    public IReadOnlyList<TherapistLocation> Locations { get; private set; } = [];

    public IReadOnlyList<MunicipalityCoverage> Coverage { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        Locations = (await session.Query<TherapistLocation>().Where(l => l.RetiredAt == null).ToListAsync(ct))
            .OrderBy(l => l.Place.Municipality).ThenBy(l => l.Details.PracticeName).ToList();
        Coverage = await DirectoryCoverage.ListAsync(session, clock.GetUtcNow(), ct);
    }
}
