using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;

namespace Schakel.BuildingBlocks.Portal;

/// <summary>
/// Absolute links to the portal for messages sent outside a request (reminders, alerts):
/// <c>Schakel:PortalUrl</c>, or else the first address the host listens on. The host registers it;
/// modules use it for links in e-mails they send from handlers.
/// </summary>
public sealed class PortalLinks(IConfiguration configuration, IServer server)
{
    public const string Setting = "Schakel:PortalUrl";

    public Uri To(string path) => new(Base(), path.TrimStart('/'));

    private Uri Base()
    {
        var configured = configuration[Setting];
        var address = !string.IsNullOrWhiteSpace(configured)
            ? configured
            : server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault() ?? "http://localhost";
        // A wildcard listen address is no place to send a person.
        address = address.Replace("://+", "://localhost", StringComparison.Ordinal).Replace("://*", "://localhost", StringComparison.Ordinal)
            .Replace("://0.0.0.0", "://localhost", StringComparison.Ordinal).Replace("://[::]", "://localhost", StringComparison.Ordinal);
        return new Uri(address.EndsWith('/') ? address : address + "/");
    }
}
