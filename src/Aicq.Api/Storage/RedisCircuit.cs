using Aicq.Api.Telemetry;
using StackExchange.Redis;

namespace Aicq.Api.Storage;

/// <summary>
/// Fails fast while Redis hangs. A stopped Redis (or a network that drops packets) leaves the connection open,
/// so every command would wait out its timeout and hold a request slot for about a second. After the first
/// command that times out, the circuit opens: Redis work fails at once (503 with <c>Retry-After</c>) and a probe
/// pings Redis every 250 ms; the first answer closes it. A refused connection needs none of this: those commands
/// fail at once by themselves. Both switches are logged and shown as <c>aicq_redis_circuit_open</c>.
/// A busy instance must not look like a hung Redis, and does not: the client library reads replies on threads of its
/// own (its shared socket manager), not the thread pool's, and the one CPU-heavy request step, a private room's key
/// hash, runs on <see cref="Rooms.KeyHashPool"/> (half the cores), so the readers keep a core. Issue 12's burst of wrong
/// keys once opened the circuit this way; tests/Aicq.Api.Tests/Rooms/KeyGuessFloodTests.cs keeps it closed.
/// </summary>
internal sealed partial class RedisCircuit(IConnectionMultiplexer connection, ILogger<RedisCircuit> logger) : BackgroundService
{
    private static readonly TimeSpan ProbeInterval = TimeSpan.FromMilliseconds(250);
    private volatile bool _open;

    public void ThrowIfOpen()
    {
        if (_open) throw new RedisNotAnsweringException();
    }

    /// <summary>Opens the circuit: a command timed out, so Redis stopped answering.</summary>
    public void Open()
    {
        if (_open) return;
        _open = true;
        ApiMetrics.RedisCircuitOpen.Set(1);
        LogOpened(logger);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(ProbeInterval);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            if (!_open) continue;
            try
            {
                await connection.GetDatabase().PingAsync();
                _open = false;
                ApiMetrics.RedisCircuitOpen.Set(0);
                LogClosed(logger);
            }
            catch (Exception e) when (e is RedisException or TimeoutException)
            {
                // Still not answering (a hung Redis takes the command timeout to say so); the next tick tries again.
            }
        }
    }

    [LoggerMessage(EventName = "redis_circuit_opened", Level = LogLevel.Error,
        Message = "A Redis command timed out; Redis work now fails at once with 503 until a ping gets through")]
    private static partial void LogOpened(ILogger logger);

    [LoggerMessage(EventName = "redis_circuit_closed", Level = LogLevel.Warning, Message = "Redis answers again; requests use it again")]
    private static partial void LogClosed(ILogger logger);
}

/// <summary>Redis work refused without trying, while <see cref="RedisCircuit"/> is open; answered as a dependency 503.</summary>
internal sealed class RedisNotAnsweringException() : RedisException("Redis is not answering (a command timed out; waiting for a ping to get through)");
