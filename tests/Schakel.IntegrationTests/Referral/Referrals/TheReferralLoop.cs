using System.Text.Json;
using Alba;
using Schakel.BuildingBlocks.Access;
using Schakel.IntegrationTests.AccessLog;
using Schakel.Referral.Agreements;
using Schakel.Referral.Referrals;
using Schakel.Testing;

namespace Schakel.IntegrationTests.Referral.Referrals;

/// <summary>A referral from the practice to the hospital and back: the closed loop, the safety net, and the refusals on the way.</summary>
[Collection(IntegrationCollection.Name)]
public sealed class TheReferralLoop(IntegrationApp app) : IAsyncLifetime
{
    private readonly Guid _hospital = Guid.CreateVersion7();
    private readonly CareUser _gp = TestUsers.Gp(Guid.CreateVersion7());
    private readonly CareUser _nurse = TestUsers.Internist(Guid.Empty) with
    {
        Roles = new HashSet<string> { SchakelRoles.OsteoporosisNurse },
        Pool = null,
        Name = "M. van Dijk",
        ResponsibleUserName = "M. van Dijk",
    };

    private CareUser Hospital => _nurse with { OrganisationId = _hospital };

    public async Task InitializeAsync() =>
        await app.JoinAgreementAsync(_gp.OrganisationId, _hospital, ReferralContentItem.Reason, ReferralContentItem.FractureHistory);

    public Task DisposeAsync() => Task.CompletedTask;

    private Task<ReferralView> MakeAsync() => app.SendAsync(_gp, "/api/referrals", ReferralTesting.AReferral(_hospital), 201);

    [Fact]
    public async Task a_referral_goes_from_made_to_completed_and_its_timeline_tells_the_story()
    {
        var made = await MakeAsync();
        Assert.Equal(ReferralStatus.Sent, made.Status);
        Assert.Equal(2, made.AgreementVersion);

        var id = made.Id;
        Assert.Equal(ReferralStatus.Accepted, (await app.SendAsync(Hospital, $"/api/referrals/{id}/accept")).Status);
        Assert.Equal(1, (await app.SendAsync(Hospital, $"/api/referrals/{id}/invitations", new RecordInvitation("brief"))).InvitationsSent);
        Assert.Equal(2, (await app.SendAsync(Hospital, $"/api/referrals/{id}/invitations", new RecordInvitation("telefoon"))).InvitationsSent);
        var when = new DateTimeOffset(2027, 1, 12, 9, 30, 0, TimeSpan.FromHours(1));
        var scheduled = await app.SendAsync(Hospital, $"/api/referrals/{id}/appointment", new ScheduleAppointment(when, "Fractuurpreventiepolikliniek"));
        Assert.Equal((ReferralStatus.AppointmentScheduled, when), (scheduled.Status, scheduled.AppointmentAt));
        var completed = await app.SendAsync(Hospital, $"/api/referrals/{id}/complete", new CompleteReferral("DEXA T-score LWK -2,9; gestart met alendronaat."));
        Assert.Equal(ReferralStatus.Completed, completed.Status);
        Assert.Equal("completed", completed.Timeline[^1].Kind);

        var seenByGp = await app.ReadAsync(_gp, id);
        Assert.Equal(["made", "accepted", "invitation-sent", "invitation-sent", "appointment-scheduled", "completed"], seenByGp.Timeline.Select(s => s.Kind));
        Assert.Equal([1L, 2, 3, 4, 5, 6], seenByGp.Timeline.Select(s => s.Version));
        Assert.Equal("DEXA T-score LWK -2,9; gestart met alendronaat.", seenByGp.Summary);
        Assert.Contains(await app.ListAsync(Hospital), r => r.Id == id && r.Status == ReferralStatus.Completed);
    }

