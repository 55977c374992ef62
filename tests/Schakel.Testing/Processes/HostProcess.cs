using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Schakel.Testing.Processes;

/// <summary>
/// The Schakel host as a real operating-system process: <c>dotnet Schakel.Host.dll</c> (the build
/// output of src/Host in this test assembly's configuration) on 127.0.0.1 at a fixed free port, so
/// it can be killed with SIGKILL (<see cref="KillAsync"/>) and started again on the same address.
/// It keeps the last lines of its output for the failure message.
/// </summary>
public sealed class HostProcess : IAsyncDisposable
{
    private const int KeptLines = 300;
    private readonly Dictionary<string, string> _environment;
    private readonly ConcurrentQueue<string> _output = new();
    private Process? _process;

    public HostProcess(IReadOnlyDictionary<string, string> environment)
    {
        Port = FreePort();
        BaseAddress = new Uri($"http://127.0.0.1:{Port.ToString(CultureInfo.InvariantCulture)}");
        _environment = new Dictionary<string, string>(environment, StringComparer.Ordinal);
    }

    /// <summary>Sets an environment variable for the next start.</summary>
    public void SetEnvironment(string name, string value) => _environment[name] = value;

    public int Port { get; }

    public Uri BaseAddress { get; }

    public int Starts { get; private set; }

    public int Kills { get; private set; }

    public bool IsRunning => _process is { HasExited: false };

    /// <summary>The host's operating-system process id while it runs.</summary>
    public int? ProcessId => IsRunning ? _process!.Id : null;

    /// <summary>The path of the host's build output, found from the repository root.</summary>
    public static string HostAssembly
    {
        get
        {
            // <project>/bin/<Configuration>/net10.0/ (a test or benchmark project) → src/Host/bin/<Configuration>/net10.0/
            var here = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
            var framework = here.Name;
            var configuration = here.Parent!.Name;
            var path = Path.Combine(RepositoryRoot.Path, "src", "Host", "bin", configuration, framework, "Schakel.Host.dll");
            return File.Exists(path)
                ? path
                : throw new InvalidOperationException($"No host build at {path}: run `dotnet build Schakel.slnx -c {configuration}` first.");
        }
    }

    /// <summary>Starts the host and waits until /health/ready answers 200.</summary>
    public async Task StartAsync(TimeSpan readyWithin)
    {
        if (IsRunning)
        {
            throw new InvalidOperationException("The host is already running.");
        }

        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(HostAssembly)!,
        };
        start.ArgumentList.Add(HostAssembly);
        foreach (var (name, value) in _environment)
        {
            start.Environment[name] = value;
        }

        start.Environment["ASPNETCORE_URLS"] = BaseAddress.ToString().TrimEnd('/');
        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        process.OutputDataReceived += (_, e) => Keep(e.Data);
        process.ErrorDataReceived += (_, e) => Keep(e.Data);
        if (!process.Start())
        {
            throw new InvalidOperationException("Could not start dotnet for the host.");
        }

        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _process = process;
        Starts++;
        Keep($"--- start {Starts} (pid {process.Id}) ---");
        await WaitReadyAsync(readyWithin);
    }

    /// <summary>Waits until /health/ready answers 200; fails when the process exits or the deadline passes.</summary>
    public async Task WaitReadyAsync(TimeSpan within)
    {
        using var http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        var clock = Stopwatch.StartNew();
        while (true)
        {
            if (_process is not { HasExited: false })
            {
                throw new InvalidOperationException($"The host exited before it was ready.{Environment.NewLine}{Tail()}");
            }

            try
            {
                using var ready = await http.GetAsync(new Uri("/health/ready", UriKind.Relative));
                if (ready.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                // not listening yet
            }

            if (clock.Elapsed > within)
            {
                throw new TimeoutException($"The host at {BaseAddress} was not ready within {within}.{Environment.NewLine}{Tail()}");
            }

            await Task.Delay(100);
        }
    }

    /// <summary>kill -9: no shutdown hooks, no flushing; whatever was in flight is cut off.</summary>
    public async Task KillAsync()
    {
        if (_process is not { } process)
        {
            return;
        }

        _process = null;
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            Kills++;
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await process.WaitForExitAsync(timeout.Token);
        Keep($"--- killed (pid {process.Id}) ---");
        process.Dispose();
    }

    /// <summary>The host's last output lines, for a failure message.</summary>
    public string Tail(int lines = 60) => string.Join(Environment.NewLine, _output.TakeLast(lines));

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }

        _output.Enqueue(line);
        while (_output.Count > KeptLines && _output.TryDequeue(out _))
        {
        }
    }

    /// <summary>A free TCP port on 127.0.0.1 (for a host, a private PostgreSQL, ...).</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    public async ValueTask DisposeAsync()
    {
        if (_process is { } process)
        {
            _process = null;
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync();
            }

            process.Dispose();
        }
    }
}

/// <summary>The repository's root folder (the one with Schakel.slnx), found upwards from the test assembly.</summary>
public static class RepositoryRoot
{
    public static string Path { get; } = Find();

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "Schakel.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No Schakel.slnx above {AppContext.BaseDirectory}.");
    }
}
