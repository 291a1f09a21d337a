using Aicq.ServiceDefaults.Settings;

namespace Aicq.Api.Tests.Settings;

/// <summary>REDIS_URL names one Redis or a cluster's seed nodes; the client learns the rest of a cluster from any seed.</summary>
public sealed class RedisUrlTests
{
    [Fact]
    public void SeedList_GivesEveryNode_WithTheFirstOnesCredentials()
    {
        var (options, error) = RedisUrl.Parse("rediss://default:p%40ss,word@10.0.0.1:6380,10.0.0.2,[::1]:7000/0", "test");

        Assert.Null(error);
        Assert.Equal(["10.0.0.1:6380", "10.0.0.2:6379", "[::1]:7000"], options!.EndPoints.Select(e => e.ToString()!.Replace("Unspecified/", "", StringComparison.Ordinal)));
        Assert.True(options.Ssl);
        Assert.Equal(("default", "p@ss,word"), (options.User, options.Password));
        Assert.Equal(0, options.DefaultDatabase);
    }

    [Fact]
    public void OneNode_KeepsItsDatabase()
    {
        var (options, error) = RedisUrl.Parse("redis://:secret@127.0.0.1:6379/2", "test");

        Assert.Null(error);
        Assert.Equal(("127.0.0.1", 2, "secret"), (options!.EndPoints.Single().ToString()!.Split(':')[0], options.DefaultDatabase, options.Password));
    }

    [Theory]
    [InlineData("redis://127.0.0.1:6379,", "seed node ''")]
    [InlineData("redis://127.0.0.1:6379,127.0.0.2:port", "seed node '127.0.0.2:port'")]
    [InlineData("redis://127.0.0.1:6379,127.0.0.2:6379/1", "only database 0")]
    [InlineData("127.0.0.1:6379,127.0.0.2:6379", "redis:// or rediss://")]
    public void BadSeedList_SaysWhatIsWrong(string raw, string expected)
    {
        var (options, error) = RedisUrl.Parse(raw, "test");

        Assert.Null(options);
        Assert.Contains(expected, error);
    }
}
