namespace Aicq.StatusPage.Tests.Support;

/// <summary>Bodies sent with any Content-Type, and what every answer of the page must carry.</summary>
public static class Answers
{
    public static StringContent Body(string json, string contentType = "application/json")
    {
        var content = new StringContent(json, Encoding.UTF8);
        content.Headers.ContentType = null;
        content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        return content;
    }

    public static async Task AssertBelow500Async(HttpResponseMessage response)
    {
        Assert.True((int)response.StatusCode < 500, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        AssertSecurityHeaders(response);
        if ((int)response.StatusCode >= 400) await AssertErrorAsync(response, response.StatusCode);
    }

    public static async Task AssertErrorAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        Assert.Equal(status, response.StatusCode);
        AssertSecurityHeaders(response);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.False(string.IsNullOrWhiteSpace(body.GetProperty("error").GetString()));
    }

    public static void AssertSecurityHeaders(HttpResponseMessage response)
    {
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
        Assert.Contains("frame-ancestors 'none'", response.Headers.GetValues("Content-Security-Policy").Single());
    }
}
