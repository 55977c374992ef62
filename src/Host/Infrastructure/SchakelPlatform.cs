using System.Globalization;
using System.Text.Json.Serialization;
using JasperFx;
using JasperFx.CodeGeneration;
using JasperFx.Resources;
using Marten;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Localization;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Schakel.BuildingBlocks.Messaging;
using Schakel.BuildingBlocks.Modules;
using Schakel.BuildingBlocks.Validation;
using Schakel.Host.Audit;
using Schakel.Host.Demo;
using Schakel.Host.Identity;
using Schakel.Host.Infrastructure;
using Schakel.Host.Live;
using Schakel.Host.Notifications.Centre;
using Schakel.Host.Notifications.Consultation;
using Schakel.Host.Notifications.Email;
using Scalar.AspNetCore;
using Weasel.Core;
using Wolverine;
using Wolverine.ErrorHandling;
using Wolverine.Http;
using Wolverine.Marten;

namespace Schakel.Host;

/// <summary>
/// The host's own composition: storage, messaging, HTTP, portal, health, telemetry, logging and
/// localisation. Modules add themselves with one call each after this (see Program.cs).
/// </summary>
public static class SchakelPlatform
{
    public const string ConnectionStringName = "Schakel";
    public const string EventSchema = "events";
    public const string MessagingSchema = "wolverine";

    /// <summary>How long a stored message may wait, held by no queue or handler of its node, before any node may take it (docs/adr/0024).</summary>
    public static readonly TimeSpan StrandedMessageRelease = TimeSpan.FromSeconds(30);

    public static readonly CultureInfo Dutch = CultureInfo.GetCultureInfo("nl-NL");
    public static readonly CultureInfo English = CultureInfo.GetCultureInfo("en");

    public static WebApplicationBuilder AddSchakelPlatform(this WebApplicationBuilder builder)
    {
        var connectionString = builder.Configuration.GetConnectionString(ConnectionStringName);
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            throw new InvalidOperationException(
                $"No PostgreSQL connection string: set ConnectionStrings:{ConnectionStringName} " +
                $"(environment variable ConnectionStrings__{ConnectionStringName}), or start the product with ./run.sh.");
        }

        // Catch scoped services resolved from the root (a captive outbox or session) in tests and development.
        builder.Host.UseDefaultServiceProvider(o => o.ValidateScopes =
            builder.Environment.IsDevelopment() || builder.Environment.IsEnvironment("Testing"));

        // The modules' own static files (/_content/Schakel.<Module>/...) from the build output in every
        // environment, not only Development: ./run.sh runs the build in Production. Published output
        // carries them in wwwroot instead, and there this finds no manifest and does nothing.
        builder.WebHost.UseStaticWebAssets();

        builder.AddSchakelLogging();
        builder.AddSchakelTelemetry();
        builder.AddSchakelSecurityHeaders();
        builder.AddSchakelEmail();
        builder.AddConsultationEscalationMail();
        builder.AddNotificationCentre();

        var services = builder.Services;
        services.AddSingleton(HostClock.For(builder.Configuration, builder.Environment));
        services.AddSingleton(PseudonymKey(builder));
        ContractMessageNaming.Install();

        services.AddMarten(opts =>
            {
                opts.Connection(connectionString);
                opts.DatabaseSchemaName = "schakel";
                opts.Events.DatabaseSchemaName = EventSchema;
                opts.DisableNpgsqlLogging = true;
                opts.UseSystemTextJsonForSerialization(EnumStorage.AsString, Casing.CamelCase);
                opts.Events.MetadataConfig.CorrelationIdEnabled = true;
                opts.Events.MetadataConfig.CausationIdEnabled = true;
            })
            .UseLightweightSessions()
            .IntegrateWithWolverine(integration =>
            {
                integration.MessageStorageSchemaName = MessagingSchema;
                // Wolverine, not Marten's HotCold daemon, decides where async projections run:
                // Marten's daemon lock path is unusable with our DistributedLock package (docs/adr/0002).
                integration.UseWolverineManagedEventSubscriptionDistribution = true;
            });

