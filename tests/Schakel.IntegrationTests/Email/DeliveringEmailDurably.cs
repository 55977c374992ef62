using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Alba;
using Schakel.BuildingBlocks.Access;
using Schakel.BuildingBlocks.Notifications;
using Schakel.Host.Notifications.Email.DeadLetters;
using Schakel.Testing;
using Wolverine;
using Wolverine.Persistence.Durability;

namespace Schakel.IntegrationTests.Email;

/// <summary>
/// Issue 7: when the mail server is down, e-mail is retried with back-off and then lands in a
/// dead-letter list an administrator sees and replays; nothing is lost and nothing is sent twice.
/// Against a real SMTP server that the tests stop and start.
/// </summary>
public sealed partial class DeliveringEmailDurably(DurableMailApp app) : IClassFixture<DurableMailApp>
{
    private const string DeadLetters = "/api/admin/mail/dead-letters";

    private static EmailMessage AnEmail(string to, string subject) =>
        new(to, "Anna de Vries", subject, $"Er staat iets voor u klaar in Schakel ({subject}).", $"<p>Er staat iets voor u klaar in Schakel ({subject}).</p>");

    [Fact]
    public async Task e_mails_queued_while_the_mail_server_is_down_each_arrive_exactly_once_when_it_is_back()
    {
        var emails = Enumerable.Range(1, 4).Select(i => AnEmail(DurableMailApp.AFreshAddress(), $"Wachtrijtest {i}")).ToList();
        var ids = emails.Select(e => e.Id).ToHashSet();
        await app.Mail.StopAsync();
        try
        {
            foreach (var email in emails)
            {
                await app.SendAsync(email);
            }

            // Every e-mail failed its quick retries and now waits in the durable inbox for a later try.
            await DurableMailApp.WaitUntilAsync(
                async () => await app.EmailsWaitingAsync(e => e.Status == EnvelopeStatus.Scheduled && e.Attempts > 0) >= emails.Count,
                "The e-mails were not scheduled for a retry while the mail server was down.");
        }
        finally
        {
            await app.Mail.StartAsync();
        }

        foreach (var email in emails)
        {
            using var _ = await app.Mail.WaitForMessageToAsync(email.ToAddress, DurableMailApp.Patience);
        }

        // Nothing is left to try, so nothing more can arrive: count now.
        await DurableMailApp.WaitUntilAsync(async () => await app.EmailsWaitingAsync() == 0, "E-mails are still waiting after all arrived.");
        foreach (var email in emails)
        {
            var received = app.MailTo(email.ToAddress);
            var mail = Assert.Single(received);
            Assert.Equal(email.Subject, mail.Subject);
            Assert.Equal($"{email.Id:N}@test.example.nl", mail.MessageId);
        }

        Assert.Equal(emails.Count, ids.Count);
        Assert.DoesNotContain(await ListAsync(TestUsers.Administrator()), d => emails.Any(e => e.ToAddress == d.To));
    }

    [Fact]
    public async Task an_e_mail_the_server_accepted_is_not_sent_again_when_its_message_comes_round_a_second_time()
    {
        // As after a host killed between the server's OK and Wolverine marking the envelope handled (issue 9).
        var email = AnEmail(DurableMailApp.AFreshAddress(), "Eenmaal verstuurd");
        await app.SendAsync(email);
        using (var _ = await app.Mail.WaitForMessageToAsync(email.ToAddress, DurableMailApp.Patience))
        {
        }

        await app.SendAsync(email);
        await DurableMailApp.WaitUntilAsync(async () => await app.EmailsWaitingAsync() == 0, "The second envelope was not handled.");

        var mail = Assert.Single(app.MailTo(email.ToAddress));
        Assert.Equal($"{email.Id:N}@test.example.nl", mail.MessageId);
    }

    [Fact]
    public async Task an_e_mail_dead_lettered_after_the_retries_is_listed_for_the_administrator_and_replayed_once()
    {
        var email = AnEmail(DurableMailApp.AFreshAddress(), "Doodlopende test");
        DeadLetteredEmail deadLetter;
        await app.Mail.StopAsync();
        try
        {
            await app.SendAsync(email);
            deadLetter = await WaitForDeadLetterAsync(email.ToAddress);
        }
        finally
        {
            await app.Mail.StartAsync();
        }

        Assert.Equal("Doodlopende test", deadLetter.Subject);
        Assert.Equal(email.Id.ToString("N"), deadLetter.MessageId);
        Assert.False(string.IsNullOrWhiteSpace(deadLetter.ErrorType));
        Assert.Empty(app.MailTo(email.ToAddress));

        // The list never shows the body, in the API nor on the page.
        var json = await (await app.Host.Scenario(s =>
        {
            s.As(TestUsers.Administrator());
            s.Get.Url(DeadLetters);
        })).ReadAsTextAsync();
        Assert.DoesNotContain("Er staat iets voor u klaar", json, StringComparison.Ordinal);
        var page = WebUtility.HtmlDecode(await (await app.Host.Scenario(s =>
        {
            s.As(TestUsers.Administrator());
            s.Get.Url("/beheer/e-mail");
        })).ReadAsTextAsync());
        Assert.Contains(email.ToAddress, page, StringComparison.Ordinal);
        Assert.Contains("Doodlopende test", page, StringComparison.Ordinal);
        Assert.Contains("Opnieuw versturen", page, StringComparison.Ordinal);
        Assert.DoesNotContain("Er staat iets voor u klaar", page, StringComparison.Ordinal);

        await app.Host.Scenario(s =>
        {
            s.As(TestUsers.Administrator());
            s.Post.Url($"{DeadLetters}/{deadLetter.Id}/replay");
            s.StatusCodeShouldBe(HttpStatusCode.Accepted);
        });

        using (var mail = await app.Mail.WaitForMessageToAsync(email.ToAddress, DurableMailApp.Patience))
        {
            Assert.Equal($"{email.Id:N}@test.example.nl", mail.MessageId);
        }

        await DurableMailApp.WaitUntilAsync(async () => await app.EmailsWaitingAsync() == 0, "The replayed e-mail is still waiting after it arrived.");
        Assert.Single(app.MailTo(email.ToAddress));
        Assert.DoesNotContain(await ListAsync(TestUsers.Administrator()), d => d.Id == deadLetter.Id);

        // Once replayed it is no longer a dead letter: a second replay finds nothing.
        await app.Host.Scenario(s =>
        {
            s.As(TestUsers.Administrator());
            s.Post.Url($"{DeadLetters}/{deadLetter.Id}/replay");
            s.StatusCodeShouldBe(HttpStatusCode.NotFound);
        });
    }

