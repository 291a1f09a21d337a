namespace Aicq.Api.Tests.Overload;

/// <summary>
/// A saturated instance sheds load at once with the protocol's 503 and an integer Retry-After, keeps answering
/// its health probes, and serves normally again as soon as the work in hand finishes. Requests are held "in
/// flight" by bodies that arrive slowly: the limit applies before the API reads a body.
/// </summary>
public sealed class LoadSheddingTests(OneSlotApiFactory api) : IClassFixture<OneSlotApiFactory>
{
    [Fact]
    public async Task Saturated_ShedsWith503AndRetryAfter_HealthStaysUp_ThenServesAgain()
    {
        // The raw test-server client: the factory's default one buffers request bodies (to follow redirects).
        using var http = api.Server.CreateClient();
        var running = new HeldBody();
        var waiting = new HeldBody();
        var first = http.PostAsync("/register", running);
        await running.Started.WaitAsync(TimeSpan.FromSeconds(60));
        var second = http.PostAsync("/register", waiting);
        // The second request waits in the queue (its body is only read once it runs): watched, not slept for.
        var gate = api.Services.GetRequiredService<AdmissionGate>();
        Assert.True(await Poll.UntilAsync(() => gate.Snapshot().Queued == 1, TimeSpan.FromSeconds(60)),
            "the second request never reached the queue");

        // Shed at once, not queued: the queue is full of a request at least as important, and the slot stays taken.
        var shed = await http.GetAsync("/channels").WaitAsync(TimeSpan.FromSeconds(60));
        Assert.Equal("server overloaded", await Assert.Error(shed, HttpStatusCode.ServiceUnavailable));
        Assert.True(int.TryParse(Assert.Single(shed.Headers.GetValues("Retry-After")), out var seconds) && seconds >= 1);
        Assert.Equal("nosniff", Assert.Single(shed.Headers.GetValues("X-Content-Type-Options")));

        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/health/live")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/health/ready")).StatusCode);
        // The public /health does real work on both stores: it is shed like any route, only the probes are not.
        await Assert.Error(await http.GetAsync("/health"), HttpStatusCode.ServiceUnavailable);
        Assert.False(first.IsCompleted || second.IsCompleted);

        running.Release();
        waiting.Release();
        Assert.Equal(HttpStatusCode.BadRequest, (await first.WaitAsync(TimeSpan.FromSeconds(10))).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await second.WaitAsync(TimeSpan.FromSeconds(10))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/channels")).StatusCode);
    }

    /// <summary>A JSON body that sends its first byte, then waits for <see cref="Release"/> before the rest.</summary>
    private sealed class HeldBody : HttpContent
    {
        private readonly TaskCompletionSource _started = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private static readonly byte[] Json = Encoding.UTF8.GetBytes("{\"public_key\":\"not a key\"}");

        public HeldBody() => Headers.ContentType = new("application/json");

        public Task Started => _started.Task;

        public void Release() => _released.TrySetResult();

        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        {
            await stream.WriteAsync(Json.AsMemory(0, 1));
            await stream.FlushAsync();
            _started.TrySetResult();
            await _released.Task;
            await stream.WriteAsync(Json.AsMemory(1));
        }

        protected override bool TryComputeLength(out long length)
        {
            length = Json.Length;
            return true;
        }
    }
}
