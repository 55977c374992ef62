using System.Net;
using System.Text.RegularExpressions;
using Alba;
using MimeKit;
using Marten;
using Schakel.BuildingBlocks.Access;
using Schakel.BuildingBlocks.Notifications;
using Schakel.Consultation.Contracts;
using Schakel.Consultation.Pools;
using Schakel.Consultation.Questions;
using Schakel.Host.Notifications.Centre;
using Schakel.Host.Notifications.Preferences;
using Schakel.Referral.Contracts;
using Schakel.Testing;
using Wolverine.Tracking;

namespace Schakel.IntegrationTests.Notifications;

/// <summary>
/// Notifications by e-mail (docs/adr/0020): for every kind the centre makes, a recipient who chose
/// e-mail at once receives one through the real SMTP server, in Dutch, with the absolute link that
/// opens the item, and without patient data; portal only sends nothing.
/// </summary>
[Collection(IntegrationCollection.Name)]
public sealed partial class EmailingNotifications(IntegrationApp app) : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);
    private static readonly DateTimeOffset Monday = new(2026, 11, 30, 9, 0, 0, TimeSpan.FromHours(1));

    private readonly Given _given = new(app);

    public Task InitializeAsync() => app.ResetDataAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    public static TheoryData<QuestionChange> QuestionKinds() =>
        [.. Enum.GetValues<QuestionChange>().Where(c => NotifyOfQuestionChangesHandler.TextOf(Question(c, Guid.Empty, Guid.Empty, Guid.Empty, null)) is not null)];

    public static TheoryData<ReferralChange> ReferralKinds() =>
        [.. Enum.GetValues<ReferralChange>().Where(c => NotifyOfReferralChangesHandler.TextOf(Referral(c, Guid.Empty, Guid.Empty, Guid.Empty)) is not null)];

    [Theory]
    [MemberData(nameof(QuestionKinds))]
    public async Task each_kind_of_question_notification_reaches_a_recipient_who_chose_email_at_once(QuestionChange change)
    {
        var (practice, gp, hospital, specialist) = await PeopleAsync(SchakelRoles.Rheumatologist, SpecialtyPool.Rheumatology);
        var toPool = change is QuestionChange.Posted or QuestionChange.ReturnedToPool;
        var changed = Question(change, practice, gp.Id, hospital, toPool ? null : specialist.Id);
        var text = NotifyOfQuestionChangesHandler.TextOf(changed)!;
        var recipient = change is QuestionChange.Answered or QuestionChange.ClarificationRequested or QuestionChange.Late
            ? (gp, TestUsers.Gp(practice).WithAccount(gp))
            : (specialist, TestUsers.Rheumatologist(hospital).WithAccount(specialist));
        await ChooseEverythingAsync(recipient.Item1.Id, DeliveryChoice.EmailImmediately);

        await PublishAsync(changed);

        using var mail = await MailAsync(recipient.Item1.Email, text.Title);
        await AssertLinkOpensAsync(mail, recipient.Item2, text.Link);
    }

    [Theory]
    [MemberData(nameof(ReferralKinds))]
    public async Task each_kind_of_referral_notification_reaches_a_recipient_who_chose_email_at_once(ReferralChange change)
    {
        var (practice, gp, hospital, internist) = await PeopleAsync(SchakelRoles.Internist, SpecialtyPool.InternalMedicine);
        var changed = Referral(change, practice, gp.Id, hospital);
        var text = NotifyOfReferralChangesHandler.TextOf(changed)!;
        var recipient = change == ReferralChange.Made
            ? (internist, TestUsers.Internist(hospital).WithAccount(internist))
            : (gp, TestUsers.Gp(practice).WithAccount(gp));
        await ChooseEverythingAsync(recipient.Item1.Id, DeliveryChoice.EmailImmediately);

        await PublishAsync(changed);

        using var mail = await MailAsync(recipient.Item1.Email, text.Title);
        await AssertLinkOpensAsync(mail, recipient.Item2, text.Link);
    }

    [Fact]
    public async Task a_real_question_and_its_answer_reach_the_pool_and_the_gp_by_default_without_patient_data()
    {
        var practice = await _given.APracticeAsync();
        var hospital = await _given.AHospitalAsync();
        await OpenConsultationPools.OpenAsync(app.Store, hospital, "Testziekenhuis", [SpecialtyPool.InternalMedicine], CancellationToken.None);
        var gpPerson = await _given.AnAccountAsync(SchakelRoles.GeneralPractitioner, practice);
        var internistPerson = await _given.AnAccountAsync(SchakelRoles.Internist, hospital, pool: SpecialtyPool.InternalMedicine);
        var gp = TestUsers.Gp(practice).WithAccount(gpPerson);
        var internist = TestUsers.Internist(hospital).WithAccount(internistPerson);
        const string Reference = "PAT-7Q4ZK";
        const string QuestionText = "Starten met alendroninezuur na een polsfractuur bij mevrouw Hendriks?";
        const string Advice = "Start alendroninezuur 70 mg per week en controleer de nierfunctie.";

        var posted = await app.Host.Scenario(s =>
        {
            s.As(gp);
            s.Post.Json(new PostQuestion(hospital, SpecialtyPool.InternalMedicine, null,
                new PostQuestion.PatientInput(new DateOnly(1946, 3, 9), Sex.Female, Reference, null),
                true, QuestionCategory.StartTreatment, QuestionText, null, WouldRefer.NotSure, false)).ToUrl("/api/consultations");
            s.StatusCodeShouldBe(201);
        });
        var question = (await posted.ReadAsJsonAsync<QuestionView>())!.Id;

        using var toPool = await MailAsync(internistPerson.Email, "Nieuwe consultatievraag in uw pool");
        await AssertLinkOpensAsync(toPool, internist, $"/consultaties/{question}");
        AssertNoPatientData(toPool, Reference, QuestionText, "Hendriks", "1946", "9 maart", "09-03");

        await app.Host.Scenario(s =>
        {
            s.As(internist);
            s.Post.Url($"/api/consultations/{question}/claim");
            s.StatusCodeShouldBeOk();
        });
        await app.Host.Scenario(s =>
        {
            s.As(internist);
            s.Post.Json(new AnswerQuestion(Advice, AnswerOutcome.AdviceOnly)).ToUrl($"/api/consultations/{question}/answer");
            s.StatusCodeShouldBeOk();
        });

        using var answer = await MailAsync(gpPerson.Email, "Er is een antwoord op uw consultatievraag");
        Assert.Contains("Er is een antwoord op uw consultatievraag", answer.TextBody, StringComparison.Ordinal);
        await AssertLinkOpensAsync(answer, gp, $"/consultaties/{question}");
        AssertNoPatientData(answer, Reference, QuestionText, Advice, "alendroninezuur", "Hendriks", "1946", "9 maart", "09-03");
    }

    [Fact]
    public async Task portal_only_stores_the_notification_and_sends_no_email()
    {
        var (practice, gp, hospital, _) = await PeopleAsync(SchakelRoles.Internist, SpecialtyPool.InternalMedicine);
        await ChooseEverythingAsync(gp.Id, DeliveryChoice.PortalOnly);

        var tracked = await PublishAsync(Question(QuestionChange.Answered, practice, gp.Id, hospital, null));

        Assert.Empty(tracked.Sent.MessagesOf<SendEmail>());
        await using var session = app.Store.QuerySession();
        Assert.Single(await session.Query<Notification>().Where(n => n.RecipientId == gp.Id).ToListAsync());
    }

    [Fact]
    public async Task the_same_event_twice_sends_one_email()
    {
        var (practice, gp, hospital, _) = await PeopleAsync(SchakelRoles.Internist, SpecialtyPool.InternalMedicine);
        var answered = Question(QuestionChange.Answered, practice, gp.Id, hospital, null);

        var first = await PublishAsync(answered);
        var second = await PublishAsync(answered);

        // By default a GP gets an answer by e-mail at once.
        var sent = Assert.Single(first.Sent.MessagesOf<SendEmail>());
        Assert.Equal(gp.Email, sent.Message.ToAddress);
        Assert.Empty(second.Sent.MessagesOf<SendEmail>());
        using var mail = await MailAsync(gp.Email, "Er is een antwoord op uw consultatievraag");
    }

    private async Task<(Guid Practice, Person Gp, Guid Hospital, Person Specialist)> PeopleAsync(string specialistRole, SpecialtyPool pool)
    {
        var practice = await _given.APracticeAsync();
        var hospital = await _given.AHospitalAsync();
        var gp = await _given.AnAccountAsync(SchakelRoles.GeneralPractitioner, practice);
        var specialist = await _given.AnAccountAsync(specialistRole, hospital, pool: pool);
        return (practice, gp, hospital, specialist);
    }

    private async Task ChooseEverythingAsync(Guid userId, DeliveryChoice choice)
    {
        await using var session = app.Store.LightweightSession();
        session.Store(NotificationPreferences.For(userId) with { Choices = NotificationKindNames.All.ToDictionary(k => k.Kind, _ => choice) });
        await session.SaveChangesAsync();
    }

    private async Task<MimeMessage> MailAsync(string address, string subject)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (true)
        {
            var mail = app.Mail.Messages().FirstOrDefault(m =>
                m.To.Mailboxes.Any(to => string.Equals(to.Address, address, StringComparison.OrdinalIgnoreCase)) && m.Subject == subject);
            if (mail is not null)
            {
                return mail;
            }

            Assert.True(DateTime.UtcNow < deadline, $"No e-mail '{subject}' reached the SMTP server.");
            await Task.Delay(50);
        }
    }

    /// <summary>Dutch text, one absolute link in both parts, and that link opens the item for its recipient (and nothing for another).</summary>
    private async Task AssertLinkOpensAsync(MimeMessage mail, CareUser recipient, string itemPath)
    {
        Assert.Contains("Er is een nieuwe melding voor u in Schakel", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains(mail.Subject, mail.TextBody, StringComparison.Ordinal);
        var link = Assert.Single(OpenLink().Matches(mail.TextBody).Select(m => m.Value).Distinct());
        Assert.Contains($"href=\"{link}\"", mail.HtmlBody, StringComparison.Ordinal);
        Assert.Contains("/meldingen/voorkeuren", mail.TextBody, StringComparison.Ordinal);
        var path = new Uri(link).AbsolutePath;

        var opened = await app.Host.Scenario(s =>
        {
            s.As(recipient);
            s.Get.Url(path);
            s.StatusCodeShouldBe(HttpStatusCode.Redirect);
        });
        Assert.Equal(itemPath, opened.Context.Response.Headers.Location.ToString());

        var stranger = await app.Host.Scenario(s =>
        {
            s.As(TestUsers.Gp(Guid.CreateVersion7(), name: "Dr. B. Vreemd"));
            s.Get.Url(path);
            s.StatusCodeShouldBe(HttpStatusCode.Redirect);
        });
        Assert.Equal("/meldingen", stranger.Context.Response.Headers.Location.ToString());
    }

    private static void AssertNoPatientData(MimeMessage mail, params string[] patientData)
    {
        foreach (var part in new[] { mail.Subject, mail.TextBody, mail.HtmlBody, WebUtility.HtmlDecode(mail.HtmlBody) })
        {
            foreach (var data in patientData)
            {
                Assert.DoesNotContain(data, part, StringComparison.OrdinalIgnoreCase);
            }
        }
    }

    private Task<ITrackedSession> PublishAsync(object message) =>
        app.Host.TrackActivity().Timeout(TimeSpan.FromSeconds(30)).SendMessageAndWaitAsync(message);

    private static QuestionChangedIntegrationEvent Question(QuestionChange change, Guid practice, Guid gp, Guid hospital, Guid? holder) =>
        new(Guid.CreateVersion7(), change, practice, gp, gp, hospital, Specialty.Rheumatology, holder, null, false, Monday.AddDays(3), Monday);

    private static ReferralChangedIntegrationEvent Referral(ReferralChange change, Guid practice, Guid gp, Guid hospital) =>
        new(Guid.CreateVersion7(), change, practice, gp, hospital, ReferralTargetKind.Internist, PatientGroup.CaseFinding, Guid.CreateVersion7(), 1, Monday);

    [GeneratedRegex(@"https?://[^\s""<>]+/meldingen/open/[A-Za-z0-9_-]{22}")]
    private static partial Regex OpenLink();
}
