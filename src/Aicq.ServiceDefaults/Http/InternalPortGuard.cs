namespace Aicq.ServiceDefaults.Http;

/// <summary>
/// What a service keeps on its internal port (metrics, the platform's probes, operator endpoints) apart from its
/// public one. Decided by the port a connection arrived on, never by its Host header, which a client chooses.
/// </summary>
public sealed record InternalPortRules
{
    public required int InternalPort { get; init; }
    /// <summary>Path prefixes, by whole segments, such as <c>metrics</c> or <c>health/ready</c>.</summary>
    public required IReadOnlyList<string> Paths { get; init; }
    /// <summary>The paths answer 404 on every other port.</summary>
    public required bool PathsOnlyOnInternalPort { get; init; }
    /// <summary>The internal port answers 404 for every other path, so nothing public is reachable past the public port's checks.</summary>
    public required bool InternalPortServesOnlyPaths { get; init; }
    /// <summary>More requests the internal port refuses (the edge: anything its proxy would forward).</summary>
    public Func<HttpContext, bool>? AlsoRefuseOnInternalPort { get; init; }
    /// <summary>Called for an internal path asked for on a public port (the edge counts them).</summary>
    public Action? OnRefusedOnPublicPort { get; init; }
    /// <summary>How a refusal is answered; the service's own 404.</summary>
    public required Func<HttpContext, Task> Refuse { get; init; }

    public bool IsInternal(PathString path)
    {
        // Repeated slashes and case make no difference to routing, so they must make none here either.
        var value = string.Join('/', (path.Value ?? "").Split('/', StringSplitOptions.RemoveEmptyEntries)).ToLowerInvariant();
        return Paths.Any(prefix => value == prefix || value.StartsWith(prefix + "/", StringComparison.Ordinal));
    }
}

/// <summary>Applies <see cref="InternalPortRules"/> to every request.</summary>
public sealed class InternalPortGuard(RequestDelegate next, InternalPortRules rules)
{
    public Task InvokeAsync(HttpContext context)
    {
        var onInternalPort = context.Connection.LocalPort == rules.InternalPort;
        var internalPath = rules.IsInternal(context.Request.Path);
        if (!onInternalPort && internalPath && rules.PathsOnlyOnInternalPort)
        {
            rules.OnRefusedOnPublicPort?.Invoke();
            return rules.Refuse(context);
        }
        if (onInternalPort && ((!internalPath && rules.InternalPortServesOnlyPaths) || rules.AlsoRefuseOnInternalPort?.Invoke(context) == true))
            return rules.Refuse(context);
        return next(context);
    }
}
