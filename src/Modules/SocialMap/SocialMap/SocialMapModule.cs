using JasperFx.Events.Projections;
using Marten;
using Marten.Events.Projections;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Schakel.BuildingBlocks.Access;
using Schakel.BuildingBlocks.Modules;
using Schakel.BuildingBlocks.Portal;
using Schakel.BuildingBlocks.Validation;
using Schakel.SocialMap.Coverage;
using Schakel.SocialMap.Directory;
using Schakel.SocialMap.Geography;
using Schakel.SocialMap.Resources;
using Wolverine;

namespace Schakel.SocialMap;

/// <summary>The one door into the social-map module: storage, projections, endpoints, pages.</summary>
public static class SocialMapModule
{
    public const string Schema = "social_map";

    public static IHostApplicationBuilder AddSocialMap(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddSingleton(_ => PostcodeAreas.LoadEmbedded());
        services.AddValidatorsOf(typeof(SocialMapModule).Assembly);
        services.AddSingleton(new ModuleRegistration("SocialMap", Schema, typeof(SocialMapModule).Assembly));

        services.ConfigureMarten(opts =>
        {
            opts.Schema.For<TherapistLocation>().DatabaseSchemaName(Schema);
            opts.Schema.For<MunicipalityCoverage>().DatabaseSchemaName(Schema);

            opts.Events.MapEventType<TherapistLocationListed>("social_map.therapist_location_listed.v1");

            opts.Projections.Snapshot<TherapistLocation>(SnapshotLifecycle.Inline);
            opts.Projections.Add<DirectoryCoverageProjection>(ProjectionLifecycle.Async);
        });

        services.ConfigureWolverine(opts => opts.Discovery.IncludeAssembly(typeof(SocialMapModule).Assembly));

        services.AddSingleton(new PortalNavigationItem(
            "/sociale-kaart", typeof(SocialMapText), "Nav_SocialMap", 30, []));
        return builder;
    }
}
