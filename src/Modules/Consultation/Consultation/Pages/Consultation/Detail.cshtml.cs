using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Schakel.BuildingBlocks.Access;
using Schakel.Consultation.Questions;

namespace Schakel.Consultation.Pages.Consultation;

/// <summary>One question, for the asking practice and the answering pool; anyone else gets the not-found page.</summary>
[Authorize(Policy = SchakelPolicies.CareProvider)]
public sealed class DetailModel(IQuerySession session, IAccessLog accessLog) : PageModel
{
    public Question Question { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        var question = await VisibleQuestions.LoadAsync(id, CareUser.From(User), session, accessLog, ct);
        if (question is null)
        {
            return NotFound();
        }

        Question = question;
        return Page();
    }
}
