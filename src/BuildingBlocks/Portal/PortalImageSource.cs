namespace Schakel.BuildingBlocks.Portal;

/// <summary>
/// An origin other than the portal's own that its pages may load images from (a module's map
/// tiles, when configured), as a Content-Security-Policy source such as <c>https://tile.openstreetmap.org</c>.
/// The host adds every registered one to the pages' <c>img-src</c>; nothing else is loosened.
/// </summary>
public sealed record PortalImageSource(string Source);
