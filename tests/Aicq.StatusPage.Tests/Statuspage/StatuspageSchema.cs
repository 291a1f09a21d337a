using Json.Schema;

namespace Aicq.StatusPage.Tests.Statuspage;

/// <summary>The Statuspage format's JSON schema (<c>statuspage-v2.schema.json</c>, written from its public docs), one entry per endpoint.</summary>
public static class StatuspageSchema
{
    private static readonly JsonNode Definitions = JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Statuspage", "statuspage-v2.schema.json")))!["$defs"]!;

    public static readonly string[] Endpoints = ["summary.json", "status.json", "components.json", "incidents.json", "scheduled-maintenances.json"];

    /// <summary>Every way <paramref name="body"/> breaks the schema of <paramref name="endpoint"/>, as "where: what"; empty when it conforms.</summary>
    public static IReadOnlyList<string> Violations(string endpoint, JsonElement body)
    {
        var root = new JsonObject
        {
            ["$schema"] = "https://json-schema.org/draft/2020-12/schema",
            ["$ref"] = $"#/$defs/{endpoint}",
            ["$defs"] = Definitions.DeepClone(),
        };
        var schema = JsonSchema.FromText(root.ToJsonString(), new BuildOptions { SchemaRegistry = new SchemaRegistry() });
        var result = schema.Evaluate(body, new EvaluationOptions { OutputFormat = OutputFormat.List, RequireFormatValidation = true });
        if (result.IsValid) return [];
        return (result.Details ?? []).Where(d => d.Errors is { Count: > 0 })
            .SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Value}")).ToList();
    }
}
