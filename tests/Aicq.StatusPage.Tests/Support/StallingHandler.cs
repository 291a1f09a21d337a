namespace Aicq.StatusPage.Tests.Support;

/// <summary>
/// Passes requests on until <see cref="Stall"/>; from then on every request hangs and ignores cancellation, as a
/// lookup or connect stuck in the kernel does, so whoever sent it is stuck too. <see cref="Release"/> lets them fail.
/// </summary>
public sealed class StallingHandler() : DelegatingHandler(new SocketsHttpHandler())
{
    private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _firstStalled = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private volatile bool _stalled;

    /// <summary>Completes when the first request after <see cref="Stall"/> is hanging.</summary>
    public Task FirstStalled => _firstStalled.Task;

    public void Stall() => _stalled = true;

    public void Release() => _released.TrySetResult();

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (!_stalled) return await base.SendAsync(request, cancellationToken);
        _firstStalled.TrySetResult();
        await _released.Task;
        throw new HttpRequestException("released by the test");
    }
}
