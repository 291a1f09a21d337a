using Aicq.StatusPage.Components;

namespace Aicq.StatusPage.Tests.History;

/// <summary>The uptime arithmetic: checked time only, unknown beside it, and no percentage before there is enough data.</summary>
public sealed class UptimeWindowTests
{
    private const double Day = 86400, Week = 7 * Day;

    [Fact]
    public void UnderAnHourOfData_InA7DayWindow_IsCollecting_WithoutAPercentage()
    {
        var window = new UptimeWindow(Week, UpSeconds: 47 * 60, DownSeconds: 0, MaintenanceSeconds: 0);
        Assert.True(window.IsCollecting);
        Assert.Null(window.ShownUptime);
        Assert.Equal(100, window.Uptime);
        Assert.Equal("collecting: 47 min of data", Format.Uptime(window));
    }

    [Fact]
    public void NothingChecked_IsCollecting_AndAllUnknown()
    {
        var window = UptimeWindow.Empty(Day);
        Assert.Equal(("collecting: under 1 min of data", 1.0, (double?)null), (Format.Uptime(window), window.UnknownShare, window.Uptime));
    }

    [Fact]
    public void UncheckedTime_IsNeitherUpNorDown_AndIsShownBeside()
    {
        // 21 h checked and up, 3 h while nothing checked: not 100 % of 24 h up, not 87.5 %, but 100 % with 12.5 % unknown.
        var window = new UptimeWindow(Day, UpSeconds: 21 * 3600, DownSeconds: 0, MaintenanceSeconds: 0);
        Assert.Equal(100, window.ShownUptime);
        Assert.Equal(0.125, window.UnknownShare, 9);
        Assert.Equal("100.00 % (13 % unknown)", Format.Uptime(window));
    }

    [Fact]
    public void Mixed_UpDownMaintenanceAndUnknown_UptimeIsOverCheckedTimeOutsideMaintenance()
    {
        var window = new UptimeWindow(1000, UpSeconds: 700, DownSeconds: 100, MaintenanceSeconds: 150);
        Assert.Equal(87.5, window.ShownUptime);
        Assert.Equal(950, window.CheckedSeconds);
        Assert.Equal("87.50 % (5 % unknown)", Format.Uptime(window));
    }

    [Theory]
    [InlineData(749, true)]
    [InlineData(750, false)]
    public void Window_ShowsAPercentage_OnceChecksCoverThreeQuartersOfIt(double checkedSeconds, bool collecting)
    {
        Assert.Equal(collecting, new UptimeWindow(1000, checkedSeconds, 0, 0).IsCollecting);
    }

    [Fact]
    public void OnlyMaintenance_IsMeasuredButHasNoUptime()
    {
        var window = new UptimeWindow(1000, 0, 0, 1000);
        Assert.False(window.IsCollecting);
        Assert.Equal("no data", Format.Uptime(window));
    }

    [Fact]
    public void MoreCheckedThanTheWindow_CountsAsTheWholeWindow()
    {
        var window = new UptimeWindow(1000, 990, 30, 0);
        Assert.Equal((1000, 0), (window.CheckedSeconds, window.UnknownShare));
        Assert.Equal("97.05 %", Format.Uptime(window));
    }

    [Fact]
    public void Windows_AddUp_DayByDay()
    {
        var week = UptimeWindow.Sum([new UptimeWindow(Day, Day, 0, 0), new UptimeWindow(Day, 0, 0, 0), new UptimeWindow(Day / 2, Day / 4, Day / 4, 0)]);
        Assert.Equal(new UptimeWindow(2.5 * Day, 1.25 * Day, 0.25 * Day, 0), week);
        Assert.Equal("collecting: 1 day 12 h of data", Format.Uptime(week));
    }

    [Theory]
    [InlineData(0.0, null)]
    [InlineData(0.0004, null)]
    [InlineData(0.0006, "0.1 %")]
    [InlineData(0.03, "3 %")]
    [InlineData(0.123, "13 %")]
    [InlineData(1.0, "100 %")]
    public void UnknownShare_IsRoundedToOneDecimal_UpToWholeNumbersFromTen(double share, string? expected)
    {
        Assert.Equal(expected, Format.UnknownShare(share));
    }

    [Theory]
    [InlineData(59, "under 1 min")]
    [InlineData(47 * 60 + 59, "47 min")]
    [InlineData(5 * 3600 + 600, "5 h 10 min")]
    [InlineData(3 * 86400 + 4 * 3600, "3 days 4 h")]
    public void Duration_ReadsInTheLargestUsefulUnits(double seconds, string expected)
    {
        Assert.Equal(expected, Format.Duration(seconds));
    }
}
