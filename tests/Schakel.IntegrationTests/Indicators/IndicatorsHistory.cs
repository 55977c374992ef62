using Alba;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Schakel.BuildingBlocks.Access;
using Schakel.Consultation.Pools;
using Schakel.Consultation.Questions;
using Schakel.Referral.Contracts;
using Schakel.SocialMap.Contracts;
using Schakel.Testing;
using Wolverine;
using Wolverine.Tracking;

namespace Schakel.IntegrationTests.Indicators;

/// <summary>A Schakel host whose clock the history moves through April 2027 (Europe/Amsterdam, CEST = UTC+2).</summary>
public sealed class IndicatorsClockApp() : SchakelApp("indicators_clock")
{
    public ShiftedClock Clock { get; } = new(TimeSpan.Zero);

    protected override void ConfigureServices(IServiceCollection services)
    {
        services.RemoveAll<TimeProvider>();
        services.AddSingleton<TimeProvider>(Clock);
    }

    public void SetClock(DateTimeOffset moment) => Clock.Offset = moment - TimeProvider.System.GetUtcNow();
}

[CollectionDefinition(Name)]
public sealed class IndicatorsClockCollection : ICollectionFixture<IndicatorsClockApp>
{
    public const string Name = "indicators-clock";
}

/// <summary>
/// A known regional history in April 2027, built the way users build it: three practices ask one
/// hospital's rheumatologists through the consultation API, with timings over a weekend, King's Day
/// (Tuesday 27 April 2027) and a clarification pause; the referral, follow-up, falls-prevention and
/// social-map facts arrive as the contracts those modules publish. <see cref="ComputingTheIndicators"/>
/// states every figure it must give.
/// </summary>
internal sealed class IndicatorsHistory(IndicatorsClockApp app)
{
    public Guid Hospital { get; } = Guid.CreateVersion7();
    public Guid PracticeA { get; } = Guid.CreateVersion7();
    public Guid PracticeB { get; } = Guid.CreateVersion7();
    public Guid PracticeC { get; } = Guid.CreateVersion7();
    public CareUser GpA { get; private set; } = null!;
    public CareUser NurseA { get; private set; } = null!;
    public CareUser GpB { get; private set; } = null!;
    public CareUser GpC { get; private set; } = null!;
    public CareUser Rheumatologist { get; private set; } = null!;

    /// <summary>The end of the history: Friday 30 April 2027, 18:00.</summary>
    public static readonly DateTimeOffset End = April(30, 18);

    public static DateTimeOffset April(int day, int hour, int minute = 0) => new(2027, 4, day, hour, minute, 0, TimeSpan.FromHours(2));

