namespace Aicq.Reliability.Tests.Faults;

/// <summary>
/// Every session of the API's database terminated at once (<c>pg_terminate_backend</c>, as a failover or an operator
/// does), under steady traffic. Npgsql learns a pooled session is gone only when it next uses it, so at most one request
/// per terminated session fails (SQL state 57P01, "operator intervention"): a <c>/channels</c> answers 503, while a
/// write's room count is deferred and the write still answered 201. The pool then opens new sessions by itself,
/// without a restart of the API.
/// </summary>
[Collection(FaultCollection.Name)]
public sealed class SessionTerminationTests(FaultAppliance fixture)
{
    private const string Expected =
        "no 500 and no hang; at most one 503 per terminated session, only right after the termination; reads, searches and " +
        "signed writes keep answering 2xx; /channels (PostgreSQL) works again within 10 s, no restart; liveness 200 throughout; every acknowledged write readable";

    private static readonly IReadOnlySet<string> Affected = new HashSet<string> { FaultRun.Channels };
    private static readonly IReadOnlySet<string> Unaffected = new HashSet<string> { "read", "search", "write" };

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public async Task AllApiSessionsTerminated(int run)
    {
        await using var r = await FaultRun.StartAsync(fixture);
        var terminated = r.Now;
        var sessions = await TerminateApiSessionsAsync();
        await r.WaitRecoveredAsync(Affected, terminated);
        await Task.Delay(SuiteForm.Seconds(10, 1.5)); // and it stays that way
        var end = r.Now;
        var writes = await r.FinishAsync();

        var outcomes = r.Outcomes;
        var verdict = new Verdict();
        verdict.Common(outcomes, TimeSpan.FromSeconds(2), writes);
        var unavailable = outcomes.Where(o => o.Status == 503).ToList();
        var late = unavailable.Where(o => o.Sent > terminated + TimeSpan.FromSeconds(10)).ToList();
        verdict.Check(sessions > 0 && unavailable.Count <= sessions && late.Count == 0,
            $"{sessions} sessions terminated; {unavailable.Count} × 503 ({string.Join(", ", unavailable.GroupBy(o => o.Kind).Select(g => $"{g.Count()} {g.Key}"))}), " +
            $"{late.Count} of them later than 10 s after");
        var unaffected = outcomes.Where(o => Unaffected.Contains(o.Kind)).ToList();
        verdict.Check(unaffected.All(o => o.Expected), $"{unaffected.Count(o => o.Expected)} of {unaffected.Count} reads, searches and writes 2xx");
        verdict.Recovery(Outcomes.Recovery(outcomes, Affected, terminated), "/channels");
        verdict.Liveness(r.Watch, [0, 1], TimeSpan.Zero, end);
        await verdict.RecordAsync("All API sessions terminated (pg_terminate_backend)", run, Expected);
    }

    /// <summary>Terminates every session on the API's database but the one asking; returns how many there were.</summary>
    private async Task<int> TerminateApiSessionsAsync()
    {
        await using var admin = new NpgsqlConnection(fixture.AdminConnectionString);
        await admin.OpenAsync();
        await using var terminate = new NpgsqlCommand(
            "SELECT count(*) FILTER (WHERE pg_terminate_backend(pid)) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()", admin);
        terminate.Parameters.AddWithValue(new NpgsqlConnectionStringBuilder(fixture.Appliance.Postgres.ConnectionString("aicq")).Database!);
        return (int)(long)(await terminate.ExecuteScalarAsync())!;
    }
}
