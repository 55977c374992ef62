using Marten;

namespace Schakel.Host.Notifications.Smime;

public static class SmimeRegistration
{
    public static IServiceCollection AddSchakelSmime(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<SmimeOptions>(configuration.GetSection(SmimeOptions.Section));
        services.AddSingleton<OrganisationCertificate>();
        services.AddSingleton<SmimeSealing>();
        services.AddSingleton<SmimeCertificates>();
        services.ConfigureMarten(opts => opts.Schema.For<RecipientCertificate>());
        services.AddSingleton(new Schakel.BuildingBlocks.Portal.PortalNavigationItem(
            "/beheer/certificaten", typeof(Schakel.Host.Resources.AccountText), "Smime_Nav", 91, [Schakel.BuildingBlocks.Access.SchakelRoles.Administrator]));
        return services;
    }
}
