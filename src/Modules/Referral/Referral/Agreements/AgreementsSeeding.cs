using Marten;
using Schakel.Referral.Contracts;

namespace Schakel.Referral.Agreements;

/// <summary>
/// The door through which the host's demo seeding writes the region's agreement: drafted, brought
/// into force and joined by the demo practices, through the same events and fold as the API.
/// Idempotent: a hospital that has an agreement keeps it.
/// </summary>
public static class AgreementsSeeding
{
    /// <summary>The regional plan's agreement, in Dutch, with the default follow-up schedule and every re-referral criterion.</summary>
    public static readonly AgreementContent RegionalDefault = new(
        "Fractuurpreventie in de regio: verwijzen naar en terugverwijzen van de fractuurpreventiepolikliniek (FLS), internist en reumatoloog.",
        new Dictionary<PatientGroup, string>
        {
            [PatientGroup.NoResponseToFlsInvitation] = "Fractuurpatiënt die niet reageerde op de uitnodiging van de FLS: de huisarts neemt contact op en verwijst zo nodig opnieuw.",
            [PatientGroup.KnownOsteoporosisTreatedByGp] = "Bekend met osteoporose en behandeld door de huisarts: verwijzen bij twijfel over de behandeling of bij een nieuwe fractuur.",
            [PatientGroup.CaseFinding] = "50-80 jaar met een verdenking op een wervelfractuur, een recente val of een hoog valrisico: verwijzen voor DEXA en VFA.",
            [PatientGroup.ReferredBackForFollowUp] = "Teruggeverwezen na diagnostiek: opvolging in de huisartsenpraktijk volgens het schema.",
            [PatientGroup.GlucocorticoidUser] = "Gemiddeld ≥ 7,5 mg prednison per dag langer dan 3 maanden: verwijzen voor DEXA en behandeladvies.",
        },
        [ReferralContentItem.Reason, ReferralContentItem.FractureHistory, ReferralContentItem.CurrentMedication],
        "Na diagnostiek en start van de behandeling, met een terugrapportage; eerder als de patiënt daar zelf om vraagt.",
        "Uitslagen DEXA (T-scores per plek), VFA (Genant-graad), laboratorium, het gestarte middel met dosering en startdatum, en het opvolgplan.",
        FollowUpSchedule.Default,
        [ReReferralCriterion.NewFractureUnderTreatment, ReReferralCriterion.Intolerance, ReReferralCriterion.DenosumabToStop, ReReferralCriterion.EvaluationAfterFiveYears, ReReferralCriterion.Complications]);

    public static async Task EnsureRegionalAgreementAsync(
        IDocumentStore store, Guid hospitalId, string hospitalName, Guid coordinatorId, string coordinatorName, IReadOnlyList<(Guid Id, string Name)> practices, DateTimeOffset now, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(practices);
        await using var session = store.LightweightSession();
        var agreement = await session.Query<Agreement>().Where(a => a.HospitalId == hospitalId).FirstOrDefaultAsync(ct).ConfigureAwait(false);
        if (agreement is null)
        {
            var drafted = new AgreementDrafted(Guid.CreateVersion7(), hospitalId, hospitalName, "Verwijs- en terugverwijsafspraak fractuurpreventie",
                RegionalDefault, coordinatorId, coordinatorName, now);
            var activated = new AgreementVersionActivated(drafted.AgreementId, 1, coordinatorId, coordinatorName, now);
            session.Events.StartStream<Agreement>(drafted.AgreementId, drafted, activated);
            agreement = Agreement.Start(drafted).Then(activated);
        }

        var active = agreement.Active?.Number ?? 1;
        var joins = practices.Where(p => !agreement.Practices.Any(j => j.PracticeId == p.Id))
            .Select(p => new PracticeJoinedAgreement(agreement.Id, p.Id, p.Name, active, coordinatorId, coordinatorName, now))
            .ToList();
        if (joins.Count > 0)
        {
            session.Events.Append(agreement.Id, joins.Cast<object>().ToArray());
        }

        foreach (var join in joins)
        {
            session.Store(new JoinedAgreement(JoinedAgreement.IdOf(join.PracticeId, hospitalId), join.PracticeId, hospitalId, agreement.TermsOf(active), now));
        }

        await session.SaveChangesAsync(ct).ConfigureAwait(false);
    }
}
