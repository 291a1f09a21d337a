using Aicq.Testing;
using Microsoft.Playwright;

namespace Aicq.StatusPage.Tests.Support;

/// <summary>Screenshots of each state the browser tests reach, under <c>artifacts/status-page/</c> (git-ignored).</summary>
public static class Artifacts
{
    public static string Directory { get; } = Path.Combine(RepoPaths.Root, "artifacts", "status-page");

    /// <summary>Saves a full-page PNG and returns its path, for the test's output.</summary>
    public static async Task<string> ScreenshotAsync(IPage page, string name)
    {
        System.IO.Directory.CreateDirectory(Directory);
        var path = Path.Combine(Directory, name + ".png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
        return path;
    }
}
