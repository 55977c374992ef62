using JasperFx.Events.Projections;
using Marten;
using Marten.Events.Projections;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Schakel.Consultation.Absence;
using Schakel.Consultation.Pools;
using Schakel.Consultation.Questions;
using Schakel.Consultation.ResponsePromise;
using Schakel.BuildingBlocks.Modules;
using Schakel.BuildingBlocks.Validation;
using Wolverine;

namespace Schakel.Consultation;

/// <summary>The one door into the consultation module: questions, pools, the response-promise calendar.</summary>
public static class ConsultationModule
{
    public const string Schema = "consultation";

    /// <summary>Dutch working days; a fault-test host may count every day (never in Production, docs/adr/0025).</summary>
    private static WorkingDayCalendar CalendarFor(IHostApplicationBuilder builder)
    {
        var everyDay = bool.TryParse(builder.Configuration[WorkingDayCalendar.EveryDayWorksSetting], out var set) && set;
        if (everyDay && builder.Environment.IsProduction())
        {
            throw new InvalidOperationException(
                $"{WorkingDayCalendar.EveryDayWorksSetting} is set, and the environment is Production: a calendar without weekends and holidays is for tests only. " +
                "Remove the setting (environment variable Schakel__Clock__EveryDayWorks), or run the test host in another environment (ASPNETCORE_ENVIRONMENT).");
        }

        return new WorkingDayCalendar(HolidayRules.Default, everyDay);
    }

    public static IHostApplicationBuilder AddConsultation(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddValidatorsOf(typeof(ConsultationModule).Assembly);
        services.AddSingleton(ConsultationApiExamples.All);
        services.AddSingleton(new ModuleRegistration("Consultation", Schema, typeof(ConsultationModule).Assembly));
        services.AddSingleton(CalendarFor(builder));
        services.AddSingleton(new Schakel.BuildingBlocks.Portal.PortalNavigationItem(
            "/consultaties", typeof(Schakel.Consultation.Resources.ConsultationText), "Nav_Consultation", 10,
            [.. Schakel.BuildingBlocks.Access.SchakelRoles.PrimaryCare, .. Schakel.BuildingBlocks.Access.SchakelRoles.Hospital]));
        services.AddSingleton(new Schakel.BuildingBlocks.Portal.PortalNavigationItem(
            "/consultaties/overzicht", typeof(Schakel.Consultation.Resources.ConsultationText), "Nav_Overview", 20,
            [Schakel.BuildingBlocks.Access.SchakelRoles.Coordinator]));

        services.ConfigureMarten(opts =>
        {
            opts.Schema.For<Question>().DatabaseSchemaName(Schema);
            opts.Schema.For<ConsultationPool>().DatabaseSchemaName(Schema);
            opts.Schema.For<PostQuestionEndpoint.IdempotentPost>().DatabaseSchemaName(Schema);
            opts.Events.MapEventType<QuestionPosted>("consultation.question_posted.v1");
            opts.Events.MapEventType<QuestionClaimed>("consultation.question_claimed.v1");
            opts.Events.MapEventType<ClarificationRequested>("consultation.clarification_requested.v1");
            opts.Events.MapEventType<ClarificationGiven>("consultation.clarification_given.v1");
            opts.Events.MapEventType<QuestionAnswered>("consultation.question_answered.v1");
            opts.Events.MapEventType<QuestionClosed>("consultation.question_closed.v1");
            opts.Events.MapEventType<QuestionWithdrawn>("consultation.question_withdrawn.v1");
            opts.Events.MapEventType<EscalationRaised>("consultation.escalation_raised.v1");
            opts.Events.MapEventType<MessagePosted>("consultation.message_posted.v1");
            opts.Events.MapEventType<AttachmentAdded>("consultation.attachment_added.v1");
            // Attachment bytes live in a table of their own, managed with the module's other storage (docs/adr/0012).
            opts.Storage.ExtendedSchemaObjects.Add(Schakel.Consultation.Attachments.AttachmentContents.Table(Schema));
            opts.Events.MapEventType<QuestionHandedOver>("consultation.question_handed_over.v1");
            opts.Events.MapEventType<QuestionReturnedToPool>("consultation.question_returned_to_pool.v1");
            opts.Events.MapEventType<QuestionAssigned>("consultation.question_assigned.v1");
            opts.Events.MapEventType<FollowUpAsked>("consultation.follow_up_asked.v1");
            opts.Events.MapEventType<AbsenceMarked>("consultation.absence_marked.v1");
            opts.Events.MapEventType<AbsenceEnded>("consultation.absence_ended.v1");
            opts.Projections.Add(new QuestionProjection(), ProjectionLifecycle.Inline);
            opts.Schema.For<SpecialistAvailability>().DatabaseSchemaName(Schema);
            opts.Projections.Add(new SpecialistAvailabilityProjection(), ProjectionLifecycle.Inline);
        });
        services.ConfigureWolverine(opts =>
        {
            opts.Discovery.IncludeAssembly(typeof(ConsultationModule).Assembly);
            // Escalation checks are durable: stored with the question, kept across restarts, run once by one node.
            opts.PublishMessage<Schakel.Consultation.Escalation.EscalationDue>().ToLocalQueue("consultation-escalations");
            opts.LocalQueue("consultation-escalations").UseDurableInbox();
            // Assignment is durable (sent with the change that put the question in the pool) and one at a
            // time per node, so each choice counts the previous one's result.
            opts.PublishMessage<Schakel.Consultation.Assignment.AssignQuestion>().ToLocalQueue("consultation-assignments");
            opts.LocalQueue("consultation-assignments").UseDurableInbox().Sequential();
        });
        return builder;
    }
}
