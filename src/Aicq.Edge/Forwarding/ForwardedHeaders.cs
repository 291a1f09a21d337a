using Yarp.ReverseProxy.Transforms;

namespace Aicq.Edge.Forwarding;

/// <summary>Headers between the edge and the API: the request id goes up, the API's private signal never comes down.</summary>
internal static class ForwardedHeaders
{
    /// <summary>Set by the API only when a request's signature and nonce verified; for the edge's eyes only.</summary>
    public const string AuthenticatedAgent = "X-AICQ-Authenticated-Agent";
    public const string RequestId = "X-Request-ID";

    public static ValueTask ApplyToRequestAsync(RequestTransformContext context)
    {
        var headers = context.ProxyRequest.Headers;
        headers.Remove(AuthenticatedAgent);
        // The id the edge accepted or made, so the API's log lines carry the same one.
        headers.Remove(RequestId);
        headers.TryAddWithoutValidation(RequestId, context.HttpContext.TraceIdentifier);
        return ValueTask.CompletedTask;
    }

    public static ValueTask ApplyToResponseAsync(ResponseTransformContext context)
    {
        var headers = context.HttpContext.Response.Headers;
        headers.Remove(AuthenticatedAgent);
        // The API echoes the id; one copy, not the edge's and the API's side by side.
        headers[RequestId] = context.HttpContext.TraceIdentifier;
        return ValueTask.CompletedTask;
    }
}
