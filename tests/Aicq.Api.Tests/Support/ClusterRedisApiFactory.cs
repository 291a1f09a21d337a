namespace Aicq.Api.Tests.Support;

/// <summary>The API on a Redis Cluster of its own (three primaries on loopback), named by its seed nodes in REDIS_URL.</summary>
public sealed class ClusterRedisApiFactory : ApiFactory
{
    public RedisCluster Cluster { get; private set; } = null!;

    protected override async Task<string> RedisUrlAsync()
    {
        Cluster = await RedisCluster.StartAsync();
        return Cluster.Url;
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (Cluster is not null) await Cluster.DisposeAsync();
    }
}
