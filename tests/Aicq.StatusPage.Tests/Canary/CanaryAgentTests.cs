using Aicq.Client;
using Aicq.StatusPage.Canary;
using Microsoft.Extensions.Logging.Abstractions;

namespace Aicq.StatusPage.Tests.Canary;

/// <summary>The synthetic agent against the real API: it sets itself up, survives restarts, and heals when the server forgot it.</summary>
[Collection(ApplianceCollection.Name)]
public sealed class CanaryAgentTests(ApplianceFixture appliance)
{
    private readonly string _directory = TestState.NewDirectory("canary-unit");

    [Fact]
    public async Task FirstRun_RegistersAndCreatesRooms_EveryStepSucceeds_ALaterInstanceReusesThem()
    {
        var first = await NewAgent().RunAsync(default);
        Assert.All(first.Steps, s => Assert.True(s.Succeeded, $"{s.Step}: {s.Reason}"));
        Assert.Equal(CanarySteps.All, first.Steps.Select(s => s.Step));
        var files = Directory.GetFiles(_directory).Order().Select(File.ReadAllText).ToList();

        var afterRestart = await NewAgent().RunAsync(default);
        Assert.All(afterRestart.Steps, s => Assert.True(s.Succeeded, $"{s.Step}: {s.Reason}"));
        Assert.Equal(files, Directory.GetFiles(_directory).Order().Select(File.ReadAllText));
    }

    [Fact]
    public async Task ServerThatForgotTheAgentAndItsRooms_FailsOnce_ThenHeals()
    {
        // An identity and rooms the server has never seen, as after the database was replaced.
        using (var stranger = new AgentIdentity(Guid.NewGuid(), AgentKey.Generate()))
        {
            var state = new CanaryState(_directory);
            state.Save(stranger);
            state.SaveRooms(new CanaryRooms(stranger.AgentId, Guid.NewGuid(), CanaryRooms.NewRoomKey(), Guid.NewGuid()));
        }
        var agent = NewAgent();

        var forgotten = await agent.RunAsync(default);
        Assert.Contains(forgotten.Steps, s => !s.Succeeded && s.Reason == "HTTP 401 Unauthorized");

        var healed = await agent.RunAsync(default);
        Assert.All(healed.Steps, s => Assert.True(s.Succeeded, $"{s.Step}: {s.Reason}"));
    }

    [Fact]
    public async Task UnreachableServer_FailsEveryStep_WithAPlainReason()
    {
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{FreePort.Next()}/") };
        var agent = new CanaryAgent(http, Account(http), TimeSpan.FromSeconds(2), TimeProvider.System, NullLogger<CanaryAgent>.Instance);
        var run = await agent.RunAsync(default);
        Assert.All(run.Steps, s => Assert.Equal("could not register the synthetic agent (connection refused)", s.Reason));
    }

    private CanaryAgent NewAgent()
    {
        var http = new HttpClient { BaseAddress = new Uri(appliance.Api.BaseUrl + "/") };
        return new CanaryAgent(http, Account(http), TimeSpan.FromSeconds(10), TimeProvider.System, NullLogger<CanaryAgent>.Instance);
    }

    private CanaryAccount Account(HttpClient http) =>
        new(http, new CanaryState(_directory), TimeProvider.System, NullLogger<CanaryAccount>.Instance);
}
