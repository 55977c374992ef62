using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Schakel.BuildingBlocks.Problems;
using Wolverine.Http;

namespace Schakel.BuildingBlocks.Api;

/// <summary>
/// The Idempotency-Key header of a creating POST: kept as part of a document id, so it has a length
/// PostgreSQL can index. A longer one is the caller's 400 on the header, checked before anything is
/// decided, instead of our 500 when the commit fails.
/// </summary>
public static class IdempotencyKeys
{
    public const string Header = "Idempotency-Key";

    public const int MaxLength = 200;

    /// <summary>No problem (continue) for a missing key or one of at most <see cref="MaxLength"/> characters.</summary>
    public static ProblemDetails Check(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return request.Headers[Header].ToString().Trim().Length <= MaxLength
            ? WolverineContinue.NoProblems
            : Problem.Invalid(new Dictionary<string, string[]>
            {
                [Header] = [$"Een Idempotency-Key is hoogstens {MaxLength} tekens lang, bijvoorbeeld een GUID."],
            });
    }
}