    public async Task BuildAsync()
    {
        GpA = TestUsers.Gp(PracticeA, "Dr. A. Aalbers", "Praktijk A");
        NurseA = TestUsers.PracticeNurse(GpA);
        GpB = TestUsers.Gp(PracticeB, "Dr. B. Bos", "Praktijk B");
        GpC = TestUsers.Gp(PracticeC, "Dr. C. Claes", "Praktijk C");
        Rheumatologist = TestUsers.Rheumatologist(Hospital);
        await OpenConsultationPools.OpenAsync(app.Store, Hospital, "Testziekenhuis", [SpecialtyPool.Rheumatology], CancellationToken.None);

        // Practice A: King's Day, a weekend, a same-day answer, a clarification pause, one late answer (promise: 2 working days).
        var a1 = await PostAsync(GpA, April(26, 15), WouldRefer.Yes);
        await AnswerAsync(a1, April(28, 10), AnswerOutcome.AdviceOnly); // 9 h Monday + 10 h Wednesday = 19 h
        await CloseAsync(GpA, a1, April(28, 11), avoided: true, usefulness: 5);
        var a2 = await PostAsync(GpA, new DateTimeOffset(2027, 4, 9, 16, 0, 0, TimeSpan.FromHours(2)), WouldRefer.No);
        await AnswerAsync(a2, April(12, 9), AnswerOutcome.FurtherDiagnostics); // 8 h Friday + 9 h Monday = 17 h
        var a3 = await PostAsync(GpA, April(13, 9), WouldRefer.Yes);
        await AnswerAsync(a3, April(13, 15), AnswerOutcome.ReferralAdvised); // 6 h
        await CloseAsync(GpA, a3, April(13, 16), avoided: false, usefulness: 3);
        var a4 = await PostAsync(GpA, April(14, 9), WouldRefer.NotSure);
        await ClaimAsync(a4, April(14, 11));
        await SendAsync(Rheumatologist, April(14, 12), $"/api/consultations/{a4}/clarification-requests", new RequestClarification("Is er een recente VFA?"));
        await SendAsync(GpA, April(15, 12), $"/api/consultations/{a4}/clarifications", new GiveClarification("Nee."));
        await AnswerAsync(a4, April(15, 15), AnswerOutcome.AdviceOnly, claim: false); // 30 h, 24 h of it paused = 6 h
        var a5 = await PostAsync(NurseA, April(19, 9), WouldRefer.No);
        await AnswerAsync(a5, April(22, 10), AnswerOutcome.NoActionNeeded); // 73 h, due Wednesday 09:00: late

        // Practice B: quick answers, one withdrawal, closings with and without an avoided referral.
        var b1 = await PostAsync(GpB, April(6, 9), WouldRefer.Yes);
        await AnswerAsync(b1, April(6, 10), AnswerOutcome.AdviceOnly); // 1 h
        await CloseAsync(GpB, b1, April(6, 11), avoided: true, usefulness: 4);
        var b2 = await PostAsync(GpB, April(6, 9), WouldRefer.Yes);
        await AnswerAsync(b2, April(6, 11), AnswerOutcome.AdviceOnly); // 2 h
        await CloseAsync(GpB, b2, April(6, 12), avoided: false, usefulness: 2);
        var b3 = await PostAsync(GpB, April(6, 9), WouldRefer.No);
        await AnswerAsync(b3, April(6, 14), AnswerOutcome.AdviceOnly); // 5 h
        await CloseAsync(GpB, b3, April(6, 15), avoided: true, usefulness: 4);
        var b4 = await PostAsync(GpB, April(7, 9), WouldRefer.No);
        await SendAsync(GpB, April(7, 10), $"/api/consultations/{b4}/withdraw");
        var b5 = await PostAsync(GpB, April(8, 9), WouldRefer.Yes);
        await AnswerAsync(b5, April(8, 21), AnswerOutcome.AdviceOnly); // 12 h
        await CloseAsync(GpB, b5, April(8, 22), avoided: true, usefulness: 5);

        // Practice C: two patients only.
        var c1 = await PostAsync(GpC, April(30, 10), WouldRefer.No);
        await AnswerAsync(c1, April(30, 12), AnswerOutcome.AdviceOnly); // 2 h
        await PostAsync(GpC, April(30, 11), WouldRefer.No);

        app.SetClock(End);
        await PublishAsync(Contracts());
    }

