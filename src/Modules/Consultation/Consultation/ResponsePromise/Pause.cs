namespace Schakel.Consultation.ResponsePromise;

/// <summary>
/// A span during which the response promise's clock stands still (for instance while the
/// consultant waits for the GP's answer).
/// </summary>
/// <param name="Start">When the pause began.</param>
/// <param name="End">When it ended; null while it lasts.</param>
public sealed record Pause(DateTimeOffset Start, DateTimeOffset? End);
