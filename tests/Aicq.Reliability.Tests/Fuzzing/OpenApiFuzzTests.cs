namespace Aicq.Reliability.Tests.Fuzzing;

/// <summary>
/// Issue 7, item 3: for every operation of our published OpenAPI document, valid and invalid requests generated from
/// it with a fixed seed go to an API instance directly (so the edge's rate limits are not what is measured), and a
/// sample of each goes through the edge as well. No answer is a 5xx; every status is documented for its operation
/// and explained by its request; every body matches the documented schema; every 4xx has the protocol's error shape.
/// </summary>
public sealed class OpenApiFuzzTests
{
    /// <summary>Change it to explore; the failure message names it with the stream that replays a request.</summary>
    public const ulong Seed = 20261123;

    private const string Expected = "every status documented and explained; invalid → 4xx {\"error\"}; 0 × 5xx; every body matches its schema; the edge answers alike";

    [Fact]
    public async Task EveryDocumentedOperation_AnswersGeneratedRequests_AsDocumented()
    {
        await using var appliance = await ReliabilityAppliance.StartAsync(ReliabilityAppliance.GenerousLimits);
        using var api = appliance.Apis[0].CreateClient();
        using var edge = appliance.Edge.Client();
        var contract = OpenApiContract.Parse(await api.GetStringAsync("/docs/openapi.yaml"));
        var validator = new SchemaValidator(contract);
        var world = await FuzzWorld.CreateAsync(contract, () => appliance.NewAgentAsync("fuzz"), api, agents: 30, messagesPerRoom: 60);
        var count = SuiteForm.Pick(2000, 500);
        var edgeSample = 25;
        // Deleting last leaves the messages that the other operations post and read in place while they run.
        var operations = contract.Operations().OrderBy(o => o.Method == "DELETE").ToList();
        Assert.True(operations.Count >= 14, $"the document lists only {operations.Count} operations");

        var failures = new List<string>();
        foreach (var operation in operations)
        {
            var fuzzer = new OperationFuzzer(operation, world, validator, Seed);
            var outcomes = await fuzzer.SendAsync(api, fuzzer.Generate(count, count, "direct"));
            var throughEdge = await fuzzer.SendAsync(edge, fuzzer.Generate(edgeSample, edgeSample, "edge"));
            var (same, compared) = await CompareAnonymousReadsAsync(api, throughEdge);

            var all = outcomes.Concat(throughEdge).ToList();
            var passed = all.All(o => o.Problems.Count == 0) && same == compared;
            // An operation without parameters or body has nothing to get wrong: its "invalid" requests carry junk it must ignore.
            var invalid = operation.Parameters.Count == 0 && operation.BodySchema is null ? "with junk query and headers" : "invalid";
            var measured = $"{count} valid ({OperationFuzzer.Statuses(outcomes.Take(count))}), " +
                           $"{count} {invalid} ({OperationFuzzer.Statuses(outcomes.Skip(count))}), {all.Count(o => o.Status >= 500)} × 5xx, " +
                           $"{all.Count(o => o.SchemaMatched)} of {all.Count} bodies match the schema; " +
                           $"{2 * edgeSample} through the edge ({OperationFuzzer.Statuses(throughEdge)})" +
                           (compared > 0 ? $", {same} of {compared} anonymous reads answered as directly" : "");
            if (!passed) measured += "; " + fuzzer.Problems(outcomes, "direct") + " " + fuzzer.Problems(throughEdge, "edge");
            await ReliabilityReport.RecordAsync(ReliabilitySuite.Fuzzing, operation.Name, Expected, measured, passed);
            if (!passed) failures.Add($"{operation.Name}: {measured}");
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    /// <summary>The edge must pass requests on unchanged: an anonymous read gets the same status through it as directly.</summary>
    private static async Task<(int Same, int Compared)> CompareAnonymousReadsAsync(HttpClient api, IEnumerable<FuzzOutcome> throughEdge)
    {
        var (same, compared) = (0, 0);
        foreach (var outcome in throughEdge.Where(o => o.Request.Method == "GET" && o.Request.Signer is null))
        {
            using var request = outcome.Request.Build();
            using var response = await api.SendAsync(request);
            compared++;
            if ((int)response.StatusCode == outcome.Status) same++;
        }
        return (same, compared);
    }
}
