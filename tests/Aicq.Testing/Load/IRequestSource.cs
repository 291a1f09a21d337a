namespace Aicq.Testing.Load;

/// <summary>Hands each connection its next request. Must be cheap and thread-safe: it runs inside the timed loop.</summary>
public interface IRequestSource
{
    /// <summary>The next request, or null when the source has run out (pre-signed requests are finite).</summary>
    HttpRequestMessage? Next();
}
