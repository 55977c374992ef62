using System.Net.Sockets;
using JasperFx;
using JasperFx.CodeGeneration;
using MailKit.Net.Smtp;
using Marten;
using Schakel.BuildingBlocks.Notifications;
using Schakel.BuildingBlocks.Portal;
using Schakel.Host.Notifications.Smime;
using Wolverine;
using Wolverine.Configuration;
using Wolverine.ErrorHandling;
using Wolverine.Runtime.Handlers;

namespace Schakel.Host.Notifications.Email;

/// <summary>
/// E-mail through the outbox (docs/adr/0008): <see cref="SendEmail"/> goes to the durable local
/// queue "email"; a failure the mail server may recover from is retried, first in memory after short
/// cooldowns, then from the durable inbox on a schedule of about a day; after that, or at once for
/// a permanent refusal, the message moves to Wolverine's dead letters, from where it can be replayed.
/// </summary>
public static class EmailDelivery
{
    public const string Queue = "email";
    public const string RetryCooldownsSetting = "Schakel:Smtp:RetryCooldowns";
    public const string ScheduledRetriesSetting = "Schakel:Smtp:ScheduledRetries";

    private static readonly TimeSpan[] DefaultCooldowns = [TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(30)];

    private static readonly TimeSpan[] DefaultScheduledRetries =
    [
        TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(15), TimeSpan.FromMinutes(30),
        TimeSpan.FromHours(1), TimeSpan.FromHours(2), TimeSpan.FromHours(4), TimeSpan.FromHours(8), TimeSpan.FromHours(8),
    ];

    public static WebApplicationBuilder AddSchakelEmail(this WebApplicationBuilder builder)
    {
        var configuration = builder.Configuration;
        var services = builder.Services;
        services.Configure<SmtpOptions>(configuration.GetSection(SmtpOptions.Section));
        services.AddSingleton<IEmailSender, MailKitEmailSender>();
        services.AddSingleton<SentEmails>();
        services.AddSchakelSmime(configuration);
        services.AddSingleton<EmailTemplates>();
        services.AddSingleton<PortalLinks>();
        services.AddSingleton<DeadLetters.DeadLetteredEmails>();
        services.AddSingleton(new PortalNavigationItem(
            "/beheer/e-mail", typeof(Resources.MailText), "Nav_DeadLetters", 91, [Schakel.BuildingBlocks.Access.SchakelRoles.Administrator]));
        Schakel.Host.Demo.DemoMailbox.Add(builder);

        var cooldowns = configuration.GetSection(RetryCooldownsSetting).Get<TimeSpan[]>() is { Length: > 0 } c ? c : DefaultCooldowns;
        var scheduled = configuration.GetSection(ScheduledRetriesSetting).Get<TimeSpan[]>() is { Length: > 0 } s ? s : DefaultScheduledRetries;
        services.ConfigureMarten(opts => opts.Schema.For<SentEmail>());
        services.ConfigureWolverine(opts =>
        {
            opts.Discovery.IncludeType(typeof(SendEmailHandler));
            opts.PublishMessage<SendEmail>().ToLocalQueue(Queue);
            // A mail server takes a few connections at a time; the rest wait in the durable queue.
            opts.LocalQueue(Queue).UseDurableInbox().MaximumParallelMessages(4);
            opts.Policies.Add(new RetryPolicy(cooldowns, scheduled));
        });
        return builder;
    }

    /// <summary>
    /// Worth another try: the server is unreachable or went away (socket, I/O, protocol, time-out),
    /// or it answered with a transient 4xx ("try again later"), or PostgreSQL is away for a moment (ADR 24). A 5xx is permanent (unknown mailbox,
    /// refused sender): retrying cannot help, so it goes to the dead letters at once.
    /// </summary>
    public static bool IsTransient(Exception exception) => exception switch
    {
        SmtpCommandException command => (int)command.StatusCode is >= 400 and < 500,
        SmtpProtocolException or IOException or SocketException or TimeoutException => true,
        // Our own database away for a moment (the sent-e-mail record, the envelope's bookkeeping) is no reason to give up on the e-mail.
        _ when Schakel.Host.Infrastructure.ErrorHandling.IsDatabaseUnavailable(exception) => true,
        _ => false,
    };

    private sealed class RetryPolicy(TimeSpan[] cooldowns, TimeSpan[] scheduled) : IHandlerPolicy
    {
        public void Apply(IReadOnlyList<HandlerChain> chains, GenerationRules rules, IServiceContainer container)
        {
            foreach (var chain in chains.Where(c => c.MessageType == typeof(SendEmail)))
            {
                // Our database away (ADR 24) comes back in seconds, unlike a mail server: its own, quicker retries first.
                chain.OnException(Schakel.Host.Infrastructure.ErrorHandling.IsDatabaseUnavailable, "PostgreSQL unavailable for a moment")
                    .RetryWithCooldown(Schakel.Host.Infrastructure.ErrorHandling.DatabaseRetryCooldowns)
                    .Then.ScheduleRetry(Schakel.Host.Infrastructure.ErrorHandling.DatabaseRetrySchedule)
                    .Then.MoveToErrorQueue();
                chain.OnException(IsTransient, "a mail server failure that may pass")
                    .RetryWithCooldown(cooldowns)
                    .Then.ScheduleRetry(scheduled)
                    .Then.MoveToErrorQueue();
                chain.OnException(e => !IsTransient(e), "a permanent e-mail failure").MoveToErrorQueue();
            }
        }
    }
}