    [Fact]
    public async Task the_hospital_declines_with_a_reason_the_gp_reads_and_takes_no_further_steps()
    {
        var made = await MakeAsync();

        await app.SendAsync(Hospital, $"/api/referrals/{made.Id}/decline", new DeclineReferral(""), 400);
        var declined = await app.SendAsync(Hospital, $"/api/referrals/{made.Id}/decline", new DeclineReferral("Valt buiten de verwijscriteria."));

        Assert.Equal(ReferralStatus.Declined, declined.Status);
        var read = await app.ReadAsync(_gp, made.Id);
        Assert.Equal(("Valt buiten de verwijscriteria.", "declined"), (read.DeclineReason, read.Timeline[^1].Kind));
        await app.SendAsync(Hospital, $"/api/referrals/{made.Id}/accept", status: 409);
    }

    [Fact]
    public async Task no_response_after_one_invitation_is_refused_and_after_two_gives_the_gp_a_task()
    {
        var made = await MakeAsync();
        await app.SendAsync(Hospital, $"/api/referrals/{made.Id}/accept");
        await app.SendAsync(Hospital, $"/api/referrals/{made.Id}/invitations", new RecordInvitation("brief"));

        await app.SendAsync(Hospital, $"/api/referrals/{made.Id}/no-response", status: 409);
        await app.SendAsync(Hospital, $"/api/referrals/{made.Id}/invitations", new RecordInvitation("brief"));
        var noResponse = await app.SendAsync(Hospital, $"/api/referrals/{made.Id}/no-response");

        Assert.Equal(ReferralStatus.NoResponse, noResponse.Status);
        var toContact = await app.ListAsync(_gp, "?status=NoResponse");
        var item = Assert.Single(toContact, r => r.Id == made.Id);
        Assert.Equal((PracticeTaskKind.ContactPatientAfterNoResponse, PracticeTaskStatus.Open), (item.Task!.Kind, item.Task.Status));
        var today = DateOnly.FromDateTime(Schakel.BuildingBlocks.Portal.DutchTime.ToDutch(DateTimeOffset.UtcNow).DateTime);
        Assert.InRange(item.Task.DueOn.DayNumber - today.DayNumber, 4, 5);
        Assert.NotNull((await app.ReadAsync(_gp, made.Id)).Task);
        Assert.DoesNotContain(await app.ListAsync(_gp, "?status=Sent"), r => r.Id == made.Id);
        // The hospital does not see the practice's task.
        Assert.Null((await app.ReadAsync(Hospital, made.Id)).Task);
    }

    [Fact]
    public async Task missing_required_content_is_a_400_with_a_field_error_per_item()
    {
        var result = await app.Host.Scenario(s =>
        {
            s.As(_gp);
            s.Post.Json(ReferralTesting.AReferral(_hospital, new Dictionary<ReferralContentItem, string> { [ReferralContentItem.FractureHistory] = "  " })).ToUrl("/api/referrals");
            s.StatusCodeShouldBe(400);
        });

        var errors = JsonDocument.Parse(await result.ReadAsTextAsync()).RootElement.GetProperty("errors");
        Assert.Equal(["content.FractureHistory"], errors.EnumerateObject().Select(e => e.Name));
        Assert.Equal("Vul de fractuurgeschiedenis in; de verwijsafspraak vraagt erom.", errors.GetProperty("content.FractureHistory")[0].GetString());
    }

