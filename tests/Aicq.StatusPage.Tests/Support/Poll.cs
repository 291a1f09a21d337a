using System.Diagnostics;

namespace Aicq.StatusPage.Tests.Support;

/// <summary>Waits for something that happens on its own schedule (a delivery, a pass, a log line), with a generous deadline.</summary>
public static class Poll
{
    public static async Task<T> UntilAsync<T>(string what, Func<Task<T?>> probe, int seconds = 90) where T : struct
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(seconds))
        {
            if (await probe() is { } value) return value;
            await Task.Delay(250);
        }
        throw new TimeoutException($"gave up waiting for {what} after {seconds} s");
    }
}
