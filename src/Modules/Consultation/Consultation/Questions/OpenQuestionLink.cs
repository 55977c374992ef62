using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Schakel.BuildingBlocks.Access;
using Schakel.BuildingBlocks.Portal;
using Wolverine.Http;

namespace Schakel.Consultation.Questions;

/// <summary>
/// The address e-mails link to (<c>/consultaties/open/{code}</c>, the id as <see cref="LinkIds"/>):
/// it only forwards to the question's page, which checks who may see it and logs the read.
/// </summary>
public static class OpenQuestionLinkEndpoint
{
    public const string Path = "/consultaties/open/";

    public static string For(Guid questionId) => Path + LinkIds.Encode(questionId);

    [WolverineGet("/consultaties/open/{code}"), Microsoft.AspNetCore.Routing.ExcludeFromDescription]
    [Authorize(Policy = SchakelPolicies.CareProvider)]
    public static IResult Get(string code) =>
        LinkIds.Decode(code) is { } id ? Results.Redirect($"/consultaties/{id}") : Results.Redirect("/consultaties");
}
