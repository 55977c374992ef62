using Schakel.BuildingBlocks.Portal;
using Schakel.Indicators.Records;
using Schakel.Referral.Contracts;
using Schakel.SocialMap.Contracts;

namespace Schakel.Indicators.Figures;

/// <summary>How a follow-up task stands (see <see cref="IndicatorCatalogue.StatusOf"/>).</summary>
public enum CheckStatus
{
    OnTime = 1,
    Late = 2,
    Missed = 3,
    Open = 4,
}

/// <summary>
/// Every indicator of the regional programme (seed 000, "Prestatie indicatoren"), with its
/// definition: numerator, denominator and exclusions, as docs/indicators.md writes them down. A
/// flow figure counts what happened in the period (by the moment named); a stock figure counts
/// what stood at the end of the period (or now, for the running period).
/// </summary>
public static class IndicatorCatalogue
{
    /// <summary>A task recorded up to this many days after its planned day is on time.</summary>
    public const int CheckOnTimeDays = 14;

    /// <summary>A task not recorded this many days after its planned day is missed.</summary>
    public const int CheckMissedAfterDays = 90;

    /// <summary>A social-map entry not verified for this many months is stale (the social map's own rule).</summary>
    public const int StaleAfterMonths = 6;

    private static readonly string[] Outcomes = ["AdviceOnly", "FurtherDiagnostics", "ReferralAdvised", "NoActionNeeded"];

