namespace Aicq.Api.Tests.Overload;

/// <summary>The API with room for one running and one waiting request, which waits as long as a test needs, so a test can fill it by hand.</summary>
public sealed class OneSlotApiFactory : ApiFactory
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("MAX_CONCURRENT_REQUESTS", "1");
        builder.UseSetting("REQUEST_QUEUE_LIMIT", "1");
        builder.UseSetting("REQUEST_QUEUE_DEADLINE_MS", "60000");
    }
}
