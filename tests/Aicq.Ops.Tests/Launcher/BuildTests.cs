namespace Aicq.Ops.Tests.Launcher;

/// <summary>
/// ./aicq build, the step ./aicq up starts with: a service whose inputs did not change since the last build
/// made here is not built again. Asserted by what it prints, not by how long it takes.
/// </summary>
public sealed class BuildTests
{
    private static readonly string[] Services = ["the API", "the edge", "the status page"];

    [Fact]
    public async Task SecondBuild_WithNothingChanged_BuildsNothing()
    {
        (await Run.AicqAsync(["build"], timeout: TimeSpan.FromMinutes(20))).AssertSuccess();

        var second = (await Run.AicqAsync(["build"])).AssertSuccess();

        Assert.DoesNotContain("Building", second.Output);
        Assert.DoesNotContain("Publishing", second.Output);
        Assert.All(Services, service => Assert.Contains($"{service} is up to date", second.Output));
    }

    [Fact]
    public async Task Build_WithoutTheStampOfOneService_BuildsThatServiceOnly()
    {
        (await Run.AicqAsync(["build"], timeout: TimeSpan.FromMinutes(20))).AssertSuccess();
        File.Delete(Repo.PathOf(".aicq", "build", "Aicq.Edge.stamp"));

        var result = (await Run.AicqAsync(["build"], timeout: TimeSpan.FromMinutes(20))).AssertSuccess();

        Assert.Contains("Publishing the edge as Native AOT", result.Output);
        Assert.Contains("the API is up to date", result.Output);
        Assert.Contains("the status page is up to date", result.Output);
    }
}