    public static IReadOnlyList<Indicator> All { get; } =
    [
        new("consultation.practices", IndicatorTheme.Consultation, FigureUnit.Count,
            new("Praktijken die het consultatiespreekuur gebruikten",
                "Aantal verschillende huisartspraktijken met minstens één vraag gesteld in de periode.", null,
                "Geen. Vragen die later zijn ingetrokken tellen mee."),
            (data, period, _) =>
            {
                var posted = Posted(data, period);
                return Families.Consultations.Measured(posted, posted.Select(c => c.PracticeId).Distinct().Count());
            }),
        new("consultation.askers", IndicatorTheme.Consultation, FigureUnit.Count,
            new("Huisartsen en POH's die een vraag stelden",
                "Aantal verschillende personen (huisarts of praktijkondersteuner) die in de periode een vraag stelden.", null,
                "Vragen van vóór deze gegevens werden vastgelegd (zonder steller)."),
            (data, period, _) =>
            {
                var posted = Posted(data, period);
                return Families.Consultations.Measured(posted, posted.Select(c => c.PostedById).OfType<Guid>().Distinct().Count());
            }),
        new("consultation.posted", IndicatorTheme.Consultation, FigureUnit.Count,
            new("Gestelde vragen", "Aantal consultatievragen gesteld in de periode (moment van stellen).", null, "Geen."),
            (data, period, _) =>
            {
                var posted = Posted(data, period);
                return Families.Consultations.Measured(posted, posted.Count);
            }),
        new("consultation.answered", IndicatorTheme.Consultation, FigureUnit.Count,
            new("Beantwoorde vragen", "Aantal vragen met hun eerste antwoord in de periode.", null,
                "Antwoorden op een vervolgvraag (de vraag telt één keer, bij het eerste antwoord)."),
            (data, period, _) =>
            {
                var answered = FirstAnswered(data, period);
                return Families.Consultations.Measured(answered, answered.Count);
            }),
        new("consultation.withdrawn", IndicatorTheme.Consultation, FigureUnit.Count,
            new("Ingetrokken vragen", "Aantal vragen dat de praktijk in de periode introk.", null, "Geen."),
            (data, period, _) =>
            {
                var withdrawn = data.Consultations.Where(c => period.Contains(c.WithdrawnAt)).OrderBy(c => c.WithdrawnAt).ToList();
                return Families.Consultations.Measured(withdrawn, withdrawn.Count);
            }),
        new("consultation.response-median", IndicatorTheme.Consultation, FigureUnit.Hours,
            new("Mediane reactietijd (werkuren)",
                "Mediaan van de werkuren van stellen tot eerste antwoord, over de vragen met hun eerste antwoord in de periode. "
                + "Werkuren zijn uren op werkdagen (maandag tot en met vrijdag, geen Nederlandse feestdag, Nederlandse tijd; een werkdag telt 24 uur); "
                + "de tijd dat de specialist op verduidelijking van de huisarts wachtte telt niet mee, net als bij de antwoordbelofte. "
                + "Bij een even aantal het gemiddelde van de twee middelste.",
                "Vragen met hun eerste antwoord in de periode.",
                "Vragen zonder antwoord (open of ingetrokken); antwoorden op vervolgvragen."),
            (data, period, _) =>
            {
                var answered = FirstAnswered(data, period).Where(c => c.FirstAnswerWorkingHours is not null).ToList();
                return Families.Consultations.Measured(answered, Statistics.OneDecimal(Statistics.Median(answered.Select(c => (decimal)c.FirstAnswerWorkingHours!.Value))), denominator: answered.Count);
            }),
        new("consultation.response-p90", IndicatorTheme.Consultation, FigureUnit.Hours,
            new("Reactietijd 90e percentiel (werkuren)",
                "De werkuren van stellen tot eerste antwoord waarbinnen 90% van de vragen beantwoord werd "
                + "(nearest rank: de kleinste waarde met minstens 90% van de vragen op of eronder). Werkuren als bij de mediane reactietijd.",
                "Vragen met hun eerste antwoord in de periode.",
                "Vragen zonder antwoord (open of ingetrokken); antwoorden op vervolgvragen."),
            (data, period, _) =>
            {
                var answered = FirstAnswered(data, period).Where(c => c.FirstAnswerWorkingHours is not null).ToList();
                return Families.Consultations.Measured(answered, Statistics.OneDecimal(Statistics.Percentile(answered.Select(c => (decimal)c.FirstAnswerWorkingHours!.Value), 90)), denominator: answered.Count);
            }),
        new("consultation.within-promise", IndicatorTheme.Consultation, FigureUnit.Percentage,
            new("Beantwoord binnen de belofte",
                "Vragen waarvan het eerste antwoord kwam op of vóór het beloofde moment (de antwoordtermijn in werkdagen, verschoven met de tijd dat op verduidelijking werd gewacht).",
                "Vragen met hun eerste antwoord in de periode.",
                "Vragen zonder antwoord; antwoorden op vervolgvragen."),
            (data, period, _) =>
            {
                var answered = FirstAnswered(data, period).Where(c => c.AnsweredWithinPromise is not null).ToList();
                var within = answered.Count(c => c.AnsweredWithinPromise == true);
                return Families.Consultations.Measured(answered, Statistics.Percentage(within, answered.Count), within, answered.Count, counted: c => c.AnsweredWithinPromise == true);
            }),
        new("consultation.late", IndicatorTheme.Consultation, FigureUnit.Count,
            new("Te late antwoorden", "Aantal vragen met hun eerste antwoord in de periode ná het beloofde moment.", null,
                "Vragen die nog open staan (die zijn te zien in het overzicht van de poule)."),
            (data, period, _) =>
            {
                var late = FirstAnswered(data, period).Where(c => c.AnsweredWithinPromise == false).ToList();
                return Families.Consultations.Measured(late, late.Count);
            }),
        new("consultation.outcomes", IndicatorTheme.Consultation, FigureUnit.Count,
            new("Uitkomst van het antwoord",
                "Aantal vragen met hun eerste antwoord in de periode, verdeeld naar de uitkomst die de specialist koos (bij een vervolgvraag de laatste): "
                + "alleen advies, aanvullende diagnostiek geadviseerd, verwijzing geadviseerd, geen actie nodig.", null,
                "Vragen zonder antwoord."),
            (data, period, _) =>
            {
                var answered = FirstAnswered(data, period);
                var parts = Outcomes.Select(o => new FigurePart(Families.OutcomeName(o), answered.Count(c => c.Outcome == o)));
                return Families.Consultations.Measured(answered, answered.Count, parts: parts);
            }),
        new("consultation.referral-avoided", IndicatorTheme.Consultation, FigureUnit.Percentage,
            new("Verwijzing voorkomen",
                "Vragen waarbij de huisarts bij het afsluiten aangaf dat het consult een verwijzing voorkwam.",
                "Vragen afgesloten in de periode waarbij de huisarts bij het stellen aangaf dat zij zonder dit consult zou verwijzen (\"ja\").",
                "Vragen waarbij de huisarts vooraf \"nee\" of \"weet niet\" antwoordde; vragen die niet zijn afgesloten."),
            (data, period, _) =>
            {
                var closed = data.Consultations.Where(c => period.Contains(c.ClosedAt) && c.WouldReferWithout == "Yes").OrderBy(c => c.ClosedAt).ToList();
                var avoided = closed.Count(c => c.AvoidedReferral == true);
                return Families.Consultations.Measured(closed, Statistics.Percentage(avoided, closed.Count), avoided, closed.Count, counted: c => c.AvoidedReferral == true);
            }),
        new("consultation.usefulness", IndicatorTheme.Consultation, FigureUnit.Score,
            new("Bruikbaarheid van het antwoord (1-5)",
                "Gemiddelde van het cijfer (1 tot en met 5) dat de huisarts bij het afsluiten gaf, met de verdeling over de cijfers.",
                "Vragen afgesloten in de periode.",
                "Vragen die niet zijn afgesloten."),
            (data, period, _) =>
            {
                var closed = data.Consultations.Where(c => period.Contains(c.ClosedAt) && c.Usefulness is not null).OrderBy(c => c.ClosedAt).ToList();
                var parts = Enumerable.Range(1, 5).Select(score => new FigurePart(score.ToString(System.Globalization.CultureInfo.InvariantCulture), closed.Count(c => c.Usefulness == score)));
                return Families.Consultations.Measured(closed, Statistics.Mean(closed.Select(c => (decimal)c.Usefulness!.Value)), denominator: closed.Count, parts: parts);
            }),

        new("referral.made", IndicatorTheme.Referral, FigureUnit.Count,
            new("Verwijzingen naar het ziekenhuis",
                "Aantal verwijzingen naar het ziekenhuis (fractuurpreventiepolikliniek, internist of reumatoloog) gemaakt in de periode, verdeeld naar patiëntgroep.", null,
                "Verwijzingen voor valpreventie (die staan bij valpreventie)."),
            (data, period, _) =>
            {
                var made = data.Referrals.Where(r => period.Contains(r.MadeAt)).OrderBy(r => r.MadeAt).ToList();
                var parts = Enum.GetValues<PatientGroup>().Select(g => new FigurePart(Families.GroupName(g), made.Count(r => r.PatientGroup == g)));
                return Families.Referrals.Measured(made, made.Count, parts: parts);
            }),
        new("referral.accepted", IndicatorTheme.Referral, FigureUnit.Count,
            new("Verwijzingen geaccepteerd", "Aantal verwijzingen die het ziekenhuis in de periode accepteerde.", null, "Geen."),
            (data, period, _) =>
            {
                var accepted = data.Referrals.Where(r => period.Contains(r.AcceptedAt)).OrderBy(r => r.AcceptedAt).ToList();
                return Families.Referrals.Measured(accepted, accepted.Count);
            }),
        new("referral.declined", IndicatorTheme.Referral, FigureUnit.Count,
            new("Verwijzingen afgewezen", "Aantal verwijzingen die het ziekenhuis in de periode afwees.", null, "Geen."),
            (data, period, _) =>
            {
                var declined = data.Referrals.Where(r => period.Contains(r.DeclinedAt)).OrderBy(r => r.DeclinedAt).ToList();
                return Families.Referrals.Measured(declined, declined.Count);
            }),
        new("referral.safety-net", IndicatorTheme.Referral, FigureUnit.Count,
            new("Vangnet: patiënt reageerde niet",
                "Aantal verwijzingen waarbij het ziekenhuis in de periode vastlegde dat de patiënt niet op de uitnodigingen reageerde (de praktijk krijgt een taak).", null, "Geen."),
            (data, period, _) =>
            {
                var cases = data.Referrals.Where(r => period.Contains(r.NoResponseAt)).OrderBy(r => r.NoResponseAt).ToList();
                return Families.Referrals.Measured(cases, cases.Count);
            }),
        new("referral.safety-net-followed-up", IndicatorTheme.Referral, FigureUnit.Percentage,
            new("Vangnet opgevolgd door de praktijk",
                "Vangnetgevallen waarbij de praktijk (tot nu toe) vastlegde dat zij contact met de patiënt opnam.",
                "Verwijzingen waarbij het ziekenhuis in de periode vastlegde dat de patiënt niet reageerde.",
                "Geen."),
            (data, period, _) =>
            {
                var cases = data.Referrals.Where(r => period.Contains(r.NoResponseAt)).OrderBy(r => r.NoResponseAt).ToList();
                var followed = cases.Count(r => r.SafetyNetFollowedUpAt is not null);
                return Families.Referrals.Measured(cases, Statistics.Percentage(followed, cases.Count), followed, cases.Count, counted: r => r.SafetyNetFollowedUpAt is not null);
            }),
        new("referral.back-referred", IndicatorTheme.Referral, FigureUnit.Count,
            new("Terugverwijzingen", "Aantal patiënten die het ziekenhuis in de periode terugverwees naar de huisarts.", null, "Geen."),
            (data, period, _) =>
            {
                var back = data.Referrals.Where(r => period.Contains(r.BackReferredAt)).OrderBy(r => r.BackReferredAt).ToList();
                return Families.Referrals.Measured(back, back.Count);
            }),

        new("follow-up.started", IndicatorTheme.FollowUp, FigureUnit.Count,
            new("Opvolgplannen gestart",
                "Aantal patiënten van wie de praktijk in de periode de opvolging van de behandeling startte (na terugverwijzing of zelf aangemeld), verdeeld naar patiëntgroep.", null, "Geen."),
            (data, period, _) =>
            {
                var started = data.FollowUps.Where(f => period.Contains(f.StartedAt)).OrderBy(f => f.StartedAt).ToList();
                var parts = Enum.GetValues<PatientGroup>().Select(g => new FigurePart(Families.GroupName(g), started.Count(f => f.Group == g)));
                return Families.FollowUps.Measured(started, started.Count, parts: parts);
            }),
        new("follow-up.in-programme", IndicatorTheme.FollowUp, FigureUnit.Count,
            new("Patiënten in het zorgprogramma",
                "Aantal patiënten met een opvolgplan in de huisartsenpraktijk aan het eind van de periode (voor de lopende periode: nu).", null,
                "Geen (een plan eindigt nog niet in Schakel)."),
            (data, period, now) =>
            {
                var end = EndOf(period, now);
                var inProgramme = data.FollowUps.Where(f => f.StartedAt is { } s && s < end).OrderBy(f => f.StartedAt).ToList();
                return Families.FollowUps.Measured(inProgramme, inProgramme.Count);
            }),
        new("follow-up.checks", IndicatorTheme.FollowUp, FigureUnit.Count,
            new("Opvolgtaken gepland",
                $"Aantal taken van opvolgplannen (therapietrouwcontroles, evaluaties, lengtemetingen) gepland in de periode, verdeeld naar: op tijd "
                + $"(vastgelegd uiterlijk {CheckOnTimeDays} dagen na de geplande dag), te laat (later vastgelegd), gemist (niet vastgelegd {CheckMissedAfterDays} dagen na de geplande dag) en nog open.",
                null, "Geen."),
            (data, period, now) =>
            {
                var checks = ChecksDue(data, period, now);
                var parts = Enum.GetValues<CheckStatus>().Select(s => new FigurePart(Families.StatusName(s), checks.Count(c => c.Status == s)));
                return Families.Checks.Measured(checks, checks.Count, parts: parts);
            }),
        new("follow-up.checks-on-time", IndicatorTheme.FollowUp, FigureUnit.Percentage,
            new("Opvolgtaken op tijd",
                $"Taken vastgelegd uiterlijk {CheckOnTimeDays} dagen na de geplande dag.",
                "Taken gepland in de periode die op tijd, te laat of gemist zijn.",
                $"Taken die nog open zijn en nog niet gemist ({CheckMissedAfterDays} dagen)."),
            (data, period, now) =>
            {
                var settled = ChecksDue(data, period, now).Where(c => c.Status != CheckStatus.Open).ToList();
                var onTime = settled.Count(c => c.Status == CheckStatus.OnTime);
                return Families.Checks.Measured(settled, Statistics.Percentage(onTime, settled.Count), onTime, settled.Count, counted: c => c.Status == CheckStatus.OnTime);
            }),
        new("follow-up.on-medication-1-year", IndicatorTheme.FollowUp, FigureUnit.Percentage,
            new("Na 1 jaar nog medicatie",
                "Patiënten die bij de eerste controle van 12 tot 24 maanden na de start nog medicatie gebruikten.",
                "Patiënten van wie het gebruik na 1 jaar in de periode bekend werd: bij die controle (moment van vastleggen), of op de dag dat de behandeling 1 jaar liep als een eerdere controle al vastlegde dat de patiënt gestopt was.",
                "Patiënten van wie het gebruik na 1 jaar (nog) niet bekend is."),
            (data, period, now) => OnMedication(data, period, now, months: 12)),
        new("follow-up.on-medication-5-years", IndicatorTheme.FollowUp, FigureUnit.Percentage,
            new("Na 5 jaar nog medicatie",
                "Patiënten die bij de eerste controle of evaluatie van 60 tot 72 maanden na de start nog medicatie gebruikten.",
                "Patiënten van wie het gebruik na 5 jaar in de periode bekend werd (zoals bij 1 jaar).",
                "Patiënten van wie het gebruik na 5 jaar (nog) niet bekend is."),
            (data, period, now) => OnMedication(data, period, now, months: 60)),
        new("follow-up.bisphosphonate-no-dexa", IndicatorTheme.FollowUp, FigureUnit.Count,
            new("Langer dan 5 jaar bisfosfonaat zonder nieuwe DEXA",
                "Aantal patiënten aan het eind van de periode (lopende periode: vandaag) die een bisfosfonaat gebruiken, van wie de behandeling meer dan 5 jaar eerder startte "
                + "en voor wie na de start geen herhaalde DEXA is vastgelegd.", null,
                "Patiënten van wie de laatst vastgelegde controle zegt dat zij gestopt zijn."),
            (data, period, now) =>
            {
                var end = EndOf(period, now);
                var day = DateOnly.FromDateTime(DutchTime.ToDutch(end.AddTicks(-1)).DateTime);
                var patients = data.FollowUps.Where(f => f.DrugClass == OsteoporosisDrugClass.Bisphosphonate && f.TreatmentStart is { } start && start.AddYears(5) < day
                        && f.StartedAt is { } s && s < end
                        && LatestRecorded(f, end)?.StillTakingMedication != false
                        && !f.Checks.Any(c => c.DexaRepeatedOn is { } dexa && dexa > start && c.RecordedAt < end))
                    .OrderBy(f => f.TreatmentStart).ToList();
                return Families.FollowUps.Measured(patients, patients.Count);
            }),

        new("falls-prevention.referred", IndicatorTheme.FallsPrevention, FigureUnit.Count,
            new("Verwijzingen valpreventie", "Aantal verwijzingen naar een fysiotherapeut, oefentherapeut of ergotherapeut van de sociale kaart in de periode.", null, "Geen."),
            (data, period, _) =>
            {
                var referred = data.FallsPrevention.Where(f => period.Contains(f.ReferredAt)).OrderBy(f => f.ReferredAt).ToList();
                return Families.FallsPrevention.Measured(referred, referred.Count);
            }),
        new("falls-prevention.intake-confirmed", IndicatorTheme.FallsPrevention, FigureUnit.Percentage,
            new("Valpreventie: intake bevestigd",
                "Verwijzingen waarvan de therapeut (tot nu toe) de intake bevestigde.",
                "Verwijzingen voor valpreventie gemaakt in de periode.",
                "Geen."),
            (data, period, _) =>
            {
                var referred = data.FallsPrevention.Where(f => period.Contains(f.ReferredAt)).OrderBy(f => f.ReferredAt).ToList();
                var confirmed = referred.Count(f => f.IntakeConfirmedAt is not null);
                return Families.FallsPrevention.Measured(referred, Statistics.Percentage(confirmed, referred.Count), confirmed, referred.Count, counted: f => f.IntakeConfirmedAt is not null);
            }),

        new("social-map.entries", IndicatorTheme.SocialMap, FigureUnit.Count,
            new("Locaties op de sociale kaart",
                "Aantal locaties op de sociale kaart aan het eind van de periode (lopende periode: nu), verdeeld naar gemeente en discipline "
                + "(een locatie met twee disciplines telt in beide). Altijd voor de hele regio.", null,
                "Locaties die van de kaart zijn gehaald."),
            (data, period, now) =>
            {
                var onMap = OnMap(data, period, now);
                var parts = onMap.SelectMany(d => d.Disciplines.Select(discipline => $"{d.Municipality} · {Families.DisciplineName(discipline)}"))
                    .GroupBy(label => label).OrderBy(g => g.Key, StringComparer.Create(System.Globalization.CultureInfo.GetCultureInfo("nl-NL"), false))
                    .Select(g => new FigurePart(g.Key, g.Count()));
                return Families.Directory.Measured(onMap, onMap.Count, parts: parts);
            }),
        new("social-map.fresh", IndicatorTheme.SocialMap, FigureUnit.Percentage,
            new("Sociale kaart actueel",
                $"Locaties die in de {StaleAfterMonths} maanden vóór het eind van de periode (lopende periode: nu) zijn gecontroleerd (door de coördinator, door de aanbieder zelf, of bij het plaatsen).",
                "Locaties op de sociale kaart aan het eind van de periode.",
                "Locaties die van de kaart zijn gehaald."),
            (data, period, now) =>
            {
                var end = EndOf(period, now);
                var onMap = OnMap(data, period, now);
                var fresh = onMap.Count(d => d.VerifiedAt.Any(v => v <= end && v.AddMonths(StaleAfterMonths) > end));
                return Families.Directory.Measured(onMap, Statistics.Percentage(fresh, onMap.Count), fresh, onMap.Count,
                    counted: d => d.VerifiedAt.Any(v => v <= end && v.AddMonths(StaleAfterMonths) > end));
            }),
    ];

