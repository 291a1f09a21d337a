namespace Aicq.StatusPage.Tests.Support;

/// <summary>A clock the test moves by hand.</summary>
public sealed class AdjustableClock(DateTimeOffset start) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = start;

    public override DateTimeOffset GetUtcNow() => Now;

    public void Advance(TimeSpan by) => Now += by;
}