    [Fact]
    public async Task the_administrator_sends_an_undeliverable_e_mail_again_from_the_portal()
    {
        var administrator = TestUsers.Administrator(); // the antiforgery token is bound to the user
        var email = AnEmail(DurableMailApp.AFreshAddress(), "Portaaltest");
        DeadLetteredEmail deadLetter;
        await app.Mail.StopAsync();
        try
        {
            await app.SendAsync(email);
            deadLetter = await WaitForDeadLetterAsync(email.ToAddress);
        }
        finally
        {
            await app.Mail.StartAsync();
        }

        var form = await app.Host.Scenario(s =>
        {
            s.As(administrator);
            s.Get.Url("/beheer/e-mail");
        });
        var html = await form.ReadAsTextAsync();
        var cookie = form.Context.Response.Headers.SetCookie.Select(c => c!.Split(';')[0]).Single(c => c.StartsWith("__Host-schakel-af=", StringComparison.Ordinal));
        var token = AntiforgeryToken().Match(html).Groups["token"].Value;
        var action = WebUtility.HtmlDecode(ReplayForm().Matches(html).Select(m => m.Groups["action"].Value).Single(a => a.Contains(deadLetter.Id.ToString(), StringComparison.Ordinal)));

        var replayed = await app.Host.Scenario(s =>
        {
            s.As(administrator);
            // Alba takes the query string apart from the path.
            var post = s.Post.FormData(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }).ToUrl(action.Split('?')[0]);
            foreach (var (key, value) in Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(new Uri(new Uri("https://localhost"), action).Query))
            {
                post.QueryString(key, value.ToString());
            }

            s.WithRequestHeader("Cookie", cookie);
            s.StatusCodeShouldBe(HttpStatusCode.Redirect);
        });
        Assert.Equal("/beheer/e-mail", replayed.Context.Response.Headers.Location.ToString());

        using (await app.Mail.WaitForMessageToAsync(email.ToAddress, DurableMailApp.Patience))
        {
        }

        await DurableMailApp.WaitUntilAsync(async () => await app.EmailsWaitingAsync() == 0, "The replayed e-mail is still waiting after it arrived.");
        Assert.Single(app.MailTo(email.ToAddress));
    }

    [Fact]
    public async Task only_an_administrator_sees_or_replays_undeliverable_e_mail()
    {
        var coordinator = TestUsers.Coordinator();
        await app.Host.Scenario(s =>
        {
            s.As(coordinator);
            s.Get.Url(DeadLetters);
            s.StatusCodeShouldBe(HttpStatusCode.Forbidden);
        });
        await app.Host.Scenario(s =>
        {
            s.As(coordinator);
            s.Post.Url($"{DeadLetters}/{Guid.NewGuid()}/replay");
            s.StatusCodeShouldBe(HttpStatusCode.Forbidden);
        });
        await app.Host.Scenario(s =>
        {
            s.Get.Url(DeadLetters);
            s.StatusCodeShouldBe(HttpStatusCode.Unauthorized);
        });
        var page = await app.Host.Scenario(s =>
        {
            s.As(coordinator);
            s.Get.Url("/beheer/e-mail");
            s.StatusCodeShouldBe(HttpStatusCode.Redirect);
        });
        Assert.StartsWith("/fout/403", new Uri(new Uri("https://localhost"), page.Context.Response.Headers.Location.ToString()).AbsolutePath, StringComparison.Ordinal);

        // An administrator asking to replay something that is not a dead-lettered e-mail hears so.
        await app.Host.Scenario(s =>
        {
            s.As(TestUsers.Administrator());
            s.Post.Url($"{DeadLetters}/{Guid.NewGuid()}/replay");
            s.StatusCodeShouldBe(HttpStatusCode.NotFound);
        });
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"(?<token>[^\"]+)\"")]
    private static partial Regex AntiforgeryToken();

    [GeneratedRegex("<form method=\"post\" action=\"(?<action>[^\"]+)\"")]
    private static partial Regex ReplayForm();

    private async Task<IReadOnlyList<DeadLetteredEmail>> ListAsync(CareUser user)
    {
        var result = await app.Host.Scenario(s =>
        {
            s.As(user);
            s.Get.Url(DeadLetters);
            s.StatusCodeShouldBeOk();
        });
        return JsonSerializer.Deserialize<List<DeadLetteredEmail>>(await result.ReadAsTextAsync(), JsonSerializerOptions.Web)!;
    }

    private async Task<DeadLetteredEmail> WaitForDeadLetterAsync(string to)
    {
        DeadLetteredEmail? found = null;
        await DurableMailApp.WaitUntilAsync(
            async () => (found = (await ListAsync(TestUsers.Administrator())).FirstOrDefault(d => d.To == to)) is not null,
            "The e-mail did not reach the dead letters while the mail server stayed down.");
        return found!;
    }
}
