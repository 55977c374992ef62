using FluentValidation;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Schakel.BuildingBlocks.Access;
using Schakel.BuildingBlocks.Api;
using Schakel.BuildingBlocks.Identifiers;
using Schakel.BuildingBlocks.Problems;
using Schakel.Consultation.Pools;
using Schakel.Consultation.ResponsePromise;
using Wolverine;
using Wolverine.Http;
using Wolverine.Marten;

namespace Schakel.Consultation.Questions;

/// <summary>A GP (or a practice nurse for her GP) asks a hospital pool about one patient.</summary>
public sealed record PostQuestion(
    Guid HospitalId,
    SpecialtyPool Pool,
    Guid? NamedSpecialistId,
    PostQuestion.PatientInput Patient,
    bool ConsentRecorded,
    QuestionCategory Category,
    string Text,
    ClinicalData? Clinical,
    WouldRefer WouldReferWithout,
    bool Urgent)
{
    public const int MaxTextLength = 4000;

    public sealed record PatientInput(DateOnly DateOfBirth, Sex Sex, string PracticePatientReference, string? Bsn);

    public sealed class Validator : AbstractValidator<PostQuestion>
    {
        public Validator(TimeProvider clock)
        {
            RuleFor(x => x.HospitalId).NotEmpty().WithMessage("Kies het ziekenhuis.");
            RuleFor(x => x.Pool).IsInEnum().WithMessage("Kies interne geneeskunde of reumatologie.");
            RuleFor(x => x.Patient).NotNull().WithMessage("Vul de gegevens van de patiënt in.");
            RuleFor(x => x.Patient.DateOfBirth).Must(d => d > new DateOnly(1900, 1, 1) && d <= DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime))
                .When(x => x.Patient is not null).WithMessage("Vul een geldige geboortedatum in.");
            RuleFor(x => x.Patient.Sex).IsInEnum().When(x => x.Patient is not null).WithMessage("Kies het geslacht.");
            RuleFor(x => x.Patient.PracticePatientReference)
                .NotEmpty().WithMessage("Vul het patiëntnummer van de praktijk in (hoogstens 64 tekens).")
                .MaximumLength(64).WithMessage("Vul het patiëntnummer van de praktijk in (hoogstens 64 tekens).")
                .When(x => x.Patient is not null);
            RuleFor(x => x.Patient.PracticePatientReference).Must(r => !CareIdentifiers.ContainsBsn(r)).When(x => x.Patient is not null && !string.IsNullOrEmpty(x.Patient.PracticePatientReference))
                .WithMessage("Gebruik als patiëntnummer niet het BSN; vul het BSN in het eigen veld in.");
            RuleFor(x => x.Patient.Bsn).Must(b => CareIdentifiers.IsBsn(b!.Replace(" ", "", StringComparison.Ordinal).Replace(".", "", StringComparison.Ordinal)))
                .When(x => x.Patient is not null && !string.IsNullOrWhiteSpace(x.Patient.Bsn))
                .WithMessage("Dit BSN klopt niet (de elfproef faalt). Controleer de negen cijfers.");
            RuleFor(x => x.ConsentRecorded).Equal(true).WithMessage("Leg vast dat de patiënt toestemming gaf voor deze consultatie.");
            RuleFor(x => x.Category).IsInEnum().WithMessage("Kies het soort vraag.");
            RuleFor(x => x.Text).NotEmpty().WithMessage("Stel uw vraag.")
                .MaximumLength(MaxTextLength).WithMessage($"Een vraag mag hoogstens {MaxTextLength} tekens lang zijn.");
            RuleFor(x => x.WouldReferWithout).IsInEnum().WithMessage("Geef aan of u zonder deze consultatie zou verwijzen.");
            RuleFor(x => x.Clinical!.VfaGenantGrade).InclusiveBetween(0, 3).When(x => x.Clinical?.VfaGenantGrade is not null)
                .WithMessage("De Genant-graad is 0, 1, 2 of 3.");
            RuleForEach(x => x.Clinical!.Dexa).Must(d => d.TScore is >= -7 and <= 5).When(x => x.Clinical is not null)
                .WithMessage("Een T-score ligt tussen -7 en 5.");
            RuleFor(x => x.Clinical!.FallsLastYear).InclusiveBetween(0, 100).When(x => x.Clinical?.FallsLastYear is not null)
                .WithMessage("Vul het aantal valpartijen in het afgelopen jaar in.");
        }
    }
}

public static class PostQuestionEndpoint
{
    public const string IdempotencyHeader = IdempotencyKeys.Header;

