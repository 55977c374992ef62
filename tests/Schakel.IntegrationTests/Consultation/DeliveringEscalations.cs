using Alba;
using MimeKit;
using Schakel.BuildingBlocks.Access;
using Schakel.Consultation.Escalation;
using Schakel.Consultation.Pools;
using Schakel.Consultation.Questions;
using Schakel.Testing;
using Wolverine.Tracking;

namespace Schakel.IntegrationTests.Consultation;

/// <summary>
/// Who hears of a question that waits too long: the holder (or the whole pool) at 50% and 80%,
/// the hospital's osteoporosis nurses and the GP at the deadline; each once, with no patient data.
/// </summary>
[Collection(IntegrationCollection.Name)]
public sealed class DeliveringEscalations(IntegrationApp app)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(15);
    private readonly Given _given = new(app);

    [Fact]
    public async Task the_pool_then_the_holder_is_reminded_and_at_the_deadline_the_nurse_and_the_gp_hear_it_once()
    {
        var hospital = await _given.AHospitalAsync();
        await OpenConsultationPools.OpenAsync(app.Store, hospital, "Testziekenhuis", [SpecialtyPool.InternalMedicine], CancellationToken.None);
        var first = await _given.AnAccountAsync(SchakelRoles.Internist, hospital, pool: SpecialtyPool.InternalMedicine, name: "Dr. Een");
        var second = await _given.AnAccountAsync(SchakelRoles.Internist, hospital, pool: SpecialtyPool.InternalMedicine, name: "Dr. Twee");
        var rheumatologist = await _given.AnAccountAsync(SchakelRoles.Rheumatologist, hospital, pool: SpecialtyPool.Rheumatology);
        var nurse = await _given.AnAccountAsync(SchakelRoles.OsteoporosisNurse, hospital, name: "V. Verpleegkundige");
        var practice = await _given.APracticeAsync();
        var gp = await _given.AnAccountAsync(SchakelRoles.GeneralPractitioner, practice, name: "Dr. Huisarts");
        var question = await PostAsync(TestUsers.Gp(practice).WithAccount(gp), hospital, "Geheim-" + Guid.NewGuid().ToString("N")[..6]);

        await RaiseAsync(question, EscalationLevel.HalfTime);

        await WaitForCountAsync(first.Email, 1);
        await WaitForCountAsync(second.Email, 1);
        var reminder = To(first.Email)[0];
        Assert.Contains("herinnering", reminder.Subject, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("De helft van de beloofde antwoordtijd", reminder.TextBody, StringComparison.Ordinal);
        Assert.Contains("/consultaties/open/", reminder.TextBody, StringComparison.Ordinal);
        Assert.Empty(To(rheumatologist.Email));

        await app.Host.Scenario(s =>
        {
            s.As(TestUsers.Internist(hospital).WithAccount(first));
            s.Post.Url($"/api/consultations/{question.Id}/claim");
            s.StatusCodeShouldBeOk();
        });
        await RaiseAsync(question, EscalationLevel.FourFifths);

        await WaitForCountAsync(first.Email, 2);
        Assert.Contains("80% van de beloofde antwoordtijd", To(first.Email)[1].TextBody, StringComparison.Ordinal);
        Assert.Single(To(second.Email));

        await RaiseAsync(question, EscalationLevel.Deadline);
        await RaiseAsync(question, EscalationLevel.Deadline);

        await WaitForCountAsync(nurse.Email, 1);
        await WaitForCountAsync(gp.Email, 1);
        var alert = To(nurse.Email)[0];
        var toGp = To(gp.Email)[0];
        Assert.Contains("niet op tijd beantwoord", alert.Subject, StringComparison.Ordinal);
        Assert.Contains("later dan beloofd", toGp.Subject, StringComparison.Ordinal);
        Assert.Single(To(nurse.Email));
        Assert.Single(To(gp.Email));
        Assert.Equal(2, To(first.Email).Count);
        foreach (var message in new[] { reminder, alert, toGp })
        {
            // No patient data: not the practice's patient reference, not the question, not the pseudonym.
            Assert.DoesNotContain(question.Patient.PracticePatientReference, message.TextBody + message.HtmlBody, StringComparison.Ordinal);
            Assert.DoesNotContain(question.Text, message.TextBody + message.HtmlBody, StringComparison.Ordinal);
            Assert.DoesNotContain(question.PatientReference, message.TextBody + message.HtmlBody, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task the_link_in_an_email_leads_to_the_question_page()
    {
        var id = Guid.CreateVersion7();

        var result = await app.Host.Scenario(s =>
        {
            s.As(TestUsers.Gp(Guid.CreateVersion7()));
            s.Get.Url(OpenQuestionLinkEndpoint.For(id));
            s.StatusCodeShouldBe(302);
        });

        Assert.Equal($"/consultaties/{id}", result.Context.Response.Headers.Location.ToString());
    }

    /// <summary>The escalation e-mails to her; the centre's notification e-mails (docs/adr/0020: a new question, a late one by default for specialists) are not counted.</summary>
    private IReadOnlyList<MimeMessage> To(string address) =>
        app.Mail.Messages().Where(m => m.To.Mailboxes.Any(to => string.Equals(to.Address, address, StringComparison.OrdinalIgnoreCase))
            && !m.TextBody.Contains("/meldingen/open/", StringComparison.Ordinal)).ToList();

    private async Task WaitForCountAsync(string address, int count)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (To(address).Count < count)
        {
            Assert.True(DateTime.UtcNow < deadline, $"Fewer than {count} e-mails reached {address}.");
            await Task.Delay(50);
        }
    }

    private async Task RaiseAsync(QuestionView question, EscalationLevel level)
    {
        await using var session = app.Store.QuerySession();
        var current = (await session.LoadAsync<Question>(question.Id))!;
        await app.Host.InvokeMessageAndWaitAsync(new EscalationDue(question.Id, level, current.DueAt));
    }

    private async Task<QuestionView> PostAsync(CareUser gp, Guid hospital, string reference)
    {
        var result = await app.Host.Scenario(s =>
        {
            s.As(gp);
            s.Post.Json(new PostQuestion(hospital, SpecialtyPool.InternalMedicine, null,
                new PostQuestion.PatientInput(new DateOnly(1951, 2, 3), Sex.Female, reference, null),
                true, QuestionCategory.ChoiceOfDrug, "Alendroninezuur of zoledroninezuur bij slikklachten?", null, WouldRefer.No, false)).ToUrl("/api/consultations");
            s.StatusCodeShouldBe(201);
        });
        return (await result.ReadAsJsonAsync<QuestionView>())!;
    }
}
