namespace Schakel.SocialMap.Contracts;

/// <summary>The paramedical professions that give falls prevention in the Netherlands.</summary>
public enum TherapistDiscipline
{
    /// <summary>Fysiotherapeut.</summary>
    Physiotherapist,

    /// <summary>Oefentherapeut (Cesar or Mensendieck).</summary>
    ExerciseTherapist,

    /// <summary>Ergotherapeut.</summary>
    OccupationalTherapist,
}

/// <summary>Falls-prevention offers a therapist location can give.</summary>
public enum FallsPreventionOffer
{
    /// <summary>Group course "In Balans".</summary>
    InBalans,

    /// <summary>Group course "Vallen Verleden Tijd".</summary>
    VallenVerledenTijd,

    /// <summary>The Otago exercise programme.</summary>
    Otago,

    /// <summary>Individual balance and strength training.</summary>
    BalanceAndStrengthTraining,

    /// <summary>A programme for fear of falling.</summary>
    FearOfFalling,

    /// <summary>Home-safety assessment by an occupational therapist.</summary>
    HomeSafetyAssessment,
}

/// <summary>How a patient's falls prevention at a location is paid for.</summary>
public enum FundingRoute
{
    /// <summary>Basic insurance (basisverzekering), for patients at high risk of falling since 2024.</summary>
    BasicInsurance,

    /// <summary>The municipality (gemeente), for example a community group course.</summary>
    Municipality,

    /// <summary>Supplementary insurance (aanvullende verzekering).</summary>
    SupplementaryInsurance,

    /// <summary>The patient pays herself.</summary>
    SelfPay,
}
