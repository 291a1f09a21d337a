using Aicq.Edge.Telemetry;
using Aicq.Protocol;
using Aicq.ServiceDefaults.Http;
using Microsoft.AspNetCore.Routing.Template;
using Microsoft.AspNetCore.Routing;
using Yarp.ReverseProxy.Model;

namespace Aicq.Edge.Hardening;

/// <summary>
/// Answers <c>405</c> at the edge, before any body is read or budget looked at, for a request no protocol route takes
/// by its method: a known method on a protocol path that does not take it (the API would say 405 as well), and a
/// method outside <see cref="KnownMethods"/> on any path. Such a method can never succeed, and forwarding it would
/// hand the API a token of the client's choosing. Only requests that fell through to the catch-all route are looked
/// at: a protocol route has matched its method already.
/// </summary>
internal sealed class MethodGuard(RequestDelegate next)
{
    private static readonly (TemplateMatcher Path, string Method)[] Routes =
        ProtocolRoutes.All.Select(r => (new TemplateMatcher(TemplateParser.Parse(r.Template), new RouteValueDictionary()), r.Method)).ToArray();

    public Task InvokeAsync(HttpContext context)
    {
        if (context.GetEndpoint()?.Metadata.GetMetadata<RouteModel>()?.Config.RouteId != ProtocolRoutes.Other.Id) return next(context);
        var allowed = Allowed(context.Request.Path);
        if (allowed.Length == 0 && KnownMethods.Find(context.Request.Method) is not null) return next(context);
        EdgeMetrics.BlockedRequests.WithLabels("method_not_allowed").Inc();
        if (allowed.Length > 0) context.Response.Headers.Allow = string.Join(", ", allowed);
        return EdgeError.WriteAsync(context, StatusCodes.Status405MethodNotAllowed, "method not allowed");
    }

    /// <summary>The methods the protocol routes whose template matches <paramref name="path"/> take; empty for no protocol path.</summary>
    private static string[] Allowed(PathString path) =>
        Routes.Where(r => r.Path.TryMatch(path, new RouteValueDictionary())).Select(r => r.Method).Distinct().ToArray();
}
