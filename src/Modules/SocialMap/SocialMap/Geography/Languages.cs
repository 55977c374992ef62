using System.Collections.Frozen;

namespace Schakel.SocialMap.Geography;

/// <summary>
/// The languages a location can say it treats in, by ISO 639 code, with their Dutch names: the
/// languages most spoken by older people in the Netherlands besides Dutch.
/// </summary>
public static class Languages
{
    public static readonly FrozenDictionary<string, string> Known = new Dictionary<string, string>
    {
        ["nl"] = "Nederlands",
        ["fy"] = "Fries",
        ["en"] = "Engels",
        ["de"] = "Duits",
        ["fr"] = "Frans",
        ["es"] = "Spaans",
        ["pt"] = "Portugees",
        ["it"] = "Italiaans",
        ["pl"] = "Pools",
        ["ro"] = "Roemeens",
        ["bg"] = "Bulgaars",
        ["uk"] = "Oekraïens",
        ["ru"] = "Russisch",
        ["tr"] = "Turks",
        ["ar"] = "Arabisch",
        ["ber"] = "Berbers (Tamazight)",
        ["pap"] = "Papiaments",
        ["srn"] = "Sranantongo",
        ["so"] = "Somalisch",
        ["ti"] = "Tigrinya",
        ["fa"] = "Perzisch",
        ["zh"] = "Chinees",
        ["hi"] = "Hindi",
        ["id"] = "Indonesisch",
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>The code in canonical (lower-case, trimmed) form, or null when it is not one we know.</summary>
    public static string? Normalise(string? code) =>
        code?.Trim().ToLowerInvariant() is { } lower && Known.ContainsKey(lower) ? lower : null;

    public static string NameOf(string code) => Known.GetValueOrDefault(code, code);
}
