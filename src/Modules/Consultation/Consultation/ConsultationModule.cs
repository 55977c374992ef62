using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Schakel.BuildingBlocks.Modules;
using Schakel.BuildingBlocks.Validation;
using Wolverine;

namespace Schakel.Consultation;

/// <summary>
/// The one door into the consultation module. Its questions, response promise and inbox arrive
/// with the consultation issue; the door, schema and discovery are in place so that work plugs in.
/// </summary>
public static class ConsultationModule
{
    public const string Schema = "consultation";

    public static IHostApplicationBuilder AddConsultation(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddValidatorsOf(typeof(ConsultationModule).Assembly);
        services.AddSingleton(new ModuleRegistration("Consultation", Schema, typeof(ConsultationModule).Assembly));
        services.ConfigureWolverine(opts => opts.Discovery.IncludeAssembly(typeof(ConsultationModule).Assembly));
        return builder;
    }
}
