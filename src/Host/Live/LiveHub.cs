using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;
using Schakel.BuildingBlocks.Access;

namespace Schakel.Host.Live;

/// <summary>
/// The portal's live channel (docs/adr/0011). It only listens: it has no method a browser can
/// call, so nobody chooses a group. On connect the server puts the connection in the groups its
/// sign-in gives it (<see cref="LiveGroups.Of"/>); what arrives are pokes with ids only, after
/// which the page fetches what its user may see.
/// </summary>
[Authorize(Policy = LiveUpdates.Policy)]
public sealed class LiveHub(LiveConnections connections) : Hub
{
    public const string Path = "/hubs/live";

    /// <summary>A consultation question changed: <see cref="QuestionChangedPoke"/>.</summary>
    public const string QuestionChanged = "questionChanged";

    /// <summary>A referral to the hospital changed: <see cref="ReferralChangedPoke"/>.</summary>
    public const string ReferralChanged = "referralChanged";

    public override async Task OnConnectedAsync()
    {
        if (CareUser.From(Context.User) is not { } user || !Guid.TryParse(Context.User?.FindFirst(SchakelClaims.Session)?.Value, out var session))
        {
            // The policy lets no such user through; close rather than leave a connection without groups.
            Context.Abort();
            return;
        }

        connections.Add(Context, user.UserId, session);
        foreach (var group in LiveGroups.Of(user))
        {
            await Groups.AddToGroupAsync(Context.ConnectionId, group, Context.ConnectionAborted).ConfigureAwait(false);
        }

        await base.OnConnectedAsync().ConfigureAwait(false);
    }

    public override Task OnDisconnectedAsync(Exception? exception)
    {
        connections.Remove(Context.ConnectionId);
        return base.OnDisconnectedAsync(exception);
    }
}

/// <summary>What a browser hears about a question: which one, and what kind of change. Nothing else.</summary>
public sealed record QuestionChangedPoke(Guid QuestionId, Schakel.Consultation.Contracts.QuestionChange Change);

/// <summary>What a browser hears about a referral: which one, and what kind of change. Nothing else.</summary>
public sealed record ReferralChangedPoke(Guid ReferralId, Schakel.Referral.Contracts.ReferralChange Change);

/// <summary>The groups of the live channel, derived from a sign-in's claims only.</summary>
public static class LiveGroups
{
    public static string Practice(Guid practiceId) => $"practice:{practiceId}";

    public static string Pool(Guid hospitalId, SpecialtyPool pool) => $"pool:{hospitalId}:{pool}";

    public static string User(Guid userId) => $"user:{userId}";

    /// <summary>Everyone on the hospital side of a hospital (referrals arrive at the hospital, not at a pool).</summary>
    public static string Hospital(Guid hospitalId) => $"hospital:{hospitalId}";

    /// <summary>
    /// A GP-side user hears her practice; a hospital-side user her hospital, and a specialist also her
    /// pool of her hospital; everyone her own user group (for what is meant for her alone).
    /// </summary>
    public static IEnumerable<string> Of(CareUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (user.IsGpSide)
        {
            yield return Practice(user.OrganisationId);
        }
        else if (user.IsSpecialistSide)
        {
            yield return Hospital(user.OrganisationId);
            if (user.Pool is { } pool)
            {
                yield return Pool(user.OrganisationId, pool);
            }
        }

        yield return User(user.UserId);
    }
}
