namespace Aicq.Api.Tests.Overload;

/// <summary>
/// The API with a fixed limit of two running requests and a queue target of 1 ms: a few dozen test clients overload
/// it for real, whatever the machine's speed (a queue of twenty requests is several milliseconds on any machine).
/// </summary>
public sealed class TwoSlotApiFactory : ApiFactory
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("MIN_CONCURRENT_REQUESTS", "2");
        builder.UseSetting("MAX_CONCURRENT_REQUESTS", "2");
        builder.UseSetting("REQUEST_QUEUE_TARGET_MS", "1");
    }
}
