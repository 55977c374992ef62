using JasperFx;
using Schakel.Consultation;
using Schakel.Host;
using Schakel.Referral;
using Schakel.SocialMap;
using Schakel.Indicators;

var builder = WebApplication.CreateBuilder(args);

builder.AddSchakelPlatform();
builder.AddConsultation();
builder.AddReferral();
builder.AddSocialMap();
builder.AddIndicators();

var app = builder.Build();
app.UseSchakelPlatform();

// "codegen write" (and the other JasperFx verbs) run here; no verb means: serve.
return await app.RunJasperFxCommands(args);

/// <summary>Entry point, visible to the test host.</summary>
public partial class Program;
