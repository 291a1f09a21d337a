using YamlDotNet.RepresentationModel;

namespace Aicq.Monitoring.Tests.Support;

/// <summary>Small navigation helpers over YamlDotNet's representation model.</summary>
internal static class Yaml
{
    public static YamlMappingNode Load(string path)
    {
        var stream = new YamlStream();
        using var reader = new StreamReader(path);
        stream.Load(reader);
        Assert.True(stream.Documents.Count == 1, $"{path}: expected exactly one YAML document.");
        return Assert.IsType<YamlMappingNode>(stream.Documents[0].RootNode);
    }

    public static YamlNode? Get(this YamlMappingNode map, string key) =>
        map.Children.TryGetValue(new YamlScalarNode(key), out var value) ? value : null;

    public static YamlMappingNode Map(this YamlMappingNode map, string key) =>
        map.Get(key) as YamlMappingNode ?? throw new KeyNotFoundException($"'{key}' is missing or not a mapping (line {map.Start.Line}).");

    public static YamlSequenceNode Seq(this YamlMappingNode map, string key) =>
        map.Get(key) as YamlSequenceNode ?? throw new KeyNotFoundException($"'{key}' is missing or not a sequence (line {map.Start.Line}).");

    public static string? Str(this YamlMappingNode map, string key) => (map.Get(key) as YamlScalarNode)?.Value;

    public static IEnumerable<YamlMappingNode> Maps(this YamlSequenceNode seq) => seq.Children.OfType<YamlMappingNode>();

    public static IEnumerable<string> Strings(this YamlSequenceNode seq) =>
        seq.Children.OfType<YamlScalarNode>().Select(s => s.Value ?? "");

    public static IReadOnlyDictionary<string, string> StringMap(this YamlMappingNode? map) =>
        map is null
            ? new Dictionary<string, string>()
            : map.Children.ToDictionary(kv => ((YamlScalarNode)kv.Key).Value ?? "", kv => (kv.Value as YamlScalarNode)?.Value ?? "");
}
