// The edge benchmark's "bare-yarp" row: what Kestrel, TLS and YARP cost by themselves on the proxy's core, so
// the edge's rows can be read against the floor of the stack it is built on. No middleware, logging, metrics,
// rate limiting or health checks. Started by Aicq.Bench with the edge's environment; it reads only the
// variables below.
using System.Net;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using Yarp.ReverseProxy.Configuration;

static string Setting(string name) =>
    Environment.GetEnvironmentVariable(name) is { Length: > 0 } value ? value : throw new InvalidOperationException($"{name} is not set");

var certificate = X509Certificate2.CreateFromPemFile(Setting("TLS_CERT_PATH"), Setting("TLS_KEY_PATH"));
var builder = WebApplication.CreateSlimBuilder(args);
builder.Logging.ClearProviders();
builder.WebHost.ConfigureKestrel(kestrel =>
{
    kestrel.AddServerHeader = false;
    kestrel.Listen(IPAddress.Loopback, int.Parse(Setting("EDGE_HTTPS_PORT")), endpoint => endpoint.UseHttps(https =>
    {
        https.ServerCertificate = certificate;
        https.SslProtocols = SslProtocols.Tls12 | SslProtocols.Tls13;
    }));
});
builder.Services.AddReverseProxy().LoadFromMemory(
    [new RouteConfig { RouteId = "all", ClusterId = "api", Match = new RouteMatch { Path = "{**rest}" } }],
    [new ClusterConfig { ClusterId = "api", Destinations = new Dictionary<string, DestinationConfig> { ["api"] = new() { Address = Setting("EDGE_UPSTREAMS") } } }]);

var app = builder.Build();
app.MapReverseProxy();
app.Run();
