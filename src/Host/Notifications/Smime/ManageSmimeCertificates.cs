using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Schakel.BuildingBlocks.Access;
using Schakel.BuildingBlocks.Problems;
using Wolverine.Http;

namespace Schakel.Host.Notifications.Smime;

/// <summary>
/// An administrator keeps the recipients' S/MIME certificates: lists them with the organisation's
/// signing certificate (expiring ones flagged), uploads one for an address, removes one. A person's
/// role, never an integration client's: no module scope applies.
/// </summary>
public static class ManageSmimeCertificatesEndpoint
{
    public const string Route = "/api/smime/certificates";

    /// <summary>The limit of an upload request: one maximal file plus the multipart framing.</summary>
    public const long MaxRequestBytes = SmimeCertificates.MaxBytes + 16 * 1024;

    [WolverineGet(Route), Tags("Beveiligde e-mail")]
    [Authorize(Policy = SchakelPolicies.Administrator)]
    [EndpointSummary("List the organisation's signing certificate and the recipients' certificates on file, expiring ones flagged")]
    public static Task<SmimeCertificatesView> Get(SmimeCertificates certificates, CancellationToken ct) => certificates.ListAsync(ct);

    [WolverinePost(Route), Tags("Beveiligde e-mail")]
    [Authorize(Policy = SchakelPolicies.Administrator)]
    [RequestSizeLimit(MaxRequestBytes)]
    [RequestFormLimits(MultipartBodyLengthLimit = MaxRequestBytes)]
    [EndpointSummary("Put a recipient's public certificate on file (multipart/form-data: 'address', and 'file' as .cer or .pem)")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status413PayloadTooLarge, Problem.ContentType)]
    public static async Task<Results<Created<RecipientCertificateView>, ProblemHttpResult>> Post(
        IFormFile? file, HttpContext http, SmimeCertificates certificates, CancellationToken ct)
    {
        if (file is { Length: > SmimeCertificates.MaxBytes })
        {
            return TypedResults.Problem(Problem.TooLarge("Een certificaatbestand is hoogstens 64 kB."));
        }

        var address = http.Request.HasFormContentType ? http.Request.Form[SmimeCertificates.AddressField].ToString() : null;
        var content = file is null ? null : await ReadAsync(file, ct);
        var (added, problem) = await certificates.UploadAsync(address, content, CareUser.From(http.User)?.UserId.ToString() ?? "unknown", ct);
        return added is null
            ? TypedResults.Problem(problem!)
            : TypedResults.Created($"{Route}/{Uri.EscapeDataString(added.Address)}", added);
    }

    [WolverineDelete(Route + "/{address}"), Tags("Beveiligde e-mail")]
    [Authorize(Policy = SchakelPolicies.Administrator)]
    [EndpointSummary("Take a recipient's certificate off file: e-mail to the address goes in clear again, clinical e-mail is refused")]
    public static async Task<Results<NoContent, ProblemHttpResult>> Delete(string address, SmimeCertificates certificates, CancellationToken ct) =>
        await certificates.RemoveAsync(address, ct)
            ? TypedResults.NoContent()
            : TypedResults.Problem(Problem.NotFound("Voor dit adres staat geen certificaat op naam."));

    public static async Task<byte[]> ReadAsync(IFormFile file, CancellationToken ct)
    {
        var content = new byte[file.Length];
        var stream = file.OpenReadStream();
        await using (stream.ConfigureAwait(false))
        {
            await stream.ReadExactlyAsync(content, ct).ConfigureAwait(false);
        }

        return content;
    }
}
