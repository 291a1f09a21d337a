using Aicq.Api.Docs;
using Microsoft.AspNetCore.Http;

namespace Aicq.Api.Tests.Docs;

/// <summary>The OpenAPI document is generated once and then served from memory: counted, not timed.</summary>
public sealed class GeneratedOnceTests
{
    [Fact]
    public async Task Wrap_AfterOneSuccess_NeverGeneratesAgain_AndServesTheSameBytes()
    {
        var generated = 0;
        var serve = GeneratedOnce.Wrap(async context =>
        {
            generated++;
            context.Response.ContentType = "application/yaml";
            await context.Response.WriteAsync($"openapi: 3.1.0 # {generated}");
        });

        var bodies = new List<string>();
        for (var i = 0; i < 3; i++) bodies.Add(await ServeAsync(serve));

        Assert.Equal(1, generated);
        Assert.All(bodies, body => Assert.Equal("openapi: 3.1.0 # 1", body));
    }

    [Fact]
    public async Task Wrap_AfterAFailure_GeneratesAgain()
    {
        var generated = 0;
        var serve = GeneratedOnce.Wrap(context =>
        {
            generated++;
            if (generated == 1) context.Response.StatusCode = StatusCodes.Status500InternalServerError;
            return Task.CompletedTask;
        });

        await ServeAsync(serve);
        await ServeAsync(serve);
        await ServeAsync(serve);

        Assert.Equal(2, generated);
    }

    private static async Task<string> ServeAsync(RequestDelegate serve)
    {
        var context = new DefaultHttpContext();
        using var body = new MemoryStream();
        context.Response.Body = body;
        await serve(context);
        return System.Text.Encoding.UTF8.GetString(body.ToArray());
    }
}
