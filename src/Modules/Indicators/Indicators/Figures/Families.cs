using System.Globalization;
using Schakel.BuildingBlocks.Portal;
using Schakel.Consultation.Contracts;
using Schakel.Indicators.Records;
using Schakel.Referral.Contracts;
using Schakel.SocialMap.Contracts;

namespace Schakel.Indicators.Figures;

/// <summary>How the records of one kind appear behind a figure: columns, cells, whose and which patient.</summary>
internal sealed record Family<T>(
    IReadOnlyList<string> Columns, Func<T, Guid?> PracticeOf, Func<T, string?> PatientOf, Func<T, string?> LinkOf, Func<T, IReadOnlyList<string>> CellsOf,
    bool AboutPatients = true)
{
    /// <summary>The figure, its patients and the rows behind it; <paramref name="counted"/> adds whether a row is in the numerator.</summary>
    public Measurement Measured(
        IReadOnlyList<T> population, decimal? value, int? numerator = null, int? denominator = null, IEnumerable<FigurePart>? parts = null, Func<T, bool>? counted = null)
    {
        var patients = AboutPatients ? population.Select(PatientOf).OfType<string>().Distinct(StringComparer.Ordinal).Count() : (int?)null;
        var columns = counted is null ? Columns : [.. Columns, "Telt mee in teller"];
        IReadOnlyList<DrillRow> Rows() => population
            .Select(t => new DrillRow(PracticeOf(t), LinkOf(t), counted is null ? CellsOf(t) : [.. CellsOf(t), counted(t) ? "ja" : "nee"]))
            .ToList();
        return new Measurement(value, numerator, denominator, patients, parts?.ToList() ?? [], columns, Rows);
    }
}

/// <summary>The families of records the figures count, with Dutch column names and invariant cell values (CSV-safe).</summary>
internal static class Families
{
    public static readonly Family<ConsultationRecord> Consultations = new(
        ["Vraag", "Gesteld", "Ziekenhuis", "Poule", "Eerste antwoord", "Werkuren tot antwoord", "Binnen belofte", "Uitkomst", "Ingetrokken", "Afgesloten"],
        c => c.PracticeId,
        c => c.PatientReference,
        c => $"/consultaties/{c.Id}",
        c => [ShortId(c.Id), Moment(c.PostedAt), c.HospitalName, PoolName(c.Specialty), Moment(c.FirstAnsweredAt), Hours(c.FirstAnswerWorkingHours),
            YesNo(c.AnsweredWithinPromise), OutcomeName(c.Outcome), Moment(c.WithdrawnAt), Moment(c.ClosedAt)]);

    public static readonly Family<HospitalReferralRecord> Referrals = new(
        ["Verwijzing", "Verwezen", "Naar", "Patiëntgroep", "Geaccepteerd", "Afgewezen", "Geen reactie patiënt", "Contact gelegd door praktijk", "Terugverwezen"],
        r => r.PracticeId,
        r => r.Id.ToString("N"), // one referral is one patient; the contract carries no patient reference
        r => $"/verwijzingen/{r.Id}",
        r => [ShortId(r.Id), Moment(r.MadeAt), TargetName(r.Target), GroupName(r.PatientGroup), Moment(r.AcceptedAt), Moment(r.DeclinedAt), Moment(r.NoResponseAt),
            Moment(r.SafetyNetFollowedUpAt), Moment(r.BackReferredAt)]);

    public static readonly Family<FollowUpRecord> FollowUps = new(
        ["Opvolging", "Gestart", "Patiëntgroep", "Middel", "Start behandeling", "Na terugverwijzing"],
        f => f.PracticeId,
        f => f.PatientReference,
        f => $"/opvolging/{f.Id}",
        f => [ShortId(f.Id), Moment(f.StartedAt), f.Group is { } g ? GroupName(g) : "", DrugName(f.DrugClass), Day(f.TreatmentStart), f.FromBackReferral ? "ja" : "nee"]);

    public static readonly Family<(FollowUpRecord FollowUp, FollowUpCheck Check, CheckStatus Status)> Checks = new(
        ["Opvolging", "Taak", "Maand", "Gepland op", "Vastgelegd", "Status"],
        x => x.FollowUp.PracticeId,
        x => x.FollowUp.PatientReference,
        x => $"/opvolging/{x.FollowUp.Id}",
        x => [ShortId(x.FollowUp.Id), CheckName(x.Check.Kind), x.Check.MonthsAfterStart.ToString(CultureInfo.InvariantCulture), Day(x.Check.Due), Moment(x.Check.RecordedAt), StatusName(x.Status)]);

