using Aicq.Api;
using Aicq.Api.Http;
using Aicq.Api.Settings;
using Aicq.ServiceDefaults;
using Aicq.ServiceDefaults.Settings;

var builder = WebApplication.CreateBuilder(StartupSettings.HostArgs(args));
var settings = StartupSettings.LoadOrExit("aicq-api", args, builder.Configuration, ApiSettings.Read);

builder.AddServiceDefaults("aicq-api", settings.Common);
builder.ListenOn(settings.BindAddress, settings.Port, settings.MetricsBindAddress, settings.MetricsPort, SecurityHeaders.OfRefusals);
builder.AddApplicationServices(settings);

var app = builder.Build();
app.UseApiPipeline();
app.MapServiceDefaults(settings.MetricsPort);
app.MapAicqApi();
app.Run();

/// <summary>Entry point, visible to the test host.</summary>
public partial class Program;
