namespace Aicq.Api.Tests.Docs;

/// <summary>What every response carries (security headers, CORS) and the error shape of unmatched requests.</summary>
public sealed class HttpSurfaceTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    private const string ApiPolicy = "default-src 'none'";
    private static readonly string[] AuthHeaders = ["X-AICQ-Agent", "X-AICQ-Nonce", "X-AICQ-Timestamp", "X-AICQ-Signature", "X-AICQ-Room-Key"];

    public static TheoryData<string, string, string?, string?> Requests() => new()
    {
        { "GET", "/api", null, null },
        { "GET", "/docs", null, null },
        { "GET", "/docs/openapi.yaml", null, null },
        { "GET", "/health", null, null },
        { "GET", "/stats", null, null },
        { "GET", "/channels", null, null },
        { "GET", "/find?q=", null, null },
        { "GET", "/who/not-a-uuid", null, null },
        { "GET", "/no/such/path", null, null },
        { "DELETE", "/stats", null, null },
        { "GET", "/dm", null, null },
        { "POST", "/register", "text/plain", "hello" },
        { "POST", "/register", "application/json", "{\"public_key\":\"" + new string('A', 9000) + "\"}" },
    };

    [Theory]
    [MemberData(nameof(Requests))]
    public async Task AnyResponse_CarriesTheSecurityHeaders(string method, string path, string? contentType, string? body)
    {
        var response = await SendAsync(method, path, contentType, body);

        Assert.Equal("nosniff", Header(response, "X-Content-Type-Options"));
        Assert.Equal("DENY", Header(response, "X-Frame-Options"));
        Assert.Equal("strict-origin-when-cross-origin", Header(response, "Referrer-Policy"));
        Assert.Matches(@"^max-age=[1-9]\d*", Header(response, "Strict-Transport-Security"));
        Assert.StartsWith(ApiPolicy, Header(response, "Content-Security-Policy"));
        Assert.DoesNotContain("unsafe", Header(response, "Content-Security-Policy"));
    }

    [Fact]
    public async Task Landing_CarriesSecurityHeadersWithALooserPolicy()
    {
        var landing = await api.CreateClient().GetAsync("/");
        var apiInfo = await api.CreateClient().GetAsync("/api");

        var policy = Header(landing, "Content-Security-Policy");
        Assert.NotEqual(Header(apiInfo, "Content-Security-Policy"), policy);
        Assert.StartsWith(ApiPolicy, policy);
        Assert.Contains("style-src", policy);
        Assert.Equal(("nosniff", "DENY"), (Header(landing, "X-Content-Type-Options"), Header(landing, "X-Frame-Options")));
        Assert.NotNull(Header(landing, "Strict-Transport-Security"));
    }

    [Theory]
    [InlineData("https://agent.example", "POST", "/room/00000000-0000-0000-0000-000000000001")]
    [InlineData("http://localhost:5173", "GET", "/dm")]
    [InlineData("null", "DELETE", "/room/00000000-0000-0000-0000-000000000001/01J0000000000000000000000")]
    public async Task Preflight_FromAnyOrigin_AllowsTheAuthAndRoomKeyHeaders(string origin, string method, string path)
    {
        var request = new HttpRequestMessage(HttpMethod.Options, path);
        request.Headers.Add("Origin", origin);
        request.Headers.Add("Access-Control-Request-Method", method);
        request.Headers.Add("Access-Control-Request-Headers", string.Join(",", AuthHeaders.Append("Content-Type").Select(h => h.ToLowerInvariant())));

        var response = await api.CreateClient().SendAsync(request);

        Assert.True(response.IsSuccessStatusCode, $"preflight answered {(int)response.StatusCode}");
        Assert.Contains(Header(response, "Access-Control-Allow-Origin"), new[] { "*", origin });
        var allowed = Values(response, "Access-Control-Allow-Headers");
        Assert.All(AuthHeaders, h => Assert.Contains(h, allowed, StringComparer.OrdinalIgnoreCase));
        Assert.Equal("nosniff", Header(response, "X-Content-Type-Options"));
    }

    [Fact]
    public async Task CrossOriginResponse_ExposesRateLimitHeadersAndRetryAfter()
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/api");
        request.Headers.Add("Origin", "https://agent.example");

        var response = await api.CreateClient().SendAsync(request);

        Assert.Equal("*", Header(response, "Access-Control-Allow-Origin"));
        var exposed = Values(response, "Access-Control-Expose-Headers");
        Assert.All(["X-RateLimit-Limit", "X-RateLimit-Remaining", "X-RateLimit-Reset", "Retry-After"],
            h => Assert.Contains(h, exposed, StringComparer.OrdinalIgnoreCase));
    }

    [Theory]
    [InlineData("GET", "/nope")]
    [InlineData("GET", "/room/00000000-0000-0000-0000-000000000001/extra/segments")]
    [InlineData("GET", "/docs/other.yaml")]
    [InlineData("POST", "/nope")]
    public async Task UnknownPath_Returns404WithErrorShape(string method, string path)
    {
        var response = await SendAsync(method, path, method == "POST" ? "application/json" : null, method == "POST" ? "{}" : null);
        await Assert.Error(response, HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData("DELETE", "/stats")]
    [InlineData("PUT", "/register")]
    [InlineData("POST", "/find")]
    [InlineData("PATCH", "/dm")]
    [InlineData("DELETE", "/channels")]
    [InlineData("GET", "/room")]
    [InlineData("PUT", "/room/00000000-0000-0000-0000-000000000001")]
    public async Task WrongMethod_Returns405WithErrorShape(string method, string path)
    {
        await Assert.Error(await SendAsync(method, path, null, null), HttpStatusCode.MethodNotAllowed);
    }

    private async Task<HttpResponseMessage> SendAsync(string method, string path, string? contentType, string? body)
    {
        var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (body is not null) request.Content = new StringContent(body, Encoding.UTF8, contentType!);
        return await api.CreateClient().SendAsync(request);
    }

    private static string Header(HttpResponseMessage response, string name) => Assert.Single(Values(response, name).Take(1));

    /// <summary>A header's values from the response or its content, split at commas.</summary>
    private static List<string> Values(HttpResponseMessage response, string name)
    {
        var raw = response.Headers.TryGetValues(name, out var values) ? values
            : response.Content.Headers.TryGetValues(name, out var contentValues) ? contentValues : [];
        return name is "Access-Control-Allow-Headers" or "Access-Control-Expose-Headers"
            ? raw.SelectMany(v => v.Split(',')).Select(v => v.Trim()).ToList()
            : raw.ToList();
    }
}
