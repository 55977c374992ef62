using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Schakel.Testing;

/// <summary>
/// A private Redis for tests: Debian's <c>redis-server</c> on 127.0.0.1 on a free port, without
/// persistence, in a temporary folder, stopped and removed afterwards. Never the system service.
/// <see cref="ConnectionString"/> is what <c>Schakel:Live:Redis</c> takes.
/// </summary>
public sealed class RedisServer : IAsyncLifetime, IAsyncDisposable
{
    public const string Variable = "SCHAKEL_REDIS_SERVER";

    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(20);
    private readonly StringBuilder _output = new();
    private Process? _process;

    public string Host => "127.0.0.1";

    public int Port { get; private set; }

    public string Directory { get; } = Path.Combine(Path.GetTempPath(), $"schakel-redis-{Guid.NewGuid():N}");

    /// <summary>A StackExchange.Redis connection string to this server.</summary>
    public string ConnectionString => $"{Host}:{Port.ToString(CultureInfo.InvariantCulture)}";

    public Task InitializeAsync() => StartAsync();

    public async Task StartAsync()
    {
        if (_process is { HasExited: false })
        {
            return;
        }

        var server = Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } configured ? configured
            : File.Exists("/usr/bin/redis-server") ? "/usr/bin/redis-server" : "redis-server";
        System.IO.Directory.CreateDirectory(Directory);

        // A port found free can be taken before the server binds it; then try another.
        for (var attempt = 1; ; attempt++)
        {
            Port = FreePort();
            var process = Launch(server);
            if (await ReadyAsync(process))
            {
                _process = process;
                return;
            }

            await KillAsync(process);
            if (attempt == 3)
            {
                string output;
                lock (_output)
                {
                    output = _output.ToString();
                }

                throw new InvalidOperationException(
                    $"The test Redis did not start ({server} on {ConnectionString}). The tests need Debian's redis-server " +
                    $"(./test.sh installs it: apt-get install redis-server; {Variable} selects the program). {output}");
            }
        }
    }

    private Process Launch(string server)
    {
        var start = new ProcessStartInfo(server)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Directory,
        };
        foreach (var argument in new[]
        {
            "--port", Port.ToString(CultureInfo.InvariantCulture), "--bind", Host, "--save", "", "--appendonly", "no",
            "--dir", Directory, "--daemonize", "no",
        })
        {
            start.ArgumentList.Add(argument);
        }

        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {server}.");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException(
                $"The test Redis cannot start: {server} is missing. Install Debian's redis-server (./test.sh does) " +
                $"or point {Variable} at the program.", e);
        }

        // Read what it says (so it never blocks on a full pipe), and keep it for the error message.
        process.OutputDataReceived += (_, line) => Keep(line.Data);
        process.ErrorDataReceived += (_, line) => Keep(line.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }
    }

    /// <summary>True once the server answers PING; false if it exits or stays silent.</summary>
    private async Task<bool> ReadyAsync(Process process)
    {
        var deadline = DateTime.UtcNow + StartTimeout;
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited)
            {
                return false;
            }

            if (await SendAsync("PING") == "+PONG")
            {
                return true;
            }

            await Task.Delay(50);
        }

        return false;
    }

    /// <summary>One inline command; the first line of the reply, or null when nobody answers.</summary>
    private async Task<string?> SendAsync(string command)
    {
        try
        {
            using var client = new TcpClient();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
            await client.ConnectAsync(IPAddress.Loopback, Port, timeout.Token);
            var stream = client.GetStream();
            await stream.WriteAsync(Encoding.ASCII.GetBytes(command + "\r\n"), timeout.Token);
            using var reader = new StreamReader(stream, Encoding.ASCII);
            return await reader.ReadLineAsync(timeout.Token);
        }
        catch (Exception e) when (e is SocketException or IOException or OperationCanceledException)
        {
            return null;
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async Task StopAsync()
    {
        if (_process is not { } process)
        {
            return;
        }

        _process = null;
        await SendAsync("SHUTDOWN NOSAVE");
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
            process.Dispose();
        }
        catch (OperationCanceledException)
        {
            await KillAsync(process);
        }
    }

    private static async Task KillAsync(Process process)
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync();
            }
        }
        finally
        {
            process.Dispose();
        }
    }

    public async Task DisposeAsync()
    {
        await StopAsync();
        if (System.IO.Directory.Exists(Directory))
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
    }

    async ValueTask IAsyncDisposable.DisposeAsync() => await DisposeAsync();
}
