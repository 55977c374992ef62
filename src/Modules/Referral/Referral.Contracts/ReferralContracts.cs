namespace Schakel.Referral.Contracts;

/// <summary>
/// The five patient groups the regional plan asks general practice to call up for follow-up
/// (see docs: DOMAIN "Patient groups the GP calls up").
/// </summary>
public enum PatientGroup
{
    /// <summary>Fracture patients who did not respond to the hospital's FLS invitation.</summary>
    NoResponseToFlsInvitation = 1,

    /// <summary>Patients known with osteoporosis already treated by the GP.</summary>
    KnownOsteoporosisTreatedByGp = 2,

    /// <summary>Case finding: 50-80 with a suspected vertebral fracture, a recent fall or a high fall risk.</summary>
    CaseFinding = 3,

    /// <summary>Patients referred back by the hospital after diagnostics, for follow-up.</summary>
    ReferredBackForFollowUp = 4,

    /// <summary>Patients on at least 7.5 mg prednisone-equivalent a day for more than 3 months.</summary>
    GlucocorticoidUser = 5,
}
