using Aicq.ServiceDefaults;
using Aicq.ServiceDefaults.Http;
using Aicq.ServiceDefaults.Settings;
using Aicq.StatusPage;
using Aicq.StatusPage.Settings;

var builder = WebApplication.CreateBuilder(new WebApplicationOptions
{
    Args = StartupSettings.HostArgs(args),
    // Static assets resolve next to the binaries, whatever directory the launcher starts us from.
    ContentRootPath = AppContext.BaseDirectory,
});
var settings = StartupSettings.LoadOrExit(StatusSettings.ServiceName, args, builder.Configuration, StatusSettings.Read);

// Run from the build output (not published), Blazor's own script is found only through the static web assets manifest.
builder.WebHost.UseStaticWebAssets();
builder.AddServiceDefaults(settings.Common);
builder.ListenOn(settings.BindAddress, settings.Port, settings.InternalBindAddress, settings.InternalPort, SecurityHeaderSets.StatusPage);
builder.AddStatusPageServices(settings);

var app = builder.Build();
app.UseStatusPagePipeline();
app.MapServiceDefaults(settings.InternalPort);
app.MapStatusPage(settings);
app.Run();

/// <summary>Entry point, visible to the tests.</summary>
public partial class Program;
