using Schakel.Referral.Contracts;

namespace Schakel.Referral.Agreements;

public enum AgreementVersionStatus
{
    Draft = 1,
    Active = 2,
    Superseded = 3,
}

/// <summary>What one version of a referral and back-referral agreement says.</summary>
/// <param name="Scope">For whom and what the agreement is.</param>
/// <param name="ReferralCriteria">Per patient group: when the GP refers.</param>
/// <param name="RequiredReferralContent">What a referral must contain.</param>
/// <param name="HandBackWhen">When the hospital hands the patient back.</param>
/// <param name="BackReferralLetterContent">What the back-referral letter (terugrapportage) contains.</param>
/// <param name="Schedule">The follow-up schedule after the start of treatment.</param>
/// <param name="ReReferralCriteria">When the GP sends the patient back to the hospital.</param>
public sealed record AgreementContent(
    string Scope,
    IReadOnlyDictionary<PatientGroup, string> ReferralCriteria,
    IReadOnlyList<ReferralContentItem> RequiredReferralContent,
    string HandBackWhen,
    string BackReferralLetterContent,
    FollowUpSchedule Schedule,
    IReadOnlyList<ReReferralCriterion> ReReferralCriteria);

public sealed record AgreementVersion(int Number, AgreementVersionStatus Status, AgreementContent Content, DateTimeOffset DraftedAt, DateTimeOffset? ActivatedAt);

public sealed record JoinedPractice(Guid PracticeId, string PracticeName, int Version, DateTimeOffset JoinedAt);

/// <summary>A regional agreement between a hospital and the GP practices was drafted (version 1).</summary>
public sealed record AgreementDrafted(Guid AgreementId, Guid HospitalId, string HospitalName, string Title, AgreementContent Content, Guid ById, string ByName, DateTimeOffset DraftedAt);

/// <summary>A new version was drafted from the latest.</summary>
public sealed record AgreementVersionDrafted(Guid AgreementId, int Version, AgreementContent Content, Guid ById, string ByName, DateTimeOffset DraftedAt);

/// <summary>A draft version came into force; the version that was active is superseded.</summary>
public sealed record AgreementVersionActivated(Guid AgreementId, int Version, Guid ById, string ByName, DateTimeOffset ActivatedAt);

/// <summary>A practice joined the version in force (a practice on an older version stays on it until it joins the new one).</summary>
public sealed record PracticeJoinedAgreement(Guid AgreementId, Guid PracticeId, string PracticeName, int Version, Guid ById, string ByName, DateTimeOffset JoinedAt);

/// <summary>A referral and back-referral agreement with its versions and the practices that joined, rebuilt from its events.</summary>
public sealed record Agreement(
    Guid Id,
    Guid HospitalId,
    string HospitalName,
    string Title,
    IReadOnlyList<AgreementVersion> Versions,
    IReadOnlyList<JoinedPractice> Practices,
    int Revision)
{
    public AgreementVersion? Active => Versions.FirstOrDefault(v => v.Status == AgreementVersionStatus.Active);

    public AgreementVersion? Draft => Versions.FirstOrDefault(v => v.Status == AgreementVersionStatus.Draft);

    /// <summary>The terms referrals and follow-up plans use, of one version.</summary>
    public AgreementTerms TermsOf(int version)
    {
        var content = Versions.Single(v => v.Number == version).Content;
        return new AgreementTerms(Id, version, HospitalId, HospitalName, content.ReferralCriteria, content.RequiredReferralContent, content.Schedule, content.ReReferralCriteria);
    }

    public static Agreement? Fold(Agreement? agreement, object e) => (agreement, e) switch
    {
        (_, AgreementDrafted drafted) => Start(drafted),
        (null, _) => null,
        ({ } a, _) => a.Then(e),
    };

    public static Agreement Start(AgreementDrafted e) =>
        new(e.AgreementId, e.HospitalId, e.HospitalName, e.Title, [new AgreementVersion(1, AgreementVersionStatus.Draft, e.Content, e.DraftedAt, null)], [], 1);

    public Agreement Then(object e) => Changed(e) with { Revision = Revision + 1 };

    private Agreement Changed(object e) => e switch
    {
        AgreementVersionDrafted d => this with { Versions = [.. Versions, new AgreementVersion(d.Version, AgreementVersionStatus.Draft, d.Content, d.DraftedAt, null)] },
        AgreementVersionActivated a => this with
        {
            Versions = [.. Versions.Select(v =>
                v.Number == a.Version ? v with { Status = AgreementVersionStatus.Active, ActivatedAt = a.ActivatedAt }
                : v.Status == AgreementVersionStatus.Active ? v with { Status = AgreementVersionStatus.Superseded }
                : v)],
        },
        PracticeJoinedAgreement j => this with
        {
            Practices = [.. Practices.Where(p => p.PracticeId != j.PracticeId), new JoinedPractice(j.PracticeId, j.PracticeName, j.Version, j.JoinedAt)],
        },
        _ => throw new ArgumentOutOfRangeException(nameof(e), e.GetType().Name, "Not an agreement event."),
    };
}

/// <summary>Marten's inline snapshot of an agreement, folded by <see cref="Agreement.Fold"/>.</summary>
public sealed class AgreementProjection : Marten.Events.Aggregation.SingleStreamProjection<Agreement, Guid>
{
    public override Agreement? Evolve(Agreement? snapshot, Guid id, JasperFx.Events.IEvent e) => Agreement.Fold(snapshot, e.Data);
}
