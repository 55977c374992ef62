using System.Net;
using System.Text.RegularExpressions;
using Alba;
using Microsoft.AspNetCore.Hosting;
using Schakel.BuildingBlocks.Notifications;
using Schakel.Testing;
using Wolverine;

namespace Schakel.IntegrationTests.Email;

/// <summary>A host in demo mode whose mail folder is its SMTP sink's folder, as ./run.sh sets it up.</summary>
public sealed class DemoMailApp() : SchakelApp("mail_demo")
{
    protected override void ConfigureHost(IWebHostBuilder builder)
    {
        builder.UseSetting("Schakel:Demo:Seed", "true");
        builder.UseSetting("Schakel:Demo:MailFolder", Mail.Directory);
    }
}

/// <summary>Issue 7: without a mail server, the demo keeps e-mail as .eml files and the portal (demo mode only) lists them.</summary>
public sealed partial class ReadingTheDemoMail(DemoMailApp app) : IClassFixture<DemoMailApp>
{
    [Fact]
    public async Task a_signed_in_demo_user_reads_the_caught_e_mail_newest_first_and_its_html_only_as_text()
    {
        var gp = TestUsers.Gp(Guid.CreateVersion7());
        var first = new EmailMessage(DurableMailApp.AFreshAddress(), null, "Eerste demo-mail", "Tekst van de eerste.");
        var second = new EmailMessage(DurableMailApp.AFreshAddress(), "Anna", "Tweede <b>demo</b>-mail", "Tekst van de tweede: https://schakel.example.nl/x",
            "<p>HTML <script>alert('x')</script> van de tweede</p>");
        await app.Host.MessageBus().PublishAsync(new SendEmail(first));
        using (await app.Mail.WaitForMessageToAsync(first.ToAddress, DurableMailApp.Patience))
        {
        }

        await app.Host.MessageBus().PublishAsync(new SendEmail(second));
        using (await app.Mail.WaitForMessageToAsync(second.ToAddress, DurableMailApp.Patience))
        {
        }

        var list = await (await app.Host.Scenario(s =>
        {
            s.As(gp);
            s.Get.Url("/demo/e-mail");
            s.StatusCodeShouldBeOk();
        })).ReadAsTextAsync();
        var decoded = WebUtility.HtmlDecode(list);
        Assert.Contains(first.ToAddress, decoded, StringComparison.Ordinal);
        Assert.Contains("Opgevangen e-mail (demo)", decoded, StringComparison.Ordinal);
        Assert.True(decoded.IndexOf(second.Subject, StringComparison.Ordinal) < decoded.IndexOf(first.Subject, StringComparison.Ordinal), "Newest first.");
        Assert.DoesNotContain("<b>demo</b>", list, StringComparison.Ordinal); // the subject is text, not markup

        var link = MailLink().Matches(list).Select(m => m.Groups["href"].Value).First();
        var shown = await (await app.Host.Scenario(s =>
        {
            s.As(gp);
            s.Get.Url(link);
            s.StatusCodeShouldBeOk();
        })).ReadAsTextAsync();
        Assert.Contains("Tekst van de tweede: https://schakel.example.nl/x", WebUtility.HtmlDecode(shown), StringComparison.Ordinal);
        Assert.Contains(second.ToAddress, shown, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>alert", shown, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/demo/e-mail/bestaat-niet.eml")]
    [InlineData("/demo/e-mail/..%2F..%2Fetc%2Fpasswd")]
    [InlineData("/demo/e-mail/..%2Fschakel.eml")]
    public async Task a_file_that_is_not_a_caught_e_mail_is_not_found(string url)
    {
        await app.Host.Scenario(s =>
        {
            s.As(TestUsers.Coordinator());
            s.Get.Url(url);
            s.StatusCodeShouldBe(HttpStatusCode.NotFound);
        });
    }

    [Fact]
    public async Task an_anonymous_visitor_is_sent_to_the_login_page()
    {
        var result = await app.Host.Scenario(s =>
        {
            s.Get.Url("/demo/e-mail");
            s.StatusCodeShouldBe(HttpStatusCode.Redirect);
        });
        Assert.StartsWith("/inloggen", new Uri(new Uri("https://localhost"), result.Context.Response.Headers.Location.ToString()).AbsolutePath, StringComparison.Ordinal);
    }

    [GeneratedRegex("href=\"(?<href>/demo/e-mail/[^\"]+\\.eml)\"")]
    private static partial Regex MailLink();
}

/// <summary>Outside demo mode the caught-mail pages do not exist.</summary>
[Collection(IntegrationCollection.Name)]
public sealed class TheDemoMailOutsideTheDemo(IntegrationApp app)
{
    [Theory]
    [InlineData("/demo/e-mail")]
    [InlineData("/demo/e-mail/1-abc.eml")]
    public async Task is_not_found(string url)
    {
        await app.Host.Scenario(s =>
        {
            s.As(TestUsers.Coordinator());
            s.Get.Url(url);
            s.StatusCodeShouldBe(HttpStatusCode.NotFound);
        });
    }
}
