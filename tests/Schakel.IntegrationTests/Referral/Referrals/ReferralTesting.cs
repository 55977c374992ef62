using Alba;
using Marten;
using Schakel.BuildingBlocks.Access;
using Schakel.Referral.Agreements;
using Schakel.Referral.Contracts;
using Schakel.Referral.Referrals;
using Schakel.Testing;

namespace Schakel.IntegrationTests.Referral.Referrals;

/// <summary>The scene of a referral test: a practice that joined an agreement with a hospital, and the two sides' requests.</summary>
public static class ReferralTesting
{
    /// <summary>
    /// Stores the agreement version the practice joined with the hospital, as the Agreements slices keep it
    /// (<see cref="JoinedAgreement"/>), requiring <paramref name="required"/> in every referral.
    /// </summary>
    public static async Task<JoinedAgreement> JoinAgreementAsync(this IntegrationApp app, Guid practice, Guid hospital, params ReferralContentItem[] required)
    {
        ArgumentNullException.ThrowIfNull(app);
        var joined = new JoinedAgreement(
            JoinedAgreement.IdOf(practice, hospital), practice, hospital,
            new AgreementTerms(Guid.CreateVersion7(), 2, hospital, "Testziekenhuis",
                new Dictionary<PatientGroup, string> { [PatientGroup.CaseFinding] = "50-80 jaar met een wervelfractuur of een val." },
                required.ToHashSet(), FollowUpSchedule.Default, new HashSet<ReReferralCriterion> { ReReferralCriterion.NewFractureUnderTreatment }),
            DateTimeOffset.UtcNow);
        await using var session = app.Store.LightweightSession();
        session.Store(joined);
        await session.SaveChangesAsync();
        return joined;
    }

    public static MakeReferral AReferral(Guid hospital, Dictionary<ReferralContentItem, string>? content = null, string? reference = null, Guid? proposal = null) => new(
        proposal is null ? hospital : null,
        proposal is null ? ReferralTarget.FractureLiaisonService : null,
        PatientGroup.CaseFinding,
        new MakeReferral.PatientInput(new DateOnly(1951, 6, 2), Sex.Female, reference ?? NewPracticeReference(), null),
        true,
        "Wervelfractuur Th12 op X-thorax; graag DEXA en behandeladvies.",
        content ?? new Dictionary<ReferralContentItem, string> { [ReferralContentItem.FractureHistory] = "Polsfractuur 2019." },
        proposal);

    /// <summary>A practice's own patient number, letters and a short number only (never nine digits that could pass as a BSN).</summary>
    public static string NewPracticeReference() => "HIS-" + Guid.NewGuid().ToString("N")[..6];

    /// <summary>Sends a POST as <paramref name="who"/>, expects <paramref name="status"/>, and reads the referral on success.</summary>
    public static async Task<ReferralView> SendAsync(this IntegrationApp app, CareUser who, string url, object? body = null, int status = 200, string? idempotencyKey = null)
    {
        ArgumentNullException.ThrowIfNull(app);
        var result = await app.Host.Scenario(s =>
        {
            s.As(who);
            if (idempotencyKey is not null)
            {
                s.WithRequestHeader(MakeReferralEndpoint.IdempotencyHeader, idempotencyKey);
            }

            if (body is null)
            {
                s.Post.Url(url);
            }
            else
            {
                s.Post.Json(body).ToUrl(url);
            }

            s.StatusCodeShouldBe(status);
        });
        return status is 200 or 201 ? (await result.ReadAsJsonAsync<ReferralView>())! : null!;
    }

    public static async Task<ReferralView> ReadAsync(this IntegrationApp app, CareUser who, Guid referral)
    {
        ArgumentNullException.ThrowIfNull(app);
        var result = await app.Host.Scenario(s => s.As(who).Get.Url($"/api/referrals/{referral}"));
        return (await result.ReadAsJsonAsync<ReferralView>())!;
    }

    public static async Task<IReadOnlyList<ReferralListItem>> ListAsync(this IntegrationApp app, CareUser who, string query = "")
    {
        ArgumentNullException.ThrowIfNull(app);
        var result = await app.Host.Scenario(s => s.As(who).Get.Url("/api/referrals" + query));
        return (await result.ReadAsJsonAsync<List<ReferralListItem>>())!;
    }
}
