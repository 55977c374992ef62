using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Schakel.BuildingBlocks.Access;
using Schakel.Consultation.Questions;

namespace Schakel.Consultation.Pages.Consultation;

/// <summary>The GP's list of her practice's questions, or the specialist's pool inbox (nearest deadline first).</summary>
[Authorize(Policy = SchakelPolicies.CareProvider)]
public sealed class IndexModel(IQuerySession session, IAccessLog accessLog, TimeProvider clock) : PageModel
{
    public IReadOnlyList<QuestionListItem> Questions { get; private set; } = [];

    public bool IsGpSide { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        IsGpSide = CareUser.From(User) is { IsGpSide: true };
        Questions = await ListQuestionsEndpoint.Get(HttpContext, session, accessLog, clock, null, null, ct);
    }
}