        // Every environment but Development (JasperFx's production profile: Production, the test hosts,
        // FaultTesting) loads the handler and endpoint code generated at build time (src/Host/Internal/Generated,
        // written by `scripts/codegen.sh`) and refuses to start when a type is missing: no Roslyn at start-up or
        // on a first request, and the tests run the code production runs. Development generates it as it goes (docs/adr/0026).
        services.CritterStackDefaults(critters =>
        {
            critters.Production.GeneratedCodeMode = TypeLoadMode.Static;
            critters.Production.AssertAllPreGeneratedTypesExist = true;
        });
        builder.Host.UseWolverine(opts =>
        {
            opts.Durability.Mode = DurabilityMode.Balanced;
            // Each handler of a message (the live push, the e-mail reminders) runs, fails and retries on its own.
            opts.MultipleHandlerBehavior = MultipleHandlerBehavior.Separated;
            opts.Policies.AutoApplyTransactions();
            // Handlers that change the same stream at once (checkpoints that come due together after
            // downtime, two facts that both start one stream) or deadlock with another transaction lose
            // a race: the loser reloads and decides again, never dead-letters.
            opts.OnException<JasperFx.ConcurrencyException>().Or<JasperFx.Events.EventStreamUnexpectedMaxEventIdException>()
                .Or<Marten.Exceptions.ExistingStreamIdCollisionException>().Or(ErrorHandling.IsLostRace)
                .RetryWithCooldown(TimeSpan.FromMilliseconds(50), TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(1))
                .Then.ScheduleRetry(TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(30));
            // PostgreSQL away for a moment (a restart, a connection cut mid-commit) fails the handler,
            // not the message: try again soon, then on a schedule, long before any dead letter. Without
            // this, integration events went to the dead letters and their notifications never came (issue 9).
            opts.OnException(ErrorHandling.IsDatabaseUnavailable, "PostgreSQL unavailable for a moment")
                .RetryWithCooldown(ErrorHandling.DatabaseRetryCooldowns)
                .Then.ScheduleRetry(ErrorHandling.DatabaseRetrySchedule);
            opts.Policies.UseDurableLocalQueues();
            opts.Policies.UseDurableOutboxOnAllSendingEndpoints();
            // A commit that reached PostgreSQL while its connection broke leaves the handler's stored
            // messages owned by this live node but in no queue; nothing hands them back until a restart.
            // Wolverine hands back a waiting message nobody has held for this long (it refreshes the
            // ones it holds in queues and handlers three times per period): docs/adr/0024.
            opts.Durability.InboxStaleTime = StrandedMessageRelease;
            opts.ServiceName = "schakel";
        });
        services.AddResourceSetupOnStartup();
        builder.AddSchakelIdentity(connectionString);
        builder.AddSchakelLive();
        services.AddWolverineHttp();
        // The API speaks enum names ("Physiotherapist"), never their numbers, in and out.
        services.ConfigureHttpJsonOptions(o =>
        {
            o.SerializerOptions.Converters.Add(new JsonStringEnumConverter(allowIntegerValues: false));
            o.SerializerOptions.Converters.Add(new TextWithoutNul());
        });
        services.Configure<Microsoft.AspNetCore.Mvc.JsonOptions>(o =>
            o.JsonSerializerOptions.Converters.Add(new JsonStringEnumConverter(allowIntegerValues: false)));

        services.AddSchakelProblemDetails();
        services.AddOpenApi(o =>
        {
            o.AddDocumentTransformer((document, _, _) =>
            {
                document.Info.Title = "Schakel API";
                document.Info.Description = "Consultation, referral and social-map API of Schakel (fracture prevention between GP and hospital).";
                return Task.CompletedTask;
            });
            o.AddOperationTransformer<OpenApiExamples>();
        });

        services.AddLocalization();
        services.Configure<RequestLocalizationOptions>(o =>
        {
            o.DefaultRequestCulture = new RequestCulture(Dutch);
            o.SupportedCultures = [Dutch, English];
            o.SupportedUICultures = [Dutch, English];
            // Dutch unless the user chose otherwise: the browser's language does not decide.
            o.RequestCultureProviders = [new QueryStringRequestCultureProvider(), new CookieRequestCultureProvider()];
        });
        services.AddRazorPages().AddViewLocalization().AddMvcOptions(o =>
        {
            o.ModelBinderProviders.Insert(0, new CheckboxValues());
            // A form field the browser sent in the wrong shape (a date, a number) gets a Dutch sentence, not the framework's English.
            var messages = o.ModelBindingMessageProvider;
            messages.SetValueIsInvalidAccessor(value => $"'{value}' is geen geldige waarde.");
            messages.SetAttemptedValueIsInvalidAccessor((value, _) => $"'{value}' is geen geldige waarde.");
            messages.SetUnknownValueIsInvalidAccessor(_ => "Deze waarde is niet geldig.");
            messages.SetValueMustNotBeNullAccessor(_ => "Vul dit veld in.");
            messages.SetMissingBindRequiredValueAccessor(_ => "Vul dit veld in.");
            messages.SetValueMustBeANumberAccessor(_ => "Vul een getal in.");
            messages.SetNonPropertyAttemptedValueIsInvalidAccessor(value => $"'{value}' is geen geldige waarde.");
            messages.SetNonPropertyUnknownValueIsInvalidAccessor(() => "Deze waarde is niet geldig.");
            messages.SetNonPropertyValueMustBeANumberAccessor(() => "Vul een getal in.");
        });

