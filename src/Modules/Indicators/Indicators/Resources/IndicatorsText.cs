namespace Schakel.Indicators.Resources;

/// <summary>Marker for the module's portal texts (IndicatorsText.resx, IndicatorsText.nl.resx).</summary>
public sealed class IndicatorsText;
