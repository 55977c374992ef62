using FluentValidation;
using FluentValidation.Results;
using JasperFx;
using JasperFx.CodeGeneration;
using JasperFx.CodeGeneration.Frames;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Schakel.BuildingBlocks.Problems;
using Wolverine.Http;
using Wolverine.Http.CodeGen;

namespace Schakel.BuildingBlocks.Validation;

/// <summary>
/// Runs the request's FluentValidation validator (the "shape" check nested in each slice)
/// before a Wolverine HTTP endpoint and answers 400 with a field-level problem when it fails.
/// Wolverine's own FluentValidation package is not on our registry mirror (docs/adr/0004).
/// </summary>
public sealed class RequestValidationPolicy : IHttpPolicy
{
    public void Apply(IReadOnlyList<HttpChain> chains, GenerationRules rules, IServiceContainer container)
    {
        foreach (var chain in chains)
        {
            var requestType = chain.HasRequestType ? chain.RequestType : chain.ComplexQueryStringType;
            if (requestType is null)
            {
                continue;
            }

            var validatorType = typeof(IValidator<>).MakeGenericType(requestType);
            var validated = container.RegistrationsFor(validatorType).Any();
            if (!validated && !chain.HasRequestType)
            {
                continue;
            }

            if (validated)
            {
                chain.Metadata.ProducesValidationProblem(StatusCodes.Status400BadRequest);
            }

            // Without a validator, still refuse a body of just "null" before the endpoint meets it.
            var method = typeof(RequestValidator).GetMethod(validated ? nameof(RequestValidator.ValidateAsync) : nameof(RequestValidator.RequirePresent))!
                .MakeGenericMethod(requestType);
            var call = new MethodCall(typeof(RequestValidator), method) { CommentText = "Validate the request's shape" };
            chain.Middleware.InsertRange(0, [call, new MaybeEndWithResultFrame(call.ReturnVariable!)]);
        }
    }
}

public static class RequestValidator
{
    public static async Task<IResult> ValidateAsync<T>(IValidator<T> validator, T request)
    {
        ArgumentNullException.ThrowIfNull(validator);
        if (request is null)
        {
            // A JSON body of just "null": there is nothing to validate, and a validator cannot take it.
            return Missing();
        }

        var result = await validator.ValidateAsync(request).ConfigureAwait(false);
        return result.IsValid
            ? WolverineContinue.Result()
            : Results.Problem(Problem.Invalid(ToErrorMap(result.Errors)));
    }

    /// <summary>The request of an endpoint without a validator: present, or a 400 like any other shape problem.</summary>
    public static Task<IResult> RequirePresent<T>(T request) =>
        Task.FromResult(request is null ? Missing() : WolverineContinue.Result());

    private static IResult Missing() => Results.Problem(Problem.Invalid(
        new Dictionary<string, string[]> { ["$"] = ["Stuur de gegevens als een JSON-object."] },
        "De gegevens ontbreken."));

    /// <summary>Field name (camelCase, as clients send it) to the Dutch messages for that field.</summary>
    public static Dictionary<string, string[]> ToErrorMap(IEnumerable<ValidationFailure> failures) =>
        failures
            .GroupBy(f => JsonFieldName(f.PropertyName))
            .ToDictionary(g => g.Key, g => g.Select(f => f.ErrorMessage).Distinct().ToArray());

    private static string JsonFieldName(string propertyPath) =>
        string.Join('.', propertyPath.Split('.').Select(part =>
            part.Length == 0 ? part : char.ToLowerInvariant(part[0]) + part[1..]));
}

public static class ValidatorRegistration
{
    /// <summary>Registers every concrete FluentValidation validator of an assembly (module).</summary>
    public static IServiceCollection AddValidatorsOf(this IServiceCollection services, System.Reflection.Assembly assembly)
    {
        // A rule without its own message still speaks Dutch (FluentValidation ships the translations).
        FluentValidation.ValidatorOptions.Global.LanguageManager.Culture = System.Globalization.CultureInfo.GetCultureInfo("nl");
        var validators = assembly.GetTypes()
            .Where(t => t is { IsAbstract: false, IsGenericTypeDefinition: false })
            .SelectMany(t => t.GetInterfaces()
                .Where(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IValidator<>))
                .Select(i => (Service: i, Implementation: t)));
        foreach (var (service, implementation) in validators)
        {
            services.AddSingleton(service, implementation);
        }

        return services;
    }
}
