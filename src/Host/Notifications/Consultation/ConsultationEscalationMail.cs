using Schakel.BuildingBlocks.Access;
using Schakel.BuildingBlocks.Notifications;
using Schakel.BuildingBlocks.Portal;
using Schakel.Consultation.Contracts;
using Schakel.Host.Notifications.Email;
using Wolverine;

namespace Schakel.Host.Notifications.Consultation;

/// <summary>
/// Delivers the consultation line's escalations by e-mail: at 50% and 80% of the promised time the
/// specialist who holds the question (or, unclaimed, every specialist of the pool) is reminded; at
/// the deadline the hospital's osteoporosis nurses are alerted and the GP is told the answer is
/// late. Each level is raised once per due moment (the module guarantees it) and this handler's
/// e-mails leave through the outbox with its inbox record, so each person gets each e-mail once.
/// No patient data: what happened, when it is due, and a link to the portal.
/// </summary>
public static class ConsultationEscalationMail
{
    /// <summary>The host names its handlers one by one (the test host's application assembly is not the host's).</summary>
    public static WebApplicationBuilder AddConsultationEscalationMail(this WebApplicationBuilder builder)
    {
        builder.Services.ConfigureWolverine(opts => opts.Discovery.IncludeType(typeof(ConsultationEscalationMail)));
        return builder;
    }

    public static async Task<OutgoingMessages> Handle(
        QuestionChangedIntegrationEvent changed, ICareDirectory directory, EmailTemplates templates, PortalLinks links, CancellationToken ct)
    {
        var mail = new OutgoingMessages();
        if (changed.Change is not (QuestionChange.ReminderAtHalfTime or QuestionChange.ReminderAtFourFifths or QuestionChange.Late))
        {
            return mail;
        }

        var link = links.To(Schakel.Consultation.Questions.OpenQuestionLinkEndpoint.For(changed.QuestionId));
        var pool = PoolName(changed.Specialty);
        var claimed = changed.ClaimedById is not null;
        if (changed.Change == QuestionChange.Late)
        {
            var late = new ConsultationLateEmail(claimed, pool, changed.Urgent, changed.DueAt, link);
            var nurses = await directory.PeopleWithRoleAsync(changed.HospitalId, [SchakelRoles.OsteoporosisNurse], ct).ConfigureAwait(false);
            mail.AddRange(nurses.Select(n => new SendEmail(templates.ConsultationLate(n.Email, n.Name, toCoordinator: true, late))));
            foreach (var gp in await PeopleAsync(directory, [changed.ResponsibleGpId, changed.PostedById], ct).ConfigureAwait(false))
            {
                mail.Add(new SendEmail(templates.ConsultationLate(gp.Email, gp.Name, toCoordinator: false, late)));
            }

            return mail;
        }

        var elapsed = changed.Change == QuestionChange.ReminderAtHalfTime ? "De helft" : "80%";
        var holder = changed.ClaimedById is { } id ? await directory.FindAsync(id, ct).ConfigureAwait(false) : null;
        var recipients = holder is not null
            ? [holder]
            : await directory.SpecialistsOfAsync(changed.HospitalId, PoolOf(changed.Specialty), ct).ConfigureAwait(false);
        mail.AddRange(recipients.Select(r => new SendEmail(templates.ConsultationReminder(
            r.Email, r.Name, new ConsultationReminderEmail(holder is not null, elapsed, pool, changed.Urgent, changed.DueAt, link)))));
        return mail;
    }

    private static async Task<IReadOnlyList<CareProvider>> PeopleAsync(ICareDirectory directory, IEnumerable<Guid> ids, CancellationToken ct)
    {
        var people = new List<CareProvider>();
        foreach (var id in ids.Distinct())
        {
            if (await directory.FindAsync(id, ct).ConfigureAwait(false) is { } person)
            {
                people.Add(person);
            }
        }

        return people;
    }

    private static SpecialtyPool PoolOf(Specialty specialty) =>
        specialty == Specialty.Rheumatology ? SpecialtyPool.Rheumatology : SpecialtyPool.InternalMedicine;

    private static string PoolName(Specialty specialty) =>
        specialty == Specialty.Rheumatology ? "reumatologie" : "interne geneeskunde/endocrinologie";
}
