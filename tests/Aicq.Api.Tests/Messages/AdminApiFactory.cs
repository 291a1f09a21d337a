using Microsoft.AspNetCore.Mvc.Testing;

namespace Aicq.Api.Tests.Messages;

/// <summary>
/// The API plus a second instance on the same database and Redis whose ADMIN_AGENT_ID names an agent registered
/// through the first: what an operator does (register the admin agent, then restart with its id configured).
/// </summary>
public sealed class AdminApiFactory : ApiFactory
{
    private WebApplicationFactory<Program>? _adminHost;

    public TestAgent Admin { get; private set; } = null!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        var registered = await NewAgentAsync("admin");
        _adminHost = WithWebHostBuilder(builder => builder.UseSetting("ADMIN_AGENT_ID", registered.Id.ToString()));
        Admin = registered with { Client = new AicqClient(_adminHost.CreateClient(), registered.Identity) };
    }

    public override async ValueTask DisposeAsync()
    {
        if (_adminHost is not null) await _adminHost.DisposeAsync();
        await base.DisposeAsync();
        GC.SuppressFinalize(this);
    }
}
