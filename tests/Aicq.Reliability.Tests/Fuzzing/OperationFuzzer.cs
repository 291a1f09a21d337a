namespace Aicq.Reliability.Tests.Fuzzing;

/// <summary>
/// Runs one operation's generated requests a few at a time and sums them up as a row of the reliability document:
/// statuses seen for the valid and the invalid ones, 5xx, schema matches, and the first problems with the seed
/// that replays them.
/// </summary>
public sealed class OperationFuzzer(ContractOperation operation, FuzzWorld world, SchemaValidator validator, ulong seed)
{
    public const int Parallel = 8;

    /// <summary>A stable stream per operation, so adding an operation does not change the others' requests.</summary>
    public uint Stream(string salt) => (uint)$"{salt} {operation.Name}".Aggregate(2166136261u, (h, c) => (h ^ c) * 16777619u);

    public List<FuzzRequest> Generate(int valid, int invalid, string salt)
    {
        var draw = new Draws(Stream(salt), seed);
        var validRequests = new ValidRequests(operation, world, draw);
        var invalidRequests = new InvalidRequests(operation, world, draw);
        return [.. Enumerable.Range(0, valid).Select(_ => validRequests.Next()), .. Enumerable.Range(0, invalid).Select(_ => invalidRequests.Next())];
    }

    public async Task<List<FuzzOutcome>> SendAsync(HttpClient http, IReadOnlyList<FuzzRequest> requests)
    {
        var outcomes = new FuzzOutcome[requests.Count];
        await System.Threading.Tasks.Parallel.ForEachAsync(Enumerable.Range(0, requests.Count), new ParallelOptions { MaxDegreeOfParallelism = Parallel },
            async (i, _) => outcomes[i] = await FuzzOutcome.SendAsync(http, requests[i], operation, validator));
        return [.. outcomes];
    }

    public static string Statuses(IEnumerable<FuzzOutcome> outcomes) =>
        string.Join(", ", outcomes.GroupBy(o => o.Status).OrderBy(g => g.Key).Select(g => string.Create(CultureInfo.InvariantCulture, $"{g.Key} × {g.Count()}")));

    public string Problems(IEnumerable<FuzzOutcome> outcomes, string salt)
    {
        var failing = outcomes.Select((o, i) => (o, i)).Where(x => x.o.Problems.Count > 0).Take(5)
            .Select(x => $"#{x.i} {x.o.Request}: {string.Join("; ", x.o.Problems)}");
        return $"seed {seed}, stream '{salt} {operation.Name}' ({Stream(salt)}): " + string.Join(" | ", failing);
    }
}