    public static Indicator? Find(string? key) => All.FirstOrDefault(i => string.Equals(i.Key, key, StringComparison.Ordinal));

    /// <summary>
    /// A task is on time when recorded up to <see cref="CheckOnTimeDays"/> days after its planned day
    /// (Dutch calendar days), late when recorded later, missed when still not recorded
    /// <see cref="CheckMissedAfterDays"/> days after it, and open until then.
    /// </summary>
    public static CheckStatus StatusOf(FollowUpCheck check, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(check);
        if (check.RecordedAt is { } recorded)
        {
            return DayOf(recorded) <= check.Due.AddDays(CheckOnTimeDays) ? CheckStatus.OnTime : CheckStatus.Late;
        }

        return DayOf(now) > check.Due.AddDays(CheckMissedAfterDays) ? CheckStatus.Missed : CheckStatus.Open;
    }

    private static List<ConsultationRecord> Posted(IndicatorData data, Period period) =>
        data.Consultations.Where(c => period.Contains(c.PostedAt)).OrderBy(c => c.PostedAt).ToList();

    private static List<ConsultationRecord> FirstAnswered(IndicatorData data, Period period) =>
        data.Consultations.Where(c => period.Contains(c.FirstAnsweredAt)).OrderBy(c => c.FirstAnsweredAt).ToList();

