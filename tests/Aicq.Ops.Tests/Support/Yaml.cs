using YamlDotNet.RepresentationModel;

namespace Aicq.Ops.Tests.Support;

/// <summary>Navigation over YamlDotNet's representation model.</summary>
internal static class Yaml
{
    public static YamlMappingNode Parse(string text, string what)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(text));
        Assert.True(stream.Documents.Count == 1, $"{what}: expected one YAML document");
        return Assert.IsType<YamlMappingNode>(stream.Documents[0].RootNode);
    }

    public static YamlNode? Get(this YamlMappingNode map, string key) =>
        map.Children.TryGetValue(new YamlScalarNode(key), out var value) ? value : null;

    public static YamlMappingNode MapOrEmpty(this YamlMappingNode map, string key) => map.Get(key) as YamlMappingNode ?? new YamlMappingNode();

    public static string? Str(this YamlMappingNode map, string key) => (map.Get(key) as YamlScalarNode)?.Value;

    public static IEnumerable<(string Key, YamlNode Value)> Entries(this YamlMappingNode map) =>
        map.Children.Select(kv => (((YamlScalarNode)kv.Key).Value ?? "", kv.Value));

    /// <summary>A sequence of scalars, or the keys of a mapping (compose accepts both forms for networks, depends_on …).</summary>
    public static IReadOnlyList<string> Names(this YamlMappingNode map, string key) => map.Get(key) switch
    {
        YamlSequenceNode seq => seq.Children.OfType<YamlScalarNode>().Select(s => s.Value ?? "").ToList(),
        YamlMappingNode m => m.Entries().Select(e => e.Key).ToList(),
        _ => [],
    };

    public static IReadOnlyList<YamlNode> Items(this YamlMappingNode map, string key) =>
        map.Get(key) is YamlSequenceNode seq ? seq.Children.ToList() : [];
}
