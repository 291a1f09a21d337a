using System.Text.Json;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Aicq.StatusPage.Probing;

/// <summary>
/// Reads, from Alertmanager's <c>/api/v2/status</c>, how many integrations (webhooks, PagerDuty, …) the on-call
/// receiver has in the configuration Alertmanager actually loaded: the truth, whoever rendered it. Zero means
/// nobody is paged. The receiver's URLs are never kept: they often carry a token.
/// </summary>
internal static class OnCallReceiver
{
    /// <summary>The number of integrations of <paramref name="receiver"/>, 0 when it is absent, or null when the answer is not Alertmanager's status.</summary>
    public static int? Integrations(ReadOnlySpan<byte> statusJson, string receiver)
    {
        try
        {
            using var document = JsonDocument.Parse(statusJson.ToArray());
            if (!document.RootElement.TryGetProperty("config", out var config)
                || !config.TryGetProperty("original", out var original) || original.ValueKind != JsonValueKind.String)
                return null;
            var yaml = new YamlStream();
            yaml.Load(new StringReader(original.GetString()!));
            if (yaml.Documents is not [{ RootNode: YamlMappingNode root }]) return null;
            if (!root.Children.TryGetValue("receivers", out var receivers)) return 0;
            var mine = (receivers as YamlSequenceNode)?.OfType<YamlMappingNode>()
                .FirstOrDefault(r => r.Children.TryGetValue("name", out var name) && (name as YamlScalarNode)?.Value == receiver);
            return mine?.Children
                .Where(c => (c.Key as YamlScalarNode)?.Value?.EndsWith("_configs", StringComparison.Ordinal) == true)
                .Sum(c => (c.Value as YamlSequenceNode)?.Children.Count ?? 0) ?? 0;
        }
        catch (Exception e) when (e is JsonException or YamlException)
        {
            return null;
        }
    }
}