    private static List<(FollowUpRecord FollowUp, FollowUpCheck Check, CheckStatus Status)> ChecksDue(IndicatorData data, Period period, DateTimeOffset now) =>
        data.FollowUps.SelectMany(f => f.Checks.Where(c => period.Contains(c.Due)).Select(c => (FollowUp: f, Check: c, Status: StatusOf(c, now))))
            .OrderBy(x => x.Check.Due).ToList();

    /// <summary>The end of the period, or now while it runs.</summary>
    private static DateTimeOffset EndOf(Period period, DateTimeOffset now) => period.End < now ? period.End : now;

    private static DateOnly DayOf(DateTimeOffset moment) => DateOnly.FromDateTime(DutchTime.ToDutch(moment).DateTime);

    private static FollowUpCheck? LatestRecorded(FollowUpRecord followUp, DateTimeOffset before) =>
        followUp.Checks.Where(c => c.RecordedAt < before && c.StillTakingMedication is not null).MaxBy(c => c.RecordedAt);

    private static List<DirectoryEntryRecord> OnMap(IndicatorData data, Period period, DateTimeOffset now)
    {
        var end = EndOf(period, now);
        return data.Directory.Where(d => d.ListedAt is { } listed && listed < end && (d.RetiredAt is null || d.RetiredAt >= end))
            .OrderBy(d => d.Municipality, StringComparer.Ordinal).ThenBy(d => d.ListedAt).ToList();
    }

