namespace Aicq.Api.Overload;

/// <summary>
/// Admits at most <see cref="GradientLimit.Current"/> requests at once. The rest wait in one queue per
/// <see cref="RequestPriority"/>, served most important first and oldest first within a priority; a request that
/// waited past its deadline is refused, never started, and while the queue stands above its target
/// (<see cref="StandingQueue"/>) sheddable requests are refused on arrival. When the queue is full a more important
/// request takes the place of the newest less important one. One lock guards it all: a request holds it for a
/// few list operations, twice.
/// </summary>
internal sealed class AdmissionGate
{
    private readonly Lock _lock = new();
    private readonly LinkedList<Waiter>[] _queues = [.. RequestPriorities.All.Select(_ => new LinkedList<Waiter>())];
    private readonly OverloadSettings _settings;
    private readonly TimeProvider _time;
    private readonly GradientLimit _limit;
    private readonly StandingQueue _standing;
    private int _inFlight;
    private int _queued;

    public AdmissionGate(OverloadSettings settings, TimeProvider time)
    {
        _settings = settings;
        _time = time;
        _limit = new GradientLimit(settings.MinConcurrentRequests, settings.MaxConcurrentRequests);
        _standing = new StandingQueue(settings.QueueTarget, time);
        Publish();
    }

    /// <summary>Requests running now and waiting now, for tests and the metrics.</summary>
    public (int InFlight, int Queued, int Limit) Snapshot()
    {
        lock (_lock) return (_inFlight, _queued, _limit.Current);
    }

    /// <summary>Waits for a slot; the answer is either an admission to <see cref="Leave"/> later, or why the request is refused.</summary>
    public async ValueTask<Admission> EnterAsync(RequestPriority priority, CancellationToken aborted)
    {
        Waiter waiter;
        lock (_lock)
        {
            if (_queued == 0 && _inFlight < _limit.Current)
            {
                _inFlight++;
                Publish();
                return Admission.Admitted(_time.GetTimestamp());
            }
            if (priority == RequestPriority.Sheddable && _standing.Standing) return Admission.Refused(ShedReason.StandingQueue);
            if (_queued >= _settings.QueueLimit && !MakeRoomFor(priority)) return Admission.Refused(ShedReason.QueueFull);
            waiter = new Waiter(priority, _time.GetTimestamp());
            waiter.Node = _queues[(int)priority].AddLast(waiter);
            _queued++;
            Publish();
        }
        try
        {
            return await waiter.Outcome.Task.WaitAsync(_settings.QueueDeadline, _time, aborted);
        }
        catch (Exception e) when (e is TimeoutException or OperationCanceledException)
        {
            lock (_lock)
            {
                // Admitted or refused at the same moment: that answer stands.
                if (waiter.Node?.List is null) return waiter.Outcome.Task.Result;
                var now = _time.GetTimestamp();
                Remove(waiter);
                if (waiter.Priority == RequestPriority.Sheddable) _standing.Left(_time.GetElapsedTime(waiter.Since, now), now);
                Publish();
            }
            if (e is OperationCanceledException) throw;
            OverloadMetrics.Waited(_time.GetElapsedTime(waiter.Since));
            return Admission.Refused(ShedReason.Deadline);
        }
    }

    /// <summary>An admitted request finished: its time feeds the limit, and its slot goes to the next waiter.</summary>
    public void Leave(Admission admission)
    {
        lock (_lock)
        {
            var now = _time.GetTimestamp();
            _limit.Sample(_time.GetElapsedTime(admission.Since, now), _inFlight);
            _inFlight--;
            AdmitWaiters(now);
            Publish();
        }
    }

    private void AdmitWaiters(long now)
    {
        while (_inFlight < _limit.Current && Oldest() is { } waiter)
        {
            Remove(waiter);
            var sojourn = _time.GetElapsedTime(waiter.Since, now);
            // Only the waits of the requests it refuses judge the standing queue: signed writes overtake every read,
            // so theirs stay short while the reads' queue stands (a CI run saw 640 quick writes keep it from ever standing).
            if (waiter.Priority == RequestPriority.Sheddable) _standing.Left(sojourn, now);
            OverloadMetrics.Waited(sojourn);
            if (sojourn > _settings.QueueDeadline)
            {
                waiter.Outcome.TrySetResult(Admission.Refused(ShedReason.Deadline));
                continue;
            }
            _inFlight++;
            waiter.Outcome.TrySetResult(Admission.Admitted(now));
        }
        if (_queued == 0) _standing.Drained();
    }

    private bool MakeRoomFor(RequestPriority priority)
    {
        for (var lower = 0; lower < (int)priority; lower++)
        {
            if (_queues[lower].Last?.Value is not { } displaced) continue;
            Remove(displaced);
            displaced.Outcome.TrySetResult(Admission.Refused(ShedReason.QueueFull));
            return true;
        }
        return false;
    }

    private Waiter? Oldest()
    {
        for (var priority = _queues.Length - 1; priority >= 0; priority--)
            if (_queues[priority].First?.Value is { } waiter) return waiter;
        return null;
    }

    private void Remove(Waiter waiter)
    {
        _queues[(int)waiter.Priority].Remove(waiter.Node!);
        _queued--;
    }

    private void Publish() => OverloadMetrics.Publish(_inFlight, _limit.Current, _queues, _standing.Standing);

    internal sealed class Waiter(RequestPriority priority, long since)
    {
        public RequestPriority Priority { get; } = priority;
        public long Since { get; } = since;
        public LinkedListNode<Waiter>? Node { get; set; }

        /// <summary>Completed under the gate's lock; continuations run elsewhere, never while it is held.</summary>
        public TaskCompletionSource<Admission> Outcome { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}

/// <summary>A slot taken at <see cref="Since"/> (a <see cref="TimeProvider"/> timestamp), or the reason there is none.</summary>
internal readonly record struct Admission(long Since, ShedReason? Shed)
{
    public static Admission Admitted(long since) => new(since, null);

    public static Admission Refused(ShedReason reason) => new(0, reason);
}
