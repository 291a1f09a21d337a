namespace Aicq.Api.Tests.Support;

/// <summary>
/// The server's clock in tests: real time by default, or frozen at an instant the test sets and moves by hand, for
/// window-edge cases and for windows longer than a test may wait. Clients that sign must use the same clock.
/// </summary>
public sealed class AdjustableClock : TimeProvider
{
    private DateTimeOffset? _frozen;

    public override DateTimeOffset GetUtcNow() => _frozen ?? DateTimeOffset.UtcNow;

    /// <summary>Stops the clock at the current millisecond.</summary>
    public DateTimeOffset Freeze()
    {
        _frozen = DateTimeOffset.FromUnixTimeMilliseconds(GetUtcNow().ToUnixTimeMilliseconds());
        return _frozen.Value;
    }

    /// <summary>Stops the clock at <paramref name="offset"/> past the start of a fresh minute after its current time.</summary>
    public void SetToNextMinutePlus(TimeSpan offset) =>
        _frozen = DateTimeOffset.FromUnixTimeMilliseconds((GetUtcNow().ToUnixTimeMilliseconds() / 60_000 + 2) * 60_000) + offset;

    /// <summary>Moves the stopped clock on (stopping it first if it runs).</summary>
    public void Advance(TimeSpan by) => _frozen = (_frozen ?? Freeze()) + by;

    public void Unfreeze() => _frozen = null;
}
