namespace Schakel.BuildingBlocks.Portal;

/// <summary>
/// A link a module contributes to the portal's navigation. The host's layout shows it to users
/// holding one of <see cref="Roles"/> (everyone signed in when empty), ordered by <see cref="Order"/>.
/// The text is looked up in <see cref="TextResource"/>'s resources under <see cref="TextKey"/>.
/// </summary>
public sealed record PortalNavigationItem(string Href, Type TextResource, string TextKey, int Order, IReadOnlyList<string> Roles)
{
    public bool IsVisibleTo(Func<string, bool> isInRole) => Roles.Count == 0 || Roles.Any(isInRole);
}
