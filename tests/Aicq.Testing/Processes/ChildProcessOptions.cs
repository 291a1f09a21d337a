namespace Aicq.Testing;

/// <summary>How a <see cref="ChildProcess"/> starts; every part is optional.</summary>
public sealed record ChildProcessOptions
{
    /// <summary>Its working directory; the test's own when null.</summary>
    public string? WorkingDirectory { get; init; }

    /// <summary>Laid over the test's environment: a value sets a variable, null removes it.</summary>
    public IReadOnlyDictionary<string, string?> Environment { get; init; } = new Dictionary<string, string?>();

    /// <summary>Runs it as <c>taskset -c N program</c>, so it sees one core from its first instruction (taskset execs it: same pid).</summary>
    public int? Core { get; init; }

    /// <summary>Every output line is also appended here (the memory then keeps only the last lines).</summary>
    public string? LogFile { get; init; }

    /// <summary>Names the pidfile and failure messages; the program's file name when null.</summary>
    public string? Name { get; init; }
}
