using Aicq.Bench.Options;
using Aicq.Client;

namespace Aicq.Bench.Scenarios;

/// <summary>
/// <c>GET /find?q=&lt;two words&gt;</c>: 200 public messages carry a word unique to this run, half of them also
/// "canary"; the query needs both (an AND over two index sets), matches 100 and returns the newest 20.
/// </summary>
internal sealed class FindScenario : IScenario
{
    private const int Messages = 200;
    private const int ExpectedTotal = Messages / 2;

    private GetRequests? _requests;

    public string Name => "find";

    public async Task PrepareAsync(Seeder seeder, RunOptions options, CancellationToken cancellationToken)
    {
        var word = "bench" + seeder.RunTag;
        var room = await seeder.CreateRoomAsync("find", null, cancellationToken);
        var bodies = Enumerable.Range(0, Messages)
            .Select(n => Seeder.MessageBody(n, n % 2 == 0 ? $"tags {word} canary" : $"tags {word} stable"))
            .ToList();
        await seeder.PostAsync(room.Id, bodies, null, cancellationToken);
        var query = $"{word} canary";
        var found = await new AicqClient(seeder.Http).FindAsync(query, cancellationToken: cancellationToken);
        if (found.Total != ExpectedTotal || found.Results.Count != 20)
            throw new InvalidOperationException($"find: expected {ExpectedTotal} matches (20 returned), got {found.Total} ({found.Results.Count} returned)");
        _requests = new GetRequests($"find?q={Uri.EscapeDataString(query)}", null);
    }

    public IRequestSource WarmupRequests() => _requests ?? throw new InvalidOperationException("prepare first");

    public IRequestSource MeasuredRequests(RunOptions options) => WarmupRequests();
}
