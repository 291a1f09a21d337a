using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;

namespace Aicq.Api.Tests.Contract;

/// <summary>
/// The API's real endpoints against the protocol's route table (src/Aicq.Protocol), which the edge routes and limits
/// by: an endpoint the table lacks would fall into the edge's catch-all route and its budget, and a table route
/// without an endpoint is a limit on nothing. Parameter names are not on the wire and are ignored; literals,
/// parameter positions and constraints are compared.
/// </summary>
public sealed class RouteTableTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    /// <summary>The API's own endpoints outside the protocol (probes, any method; metrics), which the edge never forwards.</summary>
    private static readonly HashSet<string> NotProtocol = ["* /health/live", "* /health/ready", "GET /metrics"];

    [Fact]
    public void EveryApiEndpoint_IsATableRoute_AndEveryTableRouteAnEndpoint()
    {
        var endpoints = ApiEndpoints();
        var table = ProtocolRoutes.All.ToDictionary(r => Shape(r.Method, r.Template), r => r.Id);

        var notInTable = endpoints.Keys.Where(e => !table.ContainsKey(e) && !NotProtocol.Contains(endpoints[e])).Select(e => endpoints[e]).ToList();
        var noEndpoint = table.Where(t => !endpoints.ContainsKey(t.Key)).Select(t => $"{t.Value} ({t.Key})").ToList();
        Assert.True(notInTable.Count == 0 && noEndpoint.Count == 0,
            "the API's endpoints and src/Aicq.Protocol/ProtocolRoutes.cs differ (add the route to the table first):\n"
            + $"API endpoints missing from the table: {string.Join(", ", notInTable)}\n"
            + $"table routes without an API endpoint: {string.Join(", ", noEndpoint)}");
    }

    [Fact]
    public void NonProtocolAllowList_NamesOnlyRealEndpoints()
    {
        var endpoints = ApiEndpoints().Values.ToHashSet();
        Assert.Subset(endpoints, NotProtocol);
    }

    [Fact]
    public void Table_HasUniqueIdsAndShapes_AndClassesThatFitTheirMethods()
    {
        var routes = ProtocolRoutes.WithOther;
        Assert.Equal(routes.Count, routes.Select(r => r.Id).Distinct().Count());
        Assert.Equal(ProtocolRoutes.All.Count, ProtocolRoutes.All.Select(r => Shape(r.Method, r.Template)).Distinct().Count());
        Assert.All(ProtocolRoutes.All, r => Assert.True(
            r.Class == RouteClass.Write ? r.Method is "POST" or "DELETE" : r.Method == "GET",
            $"{r.Id}: a {r.Class} route on {r.Method}"));
        Assert.All(ProtocolRoutes.All.Where(r => r.Limit is not null), r => Assert.True(r.Limit!.Limit > 0 && r.Limit.Window > TimeSpan.Zero, r.Id));
        Assert.Same(ProtocolRoutes.Other, ProtocolRoutes.WithOther[^1]);
    }

    /// <summary>Every route endpoint of the running API, by shape, with how it reads ("METHOD /template").</summary>
    private Dictionary<string, string> ApiEndpoints()
    {
        var source = api.Services.GetRequiredService<EndpointDataSource>();
        var endpoints = new Dictionary<string, string>();
        foreach (var endpoint in source.Endpoints.OfType<RouteEndpoint>())
        {
            var methods = endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? [];
            foreach (var method in methods.Count == 0 ? ["*"] : methods)
                endpoints[Shape(method, endpoint.RoutePattern)] = $"{method} {endpoint.RoutePattern.RawText}";
        }
        Assert.NotEmpty(endpoints);
        return endpoints;
    }

    private static string Shape(string method, string template) => Shape(method, RoutePatternFactory.Parse(template));

    /// <summary>The route as matching sees it: method, literals (case-insensitive), parameters by position and constraints.</summary>
    private static string Shape(string method, RoutePattern pattern) =>
        method.ToUpperInvariant() + " /" + string.Join("/", pattern.PathSegments.Select(segment => string.Concat(segment.Parts.Select(part => part switch
        {
            RoutePatternLiteralPart literal => literal.Content.ToLowerInvariant(),
            RoutePatternParameterPart parameter =>
                "{" + (parameter.IsCatchAll ? "**" : "") + string.Concat(parameter.ParameterPolicies.Select(p => ":" + p.Content)) + (parameter.IsOptional ? "?" : "") + "}",
            RoutePatternSeparatorPart separator => separator.Content,
            _ => "?",
        }))));
}