    [Fact]
    public async Task the_shape_is_checked_before_anything_else()
    {
        var request = ReferralTesting.AReferral(_hospital) with { ConsentRecorded = false, Reason = "" };
        request = request with { Patient = request.Patient with { PracticePatientReference = "111222333", Bsn = "123456789" } };

        var result = await app.Host.Scenario(s =>
        {
            s.As(_gp);
            s.Post.Json(request).ToUrl("/api/referrals");
            s.StatusCodeShouldBe(400);
        });

        var errors = JsonDocument.Parse(await result.ReadAsTextAsync()).RootElement.GetProperty("errors");
        Assert.Equal(["consentRecorded", "patient.bsn", "patient.practicePatientReference", "reason"], errors.EnumerateObject().Select(e => e.Name).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task without_a_joined_agreement_the_practice_gets_409_in_dutch()
    {
        var result = await app.Host.Scenario(s =>
        {
            s.As(_gp);
            s.Post.Json(ReferralTesting.AReferral(Guid.CreateVersion7())).ToUrl("/api/referrals");
            s.StatusCodeShouldBe(409);
        });

        Assert.Equal("Uw praktijk heeft nog geen verwijsafspraak met dit ziekenhuis.",
            JsonDocument.Parse(await result.ReadAsTextAsync()).RootElement.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task a_retry_with_the_same_idempotency_key_returns_the_first_referral()
    {
        var key = Guid.NewGuid().ToString();
        var request = ReferralTesting.AReferral(_hospital);

        var first = await app.SendAsync(_gp, "/api/referrals", request, 201, key);
        var retry = await app.SendAsync(_gp, "/api/referrals", request, 200, key);

        Assert.Equal(first.Id, retry.Id);
        Assert.Single(await app.ListAsync(_gp), r => r.PracticePatientReference == request.Patient.PracticePatientReference);
    }

    [Fact]
    public async Task a_gp_cannot_take_the_hospitals_steps_and_a_hospital_cannot_refer()
    {
        var made = await MakeAsync();

        foreach (var (step, body) in HospitalSteps())
        {
            await app.SendAsync(_gp, $"/api/referrals/{made.Id}/{step}", body, 403);
        }

        await app.SendAsync(Hospital, "/api/referrals", ReferralTesting.AReferral(_hospital), 403);
    }

    [Fact]
    public async Task another_practice_and_another_hospital_get_404_on_every_referral_route_and_see_nothing_in_their_lists()
    {
        var made = await MakeAsync();
        var otherGp = TestUsers.Gp(Guid.CreateVersion7());
        var otherHospital = Hospital with { OrganisationId = Guid.CreateVersion7() };

        foreach (var stranger in new[] { otherGp, otherHospital })
        {
            await app.Host.Scenario(s =>
            {
                s.As(stranger);
                s.Get.Url($"/api/referrals/{made.Id}");
                s.StatusCodeShouldBe(404);
            });
            foreach (var (step, body) in HospitalSteps())
            {
                await app.SendAsync(stranger, $"/api/referrals/{made.Id}/{step}", body, 404);
            }

            Assert.DoesNotContain(await app.ListAsync(stranger), r => r.Id == made.Id);
        }

        Assert.Equal(ReferralStatus.Sent, (await app.ReadAsync(_gp, made.Id)).Status);
    }

    [Fact]
    public async Task every_read_change_and_refusal_is_in_the_access_log()
    {
        var made = await MakeAsync();
        await app.ReadAsync(_gp, made.Id);
        await app.SendAsync(Hospital, $"/api/referrals/{made.Id}/accept");
        await app.SendAsync(TestUsers.Gp(Guid.CreateVersion7()), $"/api/referrals/{made.Id}/accept", status: 404);
        await app.ListAsync(_gp);

        var rows = await app.StoredForPatientAsync(made.Patient.PatientReference);

        Assert.Contains(rows, r => (r.Action, r.Resource, r.ResourceId, r.Outcome) == ("Create", "referral.referral", made.Id.ToString(), "Allowed"));
        Assert.Contains(rows, r => (r.Action, r.Resource, r.Outcome, r.UserId) == ("Read", "referral.referral", "Allowed", _gp.UserId.ToString()));
        Assert.Contains(rows, r => (r.Action, r.Resource, r.Outcome, r.UserId) == ("Change", "referral.referral", "Allowed", Hospital.UserId.ToString()));
        Assert.Contains(rows, r => (r.Action, r.Resource, r.Outcome) == ("Change", "referral.referral", "Denied"));
        Assert.Contains(rows, r => (r.Action, r.Resource) == ("Search", "referral.referral-list"));
    }

    private static IEnumerable<(string Step, object? Body)> HospitalSteps() =>
    [
        ("accept", null),
        ("decline", new DeclineReferral("Buiten de criteria.")),
        ("invitations", new RecordInvitation("brief")),
        ("appointment", new ScheduleAppointment(DateTimeOffset.UtcNow.AddDays(14), "FLS")),
        ("no-response", null),
        ("complete", new CompleteReferral("Gezien.")),
    ];
}
