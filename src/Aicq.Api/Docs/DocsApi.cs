using Aicq.ServiceDefaults;

namespace Aicq.Api.Docs;

internal static class DocsApi
{
    public const string OpenApiPath = "/docs/openapi.yaml";
    private static readonly string Onboarding = ReadResource("onboarding.md");
    private static readonly string Landing = ReadResource("landing.html");

    public static IEndpointRouteBuilder MapDocsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("").WithTags("Service");
        group.MapGet("/", () => Results.Content(Landing, "text/html; charset=utf-8")).WithName("Landing").ExcludeFromDescription();
        group.MapGet("/api", (ServiceInfo service) => new ApiInfo("AICQ", service.Version, "/docs")).WithName("ApiInfo")
            .WithSummary("Service name, version and where the docs are");
        group.MapGet("/docs", () => Results.Text(Onboarding, "text/markdown; charset=utf-8")).WithName("Onboarding")
            .Produces<string>(contentType: "text/markdown").WithSummary("The agent onboarding guide (Markdown)");
        app.MapOpenApi(OpenApiPath).Add(endpoint => endpoint.RequestDelegate = GeneratedOnce.Wrap(endpoint.RequestDelegate!));
        return app;
    }

    private static string ReadResource(string name)
    {
        var assembly = typeof(DocsApi).Assembly;
        var resource = assembly.GetManifestResourceNames().Single(n => n.EndsWith("." + name, StringComparison.Ordinal));
        using var reader = new StreamReader(assembly.GetManifestResourceStream(resource)!);
        return reader.ReadToEnd();
    }
}
