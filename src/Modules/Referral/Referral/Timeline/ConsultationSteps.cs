using Marten;
using Schakel.Consultation.Contracts;

namespace Schakel.Referral.Timeline;

/// <summary>The Referral module's own copy of a consultation step, for the patient's timeline (id: question, change, moment).</summary>
public sealed record ConsultationStep(
    string Id, Guid QuestionId, Guid PracticeId, string PatientReference, QuestionChange Change, string HospitalName, Specialty Specialty, string? Outcome, DateTimeOffset At)
{
    public static string IdOf(ConsultationStepTakenIntegrationEvent e) => $"{e.QuestionId:N}:{e.Change}:{e.At.UtcTicks}";
}

/// <summary>Idempotent: the same message twice stores the same step once.</summary>
public static class ConsultationStepTakenHandler
{
    public static void Handle(ConsultationStepTakenIntegrationEvent message, IDocumentSession session) =>
        session.Store(new ConsultationStep(
            ConsultationStep.IdOf(message), message.QuestionId, message.PracticeId, message.PatientReference, message.Change,
            message.HospitalName, message.Specialty, message.Outcome, message.At));
}
