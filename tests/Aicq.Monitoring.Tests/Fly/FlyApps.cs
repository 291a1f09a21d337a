using Tomlyn;
using Tomlyn.Model;

namespace Aicq.Monitoring.Tests.Fly;

/// <summary>The Fly apps' fly.toml files (deploy/fly/&lt;app&gt;/fly.toml, and fly.toml for aicq), parsed by a real TOML parser.</summary>
internal static class FlyApps
{
    public static readonly string[] Monitoring = ["prometheus", "alertmanager", "grafana", "loki"];

    public static TomlTable Load(string app) => TomlSerializer.Deserialize<TomlTable>(
        app == "aicq" ? Repo.Read("fly.toml") : Repo.Read("deploy", "fly", app, "fly.toml"))
        ?? throw new InvalidOperationException($"the fly.toml of {app} is empty");

    public static string Config(string app, params string[] parts) => Repo.PathOf(["deploy", "fly", app, "config", .. parts]);

    public static string Env(string app, string name) =>
        Load(app).TryGetValue("env", out var env) && env is TomlTable table && table.TryGetValue(name, out var value)
            ? Convert.ToString(value, CultureInfo.InvariantCulture)!
            : throw new Xunit.Sdk.XunitException($"the fly.toml of {app} has no [env] {name}");

    /// <summary>The private address of an app: <c>&lt;its fly.toml app name&gt;.internal</c>.</summary>
    public static string Internal(string app) => $"{Load(app)["app"]}.internal";

    public static string? MountDestination(string app) =>
        Load(app).TryGetValue("mounts", out var mounts) && mounts is TomlTable table ? (string)table["destination"] : null;

    public static bool HasServices(string app) => Load(app).ContainsKey("services");
}
