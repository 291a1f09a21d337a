using YamlDotNet.RepresentationModel;

namespace Aicq.Testing;

/// <summary>Navigation over YamlDotNet's representation model, for tests that read the repository's YAML.</summary>
public static class Yaml
{
    /// <summary>The one document of <paramref name="text"/> as a mapping; <paramref name="what"/> names it in failures.</summary>
    public static YamlMappingNode Parse(string text, string what)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(text));
        Assert.True(stream.Documents.Count == 1, $"{what}: expected one YAML document");
        return Assert.IsType<YamlMappingNode>(stream.Documents[0].RootNode);
    }

    /// <summary>The one document of the file at <paramref name="path"/> as a mapping.</summary>
    public static YamlMappingNode Load(string path) => Parse(File.ReadAllText(path), path);

    public static YamlNode? Get(this YamlMappingNode map, string key) =>
        map.Children.TryGetValue(new YamlScalarNode(key), out var value) ? value : null;

    public static YamlMappingNode Map(this YamlMappingNode map, string key) =>
        map.Get(key) as YamlMappingNode ?? throw new KeyNotFoundException($"'{key}' is missing or not a mapping (line {map.Start.Line}).");

    public static YamlMappingNode MapOrEmpty(this YamlMappingNode map, string key) => map.Get(key) as YamlMappingNode ?? new YamlMappingNode();

    public static YamlSequenceNode Seq(this YamlMappingNode map, string key) =>
        map.Get(key) as YamlSequenceNode ?? throw new KeyNotFoundException($"'{key}' is missing or not a sequence (line {map.Start.Line}).");

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

    public static IEnumerable<YamlMappingNode> Maps(this YamlSequenceNode seq) => seq.Children.OfType<YamlMappingNode>();

    public static IEnumerable<string> Strings(this YamlSequenceNode seq) =>
        seq.Children.OfType<YamlScalarNode>().Select(s => s.Value ?? "");

    public static IReadOnlyDictionary<string, string> StringMap(this YamlMappingNode? map) =>
        map is null
            ? new Dictionary<string, string>()
            : map.Children.ToDictionary(kv => ((YamlScalarNode)kv.Key).Value ?? "", kv => (kv.Value as YamlScalarNode)?.Value ?? "");
}
