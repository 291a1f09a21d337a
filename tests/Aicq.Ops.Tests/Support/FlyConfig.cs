using Tomlyn;

namespace Aicq.Ops.Tests.Support;

/// <summary>fly.toml, parsed by a real TOML parser (a syntax error fails every Fly test).</summary>
internal sealed class FlyConfig
{
    private FlyConfig(TomlTable root) => Root = root;

    public TomlTable Root { get; }

    public static FlyConfig Load() => new(TomlSerializer.Deserialize<TomlTable>(Repo.Read("fly.toml"))
        ?? throw new InvalidOperationException("fly.toml is empty"));

    public TomlTable Env => Table(Root, "env");

    public int EnvInt(string name) => int.Parse(EnvString(name), System.Globalization.CultureInfo.InvariantCulture);

    public string EnvString(string name) =>
        Env.TryGetValue(name, out var value) ? Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture)!
            : throw new Xunit.Sdk.XunitException($"fly.toml [env] has no {name}");

    public static IReadOnlyList<TomlTable> Array(TomlTable table, string key) =>
        table.TryGetValue(key, out var value) && value is TomlTableArray array ? array.Cast<TomlTable>().ToList() : [];

    public static TomlTable Table(TomlTable table, string key) =>
        table.TryGetValue(key, out var value) && value is TomlTable t ? t : throw new Xunit.Sdk.XunitException($"fly.toml has no [{key}] table");

    public static int Int(TomlTable table, string key) => Convert.ToInt32(table[key], System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>A duration like "30s" or a number of seconds.</summary>
    public static TimeSpan Seconds(object value) => value switch
    {
        string s when s.EndsWith('s') => TimeSpan.FromSeconds(int.Parse(s[..^1], System.Globalization.CultureInfo.InvariantCulture)),
        string s when s.EndsWith('m') => TimeSpan.FromMinutes(int.Parse(s[..^1], System.Globalization.CultureInfo.InvariantCulture)),
        _ => TimeSpan.FromSeconds(Convert.ToInt32(value, System.Globalization.CultureInfo.InvariantCulture)),
    };
}
