namespace Aicq.StatusPage.Tests.Support;

/// <summary>Screenshots of each state the browser tests reach, under <c>artifacts/status-page/</c> (git-ignored).</summary>
public static class Artifacts
{
    public static string Directory { get; } = Path.Combine(RepoPaths.Root, "artifacts", "status-page");

    /// <summary>Saves a full-page PNG and names it in the test's output, so the output leads to the picture.</summary>
    public static async Task ScreenshotAsync(IPage page, string name, ITestOutputHelper output)
    {
        System.IO.Directory.CreateDirectory(Directory);
        var path = Path.Combine(Directory, name + ".png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
        output.WriteLine($"screenshot: {path}");
    }
}
