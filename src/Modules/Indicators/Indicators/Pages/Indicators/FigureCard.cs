using Schakel.Indicators.Figures;

namespace Schakel.Indicators.Pages.Indicators;

/// <summary>One figure as the dashboard and the drill-down show it (_Figure.cshtml); <paramref name="Links"/> adds the drill-down and CSV links.</summary>
public sealed record FigureCard(FigureView Figure, PeriodKind Kind, IndicatorFilter Filter, bool Links);
