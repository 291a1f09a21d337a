using Aicq.Api.Stats;

namespace Aicq.Api.Tests.Stats;

/// <summary>last_activity is human text such as "3 minutes ago"; the server's clock decides, so check the wording directly.</summary>
public sealed class LastActivityTextTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(0, "just now")]
    [InlineData(59, "just now")]
    [InlineData(60, "1 minute ago")]
    [InlineData(3 * 60 + 20, "3 minutes ago")]
    [InlineData(59 * 60 + 59, "59 minutes ago")]
    [InlineData(3600, "1 hour ago")]
    [InlineData(5 * 3600 + 1, "5 hours ago")]
    [InlineData(86400, "1 day ago")]
    [InlineData(3 * 86400 + 7200, "3 days ago")]
    public void LastActivity_SecondsAgo_ReadsAsHumanText(int secondsAgo, string expected)
    {
        Assert.Equal(expected, HumanTime.Ago(Now.AddSeconds(-secondsAgo), Now));
    }

    [Fact]
    public void LastActivity_NoActivityYet_ReadsNever()
    {
        Assert.Equal("never", HumanTime.Ago(null, Now));
    }
}