    /// <summary>
    /// When the medication use at <paramref name="months"/> became known, and whether the patient still
    /// took it: the first check planned in the year from <paramref name="months"/> on, once recorded; or,
    /// when an earlier check found her stopped, the day the treatment reached <paramref name="months"/>.
    /// </summary>
    internal static (DateTimeOffset KnownAt, bool OnMedication)? UseAt(FollowUpRecord followUp, int months, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(followUp);
        var checkpoint = followUp.Checks
            .Where(c => c.Kind != Schakel.Referral.Contracts.FollowUpCheckKind.HeightMeasurement && c.MonthsAfterStart >= months && c.MonthsAfterStart < months + 12)
            .OrderBy(c => c.MonthsAfterStart).FirstOrDefault();
        if (checkpoint is { RecordedAt: { } recorded, StillTakingMedication: { } taking })
        {
            return (recorded, taking);
        }

        var earlier = followUp.Checks.Where(c => c.MonthsAfterStart < months && c.RecordedAt is not null && c.StillTakingMedication is not null)
            .MaxBy(c => c.RecordedAt);
        if (earlier is { StillTakingMedication: false } && followUp.TreatmentStart is { } start)
        {
            var anniversary = DutchTime.StartOf(start.AddMonths(months));
            return anniversary <= now ? (anniversary, false) : null;
        }

        return null;
    }

    private static Measurement OnMedication(IndicatorData data, Period period, DateTimeOffset now, int months)
    {
        var known = data.FollowUps.Select(f => (FollowUp: f, Use: UseAt(f, months, now)))
            .Where(x => x.Use is { } use && period.Contains(use.KnownAt))
            .OrderBy(x => x.Use!.Value.KnownAt)
            .ToList();
        var onMedication = known.Where(x => x.Use!.Value.OnMedication).Select(x => x.FollowUp.Id).ToHashSet();
        return Families.FollowUps.Measured(
            [.. known.Select(x => x.FollowUp)], Statistics.Percentage(onMedication.Count, known.Count), onMedication.Count, known.Count,
            counted: f => onMedication.Contains(f.Id));
    }
}