        services.AddSingleton<ProjectionStallDetector>();
        services.AddHealthChecks()
            .AddCheck<PostgresHealthCheck>("postgresql", tags: ["ready"])
            .AddCheck<ProjectionsHealthCheck>("projections", tags: ["ready"])
            .AddCheck<DemoSeedHealthCheck>("demo-seed", tags: ["ready"]);

        services.Configure<DemoOptions>(builder.Configuration.GetSection(DemoOptions.Section));
        services.AddSingleton<DemoSeedStatus>();
        services.AddHostedService<DemoRegionSeeder>();
        builder.AddAccessLog();
        return builder;
    }

    public static WebApplication UseSchakelPlatform(this WebApplication app)
    {
        app.UseSchakelSecurityHeaders();
        app.UseSchakelRequestLogging();
        app.UseSchakelErrorHandling();
        app.UseRequestLocalization();
        app.UseStaticFiles();
        app.UseRouting();
        app.UseSchakelRequestSizeLimits();
        app.UseSchakelIdentity();
        app.UseAntiforgery();
        app.UseSchakelFormUploads();
        app.UseSchakelJsonBodies();

        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false }).AllowAnonymous();
        app.MapHealthChecks("/health/ready", new HealthCheckOptions
        {
            Predicate = check => check.Tags.Contains("ready"),
            ResponseWriter = HealthResponse.WriteAsync,
            // Degraded means "not yet" (the demo region is still being seeded): not ready either.
            ResultStatusCodes =
            {
                [HealthStatus.Healthy] = StatusCodes.Status200OK,
                [HealthStatus.Degraded] = StatusCodes.Status503ServiceUnavailable,
                [HealthStatus.Unhealthy] = StatusCodes.Status503ServiceUnavailable,
            },
        }).AllowAnonymous();

        // The API description holds no data; integrators read it before they have an account.
        app.MapOpenApi("/openapi/{documentName}.json").AllowAnonymous();
        app.MapScalarApiReference("/api/docs", o => o
            .WithTitle("Schakel API")
            .WithOpenApiRoutePattern("/openapi/{documentName}.json")
            .UnderContentSecurityPolicy())
            .AllowAnonymous();
        app.MapConnectEndpoints();

        app.MapWolverineEndpoints(opts =>
        {
            opts.RejectUnparseableQueryValues = true;
            opts.AddPolicy<RequestValidationPolicy>();
        });
        app.MapRazorPages();
        app.MapSchakelLive();
        return app;
    }

    /// <summary>
    /// The key of the patient pseudonyms (Schakel:Pseudonyms:Key, base64, 32+ bytes). Required in
    /// production, where losing or changing it would cut old references from new ones; development
    /// and tests use a fixed key, ./run.sh keeps one in .data/pseudonym.key.
    /// </summary>
    private static Schakel.BuildingBlocks.Access.PatientPseudonyms PseudonymKey(WebApplicationBuilder builder)
    {
        var configured = builder.Configuration["Schakel:Pseudonyms:Key"];
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return new Schakel.BuildingBlocks.Access.PatientPseudonyms(Convert.FromBase64String(configured));
        }

        if (builder.Environment.IsDevelopment() || builder.Environment.IsEnvironment("Testing"))
        {
            return new Schakel.BuildingBlocks.Access.PatientPseudonyms(System.Text.Encoding.UTF8.GetBytes("schakel-development-pseudonym-key-not-for-production"));
        }

        throw new InvalidOperationException(
            "Set Schakel:Pseudonyms:Key (environment variable Schakel__Pseudonyms__Key) to a base64 key of at least 32 random bytes, " +
            "for example from `openssl rand -base64 32`, and back it up with the database.");
    }

    /// <summary>The modules the host composed, in registration order.</summary>
    public static IReadOnlyList<ModuleRegistration> Modules(this IServiceProvider services) =>
        services.GetServices<ModuleRegistration>().ToList();
}
