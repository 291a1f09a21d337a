namespace Aicq.Testing;

/// <summary>How long a test waits for one answer before calling it a hang.</summary>
public static class TestTimeouts
{
    /// <summary>
    /// A single request's client timeout. Generous on purpose: on a loaded CI machine an answer may take seconds,
    /// which is slow, not wrong. A hang still fails, only later; timing itself is asserted from measurements, never here.
    /// </summary>
    public static readonly TimeSpan Request = TimeSpan.FromSeconds(60);
}
