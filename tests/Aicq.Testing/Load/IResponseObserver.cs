namespace Aicq.Testing.Load;

/// <summary>
/// Sees every request the workers complete, inside the measured window or not: the reliability suites use it
/// to keep a timeline of outcomes and the ids of acknowledged writes. The response is disposed right after
/// <see cref="Observe"/>; copy what you need. Must be thread-safe and cheap.
/// </summary>
public interface IResponseObserver
{
    /// <summary>Whether the worker should hand over this response's body (otherwise it is drained unread).</summary>
    bool WantsBody(HttpRequestMessage request);

    void Observe(RequestOutcome outcome);
}

/// <summary>
/// One completed request. <see cref="Status"/> is 0 and <see cref="Error"/> set when no response came;
/// <see cref="Started"/> and <see cref="Ended"/> are <see cref="System.Diagnostics.Stopwatch"/> timestamps.
/// </summary>
public sealed record RequestOutcome(
    HttpRequestMessage Request, HttpResponseMessage? Response, int Status, byte[]? Body, long Started, long Ended, string? Error);
