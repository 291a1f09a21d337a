using Aicq.Client;

namespace Aicq.Smoke;

/// <summary>The one HttpClient every step uses: the deployment's base URL, trusting exactly the given CA when there is one.</summary>
internal static class SmokeHttp
{
    public static HttpClient Create(SmokeOptions options)
    {
        var sockets = new SocketsHttpHandler { AllowAutoRedirect = false, PooledConnectionLifetime = TimeSpan.FromMinutes(1) };
        return new HttpClient(AicqHttp.CreateHandler(options.CaFile, sockets)) { BaseAddress = options.BaseUrl, Timeout = options.Timeout };
    }
}
