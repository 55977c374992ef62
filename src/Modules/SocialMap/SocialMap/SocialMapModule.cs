using JasperFx.Events.Projections;
using Marten;
using Marten.Events.Projections;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Schakel.BuildingBlocks.Access;
using Schakel.BuildingBlocks.Modules;
using Schakel.BuildingBlocks.Portal;
using Schakel.BuildingBlocks.Validation;
using Schakel.SocialMap.Directory;
using Schakel.SocialMap.Freshness;
using Schakel.SocialMap.Geography;
using Schakel.SocialMap.Resources;
using Schakel.SocialMap.Search;
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
        var tiles = MapTiles.From(builder.Configuration);
        services.AddSingleton(tiles);
        if (tiles.ImageSource is { } tileSource)
        {
            services.AddSingleton(new PortalImageSource(tileSource));
        }

        services.AddValidatorsOf(typeof(SocialMapModule).Assembly);
        services.AddSingleton(SocialMapApiExamples.All);
        services.AddSingleton(new ModuleRegistration("SocialMap", Schema, typeof(SocialMapModule).Assembly));
        services.AddSingleton<ProviderLinks>();
        services.AddSingleton<StaleReminderSettings>();
        services.AddHostedService<StaleReminderSchedule>();

        services.ConfigureMarten(opts =>
        {
            opts.Schema.For<TherapistLocation>().DatabaseSchemaName(Schema);

            opts.Events.MapEventType<TherapistLocationListedV1>("social_map.therapist_location_listed.v1");
            opts.Events.MapEventType<TherapistLocationListed>("social_map.therapist_location_listed.v2");
            opts.Events.MapEventType<TherapistLocationRevised>("social_map.therapist_location_revised.v1");
            opts.Events.MapEventType<TherapistLocationVerified>("social_map.therapist_location_verified.v1");
            opts.Events.MapEventType<TherapistLocationRetired>("social_map.therapist_location_retired.v1");
            opts.Events.MapEventType<ProviderLinkSent>("social_map.provider_link_sent.v1");

            opts.Projections.Snapshot<TherapistLocation>(SnapshotLifecycle.Inline);
            // The search table is written in the transaction of each change: a GP finds what the coordinator just saved.
            opts.Projections.Add(new LocationSearchIndex(), ProjectionLifecycle.Inline);
        });

        services.ConfigureWolverine(opts =>
        {
            opts.Discovery.IncludeAssembly(typeof(SocialMapModule).Assembly);
            // Reminder rounds are durable (kept across restarts) and one at a time per node; see StaleReminderSchedule.
            opts.PublishMessage<RemindStaleLocations>().ToLocalQueue(RemindStaleLocations.Queue);
            opts.LocalQueue(RemindStaleLocations.Queue).UseDurableInbox().Sequential();
        });

        services.AddSingleton(new PortalNavigationItem(
            "/sociale-kaart", typeof(SocialMapText), "Nav_SocialMap", 30, []));
        services.AddSingleton(new PortalNavigationItem(
            "/sociale-kaart/import", typeof(SocialMapText), "Nav_SocialMapTransfer", 31, [SchakelRoles.Coordinator]));
        services.AddSingleton(new PortalNavigationItem(
            "/sociale-kaart/verouderd", typeof(SocialMapText), "Nav_Stale", 32, [SchakelRoles.Coordinator]));
        return builder;
    }
}
