using Schakel.SocialMap.Directory;

namespace Schakel.Violation;

/// <summary>Reads another module's aggregate directly instead of keeping its own copy from messages.</summary>
public static class ReadsSocialMapDocuments
{
    public static string NameOf(TherapistLocation location) => location.Details.PracticeName;
}

/// <summary>Uses the host from inside a module.</summary>
public static class UsesTheHost
{
    public static string Culture => Schakel.Host.SchakelPlatform.Dutch.Name;
}
