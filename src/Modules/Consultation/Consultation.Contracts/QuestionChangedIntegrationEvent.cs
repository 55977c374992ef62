namespace Schakel.Consultation.Contracts;

/// <summary>What happened to a consultation question, as the rest of the product may hear it.</summary>
public enum QuestionChange
{
    Posted = 1,
    Claimed = 2,
    HandedOver = 3,
    ReturnedToPool = 4,
    ClarificationRequested = 5,
    ClarificationGiven = 6,
    MessagePosted = 7,
    AttachmentAdded = 8,
    Answered = 9,
    FollowUpAsked = 10,
    Closed = 11,
    Withdrawn = 12,

    /// <summary>Half of the promised time passed without an answer.</summary>
    ReminderAtHalfTime = 13,

    /// <summary>80% of the promised time passed without an answer.</summary>
    ReminderAtFourFifths = 14,

    /// <summary>The response promise is broken.</summary>
    Late = 15,
}

/// <summary>
/// A consultation question changed: the host pushes it live to the two sides and delivers the
/// reminders and alerts. Ids, the kind of change and the people involved only: no patient data,
/// so it may travel to browsers, logs and e-mail texts. Message identity: <see cref="MessageIdentity"/>.
/// Change only by adding fields.
/// </summary>
/// <param name="PracticeId">The asking practice (its people see the question).</param>
/// <param name="ResponsibleGpId">The GP responsible for the question.</param>
/// <param name="PostedById">Who posted it (the GP, or a practice nurse on the GP's behalf).</param>
/// <param name="HospitalId">The answering hospital.</param>
/// <param name="Specialty">The answering pool of that hospital.</param>
/// <param name="ClaimedById">The specialist who holds the question now, if any.</param>
/// <param name="PreviouslyClaimedById">Who held it before this change (a hand-over or a return to the pool).</param>
public sealed record QuestionChangedIntegrationEvent(
    Guid QuestionId,
    QuestionChange Change,
    Guid PracticeId,
    Guid ResponsibleGpId,
    Guid PostedById,
    Guid HospitalId,
    Specialty Specialty,
    Guid? ClaimedById,
    Guid? PreviouslyClaimedById,
    bool Urgent,
    DateTimeOffset DueAt,
    DateTimeOffset OccurredAt)
{
    public const string MessageIdentity = "consultation.question-changed.v1";
}
