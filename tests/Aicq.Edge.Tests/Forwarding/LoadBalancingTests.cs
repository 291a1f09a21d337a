using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using Aicq.Edge.Tests.Support;
using Aicq.Testing;

namespace Aicq.Edge.Tests.Forwarding;

/// <summary>Requests spread over the API instances; a killed one leaves rotation and clients keep getting answers.</summary>
[Collection(ApplianceCollection.Name)]
public sealed class LoadBalancingTests(ApplianceFixture appliance)
{
    [Fact]
    public async Task KilledInstance_LeavesRotationWithin10s_AndClientsKeepSucceeding()
    {
        var doomed = await ApiProcess.StartAsync(appliance.DatabaseUrl, appliance.Redis.Url);
        await using var edge = await EdgeProcess.StartAsync(appliance.Tls, [appliance.Api1.BaseUrl, doomed.BaseUrl], appliance.EdgeRedisUrl);
        var doomedLabel = doomed.BaseUrl + "/";
        Assert.True(await edge.MetricReachesAsync(1, TimeSpan.FromSeconds(5), "aicq_edge_upstream_healthy", ("destination", doomedLabel)));

        var clock = Stopwatch.StartNew();
        var failures = new ConcurrentBag<(TimeSpan At, string What)>();
        var served = 0;
        TimeSpan? killedAt = null;
        using var stop = new CancellationTokenSource();
        var workers = Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
        {
            using var client = edge.Client(ClientAddresses.Next());
            while (!stop.IsCancellationRequested)
            {
                try
                {
                    using var response = await client.GetAsync("/api");
                    if (response.StatusCode == HttpStatusCode.OK) Interlocked.Increment(ref served);
                    else failures.Add((clock.Elapsed, $"{(int)response.StatusCode}"));
                }
                catch (HttpRequestException e)
                {
                    failures.Add((clock.Elapsed, e.Message));
                }
                await Task.Delay(10);
            }
        })).ToList();

        await Task.Delay(1500);
        Assert.True(doomed.Logged("http_request"), "the doomed instance served nothing before the kill");
        killedAt = clock.Elapsed;
        await doomed.DisposeAsync();
        var servedAtKill = served;
        var leftRotation = await edge.MetricReachesAsync(0, TimeSpan.FromSeconds(10), "aicq_edge_upstream_healthy", ("destination", doomedLabel));
        var detectedAfter = clock.Elapsed - killedAt.Value;
        await Task.Delay(1000);
        await stop.CancelAsync();
        await Task.WhenAll(workers);

        Assert.True(leftRotation, "the killed instance was still in rotation 10 s after the kill");
        Assert.True(detectedAfter < TimeSpan.FromSeconds(10), $"left rotation after {detectedAfter}");
        Assert.True(served > servedAtKill + 20, $"only {served - servedAtKill} requests served after the kill");
        // Only requests already in flight at the kill may fail (at most one per client), and none later.
        Assert.True(failures.Count <= 4, string.Join("; ", failures));
        Assert.All(failures, f => Assert.InRange(f.At, killedAt.Value, killedAt.Value + TimeSpan.FromSeconds(1)));
    }
}
