using System.Net.Http.Json;

namespace Aicq.Ops.Tests.Operations;

/// <summary>LOG_FILE as ./aicq up uses it: two real API instances side by side, each writing its own rotated JSON log.</summary>
public sealed class LogFileTests : IDisposable
{
    private const int Requests = 400;
    private readonly TempDir _logs = new();

    public void Dispose() => _logs.Dispose();

    [Fact]
    public async Task TwoInstancesUnderLoad_WriteOnlyWholeJsonLines_OneForEveryRequest()
    {
        var redis = await SharedServers.RedisAsync();
        await using var api1 = await StartAsync(redis.Url, "api-1");
        await using var api2 = await StartAsync(redis.Url, "api-2");

        var sent = await LoadAsync([api1, api2]);
        await StopAsync(api1);
        await StopAsync(api2);

        foreach (var instance in new[] { "api-1", "api-2" })
        {
            var lines = ReadEveryLine(instance);
            Assert.Equal(sent[instance], lines.Count(IsLoadRequest));
        }
        Assert.Equal(["api-1.log", "api-2.log"], Directory.GetFiles(_logs.Path).Select(Path.GetFileName).Order());
    }

    [Fact]
    public async Task ALogPastItsSizeLimit_IsRotatedIntoABoundedNumberOfFiles_EachWithinTheLimit()
    {
        await using var api = await StartAsync((await SharedServers.RedisAsync()).Url, "api-1",
            new() { ["LOG_FILE_MAX_KB"] = "16", ["LOG_FILE_COUNT"] = "3" });

        await LoadAsync([api]);
        await StopAsync(api);

        Assert.Equal(["api-1.log", "api-1.log.1", "api-1.log.2"], Directory.GetFiles(_logs.Path).Select(Path.GetFileName).Order());
        Assert.All(Directory.GetFiles(_logs.Path), file => Assert.InRange(new FileInfo(file).Length, 1, 16 * 1024));
        ReadEveryLine("api-1");
    }

    private Task<ApiUnderTest> StartAsync(string redisUrl, string instance, Dictionary<string, string?>? extra = null)
    {
        var environment = new Dictionary<string, string?>(extra ?? [])
        {
            ["LOG_FILE"] = _logs.File($"{instance}.log"),
            ["AICQ_INSTANCE"] = instance,
        };
        return ApiUnderTest.StartAsync(redisUrl, environment);
    }

    /// <summary>A graceful stop: a request's line is written after its response, so only an exited process has logged them all.</summary>
    private static async Task StopAsync(ApiUnderTest api)
    {
        await api.Process.SendSignalAsync(System.Runtime.InteropServices.PosixSignal.SIGTERM);
        await api.Process.WaitForExitAsync(TimeSpan.FromSeconds(60));
    }

    /// <summary>Bounded load, 16 requests at a time spread over the instances: reads, registrations and 404s. Returns requests per instance.</summary>
    private static async Task<Dictionary<string, int>> LoadAsync(ApiUnderTest[] apis)
    {
        // Whatever the answer (a loaded machine may shed with 503), each request is one line: only its arrival matters.
        var clients = apis.Select(api => new HttpClient { BaseAddress = new Uri(api.BaseUrl), Timeout = TimeSpan.FromMinutes(2) }).ToArray();
        await Parallel.ForAsync(0, Requests, new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (i, token) =>
        {
            var http = clients[i % clients.Length];
            using var response = (i % 4) switch
            {
                0 => await http.GetAsync("/channels", token),
                1 => await http.GetAsync($"/who/{Guid.NewGuid()}", token),
                2 => await http.PostAsJsonAsync("/register", new { public_key = AgentKey.Generate().PublicKeyBase64, name = $"load-{i}" }, token),
                _ => await http.GetAsync("/find?q=hello", token),
            };
        });
        foreach (var client in clients) client.Dispose();
        return Enumerable.Range(0, apis.Length).ToDictionary(n => $"api-{n + 1}", n => Enumerable.Range(0, Requests).Count(i => i % apis.Length == n));
    }

    /// <summary>Every line of every file of the instance, each parsed as one JSON object naming that instance.</summary>
    private List<JsonElement> ReadEveryLine(string instance)
    {
        var lines = new List<JsonElement>();
        foreach (var file in Directory.GetFiles(_logs.Path, $"{instance}.log*"))
        {
            var number = 0;
            foreach (var line in File.ReadLines(file))
            {
                number++;
                JsonElement parsed;
                try { parsed = JsonSerializer.Deserialize<JsonElement>(line); }
                catch (JsonException e) { throw new Xunit.Sdk.XunitException($"{Path.GetFileName(file)}:{number} is not JSON ({e.Message}): {line}"); }
                Assert.True(parsed.ValueKind == JsonValueKind.Object, $"{Path.GetFileName(file)}:{number}: {line}");
                Assert.Equal(instance, parsed.GetProperty("instance").GetString());
                lines.Add(parsed);
            }
        }
        Assert.NotEmpty(lines);
        return lines;
    }

    // Any request line but the readiness polls of the start: a request shed before routing is logged as "unmatched".
    private static bool IsLoadRequest(JsonElement line) =>
        line.TryGetProperty("EventId", out var id) && id.TryGetProperty("Name", out var name) && name.GetString() == "http_request"
        && line.GetProperty("path").GetString() is not ("/health/ready" or "/health/live" or "/metrics");
}
