using Aicq.Ops.Tests.Docs;

namespace Aicq.Ops.Tests.Support;

/// <summary>
/// What an agent sees of <c>./aicq up</c>, on free ports: a real API instance behind a real edge with its own test
/// CA. The edge keeps its limits in a Redis database of its own, so nothing else spends its addresses' budgets.
/// </summary>
public sealed partial class EdgeAppliance : IAsyncLifetime
{
    /// <summary>The URL and CA file that the docs' examples use: those of <c>./aicq up</c>.</summary>
    public const string DocumentedUrl = "https://127.0.0.1:8443";
    public const string DocumentedCa = ".aicq/tls/ca.crt";

    public TestCertificate Tls { get; private set; } = null!;
    public ApiProcess Api { get; private set; } = null!;
    public EdgeProcess Edge { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var tls = TestCertificate.CreateAsync();
        var postgres = await SharedServers.PostgresAsync();
        var redis = await SharedServers.RedisAsync();
        Api = await ApiProcess.StartAsync(await postgres.CreateDatabaseAsync(), redis.Url);
        Tls = await tls;
        Edge = await EdgeProcess.StartAsync(Tls, [Api.BaseUrl], redis.Url + "/3");
    }

    /// <summary>
    /// A docs example pointed at this appliance: the documented URL and CA file become the test edge's. An example
    /// naming any other local address fails, since it would reach whatever runs there (a real <c>./aicq up</c>).
    /// </summary>
    internal string PointAt(CodeBlock block)
    {
        var code = block.Code.Replace(DocumentedUrl, Edge.HttpsUrl, StringComparison.Ordinal).Replace(DocumentedCa, Tls.CaPath, StringComparison.Ordinal);
        var elsewhere = LoopbackAddress().Matches(code).Select(m => m.Value).Where(a => !Edge.HttpsUrl.EndsWith(a, StringComparison.Ordinal)).ToList();
        Assert.True(elsewhere.Count == 0,
            $"{block} names {string.Join(", ", elsewhere)}, which the test cannot point at its own servers: use the edge's {DocumentedUrl}, or mark the block not-run");
        return code;
    }

    public async Task DisposeAsync()
    {
        if (Edge is not null) await Edge.DisposeAsync();
        if (Api is not null) await Api.DisposeAsync();
    }

    [GeneratedRegex(@"(?:127\.0\.0\.1|localhost):\d+")]
    private static partial Regex LoopbackAddress();
}
