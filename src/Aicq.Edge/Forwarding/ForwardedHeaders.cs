using Aicq.Edge.Regions;
using Aicq.Protocol;
using Yarp.ReverseProxy.Transforms;

namespace Aicq.Edge.Forwarding;

/// <summary>Headers between the edge and the API: the request id goes up, the API's private signal and any replay request never come down.</summary>
internal static class ForwardedHeaders
{
    public static ValueTask ApplyToRequestAsync(RequestTransformContext context)
    {
        var headers = context.ProxyRequest.Headers;
        headers.Remove(ProtocolHeaders.AuthenticatedAgent);
        // The id the edge accepted or made, so the API's log lines carry the same one.
        headers.Remove(ProtocolHeaders.RequestId);
        headers.TryAddWithoutValidation(ProtocolHeaders.RequestId, context.HttpContext.TraceIdentifier);
        return ValueTask.CompletedTask;
    }

    public static ValueTask ApplyToResponseAsync(ResponseTransformContext context)
    {
        var headers = context.HttpContext.Response.Headers;
        headers.Remove(ProtocolHeaders.AuthenticatedAgent);
        // Only the edge asks Fly's proxy to replay a request (Regions/RegionReplay), never an upstream's answer.
        headers.Remove(RegionReplay.ReplayHeader);
        // The API echoes the id; one copy, not the edge's and the API's side by side.
        headers[ProtocolHeaders.RequestId] = context.HttpContext.TraceIdentifier;
        return ValueTask.CompletedTask;
    }
}
