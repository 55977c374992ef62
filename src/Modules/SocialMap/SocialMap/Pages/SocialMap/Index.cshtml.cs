using Marten;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Schakel.SocialMap.Coverage;
using Schakel.SocialMap.Directory;

namespace Schakel.SocialMap.Pages.SocialMap;

public sealed class IndexModel(IQuerySession session) : PageModel
{
    public IReadOnlyList<TherapistLocation> Locations { get; private set; } = [];

    public IReadOnlyList<MunicipalityCoverage> Coverage { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        Locations = await session.Query<TherapistLocation>()
            .OrderBy(l => l.Municipality).ThenBy(l => l.PracticeName)
            .ToListAsync(ct);
        Coverage = await session.Query<MunicipalityCoverage>().OrderBy(c => c.Id).ToListAsync(ct);
    }
}
