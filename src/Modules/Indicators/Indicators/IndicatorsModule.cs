using JasperFx.Events.Projections;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Schakel.BuildingBlocks.Modules;
using Schakel.BuildingBlocks.Portal;
using Schakel.Consultation.Contracts;
using Schakel.Indicators.Records;
using Schakel.Referral.Contracts;
using Schakel.SocialMap.Contracts;
using Wolverine;

namespace Schakel.Indicators;

/// <summary>
/// The one door into the indicators module: it keeps what the other modules publish as its own
/// events (see <see cref="Facts.FactStreams"/>), projects them into records, and computes the
/// regional programme's figures from those (docs/indicators.md, ADR 21).
/// </summary>
public static class IndicatorsModule
{
    public const string Schema = "indicators";

    /// <summary>The projections a rebuild replays (their documents are the records the figures come from).</summary>
    public static readonly IReadOnlyList<Type> Projections =
        [typeof(ConsultationRecords), typeof(HospitalReferralRecords), typeof(FollowUpRecords), typeof(FallsPreventionRecords), typeof(DirectoryEntryRecords)];

    public static IHostApplicationBuilder AddIndicators(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddSingleton(new ModuleRegistration("Indicators", Schema, typeof(IndicatorsModule).Assembly));
        services.AddSingleton(IndicatorsApiExamples.All);

        services.ConfigureMarten(opts =>
        {
            opts.Schema.For<ConsultationRecord>().DatabaseSchemaName(Schema);
            opts.Schema.For<HospitalReferralRecord>().DatabaseSchemaName(Schema);
            opts.Schema.For<FollowUpRecord>().DatabaseSchemaName(Schema);
            opts.Schema.For<FallsPreventionRecord>().DatabaseSchemaName(Schema);
            opts.Schema.For<DirectoryEntryRecord>().DatabaseSchemaName(Schema);

            // What the module heard, kept as its own events under its own aliases.
            opts.Events.MapEventType<ConsultationStepTakenIntegrationEvent>("indicators.consultation_step_taken.v1");
            opts.Events.MapEventType<ReferralChangedIntegrationEvent>("indicators.referral_changed.v1");
            opts.Events.MapEventType<FollowUpStartedIntegrationEvent>("indicators.follow_up_started.v1");
            opts.Events.MapEventType<FollowUpCheckRecordedIntegrationEvent>("indicators.follow_up_check_recorded.v1");
            opts.Events.MapEventType<FallsPreventionReferralChangedIntegrationEvent>("indicators.falls_prevention_referral_changed.v1");
            opts.Events.MapEventType<TherapistLocationListedIntegrationEvent>("indicators.therapist_location_listed.v1");
            opts.Events.MapEventType<TherapistLocationRevisedIntegrationEvent>("indicators.therapist_location_revised.v1");
            opts.Events.MapEventType<TherapistLocationVerifiedIntegrationEvent>("indicators.therapist_location_verified.v1");
            opts.Events.MapEventType<TherapistLocationRetiredIntegrationEvent>("indicators.therapist_location_retired.v1");

            // Inline: a record changes in the transaction that keeps the fact, so the dashboard is as
            // current as the last message handled; a rebuild replays the facts (IndicatorRebuild).
            opts.Projections.Add(new ConsultationRecords(), ProjectionLifecycle.Inline);
            opts.Projections.Add(new HospitalReferralRecords(), ProjectionLifecycle.Inline);
            opts.Projections.Add(new FollowUpRecords(), ProjectionLifecycle.Inline);
            opts.Projections.Add(new FallsPreventionRecords(), ProjectionLifecycle.Inline);
            opts.Projections.Add(new DirectoryEntryRecords(), ProjectionLifecycle.Inline);
        });

        services.ConfigureWolverine(opts =>
        {
            opts.Discovery.IncludeAssembly(typeof(IndicatorsModule).Assembly);

            // One fact at a time on each node, in the order heard: no retries between facts of one
            // node. Across nodes the version-checked append (KeepFactsHandler) keeps every fact.
            opts.LocalQueue(Facts.FactStreams.Queue).Sequential();
        });

        services.AddSingleton(new PortalNavigationItem("/indicatoren", typeof(Resources.IndicatorsText), "Nav_Indicators", 50, []));
        return builder;
    }
}