    /// <summary>A retry with the same Idempotency-Key returns the first result (per practice).</summary>
    public sealed record IdempotentPost(string Id, Guid QuestionId);

    public static async Task<ProblemDetails> ValidateAsync(PostQuestion request, HttpContext http, IQuerySession session, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(http);
        if (IdempotencyKeys.Check(http.Request) is var badKey && !ReferenceEquals(badKey, WolverineContinue.NoProblems))
        {
            return badKey;
        }

        return await session.LoadAsync<ConsultationPool>(ConsultationPool.IdOf(request.HospitalId, request.Pool), ct).ConfigureAwait(false) is null
            ? Problem.Invalid(new Dictionary<string, string[]> { ["pool"] = ["Dit ziekenhuis heeft geen consultatielijn voor dit specialisme."] })
            : WolverineContinue.NoProblems;
    }

    [WolverinePost("/api/consultations"), Tags("Consultatie")]
    [Authorize(Policy = SchakelPolicies.GpSide)]
    [EndpointSummary("Post a consultation question to a hospital pool (Idempotency-Key: a retry returns the first result)")]
    public static async Task<Results<Created<QuestionView>, Ok<QuestionView>>> Post(
        PostQuestion request,
        HttpContext http,
        IDocumentSession session,
        PatientPseudonyms pseudonyms,
        WorkingDayCalendar calendar,
        IAccessLog accessLog,
        IMessageBus bus,
        TimeProvider clock,
        CancellationToken ct)
    {
        var user = CareUser.From(http.User)!;
        var key = http.Request.Headers[IdempotencyHeader].ToString();
        var idempotencyId = string.IsNullOrWhiteSpace(key) ? null : $"{user.OrganisationId:N}:{key.Trim()}";
        if (idempotencyId is not null && await session.LoadAsync<IdempotentPost>(idempotencyId, ct).ConfigureAwait(false) is { } earlier
            && await session.LoadAsync<Question>(earlier.QuestionId, ct).ConfigureAwait(false) is { } first)
        {
            await accessLog.RecordAsync(new PatientDataAccess(AccessAction.Read, first.PatientReference, "consultation.question", first.Id.ToString()), ct).ConfigureAwait(false);
            return TypedResults.Ok(QuestionView.Of(first));
        }

        var pool = (await session.LoadAsync<ConsultationPool>(ConsultationPool.IdOf(request.HospitalId, request.Pool), ct).ConfigureAwait(false))!;
        var posted = Decide(Guid.CreateVersion7(), request, user, pool, pseudonyms, calendar, clock.GetUtcNow());
        session.Events.StartStream<Question>(posted.QuestionId, posted);
        await QuestionEffects.SendAsync(bus, null, posted, Question.Start(posted), calendar, posted.PostedAt).ConfigureAwait(false);
        if (idempotencyId is not null)
        {
            session.Store(new IdempotentPost(idempotencyId, posted.QuestionId));
        }

        await accessLog.RecordAsync(new PatientDataAccess(AccessAction.Create, posted.PatientReference, "consultation.question", posted.QuestionId.ToString()), ct).ConfigureAwait(false);
        return TypedResults.Created($"/api/consultations/{posted.QuestionId}", QuestionView.Of(Question.Start(posted)));
    }

    /// <summary>The decision: the question as posted, with its pseudonymous patient reference and due moment.</summary>
    public static QuestionPosted Decide(
        Guid questionId, PostQuestion request, CareUser user, ConsultationPool pool, PatientPseudonyms pseudonyms, WorkingDayCalendar calendar, DateTimeOffset now)
    {
        var promise = pool.PromiseFor(request.Urgent);
        var bsn = string.IsNullOrWhiteSpace(request.Patient.Bsn) ? null : request.Patient.Bsn.Replace(" ", "", StringComparison.Ordinal).Replace(".", "", StringComparison.Ordinal);
        return new QuestionPosted(
            questionId,
            user.OrganisationId,
            user.OrganisationName,
            user.ResponsibleUserId,
            user.ResponsibleUserName,
            user.UserId,
            user.Name,
            pool.HospitalId,
            pool.HospitalName,
            pool.Pool,
            request.NamedSpecialistId,
            pseudonyms.For(user.OrganisationId, request.Patient.PracticePatientReference),
            new PatientDetails(request.Patient.DateOfBirth, request.Patient.Sex, request.Patient.PracticePatientReference.Trim(), bsn),
            now,
            request.Category,
            request.Text.Trim(),
            request.Clinical ?? ClinicalData.None,
            request.WouldReferWithout,
            request.Urgent,
            promise,
            now,
            calendar.Due(now, promise, [], now));
    }
}
