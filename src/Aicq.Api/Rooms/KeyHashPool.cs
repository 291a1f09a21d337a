using System.Collections.Concurrent;

namespace Aicq.Api.Rooms;

/// <summary>
/// Runs the slow room-key hash (PBKDF2) on a few dedicated threads of its own, behind a short bounded queue. On the
/// ASP.NET thread pool a burst of wrong keys once took every worker and both cores, so Redis replies waited behind
/// hashes, commands timed out and the Redis circuit opened for every client. Here at most <see cref="Threads"/> cores
/// hash at once, and past <see cref="QueueLimit"/> waiting hashes a check is refused at once (the caller answers 429)
/// instead of queueing into everyone's latency.
/// </summary>
internal sealed class KeyHashPool : IDisposable
{
    /// <summary>Half the cores (at least one): the other half stays with requests and the Redis and PostgreSQL replies.</summary>
    public static readonly int Threads = Math.Max(1, Environment.ProcessorCount / 2);

    /// <summary>About half a second of hashing per thread; more would only turn a burst into latency.</summary>
    public static readonly int QueueLimit = 8 * Threads;

    private readonly BlockingCollection<Action> _queue = new(QueueLimit);
    private readonly Thread[] _workers;

    public KeyHashPool()
    {
        _workers = Enumerable.Range(0, Threads).Select(i => new Thread(Work) { IsBackground = true, Name = $"aicq-key-hash-{i}" }).ToArray();
        foreach (var worker in _workers) worker.Start();
    }

    /// <summary>Runs <paramref name="hash"/> on the pool; null when the queue is full (nothing ran).</summary>
    public Task<T>? TryRun<T>(Func<T> hash)
    {
        var done = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        void Run()
        {
            try
            {
                done.SetResult(hash());
            }
            catch (Exception e)
            {
                done.SetException(e);
            }
        }
        return _queue.TryAdd(Run) ? done.Task : null;
    }

    private void Work()
    {
        foreach (var item in _queue.GetConsumingEnumerable()) item();
    }

    public void Dispose()
    {
        // The workers drain what is queued (under a second of hashing) and stop; then nothing uses the queue.
        _queue.CompleteAdding();
        foreach (var worker in _workers) worker.Join();
        _queue.Dispose();
    }
}
