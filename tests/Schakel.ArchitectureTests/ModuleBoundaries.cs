using System.Reflection;
using NetArchTest.Rules;

namespace Schakel.ArchitectureTests;

public sealed class ModuleBoundaries
{
    public static TheoryData<string> ModuleNames()
    {
        var data = new TheoryData<string>();
        foreach (var module in Solution.Modules)
        {
            data.Add(module.Name);
        }

        return data;
    }

    public static TheoryData<string> PublisherNames()
    {
        var data = new TheoryData<string>();
        foreach (var module in Solution.Publishers)
        {
            data.Add(module.Name);
        }

        return data;
    }

    private static Module ModuleNamed(string name) => Solution.Modules.Single(m => m.Name == name);

    [Fact]
    public void the_four_modules_are_found_and_three_publish()
    {
        Assert.Equal(["Consultation", "Indicators", "Referral", "SocialMap"], Solution.Modules.Select(m => m.Name));
        Assert.Equal(["Consultation", "Referral", "SocialMap"], Solution.Publishers.Select(m => m.Name));
    }

    [Fact]
    public void the_indicators_hear_every_publisher_through_its_contracts_only()
    {
        var indicators = ModuleNamed("Indicators");
        var references = indicators.Implementation.GetReferencedAssemblies().Select(a => a.Name).ToList();

        Assert.All(Solution.Publishers, m => Assert.Contains($"Schakel.{m.Name}.Contracts", references));
        Assert.DoesNotContain(references, n => Solution.Publishers.Any(m => n == $"Schakel.{m.Name}"));
    }

    [Theory]
    [MemberData(nameof(ModuleNames))]
    public void a_module_references_only_building_blocks_and_contracts(string name)
    {
        var module = ModuleNamed(name);
        Assert.NotEmpty(Solution.ProjectReferencesOf(module.ProjectFile));

        Assert.Empty(BoundaryRules.ForbiddenProjectReferences(module.ProjectFile));
    }

    [Theory]
    [MemberData(nameof(ModuleNames))]
    public void no_type_of_a_module_uses_another_modules_internals_or_the_host(string name)
    {
        var module = ModuleNamed(name);
        Assert.NotEmpty(Types.InAssembly(module.Implementation).GetTypes());

        Assert.Empty(BoundaryRules.TypesCrossingABoundary(module.Implementation, name));
        Assert.Empty(BoundaryRules.ForbiddenAssemblyReferences(module.Implementation, name));
    }

    [Theory]
    [MemberData(nameof(PublisherNames))]
    public void contracts_reference_no_framework_and_no_project(string name)
    {
        var module = ModuleNamed(name);
        var contractTypes = Types.InAssembly(module.Contracts!).GetTypes().ToList();
        Assert.NotEmpty(contractTypes);

        Assert.Empty(Solution.ProjectReferencesOf(module.ContractsProjectFile!));
        Assert.Empty(Solution.PackageReferencesOf(module.ContractsProjectFile!));
        var result = Types.InAssembly(module.Contracts!).ShouldNot()
            .HaveDependencyOnAny("Marten", "Wolverine", "JasperFx", "Microsoft.AspNetCore", "Npgsql", "Schakel.BuildingBlocks", "Schakel.Host")
            .GetResult();
        Assert.True(result.IsSuccessful, string.Join(", ", result.FailingTypeNames ?? []));
    }

    [Theory]
    [MemberData(nameof(PublisherNames))]
    public void contracts_live_in_the_contracts_namespace(string name)
    {
        var module = ModuleNamed(name);
        var types = module.Contracts!.GetExportedTypes();
        Assert.NotEmpty(types);

        Assert.All(types, t => Assert.Equal($"Schakel.{name}.Contracts", t.Namespace));
    }

    [Theory]
    [MemberData(nameof(PublisherNames))]
    public void integration_events_have_a_stable_versioned_message_identity(string name)
    {
        var module = ModuleNamed(name);
        var events = module.Contracts!.GetExportedTypes().Where(t => t.Name.EndsWith("IntegrationEvent", StringComparison.Ordinal)).ToList();

        foreach (var type in events)
        {
            var identity = type.GetField("MessageIdentity", BindingFlags.Public | BindingFlags.Static)?.GetRawConstantValue() as string;
            Assert.Matches(@"^[a-z-]+\.[a-z-]+\.v[0-9]+$", identity ?? $"{type.Name} has no MessageIdentity");
        }
    }

    [Fact]
    public void building_blocks_know_no_module_and_not_the_host()
    {
        var buildingBlocks = Assembly.Load("Schakel.BuildingBlocks");
        Assert.NotEmpty(Types.InAssembly(buildingBlocks).GetTypes());

        var references = buildingBlocks.GetReferencedAssemblies().Select(a => a.Name).ToList();
        Assert.DoesNotContain(references, n => n is not null && Solution.Modules.Any(m => n.StartsWith($"Schakel.{m.Name}", StringComparison.Ordinal)));
        Assert.DoesNotContain(Solution.HostAssemblyName, references);
    }

    [Fact]
    public void at_least_one_message_crosses_between_modules_through_contracts()
    {
        // Referral consumes SocialMap's integration event: the rules above would be vacuous
        // if no module used another module's contracts at all.
        var referral = ModuleNamed("Referral");
        Assert.Contains("Schakel.SocialMap.Contracts", referral.Implementation.GetReferencedAssemblies().Select(a => a.Name));
    }
}
