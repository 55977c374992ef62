namespace Schakel.Consultation.Resources;

/// <summary>Marker for the consultation module's portal texts (ConsultationText.*.resx).</summary>
public sealed class ConsultationText;
