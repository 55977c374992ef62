using Marten;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Schakel.BuildingBlocks.Modules;
using Schakel.BuildingBlocks.Validation;
using Schakel.Referral.FallsPrevention;
using Wolverine;

namespace Schakel.Referral;

/// <summary>The one door into the referral module.</summary>
public static class ReferralModule
{
    public const string Schema = "referral";

    public static IHostApplicationBuilder AddReferral(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddValidatorsOf(typeof(ReferralModule).Assembly);
        services.AddSingleton(new ModuleRegistration("Referral", Schema, typeof(ReferralModule).Assembly));

        services.ConfigureMarten(opts =>
        {
            opts.Schema.For<FallsPreventionProvider>().DatabaseSchemaName(Schema);
            opts.Schema.For<Schakel.Referral.Proposals.ReferralProposal>().DatabaseSchemaName(Schema);
            opts.Schema.For<Schakel.Referral.Agreements.JoinedAgreement>().DatabaseSchemaName(Schema);
        });

        services.ConfigureWolverine(opts => opts.Discovery.IncludeAssembly(typeof(ReferralModule).Assembly));
        return builder;
    }
}
