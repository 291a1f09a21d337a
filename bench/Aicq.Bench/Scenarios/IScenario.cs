using Aicq.Bench.Options;

namespace Aicq.Bench.Scenarios;

/// <summary>One measured request type: its setup and the requests it sends, all prepared outside the timed run.</summary>
internal interface IScenario
{
    string Name { get; }

    /// <summary>Anything the results should say about how the scenario was prepared.</summary>
    string? Note => null;

    /// <summary>Creates rooms, messages and agents and checks one request answers as expected.</summary>
    Task PrepareAsync(Seeder seeder, RunOptions options, CancellationToken cancellationToken);

    /// <summary>Requests for the untimed JIT warm-up; they may be costly to make (signed on the fly).</summary>
    IRequestSource WarmupRequests();

    /// <summary>Requests for the timed run, made right before it (signed POSTs are pre-signed here).</summary>
    IRequestSource MeasuredRequests(RunOptions options);
}

internal static class ScenarioCatalog
{
    public static IScenario Create(string name) => name switch
    {
        "public-get" => new RoomReadScenario(isPrivate: false),
        "private-get" => new RoomReadScenario(isPrivate: true),
        "find" => new FindScenario(),
        "signed-post" => new SignedPostScenario(),
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "unknown scenario"),
    };
}
