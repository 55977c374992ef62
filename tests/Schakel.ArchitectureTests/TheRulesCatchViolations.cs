using System.Reflection;

namespace Schakel.ArchitectureTests;

/// <summary>
/// The rules above only mean something if they fail on a violation. The sample project
/// tests/Schakel.ArchitectureTests.ViolationSample reaches into the social map's internals and
/// into the host on purpose; every rule must name it.
/// </summary>
public sealed class TheRulesCatchViolations
{
    private static readonly Assembly Sample = Assembly.Load("Schakel.Violation");
    private static readonly string SampleProject = Path.Combine(
        Solution.Root, "tests", "Schakel.ArchitectureTests.ViolationSample", "Schakel.ArchitectureTests.ViolationSample.csproj");

    [Fact]
    public void a_reference_to_another_modules_project_or_the_host_is_caught()
    {
        Assert.Equal(["SocialMap.csproj", "Schakel.Host.csproj"], BoundaryRules.ForbiddenProjectReferences(SampleProject));
    }

    [Fact]
    public void a_type_using_another_modules_aggregate_or_the_host_is_caught()
    {
        var failing = BoundaryRules.TypesCrossingABoundary(Sample, ownModule: "Violation");

        Assert.Contains("Schakel.Violation.ReadsSocialMapDocuments", failing);
        Assert.Contains("Schakel.Violation.UsesTheHost", failing);
    }

    [Fact]
    public void a_compiled_reference_to_another_module_is_caught()
    {
        Assert.Contains("Schakel.SocialMap", BoundaryRules.ForbiddenAssemblyReferences(Sample, ownModule: "Violation"));
    }

    [Fact]
    public void the_same_rules_allow_a_module_its_own_internals()
    {
        var socialMap = Solution.Modules.Single(m => m.Name == "SocialMap");

        Assert.NotEmpty(BoundaryRules.TypesCrossingABoundary(socialMap.Implementation, ownModule: "Referral"));
        Assert.Empty(BoundaryRules.TypesCrossingABoundary(socialMap.Implementation, ownModule: "SocialMap"));
    }
}
