using System.Diagnostics;
using MimeKit;

namespace Schakel.Testing;

/// <summary>
/// A real SMTP server for tests: <c>smtp_sink.py</c> (aiosmtpd) on 127.0.0.1, writing every
/// message it accepts as an .eml file into a temporary folder. Stop and start it again to play
/// an outage; it keeps its port. Use a fresh recipient address per test to find your mail.
/// </summary>
public sealed class SmtpSink : IAsyncLifetime, IAsyncDisposable
{
    public const string PythonVariable = "SCHAKEL_PYTHON";

    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(20);
    private Process? _process;

    public string Host => "127.0.0.1";

    /// <summary>0 until the first start; then the same port for every later start.</summary>
    public int Port { get; private set; }

    public string Directory { get; } = Path.Combine(Path.GetTempPath(), $"schakel-mail-{Guid.NewGuid():N}");

    public bool IsRunning => _process is { HasExited: false };

    public Task InitializeAsync() => StartAsync();

    public async Task StartAsync()
    {
        if (IsRunning)
        {
            return;
        }

        var python = Environment.GetEnvironmentVariable(PythonVariable) is { Length: > 0 } configured ? configured
            : File.Exists("/usr/bin/python3") ? "/usr/bin/python3" : "python3";
        var start = new ProcessStartInfo(python)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { Path.Combine(AppContext.BaseDirectory, "smtp_sink.py"), "--directory", Directory, "--port", Port.ToString(System.Globalization.CultureInfo.InvariantCulture) })
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {python}.");
        using var timeout = new CancellationTokenSource(StartTimeout);
        string? line;
        try
        {
            line = await process.StandardOutput.ReadLineAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            line = null;
        }

        if (line is null || !line.StartsWith("listening ", StringComparison.Ordinal))
        {
            process.Kill(entireProcessTree: true);
            var error = await process.StandardError.ReadToEndAsync();
            process.Dispose();
            throw new InvalidOperationException(
                $"The test SMTP server did not start ({python} smtp_sink.py). It needs Python 3 with aiosmtpd " +
                $"(Debian: python3-aiosmtpd; ./test.sh installs it; {PythonVariable} selects the interpreter). {error}");
        }

        Port = int.Parse(line["listening ".Length..], System.Globalization.CultureInfo.InvariantCulture);
        _process = process;
    }

    /// <summary>Stops the server (closing its input lets it shut down cleanly); mail received so far stays.</summary>
    public async Task StopAsync()
    {
        if (_process is not { } process)
        {
            return;
        }

        _process = null;
        try
        {
            process.StandardInput.Close();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
        finally
        {
            process.Dispose();
        }
    }

    /// <summary>Every message received so far, oldest first.</summary>
    public IReadOnlyList<MimeMessage> Messages() =>
        System.IO.Directory.Exists(Directory)
            ? System.IO.Directory.GetFiles(Directory, "*.eml").Order(StringComparer.Ordinal).Select(path => MimeMessage.Load(path)).ToList()
            : [];

    /// <summary>The first message addressed to <paramref name="address"/>, waiting for it up to <paramref name="timeout"/>.</summary>
    public async Task<MimeMessage> WaitForMessageToAsync(string address, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var message = Messages().FirstOrDefault(m => m.To.Mailboxes.Any(to => string.Equals(to.Address, address, StringComparison.OrdinalIgnoreCase)));
            if (message is not null)
            {
                return message;
            }

            if (DateTime.UtcNow >= deadline)
            {
                throw new TimeoutException($"No e-mail to {address} reached the test SMTP server within {timeout}.");
            }

            await Task.Delay(50);
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
