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
}
