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

// A JasperFx verb ("codegen write", docs/adr/0026) runs and exits; otherwise serve. Options alone
// (--environment=..., as the test hosts pass) must reach plain RunAsync: handed to JasperFx, a
// Kestrel test server never reported the port it bound.
if (args is [var verb, ..] && !verb.StartsWith('-'))
{
    return await app.RunJasperFxCommands(args);
}

await app.RunAsync();
return 0;

/// <summary>Entry point, visible to the test host.</summary>
public partial class Program;
