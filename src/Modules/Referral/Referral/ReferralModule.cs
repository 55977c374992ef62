using JasperFx.Events.Projections;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Schakel.BuildingBlocks.Modules;
using Schakel.BuildingBlocks.Validation;
using Schakel.Referral.FallsPrevention;
using Schakel.Referral.Referrals;
using Wolverine;

namespace Schakel.Referral;

/// <summary>The one door into the referral module.</summary>
public static class ReferralModule
{
    public const string Schema = "referral";

    public static IHostApplicationBuilder AddReferral(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddValidatorsOf(typeof(ReferralModule).Assembly);
        services.AddSingleton<TherapistLinks>();
        services.AddSingleton(FallsPreventionApiExamples.All);
        services.AddSingleton(Schakel.Referral.FollowUp.FollowUpApiExamples.All);
        services.AddSingleton(Schakel.Referral.Agreements.AgreementApiExamples.All);
        services.AddSingleton(new ModuleRegistration("Referral", Schema, typeof(ReferralModule).Assembly));
        services.AddSingleton(ReferralApiExamples.All);
        services.AddSingleton(new Schakel.BuildingBlocks.Portal.PortalNavigationItem(
            "/verwijzingen", typeof(Schakel.Referral.Resources.ReferralsText), "Nav_Referrals", 15,
            [.. Schakel.BuildingBlocks.Access.SchakelRoles.PrimaryCare, .. Schakel.BuildingBlocks.Access.SchakelRoles.Hospital]));

        services.AddSingleton(new Schakel.BuildingBlocks.Portal.PortalNavigationItem(
            "/afspraken", typeof(Schakel.Referral.Pages.Agreements.AgreementWords), "Afspraken", 45,
            [.. Schakel.BuildingBlocks.Access.SchakelRoles.PrimaryCare, .. Schakel.BuildingBlocks.Access.SchakelRoles.Hospital, Schakel.BuildingBlocks.Access.SchakelRoles.Coordinator]));
        services.AddSingleton(new Schakel.BuildingBlocks.Portal.PortalNavigationItem(
            "/valpreventie", typeof(Schakel.Referral.Pages.FallsPrevention.NewModel), "Valpreventie", 42, Schakel.BuildingBlocks.Access.SchakelRoles.PrimaryCare));
        services.AddSingleton(new Schakel.BuildingBlocks.Portal.PortalNavigationItem(
            "/opvolging", typeof(Schakel.Referral.Pages.FollowUp.FollowUpText), "Opvolging", 40, Schakel.BuildingBlocks.Access.SchakelRoles.PrimaryCare));

        services.ConfigureMarten(opts =>
        {
            opts.Schema.For<FallsPreventionProvider>().DatabaseSchemaName(Schema);
            opts.Schema.For<Schakel.Referral.Proposals.ReferralProposal>().DatabaseSchemaName(Schema);
            opts.Schema.For<Schakel.Referral.Agreements.JoinedAgreement>().DatabaseSchemaName(Schema);
            opts.Schema.For<Schakel.Referral.FollowUp.PatientFollowUp>().DatabaseSchemaName(Schema);
            opts.Schema.For<Schakel.Referral.Agreements.Agreement>().DatabaseSchemaName(Schema);
            opts.Schema.For<FallsPreventionReferral>().DatabaseSchemaName(Schema);
            opts.Events.MapEventType<FallsPreventionReferralMade>("referral.falls_prevention_referral_made.v1");
            opts.Events.MapEventType<FallsPreventionIntakeConfirmed>("referral.falls_prevention_intake_confirmed.v1");
            opts.Events.MapEventType<FallsPreventionTreatmentEnded>("referral.falls_prevention_treatment_ended.v1");
            opts.Projections.Add(new FallsPreventionReferralProjection(), JasperFx.Events.Projections.ProjectionLifecycle.Inline);
            opts.Events.MapEventType<Schakel.Referral.Agreements.AgreementDrafted>("referral.agreement_drafted.v1");
            opts.Events.MapEventType<Schakel.Referral.Agreements.AgreementVersionDrafted>("referral.agreement_version_drafted.v1");
            opts.Events.MapEventType<Schakel.Referral.Agreements.AgreementVersionActivated>("referral.agreement_version_activated.v1");
            opts.Events.MapEventType<Schakel.Referral.Agreements.PracticeJoinedAgreement>("referral.practice_joined_agreement.v1");
            opts.Projections.Add(new Schakel.Referral.Agreements.AgreementProjection(), JasperFx.Events.Projections.ProjectionLifecycle.Inline);
            opts.Schema.For<Schakel.Referral.Timeline.ConsultationStep>().DatabaseSchemaName(Schema);
            opts.Events.MapEventType<Schakel.Referral.FollowUp.FollowUpStarted>("referral.follow_up_started.v1");
            opts.Events.MapEventType<Schakel.Referral.FollowUp.CheckRecorded>("referral.check_recorded.v1");
            opts.Events.MapEventType<Schakel.Referral.FollowUp.ReReferralProposed>("referral.re_referral_proposed.v1");
            opts.Events.MapEventType<Schakel.Referral.FollowUp.DexaRepeated>("referral.dexa_repeated.v1");
            opts.Projections.Add(new Schakel.Referral.FollowUp.PatientFollowUpProjection(), JasperFx.Events.Projections.ProjectionLifecycle.Inline);
            opts.Schema.For<HospitalReferral>().DatabaseSchemaName(Schema);
            opts.Schema.For<PracticeTask>().DatabaseSchemaName(Schema).Index(t => t.ReferralId);
            opts.Schema.For<MakeReferralEndpoint.IdempotentReferral>().DatabaseSchemaName(Schema);
            opts.Events.MapEventType<ReferralMade>("referral.referral_made.v1");
            opts.Events.MapEventType<ReferralAccepted>("referral.referral_accepted.v1");
            opts.Events.MapEventType<ReferralDeclined>("referral.referral_declined.v1");
            opts.Events.MapEventType<InvitationSent>("referral.invitation_sent.v1");
            opts.Events.MapEventType<AppointmentScheduled>("referral.appointment_scheduled.v1");
            opts.Events.MapEventType<PatientDidNotRespond>("referral.patient_did_not_respond.v1");
            opts.Events.MapEventType<ReferralCompleted>("referral.referral_completed.v1");
            opts.Events.MapEventType<PatientReferredBack>("referral.patient_referred_back.v1");
            opts.Events.MapEventType<PatientContactRecorded>("referral.patient_contact_recorded.v1");
            opts.Projections.Add(new HospitalReferralProjection(), ProjectionLifecycle.Inline);
        });

        services.ConfigureWolverine(opts => opts.Discovery.IncludeAssembly(typeof(ReferralModule).Assembly));
        return builder;
    }
}
