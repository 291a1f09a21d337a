using System.Buffers;
using System.IO.Pipelines;

namespace Aicq.ServiceDefaults.Http;

/// <summary>
/// The connection's output as HTTP/1.1 writes it, passed straight through except at the start of a response: Kestrel writes
/// a response head with one <see cref="Advance"/> into memory it asked for after the previous flush, so only the first
/// Advance after a flush can begin a head, and only that one is looked at (a few bytes compared on normal answers).
/// When it is one of Kestrel's own refusals, those bytes are never committed and the protocol's answer takes their place.
/// </summary>
internal sealed class RefusalRewritingWriter(PipeWriter inner, KestrelRefusalAnswer refusals) : PipeWriter
{
    // Kestrel's refusal heads are under 200 bytes; asking the pipe for this much contiguous room at a response's start keeps
    // one from being split over two buffers (which would commit its first part before it could be recognised).
    private const int HeadRoom = 256;

    private bool _atResponseStart = true;
    private Memory<byte> _handedOut;

    public override Memory<byte> GetMemory(int sizeHint = 0) =>
        _atResponseStart ? _handedOut = inner.GetMemory(Math.Max(sizeHint, HeadRoom)) : inner.GetMemory(sizeHint);

    public override Span<byte> GetSpan(int sizeHint = 0) => _atResponseStart ? GetMemory(sizeHint).Span : inner.GetSpan(sizeHint);

    public override void Advance(int bytes)
    {
        if (_atResponseStart && bytes > 0)
        {
            _atResponseStart = false;
            var written = _handedOut;
            _handedOut = default;
            if (bytes <= written.Length && refusals.Replace(written.Span[..bytes]) is { } answer)
            {
                inner.Write(answer);
                return;
            }
        }
        inner.Advance(bytes);
    }

    public override ValueTask<FlushResult> FlushAsync(CancellationToken cancellationToken = default)
    {
        _atResponseStart = true;
        return inner.FlushAsync(cancellationToken);
    }

    public override ValueTask<FlushResult> WriteAsync(ReadOnlyMemory<byte> source, CancellationToken cancellationToken = default)
    {
        _atResponseStart = true;
        return inner.WriteAsync(source, cancellationToken);
    }

    public override void CancelPendingFlush() => inner.CancelPendingFlush();
    public override void Complete(Exception? exception = null) => inner.Complete(exception);
    public override ValueTask CompleteAsync(Exception? exception = null) => inner.CompleteAsync(exception);
    public override bool CanGetUnflushedBytes => inner.CanGetUnflushedBytes;
    public override long UnflushedBytes => inner.UnflushedBytes;
}

/// <summary>The connection's transport with its output behind <see cref="RefusalRewritingWriter"/>.</summary>
internal sealed class RefusalRewritingPipe(IDuplexPipe transport, KestrelRefusalAnswer refusals) : IDuplexPipe
{
    public PipeReader Input { get; } = transport.Input;
    public PipeWriter Output { get; } = new RefusalRewritingWriter(transport.Output, refusals);
}
