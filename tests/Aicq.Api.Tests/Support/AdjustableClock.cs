namespace Aicq.Api.Tests.Support;

/// <summary>The server's clock in tests: real time by default, or frozen at an instant for window-edge cases.</summary>
public sealed class AdjustableClock : TimeProvider
{
    private DateTimeOffset? _frozen;

    public override DateTimeOffset GetUtcNow() => _frozen ?? DateTimeOffset.UtcNow;

    public DateTimeOffset Freeze()
    {
        _frozen = DateTimeOffset.FromUnixTimeMilliseconds(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
        return _frozen.Value;
    }

    public void Unfreeze() => _frozen = null;
}
