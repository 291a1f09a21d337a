using Microsoft.Extensions.Time.Testing;

namespace Aicq.Api.Tests.Overload;

/// <summary>
/// The gate's decisions on a fake clock: which waiter gets a freed slot, when one is refused and why. No request
/// runs, so nothing here depends on the machine's speed.
/// </summary>
public sealed class AdmissionGateTests
{
    private readonly FakeTimeProvider _time = new();

    private AdmissionGate Gate(int limit = 1, int queue = 8, int deadlineMs = 250, int targetMs = 10) => new(new OverloadSettings
    {
        MinConcurrentRequests = limit,
        MaxConcurrentRequests = limit,
        QueueLimit = queue,
        QueueDeadline = TimeSpan.FromMilliseconds(deadlineMs),
        QueueTarget = TimeSpan.FromMilliseconds(targetMs),
    }, _time);

    [Fact]
    public async Task FreedSlot_GoesToTheSignedWrite_BeforeOlderAnonymousReads()
    {
        var gate = Gate();
        var running = await gate.EnterAsync(RequestPriority.Sheddable, default);
        var read = gate.EnterAsync(RequestPriority.Sheddable, default).AsTask();
        var write = gate.EnterAsync(RequestPriority.Critical, default).AsTask();

        gate.Leave(running);

        Assert.Null((await Within(write)).Shed);
        Assert.False(read.IsCompleted);
        Assert.Equal((1, 1, 1), gate.Snapshot());
    }

    [Fact]
    public async Task Waiter_PastItsDeadline_IsRefusedWithoutRunning()
    {
        var gate = Gate();
        var running = await gate.EnterAsync(RequestPriority.Critical, default);
        var waiting = gate.EnterAsync(RequestPriority.Critical, default).AsTask();

        _time.Advance(TimeSpan.FromMilliseconds(251));

        Assert.Equal(ShedReason.Deadline, (await Within(waiting)).Shed);
        Assert.Equal((1, 0, 1), gate.Snapshot());
        gate.Leave(running);
        Assert.Equal((0, 0, 1), gate.Snapshot());
    }

    [Fact]
    public async Task FullQueue_RefusesAnEqualRequest_ButASignedWriteDisplacesTheNewestRead()
    {
        var gate = Gate(queue: 2);
        var running = await gate.EnterAsync(RequestPriority.Normal, default);
        var older = gate.EnterAsync(RequestPriority.Sheddable, default).AsTask();
        var newer = gate.EnterAsync(RequestPriority.Sheddable, default).AsTask();

        Assert.Equal(ShedReason.QueueFull, (await Within(gate.EnterAsync(RequestPriority.Sheddable, default).AsTask())).Shed);
        var write = gate.EnterAsync(RequestPriority.Critical, default).AsTask();
        Assert.Equal(ShedReason.QueueFull, (await Within(newer)).Shed);

        gate.Leave(running);
        Assert.Null((await Within(write)).Shed);
        Assert.False(older.IsCompleted);
    }

    [Fact]
    public async Task ReadsQueuedAboveTargetForAnInterval_RefuseReadsOnArrival_NotSignedWrites()
    {
        var gate = Gate(targetMs: 10);
        var running = await gate.EnterAsync(RequestPriority.Critical, default);
        var first = gate.EnterAsync(RequestPriority.Sheddable, default).AsTask();
        var second = gate.EnterAsync(RequestPriority.Sheddable, default).AsTask();

        // The first read leaves after twice the target: above it, but not yet for an interval, so a read still queues.
        _time.Advance(TimeSpan.FromMilliseconds(20));
        gate.Leave(running);
        var admitted = await Within(first);
        var third = gate.EnterAsync(RequestPriority.Sheddable, default).AsTask();
        Assert.False(third.IsCompleted);

        // The second leaves a whole interval later, still above the target: the queue stands.
        _time.Advance(StandingQueue.Interval);
        gate.Leave(admitted);
        Assert.Null((await Within(second)).Shed);

        Assert.Equal(ShedReason.StandingQueue, (await Within(gate.EnterAsync(RequestPriority.Sheddable, default).AsTask())).Shed);
        Assert.False(gate.EnterAsync(RequestPriority.Critical, default).AsTask().IsCompleted);
        Assert.False(gate.EnterAsync(RequestPriority.Normal, default).AsTask().IsCompleted);
    }

    [Fact]
    public async Task QuickSignedWrites_DoNotEndTheReadsStandingQueue_ItsDrainingDoes()
    {
        var gate = Gate(targetMs: 10);
        var running = await gate.EnterAsync(RequestPriority.Critical, default);
        var first = gate.EnterAsync(RequestPriority.Sheddable, default).AsTask();
        var second = gate.EnterAsync(RequestPriority.Sheddable, default).AsTask();
        var third = gate.EnterAsync(RequestPriority.Sheddable, default).AsTask();
        var behind = gate.EnterAsync(RequestPriority.Sheddable, default).AsTask(); // keeps the queue from draining
        _time.Advance(TimeSpan.FromMilliseconds(20));
        gate.Leave(running);
        running = await Within(first);
        _time.Advance(StandingQueue.Interval);
        gate.Leave(running);
        running = await Within(second);
        Assert.Equal(ShedReason.StandingQueue, (await Within(gate.EnterAsync(RequestPriority.Sheddable, default).AsTask())).Shed);

        // A signed write overtakes the reads and waits 1 ms: the reads still stand in their queue.
        var write = gate.EnterAsync(RequestPriority.Critical, default).AsTask();
        _time.Advance(TimeSpan.FromMilliseconds(1));
        gate.Leave(running);
        running = await Within(write);
        Assert.Equal(ShedReason.StandingQueue, (await Within(gate.EnterAsync(RequestPriority.Sheddable, default).AsTask())).Shed);

        // The reads waiting behind go on in turn, and once their queue is empty it no longer stands.
        gate.Leave(running);
        running = await Within(third);
        gate.Leave(running);
        Assert.Null((await Within(behind)).Shed);
        Assert.False(gate.EnterAsync(RequestPriority.Sheddable, default).AsTask().IsCompleted);
    }

    [Fact]
    public async Task ClientGoneWhileWaiting_LeavesTheQueue()
    {
        var gate = Gate();
        var running = await gate.EnterAsync(RequestPriority.Normal, default);
        using var gone = new CancellationTokenSource();
        var waiting = gate.EnterAsync(RequestPriority.Normal, gone.Token).AsTask();

        await gone.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
        Assert.Equal((1, 0, 1), gate.Snapshot());
        gate.Leave(running);
        Assert.Equal((0, 0, 1), gate.Snapshot());
    }

    /// <summary>A waiter's answer, which the gate gives at once or never: a bug fails the test instead of hanging it.</summary>
    private static Task<Admission> Within(Task<Admission> waiter) => waiter.WaitAsync(TimeSpan.FromSeconds(30));
}
