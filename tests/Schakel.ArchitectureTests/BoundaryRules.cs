using System.Reflection;
using NetArchTest.Rules;

namespace Schakel.ArchitectureTests;

/// <summary>
/// The rules, written once so that the tests can run them both on the real modules (they must
/// hold) and on a deliberately wrong sample (they must fail).
/// </summary>
public static class BoundaryRules
{
    /// <summary>
    /// Project references a module implementation may have: the building blocks, its own contracts
    /// and other modules' contracts. Anything else (another module's implementation, the host) is a
    /// violation, returned as the referenced project's file name.
    /// </summary>
    public static IReadOnlyList<string> ForbiddenProjectReferences(string projectFile)
    {
        var allowed = Solution.Publishers.Select(m => Path.GetFullPath(m.ContractsProjectFile!))
            .Append(Path.GetFullPath(Path.Combine(Solution.Root, "src", "BuildingBlocks", "Schakel.BuildingBlocks.csproj")))
            .ToHashSet(StringComparer.Ordinal);
        return Solution.ProjectReferencesOf(projectFile)
            .Where(reference => !allowed.Contains(reference))
            .Select(Path.GetFileName)
            .OfType<string>()
            .ToList();
    }

    /// <summary>
    /// Types of <paramref name="assembly"/> that use a type of another module's implementation or
    /// of the host. Only types in a module's Contracts may cross a boundary.
    /// </summary>
    public static IReadOnlyList<string> TypesCrossingABoundary(Assembly assembly, string ownModule)
    {
        var forbidden = Solution.Modules
            .Where(m => m.Name != ownModule)
            .SelectMany(m => PublicAndInternalTypeNames(m.Implementation))
            .Concat(PublicAndInternalTypeNames(Assembly.Load(Solution.HostAssemblyName)))
            .ToArray();
        var result = Types.InAssembly(assembly).ShouldNot().HaveDependencyOnAny(forbidden).GetResult();
        return result.IsSuccessful ? [] : result.FailingTypeNames.ToList();
    }

    /// <summary>Assemblies a module's compiled code loads that belong to another module's implementation or the host.</summary>
    public static IReadOnlyList<string> ForbiddenAssemblyReferences(Assembly assembly, string ownModule)
    {
        var forbidden = Solution.Modules.Where(m => m.Name != ownModule)
            .Select(m => m.Implementation.GetName().Name)
            .Append(Solution.HostAssemblyName)
            .ToHashSet(StringComparer.Ordinal);
        return assembly.GetReferencedAssemblies().Select(a => a.Name).OfType<string>().Where(forbidden.Contains).ToList();
    }

    private static IEnumerable<string> PublicAndInternalTypeNames(Assembly assembly) =>
        assembly.GetTypes()
            .Where(t => t.FullName is not null && !t.FullName.StartsWith("<", StringComparison.Ordinal) && !t.IsNested)
            .Where(t => t.Namespace is not null && !t.Namespace.StartsWith("Microsoft.", StringComparison.Ordinal)
                                               && !t.Namespace.StartsWith("System.", StringComparison.Ordinal)
                                               && !t.Namespace.StartsWith("AspNetCoreGeneratedDocument", StringComparison.Ordinal))
            .Select(t => t.FullName!);
}