    /// <summary>What the Referral and SocialMap modules would have published in April 2027.</summary>
    private IEnumerable<object> Contracts()
    {
        // Six hospital referrals from practices A and B; five patients did not respond, three of whom the practice then contacted.
        PatientGroup[] groups = [PatientGroup.CaseFinding, PatientGroup.CaseFinding, PatientGroup.CaseFinding, PatientGroup.GlucocorticoidUser,
            PatientGroup.KnownOsteoporosisTreatedByGp, PatientGroup.KnownOsteoporosisTreatedByGp];
        for (var i = 0; i < groups.Length; i++)
        {
            var id = Guid.CreateVersion7();
            var practice = i < 3 ? PracticeA : PracticeB;
            ReferralChangedIntegrationEvent Change(ReferralChange change, DateTimeOffset at) =>
                new(id, change, practice, GpA.UserId, Hospital, ReferralTargetKind.FractureLiaisonService, groups[i], Guid.Empty, 1, at);
            yield return Change(ReferralChange.Made, April(5 + i, 10));
            yield return i < 5 ? Change(ReferralChange.Accepted, April(12, 10)) : Change(ReferralChange.Declined, April(12, 10));
            if (i < 5)
            {
                yield return Change(ReferralChange.NoResponse, April(20, 10));
            }

            if (i < 3)
            {
                yield return Change(ReferralChange.SafetyNetFollowedUp, April(23, 10));
            }
        }

        // Seven follow-ups started in April by practice A; five of them for treatments that began in April 2026.
        var treatmentStart = new DateOnly(2026, 4, 2);
        (bool? Taking, int RecordedDaysAfterDue)[] yearChecks = [(true, 3), (false, 23), (true, 0), (null, 0), (true, 10)];
        for (var i = 0; i < yearChecks.Length; i++)
        {
            var id = Guid.CreateVersion7();
            var six = new FollowUpCheckPlanned(Guid.CreateVersion7(), FollowUpCheckKind.AdherenceCheck, 6, treatmentStart.AddMonths(6), false);
            var twelve = new FollowUpCheckPlanned(Guid.CreateVersion7(), FollowUpCheckKind.AdherenceCheck, 12, treatmentStart.AddMonths(12), false);
            yield return new FollowUpStartedIntegrationEvent(id, PracticeA, GpA.UserId, $"patient-f{i}", PatientGroup.KnownOsteoporosisTreatedByGp, null,
                OsteoporosisDrugClass.Bisphosphonate, treatmentStart, [six, twelve], April(1, 9), Hospital);
            if (i == 3)
            {
                // Stopped at six months (recorded late), never seen at twelve: known "not on medication" on 2 April 2027.
                yield return new FollowUpCheckRecordedIntegrationEvent(id, six.TaskId, PracticeA, six.Kind, 6, six.Due, false, false, null, April(1, 10));
                continue;
            }

            var (taking, late) = yearChecks[i];
            yield return new FollowUpCheckRecordedIntegrationEvent(
                id, twelve.TaskId, PracticeA, twelve.Kind, 12, twelve.Due, taking!.Value, false, null, DutchNoon(twelve.Due.AddDays(late)));
        }

        // Two long-term bisphosphonate users: one never had a repeat DEXA, the other did.
        var longAgo = new DateOnly(2021, 3, 1);
        var evaluation = new FollowUpCheckPlanned(Guid.CreateVersion7(), FollowUpCheckKind.Evaluation, 60, longAgo.AddMonths(60), true);
        yield return new FollowUpStartedIntegrationEvent(Guid.CreateVersion7(), PracticeA, GpA.UserId, "patient-f5", PatientGroup.KnownOsteoporosisTreatedByGp, null,
            OsteoporosisDrugClass.Bisphosphonate, longAgo, [], April(2, 9), Hospital);
        var withDexa = Guid.CreateVersion7();
        yield return new FollowUpStartedIntegrationEvent(withDexa, PracticeA, GpA.UserId, "patient-f6", PatientGroup.KnownOsteoporosisTreatedByGp, null,
            OsteoporosisDrugClass.Bisphosphonate, longAgo, [evaluation], April(2, 9), Hospital);
        yield return new FollowUpCheckRecordedIntegrationEvent(withDexa, evaluation.TaskId, PracticeA, evaluation.Kind, 60, evaluation.Due, true, false, new DateOnly(2026, 3, 20), April(2, 10));

        // Five falls-prevention referrals, two intakes confirmed.
        for (var i = 0; i < 5; i++)
        {
            var id = Guid.CreateVersion7();
            yield return new FallsPreventionReferralChangedIntegrationEvent(id, FallsPreventionChange.Referred, PracticeB, Guid.CreateVersion7(), $"patient-v{i}", April(14, 10));
            if (i < 2)
            {
                yield return new FallsPreventionReferralChangedIntegrationEvent(id, FallsPreventionChange.IntakeConfirmed, PracticeB, Guid.Empty, $"patient-v{i}", April(21, 10));
            }
        }

        // Three locations on the map at the end of April, one not verified for eight months; a fourth already retired.
        yield return Listed("Tilburg", [TherapistDiscipline.Physiotherapist, TherapistDiscipline.ExerciseTherapist], April(3, 10), April(3, 10));
        yield return Listed("Tilburg", [TherapistDiscipline.OccupationalTherapist], April(3, 10), April(3, 10));
        yield return Listed("Breda", [TherapistDiscipline.Physiotherapist], new DateTimeOffset(2026, 8, 20, 10, 0, 0, TimeSpan.FromHours(2)), null);
        var retired = Listed("Breda", [TherapistDiscipline.Physiotherapist], April(3, 10), April(3, 10));
        yield return retired;
        yield return new TherapistLocationRetiredIntegrationEvent(retired.LocationId, April(10, 10));
    }