    public static readonly Family<FallsPreventionRecord> FallsPrevention = new(
        ["Verwijzing", "Verwezen", "Intake bevestigd", "Behandeling afgerond"],
        f => f.PracticeId,
        f => f.PatientReference,
        f => $"/valpreventie/{f.Id}",
        f => [ShortId(f.Id), Moment(f.ReferredAt), Moment(f.IntakeConfirmedAt), Moment(f.TreatmentEndedAt)]);

    public static readonly Family<DirectoryEntryRecord> Directory = new(
        ["Locatie", "Gemeente", "Disciplines", "Op de kaart sinds", "Laatst gecontroleerd"],
        _ => null,
        _ => null,
        d => $"/sociale-kaart/{d.Id}",
        d => [ShortId(d.Id), d.Municipality, string.Join(", ", d.Disciplines.Select(DisciplineName)), Moment(d.ListedAt), Moment(d.VerifiedAt.Count == 0 ? null : d.VerifiedAt[^1])],
        AboutPatients: false);

    public static string Moment(DateTimeOffset? moment) =>
        moment is { } m ? DutchTime.ToDutch(m).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) : "";

    public static string Day(DateOnly? day) => day is { } d ? d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : "";

    public static string Hours(double? hours) => hours is { } h ? h.ToString("0.0", CultureInfo.InvariantCulture) : "";

    public static string YesNo(bool? value) => value switch { true => "ja", false => "nee", null => "" };

    /// <summary>
    /// The last eight characters of an id: enough to find the record, nothing about the patient. Not
    /// the first eight: a version-7 id starts with its creation time, shared by records made in the same minute.
    /// </summary>
    public static string ShortId(Guid id) => id.ToString("N")[^8..];

    public static string PoolName(Specialty specialty) => specialty == Specialty.Rheumatology ? "Reumatologie" : "Interne geneeskunde";

    public static string OutcomeName(string? outcome) => outcome switch
    {
        "AdviceOnly" => "Alleen advies",
        "FurtherDiagnostics" => "Aanvullende diagnostiek geadviseerd",
        "ReferralAdvised" => "Verwijzing geadviseerd",
        "NoActionNeeded" => "Geen actie nodig",
        null => "",
        _ => outcome,
    };

    public static string TargetName(ReferralTargetKind target) => target switch
    {
        ReferralTargetKind.FractureLiaisonService => "Fractuurpreventiepolikliniek (FLS)",
        ReferralTargetKind.Internist => "Internist",
        ReferralTargetKind.Rheumatologist => "Reumatoloog",
        _ => target.ToString(),
    };

    public static string GroupName(PatientGroup group) => group switch
    {
        PatientGroup.NoResponseToFlsInvitation => "1. Geen reactie op FLS-uitnodiging",
        PatientGroup.KnownOsteoporosisTreatedByGp => "2. Bekend met osteoporose",
        PatientGroup.CaseFinding => "3. Case finding",
        PatientGroup.ReferredBackForFollowUp => "4. Terugverwezen voor opvolging",
        PatientGroup.GlucocorticoidUser => "5. Prednisongebruik",
        _ => group.ToString(),
    };

    public static string DrugName(OsteoporosisDrugClass? drug) => drug switch
    {
        OsteoporosisDrugClass.Bisphosphonate => "Bisfosfonaat",
        OsteoporosisDrugClass.Denosumab => "Denosumab",
        OsteoporosisDrugClass.BoneBuilding => "Botopbouwend middel",
        OsteoporosisDrugClass.Other => "Anders",
        _ => "",
    };

    public static string CheckName(FollowUpCheckKind kind) => kind switch
    {
        FollowUpCheckKind.AdherenceCheck => "Therapietrouwcontrole",
        FollowUpCheckKind.Evaluation => "Evaluatie",
        FollowUpCheckKind.HeightMeasurement => "Lengtemeting",
        _ => kind.ToString(),
    };

    public static string StatusName(CheckStatus status) => status switch
    {
        CheckStatus.OnTime => "Op tijd",
        CheckStatus.Late => "Te laat",
        CheckStatus.Missed => "Gemist",
        CheckStatus.Open => "Nog open",
        _ => status.ToString(),
    };

    public static string DisciplineName(TherapistDiscipline discipline) => discipline switch
    {
        TherapistDiscipline.Physiotherapist => "Fysiotherapie",
        TherapistDiscipline.ExerciseTherapist => "Oefentherapie",
        TherapistDiscipline.OccupationalTherapist => "Ergotherapie",
        _ => discipline.ToString(),
    };
}
