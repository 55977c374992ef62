using System.Diagnostics;
using Schakel.Testing.Processes;

namespace Schakel.Platform.Tests;

/// <summary>
/// Production loads the handler and endpoint code generated at build time (TypeLoadMode.Static,
/// docs/adr/0026), and refuses to start when a type is missing. This keeps the committed code equal
/// to what the handlers and endpoints generate now, so a change is caught here, not at a deployment.
/// </summary>
public sealed class TheGeneratedCode : IDisposable
{
    private const string Folder = "Internal/Generated";
    private readonly string _work = Directory.CreateTempSubdirectory("schakel-codegen-").FullName;

    [Fact]
    public async Task is_what_the_handlers_and_endpoints_generate_now()
    {
        // The host writes under its content root, the working directory: a scratch folder, not the repository.
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = _work,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(HostProcess.HostAssembly);
        start.ArgumentList.Add("codegen");
        start.ArgumentList.Add("write");
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        // Generation reads the handler and endpoint model only; nothing listens on port 1.
        start.Environment["ConnectionStrings__Schakel"] = "Host=127.0.0.1;Port=1;Database=codegen;Username=codegen";
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        Assert.True(process.ExitCode == 0, $"codegen write failed:{Environment.NewLine}{await output}{await errors}");

        var now = Files(Path.Combine(_work, Folder));
        var committed = Files(Path.Combine(RepositoryRoot.Path, "src", "Host", Folder));
        var different = now.Keys.Union(committed.Keys)
            .Where(name => !now.TryGetValue(name, out var a) || !committed.TryGetValue(name, out var b) || a != b)
            .Order(StringComparer.Ordinal)
            .ToList();
        Assert.True(different.Count == 0,
            $"src/Host/{Folder} is not what the handlers and endpoints generate now; run scripts/codegen.sh and commit it. Different: {string.Join(", ", different)}");
        Assert.NotEmpty(committed);
    }

    private static Dictionary<string, string> Files(string root) =>
        Directory.Exists(root)
            ? Directory.EnumerateFiles(root, "*.cs", SearchOption.AllDirectories)
                .ToDictionary(f => Path.GetRelativePath(root, f).Replace('\\', '/'), f => File.ReadAllText(f).ReplaceLineEndings("\n"), StringComparer.Ordinal)
            : [];

    public void Dispose() => Directory.Delete(_work, recursive: true);
}
