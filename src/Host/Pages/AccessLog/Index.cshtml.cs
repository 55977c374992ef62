using FluentValidation;
using Schakel.BuildingBlocks.Portal;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Schakel.BuildingBlocks.Access;
using Schakel.BuildingBlocks.Validation;
using Schakel.Host.Audit;

namespace Schakel.Host.Pages.AccessLog;

/// <summary>Search the access log by patient reference, user and period (the form posts, so the reference stays out of the URL).</summary>
[Authorize(Policy = SchakelPolicies.AccessLogReader)]
public sealed class IndexModel(AccessLogQueries queries, IValidator<SearchAccessLog> validator) : PageModel
{
    [BindProperty]
    public SearchForm Form { get; set; } = new();

    public AccessLogPage? Results { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var query = Form.ToQuery();
        var validation = await validator.ValidateAsync(query, ct);
        if (!validation.IsValid)
        {
            foreach (var (field, messages) in RequestValidator.ToErrorMap(validation.Errors))
            {
                foreach (var message in messages)
                {
                    ModelState.AddModelError($"{nameof(Form)}.{SearchForm.FieldFor(field)}", message);
                }
            }

            return Page();
        }

        Results = await queries.SearchAsync(query, ct);
        return Page();
    }
}

public sealed class SearchForm
{
    public string? Patient { get; set; }

    public string? User { get; set; }

    public DateOnly? From { get; set; }

    public DateOnly? To { get; set; }

    public int Page { get; set; } = 1;

    public SearchAccessLog ToQuery() => new(
        string.IsNullOrWhiteSpace(Patient) ? null : Patient.Trim(),
        string.IsNullOrWhiteSpace(User) ? null : User.Trim(),
        From is { } from ? DutchTime.StartOf(from) : null,
        To is { } to ? DutchTime.EndOf(to) : null,
        Page);

    /// <summary>The form field that shows a validator's message (the API's field names are the query's).</summary>
    public static string FieldFor(string queryField) => queryField switch
    {
        "patient" => nameof(Patient),
        "user" => nameof(User),
        "from" => nameof(From),
        "to" => nameof(To),
        _ => nameof(Page),
    };
}
