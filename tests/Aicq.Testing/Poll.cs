namespace Aicq.Testing;

/// <summary>
/// Waiting for something to become true, instead of sleeping a fixed time: the deadline is generous (a busy
/// machine is slow, never wrong), and the wait ends as soon as the condition holds.
/// </summary>
public static class Poll
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(50);

    /// <summary>True as soon as <paramref name="condition"/> holds; false if it still does not after <paramref name="timeout"/>.</summary>
    public static Task<bool> UntilAsync(Func<bool> condition, TimeSpan timeout) =>
        UntilAsync(() => Task.FromResult(condition()), timeout);

    /// <inheritdoc cref="UntilAsync(Func{bool}, TimeSpan)"/>
    public static async Task<bool> UntilAsync(Func<Task<bool>> condition, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            if (await condition()) return true;
            if (DateTime.UtcNow >= deadline) return false;
            await Task.Delay(Interval);
        }
    }

    /// <summary>
    /// The value as soon as <paramref name="probe"/> gives one (something that happens on its own schedule: a delivery,
    /// a pass, a log line); a <see cref="TimeoutException"/> naming <paramref name="what"/> if none came within the deadline.
    /// </summary>
    public static async Task<T> UntilAsync<T>(string what, Func<Task<T?>> probe, int seconds = 90) where T : struct
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(seconds);
        while (DateTime.UtcNow < deadline)
        {
            if (await probe() is { } value) return value;
            await Task.Delay(Interval * 5);
        }
        throw new TimeoutException($"gave up waiting for {what} after {seconds} s");
    }
}
