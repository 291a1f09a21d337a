using Aicq.Api.Http;

namespace Aicq.Api.Tests.Http;

public sealed class WireTimeTests
{
    [Fact]
    public void Instant_IsUtcWithWholeSeconds_WhateverTheOffset()
    {
        var local = new DateTimeOffset(2026, 12, 1, 23, 47, 1, 999, TimeSpan.FromHours(2));
        Assert.Equal("2026-12-01T21:47:01Z", WireTime.Instant(local));
    }

    [Theory]
    [InlineData(0, "0s")]
    [InlineData(20_000, "2ms")]
    [InlineData(12_340, "1.234ms")]
    [InlineData(5_123, "0.512ms")]
    [InlineData(1, "0ms")]
    [InlineData(15_000_000, "1.5s")]
    [InlineData(12_345_678, "1.234568s")]
    public void Duration_IsWhatGosParseDurationReads(long ticks, string expected)
    {
        Assert.Equal(expected, WireTime.Duration(TimeSpan.FromTicks(ticks)));
    }
}
