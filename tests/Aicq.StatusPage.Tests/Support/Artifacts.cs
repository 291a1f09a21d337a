using Aicq.Testing;
using Microsoft.Playwright;

namespace Aicq.StatusPage.Tests.Support;

/// <summary>Screenshots of each state the browser tests reach, under <c>artifacts/status-page/</c> (git-ignored).</summary>
public static class Artifacts
{
    public static string Directory { get; } = Path.Combine(RepoPaths.Root, "artifacts", "status-page");

    public static async Task ScreenshotAsync(IPage page, string name)
    {
        System.IO.Directory.CreateDirectory(Directory);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Directory, name + ".png"), FullPage = true });
    }
}
