using System.Reflection;
using System.Xml.Linq;

namespace Schakel.ArchitectureTests;

/// <summary>
/// A module as the repository lays it out: src/Modules/{Name}/{Name} and, when it publishes
/// anything, {Name}.Contracts (the Indicators module only listens, so it has none).
/// </summary>
public sealed record Module(string Name, Assembly Implementation, Assembly? Contracts, string ProjectFile, string? ContractsProjectFile);

/// <summary>What the architecture tests look at: the modules found on disk and their compiled assemblies.</summary>
public static class Solution
{
    public static readonly string Root = FindRoot();

    public static readonly string HostAssemblyName = "Schakel.Host";

    public static IReadOnlyList<Module> Modules { get; } = Directory
        .GetDirectories(Path.Combine(Root, "src", "Modules"))
        .Select(Path.GetFileName)
        .OfType<string>()
        .Order(StringComparer.Ordinal)
        .Select(name =>
        {
            var contracts = Path.Combine(Root, "src", "Modules", name, $"{name}.Contracts", $"{name}.Contracts.csproj");
            var hasContracts = File.Exists(contracts);
            return new Module(
                name,
                Assembly.Load($"Schakel.{name}"),
                hasContracts ? Assembly.Load($"Schakel.{name}.Contracts") : null,
                Path.Combine(Root, "src", "Modules", name, name, $"{name}.csproj"),
                hasContracts ? contracts : null);
        })
        .ToList();

    /// <summary>The modules that publish contracts.</summary>
    public static IReadOnlyList<Module> Publishers => Modules.Where(m => m.Contracts is not null).ToList();

    /// <summary>The project files a project references, as full paths.</summary>
    public static IReadOnlyList<string> ProjectReferencesOf(string projectFile)
    {
        var directory = Path.GetDirectoryName(projectFile)!;
        return XDocument.Load(projectFile)
            .Descendants("ProjectReference")
            .Select(r => (string?)r.Attribute("Include"))
            .OfType<string>()
            .Select(include => Path.GetFullPath(Path.Combine(directory, include.Replace('\\', '/'))))
            .ToList();
    }

    /// <summary>The package ids a project references directly.</summary>
    public static IReadOnlyList<string> PackageReferencesOf(string projectFile) =>
        XDocument.Load(projectFile)
            .Descendants("PackageReference")
            .Select(r => (string?)r.Attribute("Include"))
            .OfType<string>()
            .ToList();

    private static string FindRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Schakel.slnx")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("Schakel.slnx not found above the test output folder.");
    }
}
