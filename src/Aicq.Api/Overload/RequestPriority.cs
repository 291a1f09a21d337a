using Aicq.Protocol;

namespace Aicq.Api.Overload;

/// <summary>
/// Who gives way under overload, least important first. Decided from the request line and headers alone, before
/// any work: a signature is only checked after admission, so a forged one buys priority for the cost of a 401, and
/// the edge's per-address limits bound how often.
/// </summary>
internal enum RequestPriority
{
    /// <summary>Reads without a signature (the public <c>/health</c> among them): cheap to retry, shed first.</summary>
    Sheddable = 0,

    /// <summary>Everything else: signed reads (<c>GET /dm</c>), registration, preflights.</summary>
    Normal = 1,

    /// <summary>Signed writes: what agents came for, served first and shed last.</summary>
    Critical = 2,
}

internal static class RequestPriorities
{
    public static readonly RequestPriority[] All = Enum.GetValues<RequestPriority>();

    public static RequestPriority Of(HttpRequest request)
    {
        var signed = request.Headers.ContainsKey(ProtocolHeaders.Signature);
        var read = HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method);
        return (signed, read) switch
        {
            (false, true) => RequestPriority.Sheddable,
            (true, false) => RequestPriority.Critical,
            _ => RequestPriority.Normal,
        };
    }

    /// <summary>The metric label: one of three fixed values.</summary>
    public static string Label(this RequestPriority priority) => priority switch
    {
        RequestPriority.Sheddable => "sheddable",
        RequestPriority.Normal => "normal",
        _ => "critical",
    };
}
