using Aicq.Api;
using Aicq.Api.Settings;
using Aicq.ServiceDefaults;
using Aicq.ServiceDefaults.Http;
using Aicq.ServiceDefaults.Settings;

var builder = WebApplication.CreateBuilder(StartupSettings.HostArgs(args));
var settings = StartupSettings.LoadOrExit(ApiSettings.ServiceName, args, builder.Configuration, ApiSettings.Read);

builder.AddServiceDefaults(settings.Common);
builder.ListenOn(settings.BindAddress, settings.Port, settings.InternalBindAddress, settings.InternalPort, SecurityHeaderSets.Api);
builder.AddApplicationServices(settings);

var app = builder.Build();
app.UseApiPipeline();
app.MapServiceDefaults(settings.InternalPort);
app.MapAicqApi();
app.Run();

/// <summary>Entry point, visible to the test host.</summary>
public partial class Program;
