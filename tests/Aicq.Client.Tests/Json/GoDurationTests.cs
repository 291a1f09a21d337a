namespace Aicq.Client.Tests.Json;

public sealed class GoDurationTests
{
    [Theory]
    [InlineData("0", 0)]
    [InlineData("2ms", 2_000_000)]
    [InlineData("1.234ms", 1_234_000)]
    [InlineData("512.3\u00b5s", 512_300)]
    [InlineData("512.3\u03bcs", 512_300)]
    [InlineData("700us", 700_000)]
    [InlineData("1.5s", 1_500_000_000)]
    [InlineData("1m2.5s", 62_500_000_000)]
    [InlineData("1h0m0s", 3_600_000_000_000)]
    [InlineData(".5ms", 500_000)]
    public void TryParse_ReadsWhatGoWrites(string text, long nanoseconds)
    {
        Assert.True(GoDuration.TryParse(text, out var value));
        Assert.Equal(TimeSpan.FromTicks(nanoseconds / 100), value);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("2")]
    [InlineData("0.98")]
    [InlineData("-2ms")]
    [InlineData("2 ms")]
    [InlineData("2days")]
    [InlineData("ms")]
    [InlineData("00:00:01")]
    public void TryParse_RefusesWhatGoRefuses(string? text)
    {
        Assert.False(GoDuration.TryParse(text, out _));
    }

    [Theory]
    [InlineData("1.234ms", 1.234)]
    [InlineData("1.25", 1.25)]
    [InlineData("1001", 1001)]
    public void LatencyDuration_ReadsTheDurationForm_AndOlderServersMilliseconds(string latency, double expectedMs)
    {
        var check = new DependencyCheck("pass", latency, null);
        Assert.Equal(expectedMs, check.LatencyDuration!.Value.TotalMilliseconds, 6);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("soon")]
    [InlineData("-1")]
    [InlineData("NaN")]
    public void LatencyDuration_IsNullWhenAbsentOrUnreadable(string? latency)
    {
        Assert.Null(new DependencyCheck("fail", latency, "timed out").LatencyDuration);
    }
}
