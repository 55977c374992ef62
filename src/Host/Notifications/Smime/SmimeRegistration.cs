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
        return services;
    }
}
