namespace Schakel.BuildingBlocks.Access;

/// <summary>The roles of Schakel's users, named as Dutch care providers name themselves.</summary>
public static class SchakelRoles
{
    public const string GeneralPractitioner = "huisarts";
    public const string PracticeNurse = "poh";
    public const string Internist = "internist";
    public const string Rheumatologist = "reumatoloog";
    public const string OsteoporosisNurse = "osteoporoseverpleegkundige";
    public const string Coordinator = "coordinator";
    public const string Administrator = "admin";

    public static readonly IReadOnlyList<string> All =
        [GeneralPractitioner, PracticeNurse, Internist, Rheumatologist, OsteoporosisNurse, Coordinator, Administrator];

    public static readonly IReadOnlyList<string> PrimaryCare = [GeneralPractitioner, PracticeNurse];

    public static readonly IReadOnlyList<string> Hospital = [Internist, Rheumatologist, OsteoporosisNurse];

    /// <summary>The roles that answer consultation questions for a specialty pool.</summary>
    public static readonly IReadOnlyList<string> Specialists = [Internist, Rheumatologist];
}
