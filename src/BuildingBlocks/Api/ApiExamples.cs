using Microsoft.AspNetCore.Mvc;

namespace Schakel.BuildingBlocks.Api;

/// <summary>
/// What the OpenAPI document shows for one route: an example request body, an example answer, and
/// the problems it can answer with (status and an example). Examples are real request and response
/// records, serialised like the API does, so they cannot drift from the types.
/// </summary>
/// <param name="Method">GET, POST, PUT, DELETE.</param>
/// <param name="Route">The route as the document shows it, e.g. <c>/api/consultations/{id}/claim</c>.</param>
public sealed record ApiExample(string Method, string Route, string Description, object? Request, object? Response, IReadOnlyList<ProblemDetails> Problems);

/// <summary>A module's examples; the host adds every registered set to the OpenAPI document.</summary>
public sealed record ApiExamples(IReadOnlyList<ApiExample> Routes);
