using System.Security.Cryptography;
using System.Text;
using Marten;
using Schakel.Consultation.Contracts;
using Schakel.Referral.Contracts;
using Schakel.SocialMap.Contracts;

namespace Schakel.Indicators.Facts;

/// <summary>
/// The module's event store is what it heard: every integration event it counts is appended, as
/// received, to a stream of its own per subject (question, referral, follow-up, location). The
/// records the figures come from are projections of these streams, so a rebuild from the event
/// store gives the same figures.
/// </summary>
public static class FactStreams
{
    /// <summary>The local queue Wolverine gives <see cref="KeepFactsHandler"/> (separated handlers each get their own, named after the handler).</summary>
    public const string Queue = "schakel.indicators.facts.keepfactshandler";

    private static readonly byte[] Namespace = Encoding.UTF8.GetBytes("schakel.indicators.facts:");

    /// <summary>
    /// The module's stream about a subject: a name-based id (RFC 9562 version 5) derived from the
    /// subject's id, because the subject's own id is already the stream of the module that owns it.
    /// </summary>
    public static Guid For(Guid subjectId)
    {
        var name = new byte[Namespace.Length + 16];
        Namespace.CopyTo(name, 0);
        subjectId.TryWriteBytes(name.AsSpan(Namespace.Length), bigEndian: true, out _);
        Span<byte> hash = stackalloc byte[20];
#pragma warning disable CA5350 // SHA-1 is what a version-5 UUID is defined with; it names, it does not protect.
        SHA1.HashData(name, hash);
#pragma warning restore CA5350
        hash[6] = (byte)((hash[6] & 0x0F) | 0x50);
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        return new Guid(hash[..16], bigEndian: true);
    }
}

/// <summary>
/// Keeps what the consultation line, the referrals and the social map publish (see <see cref="FactStreams"/>).
/// Each fact is appended at the version the stream had when it was read, so two facts about one
/// subject handled at once cannot both update its record from the same state: the later commit
/// fails (a version conflict, or the stream's key when both start it) and the platform's retry
/// for lost races tries it again, so it folds onto what the first one stored.
/// </summary>
public static class KeepFactsHandler
{
    public static Task Handle(ConsultationStepTakenIntegrationEvent message, IDocumentSession session, CancellationToken ct) =>
        KeepAsync(session, message.QuestionId, message, ct);

    public static Task Handle(ReferralChangedIntegrationEvent message, IDocumentSession session, CancellationToken ct) =>
        KeepAsync(session, message.ReferralId, message, ct);

    public static Task Handle(FollowUpStartedIntegrationEvent message, IDocumentSession session, CancellationToken ct) =>
        KeepAsync(session, message.FollowUpId, message, ct);

    public static Task Handle(FollowUpCheckRecordedIntegrationEvent message, IDocumentSession session, CancellationToken ct) =>
        KeepAsync(session, message.FollowUpId, message, ct);

    public static Task Handle(FallsPreventionReferralChangedIntegrationEvent message, IDocumentSession session, CancellationToken ct) =>
        KeepAsync(session, message.ReferralId, message, ct);

    public static Task Handle(TherapistLocationListedIntegrationEvent message, IDocumentSession session, CancellationToken ct) =>
        KeepAsync(session, message.LocationId, message, ct);

    public static Task Handle(TherapistLocationRevisedIntegrationEvent message, IDocumentSession session, CancellationToken ct) =>
        KeepAsync(session, message.LocationId, message, ct);

    public static Task Handle(TherapistLocationVerifiedIntegrationEvent message, IDocumentSession session, CancellationToken ct) =>
        KeepAsync(session, message.LocationId, message, ct);

    public static Task Handle(TherapistLocationRetiredIntegrationEvent message, IDocumentSession session, CancellationToken ct) =>
        KeepAsync(session, message.LocationId, message, ct);

    private static async Task KeepAsync(IDocumentSession session, Guid subject, object fact, CancellationToken ct)
    {
        var stream = FactStreams.For(subject);
        var state = await session.Events.FetchStreamStateAsync(stream, ct).ConfigureAwait(false);
        if (state is null)
        {
            session.Events.StartStream(stream, fact);
        }
        else
        {
            session.Events.Append(stream, state.Version + 1, fact);
        }
    }
}
