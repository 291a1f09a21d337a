namespace Aicq.Edge.Tests.Regions;

/// <summary>The region settings stop a wrong deployment at start, naming the setting.</summary>
public sealed class RegionSettingsTests
{
    [Theory]
    [InlineData("IAD", "lhr", "PRIMARY_REGION")]
    [InlineData("iad", "london", "FLY_REGION")]
    [InlineData(null, "lhr", "PRIMARY_REGION")]
    [InlineData("iad", null, "FLY_REGION")]
    public async Task BadOrHalfARegionConfiguration_StopsTheEdge_NamingTheSetting(string? primary, string? region, string named)
    {
        await using var edge = ServiceProcess.Start(RepoPaths.ProjectDll("Aicq.Edge"), new Dictionary<string, string?>
        {
            ["EDGE_HTTPS_PORT"] = "0",
            ["EDGE_PUBLIC_URL"] = "https://aicq.example",
            ["PRIMARY_REGION"] = primary,
            ["FLY_REGION"] = region,
        }, "--check-config");
        Assert.Equal(2, await edge.WaitForExitAsync(TimeSpan.FromSeconds(60)));
        var problems = edge.Output.Where(line => line.StartsWith("  - ", StringComparison.Ordinal)).ToList();
        Assert.Equal($"  - {named} ", Assert.Single(problems)[..(named.Length + 5)]);
    }

    [Theory]
    [InlineData("iad", "iad")]
    [InlineData("iad", "lhr")]
    public async Task RegionCodes_AreAccepted(string primary, string region)
    {
        await using var edge = ServiceProcess.Start(RepoPaths.ProjectDll("Aicq.Edge"), new Dictionary<string, string?>
        {
            ["EDGE_HTTPS_PORT"] = "0",
            ["EDGE_PUBLIC_URL"] = "https://aicq.example",
            ["PRIMARY_REGION"] = primary,
            ["FLY_REGION"] = region,
        }, "--check-config");
        Assert.Equal(0, await edge.WaitForExitAsync(TimeSpan.FromSeconds(60)));
        Assert.Contains(edge.Output, line => line.Contains("PRIMARY_REGION", StringComparison.Ordinal) && line.TrimEnd().EndsWith(primary, StringComparison.Ordinal));
    }
}
