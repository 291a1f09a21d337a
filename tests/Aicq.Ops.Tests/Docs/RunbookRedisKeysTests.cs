namespace Aicq.Ops.Tests.Docs;

/// <summary>The runbook's Redis key table against the key names and lifetimes in the API's and the edge's code.</summary>
public sealed partial class RunbookRedisKeysTests
{
    private static readonly string[] Rows = Repo.Read("docs", "runbook.md").Split('\n')
        .SkipWhile(line => line != "## Redis operations").TakeWhile(line => line.Length == 0 || !line.StartsWith("## Certificates", StringComparison.Ordinal))
        .Where(line => line.StartsWith("| `", StringComparison.Ordinal)).ToArray();

    [Fact]
    public void EveryApiKey_HasARowWithItsRetention()
    {
        var store = Repo.Read("src", "Aicq.Api", "Storage", "RedisStore.cs");
        var keys = ApiKey().Matches(store).Select(m => DocumentedName(m.Groups[1].Value)).ToList();
        Assert.Equal(
        [
            "msg:{<room id>}:<message id>", "room:{<room id>}:msgs", "{idx}:<word>", "search:scratch:{idx}:<guid>", "dm:<agent id>",
            "{dm:<agent id>}:bytes", "{dm:<agent id>}:senders", "nonce:{<agent id>}:<nonce>", "budget:{<agent id>}:<minute>",
            "keychecks:{<hash of room and client>}",
        ], keys);
        Assert.All(keys, key => Row(key + "`"));

        Assert.Contains("MessageRetention = TimeSpan.FromHours(24)", store);
        Assert.Contains("DmRetention = TimeSpan.FromDays(7)", store);
        Assert.Contains("NonceRetention = TimeSpan.FromMinutes(3)", store);
        Assert.EndsWith("| 24 h |", Row("msg:"));
        Assert.Contains("| 7 days,", Row("dm:<agent id>` "));
        Assert.Contains("| 3 min ", Row("nonce:"));
        Assert.All(new[] { "{dm:<agent id>}:bytes", "{dm:<agent id>}:senders" }, key => Assert.Contains("| 7 days,", Row(key)));
        Assert.Contains("public static readonly TimeSpan Window = TimeSpan.FromMinutes(10);", Repo.Read("src", "Aicq.Api", "Rooms", "KeyGuessLimit.cs"));
        Assert.Contains("| 10 min ", Row("keychecks:"));
        Assert.Contains("redis.call('PEXPIRE', @current, 120000)", Repo.Read("src", "Aicq.Api", "Messages", "ByteBudget.cs"));
        Assert.EndsWith("| 2 min |", Row("budget:"));
        Assert.Contains("| none: deleted in the same script |", Row("search:scratch:"));
    }

    /// <summary>A C# interpolated key template as the runbook spells it: {{ and }} are the braces, a hole is its &lt;name&gt;.</summary>
    private static string DocumentedName(string template)
    {
        var name = new System.Text.StringBuilder();
        for (var i = 0; i < template.Length; i++)
        {
            if (template[i] is '{' or '}' && i + 1 < template.Length && template[i + 1] == template[i]) name.Append(template[i++]);
            else if (template[i] == '{')
            {
                var end = template.IndexOf('}', i);
                var hole = template[(i + 1)..end].Split(':')[0];
                name.Append('<').Append(Holes[hole]).Append('>');
                i = end;
            }
            else name.Append(template[i]);
        }
        return name.ToString();
    }

    private static readonly Dictionary<string, string> Holes = new()
    {
        ["roomId"] = "room id", ["messageId"] = "message id", ["word"] = "word", ["query"] = "guid", ["agentId"] = "agent id",
        ["nonce"] = "nonce", ["minute"] = "minute", ["roomAndClientDigest"] = "hash of room and client",
    };

    [Fact]
    public void EveryEdgeKey_HasARow()
    {
        var backend = Repo.Read("src", "Aicq.Edge", "RateLimiting", "RedisLimiterBackend.cs");
        Assert.Contains("private const string Prefix = \"aicq:edge:\";", backend);
        var suffixes = EdgeKey().Matches(backend).Select(m => m.Groups[1].Value).Distinct().ToList();

        Assert.Equal(["block:", "violations:{", "rl:"], suffixes);
        Assert.All(suffixes, suffix => Assert.Contains(Rows, row => row.Contains($"`aicq:edge:{suffix}", StringComparison.Ordinal)));
    }

    private static string Row(string prefix) => Assert.Single(Rows, row => row.StartsWith($"| `{prefix}", StringComparison.Ordinal));

    [GeneratedRegex(@"public static RedisKey \w+\([^)]*\) => \$""([^""]+)""")]
    private static partial Regex ApiKey();

    [GeneratedRegex(@"\bPrefix \+ ""([a-z:{]+)""")]
    private static partial Regex EdgeKey();
}
