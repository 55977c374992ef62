namespace Schakel.Consultation.ResponsePromise;

/// <summary>Whether Liberation Day (5 May) closes working days.</summary>
public enum LiberationDayRule
{
    /// <summary>5 May is an ordinary day.</summary>
    Never,

    /// <summary>
    /// 5 May is a day off only in lustrum years (years divisible by 5: 2025, 2030), as in many
    /// collective agreements.
    /// </summary>
    LustrumYearsOnly,

    /// <summary>5 May is a day off every year.</summary>
    EveryYear,
}

/// <summary>
/// The holidays that differ between sectors and employers. The others (New Year, Easter Monday,
/// King's Day, Ascension Day, Whit Monday, Christmas Day, Boxing Day) always apply.
/// </summary>
/// <param name="GoodFriday">Whether Good Friday is a day off.</param>
/// <param name="LiberationDay">When 5 May is a day off.</param>
public sealed record HolidayRules(bool GoodFriday = false, LiberationDayRule LiberationDay = LiberationDayRule.LustrumYearsOnly)
{
    /// <summary>No Good Friday; Liberation Day in lustrum years only.</summary>
    public static readonly HolidayRules Default = new();
}