    private static TherapistLocationListedIntegrationEvent Listed(string municipality, TherapistDiscipline[] disciplines, DateTimeOffset listedAt, DateTimeOffset? verifiedAt) =>
        new(Guid.CreateVersion7(), "Fysio " + municipality, "5038 AB", municipality, municipality, disciplines, [FallsPreventionOffer.InBalans], listedAt, null, verifiedAt);

    private static DateTimeOffset DutchNoon(DateOnly day) => new(day.Year, day.Month, day.Day, 12, 0, 0, TimeSpan.FromHours(2));

    private async Task PublishAsync(IEnumerable<object> messages) =>
        await app.Host.TrackActivity().Timeout(TimeSpan.FromSeconds(60)).ExecuteAndWaitAsync((Func<IMessageContext, Task>)(async context =>
        {
            foreach (var message in messages)
            {
                await context.PublishAsync(message);
            }
        }));

    private async Task<Guid> PostAsync(CareUser who, DateTimeOffset at, WouldRefer wouldRefer)
    {
        var question = new PostQuestion(Hospital, SpecialtyPool.Rheumatology, null,
            new PostQuestion.PatientInput(new DateOnly(1950, 3, 3), Sex.Female, "P-" + Guid.NewGuid().ToString("N")[..8], null),
            true, QuestionCategory.StartTreatment, "Na een polsfractuur: behandelen?", null, wouldRefer, false);
        var posted = await SendAsync(who, at, "/api/consultations", question, 201);
        return (await posted.ReadAsJsonAsync<QuestionView>())!.Id;
    }

    private Task ClaimAsync(Guid id, DateTimeOffset at) => SendAsync(Rheumatologist, at, $"/api/consultations/{id}/claim");

    private async Task AnswerAsync(Guid id, DateTimeOffset at, AnswerOutcome outcome, bool claim = true)
    {
        if (claim)
        {
            await ClaimAsync(id, at.AddMinutes(-1));
        }

        await SendAsync(Rheumatologist, at, $"/api/consultations/{id}/answer", new AnswerQuestion("Start alendroninezuur 70 mg per week.", outcome));
    }

    private Task CloseAsync(CareUser gp, Guid id, DateTimeOffset at, bool avoided, int usefulness) =>
        SendAsync(gp, at, $"/api/consultations/{id}/close", new CloseQuestion(avoided, usefulness));

    /// <summary>Sends the request at <paramref name="at"/> and waits for every message it caused (the indicators' facts too).</summary>
    private async Task<IScenarioResult> SendAsync(CareUser who, DateTimeOffset at, string url, object? body = null, int status = 200)
    {
        app.SetClock(at);
        IScenarioResult result = null!;
        await app.Host.TrackActivity().Timeout(TimeSpan.FromSeconds(30)).ExecuteAndWaitAsync((Func<IMessageContext, Task>)(async _ =>
            result = await app.Host.Scenario(s =>
            {
                s.As(who);
                if (body is null)
                {
                    s.Post.Url(url);
                }
                else
                {
                    s.Post.Json(body).ToUrl(url);
                }

                s.StatusCodeShouldBe(status);
            })));
        return result;
    }
}
