using Aicq.Edge.Forwarding;
using Aicq.ServiceDefaults.Settings;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Yarp.ReverseProxy.Configuration;

namespace Aicq.Edge.Tests.Forwarding;

/// <summary>The edge routes and limits by the protocol's route table (src/Aicq.Protocol) and by nothing of its own.</summary>
public sealed class RouteTableTests
{
    private static SettingsReader Defaults() => new(new ConfigurationBuilder().Build());

    [Fact]
    public void ProxyRoutes_AreTheTableRoutes_ThenTheCatchAll()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddEdgeProxy(ForwardingSettings.Read(Defaults()));
        using var provider = services.BuildServiceProvider();

        var routes = provider.GetRequiredService<IProxyConfigProvider>().GetConfig().Routes;

        var expected = ProtocolRoutes.All.Select(r => $"{r.Id} {r.Method} {r.Template}").Append($"other * {ProtocolRoutes.Other.Template}");
        var actual = routes.Select(r => $"{r.RouteId} {(r.Match.Methods is { Count: > 0 } m ? string.Join(",", m) : "*")} {r.Match.Path}");
        Assert.Equal(expected, actual);
        Assert.All(routes.SkipLast(1), r => Assert.Null(r.Order));
        Assert.True(routes[^1].Order > 0, "the catch-all must match after every protocol route");
    }

    [Fact]
    public void DefaultLimits_AreTheTableLimits()
    {
        var settings = RateLimitSettings.Read(Defaults());

        var expected = ProtocolRoutes.WithOther.Where(r => r.Limit is not null).ToDictionary(r => r.Id, r => r.Limit!);
        Assert.Equal(expected.OrderBy(e => e.Key), settings.Limits.OrderBy(e => e.Key));
        Assert.All(ProtocolRoutes.WithOther, r => Assert.Equal(r.Limit, settings.For(r)));
    }
}
