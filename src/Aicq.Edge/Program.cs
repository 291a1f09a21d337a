using Aicq.Edge;
using Aicq.Edge.Admin;
using Aicq.Edge.Forwarding;
using Aicq.Edge.Settings;
using Aicq.Edge.Tls;
using Aicq.ServiceDefaults;
using Aicq.ServiceDefaults.Settings;

if (DevCertificateCommand.IsRequested(args)) return DevCertificateCommand.Run(args);

var builder = WebApplication.CreateBuilder(StartupSettings.HostArgs(args));
var settings = StartupSettings.LoadOrExit(EdgeSettings.ServiceName, args, builder.Configuration, EdgeSettings.Read);

builder.AddServiceDefaults(settings.Common);
builder.ListenOnEdgePorts(settings);
builder.AddEdgeServices(settings);

var app = builder.Build();
app.UseEdgePipeline();
app.MapServiceDefaults(settings.Listen.InternalPort);
app.MapAdminApi();
app.MapEdgeProxy();
app.Run();
return 0;
