using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using Schakel.BuildingBlocks.Notifications;
using Schakel.Testing;
using Wolverine;
using Wolverine.Persistence.Durability;
using Wolverine.Runtime;

namespace Schakel.IntegrationTests.Email;

/// <summary>
/// A host of its own whose e-mail gives up after a few seconds: two quick retries, then three
/// scheduled ones (1 s, 1 s, 3 s), then the dead letters. Its outages do not disturb other tests' mail.
/// </summary>
public sealed class DurableMailApp() : SchakelApp("mail_durable")
{
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    protected override void ConfigureHost(IWebHostBuilder builder)
    {
        builder.UseSetting("Schakel:Smtp:RetryCooldowns:0", "00:00:00.05");
        builder.UseSetting("Schakel:Smtp:RetryCooldowns:1", "00:00:00.05");
        builder.UseSetting("Schakel:Smtp:ScheduledRetries:0", "00:00:01");
        builder.UseSetting("Schakel:Smtp:ScheduledRetries:1", "00:00:01");
        builder.UseSetting("Schakel:Smtp:ScheduledRetries:2", "00:00:03");
    }

    public static string AFreshAddress() => $"{Guid.NewGuid():N}@praktijk.example.nl";

    public Task SendAsync(EmailMessage message) => Host.MessageBus().PublishAsync(new SendEmail(message)).AsTask();

    public List<MimeMessage> MailTo(string address) =>
        Mail.Messages().Where(m => m.To.Mailboxes.Any(to => string.Equals(to.Address, address, StringComparison.OrdinalIgnoreCase))).ToList();

    /// <summary>The e-mails still waiting in the durable inbox (to be tried now or later).</summary>
    public async Task<int> EmailsWaitingAsync(Func<Envelope, bool>? filter = null)
    {
        var incoming = await Host.Services.GetRequiredService<IWolverineRuntime>().Storage.Admin.AllIncomingAsync();
        return incoming.Count(e => e.MessageType == SendEmail.MessageIdentity && e.Status != EnvelopeStatus.Handled && (filter is null || filter(e)));
    }

    /// <summary>Waits for <paramref name="condition"/>, polling; fails with <paramref name="because"/> after <see cref="Patience"/>.</summary>
    public static async Task WaitUntilAsync(Func<Task<bool>> condition, string because)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, because);
            await Task.Delay(50);
        }
    }
}
