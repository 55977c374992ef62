namespace Schakel.Consultation.Contracts;

/// <summary>The hospital specialties that answer fracture-prevention consultation questions.</summary>
public enum Specialty
{
    /// <summary>Internal medicine / endocrinology (internist, internist-endocrinoloog).</summary>
    InternalMedicine = 1,

    /// <summary>Rheumatology (reumatoloog).</summary>
    Rheumatology = 2,
}
