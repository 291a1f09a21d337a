namespace Aicq.Testing.Reliability;

/// <summary>One section of <c>docs/reliability.md</c>: a suite of issue 7 and what it proves.</summary>
public sealed record ReliabilitySuite(string Id, string Title, string Summary)
{
    public static readonly ReliabilitySuite Faults = new("faults", "Fault suite",
        "Dependencies and API instances fail under steady signed and unsigned traffic; each case runs three times. " +
        "Rerun: `./aicq test --faults`.");

    public static readonly ReliabilitySuite BadInput = new("bad-input", "Bad-input suite",
        "Malformed, oversized and hostile requests through the real edge over HTTPS. Rerun: `./aicq test --bad-input`.");

    public static readonly ReliabilitySuite Fuzzing = new("fuzzing", "Generated fuzzing",
        "Valid and invalid requests generated from our own OpenAPI document with a fixed seed, checked against its schemas. " +
        "Rerun: `./aicq test --fuzz`.");

    public static readonly ReliabilitySuite Abuse = new("abuse", "Abuse suite",
        "Attacks on identity, budgets, nonces, private data and connections. Rerun: `./aicq test --abuse`.");

    public static readonly ReliabilitySuite Load = new("load", "Load suite",
        "Steady mixed load, a step test to the knee and a soak, through the edge. Rerun: `./aicq test --load`.");

    /// <summary>The order of the sections in the document.</summary>
    public static IReadOnlyList<ReliabilitySuite> All { get; } = [Faults, BadInput, Fuzzing, Abuse, Load];
}
