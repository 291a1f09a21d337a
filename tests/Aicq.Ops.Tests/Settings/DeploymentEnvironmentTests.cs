namespace Aicq.Ops.Tests.Settings;

/// <summary>
/// The environment each service gets in every deployment form (<c>./aicq up</c>, compose, Fly, the test fixtures)
/// against the settings it reads: nothing set is a name the service ignores, and nothing it needs is left out.
/// Where the forms differ on purpose, the difference is listed below with its reason.
/// </summary>
public sealed class DeploymentEnvironmentTests
{
    private static readonly string[] Forms = ["up", "compose", "fly", "fixture"];

    /// <summary>Set in a form although the service does not read it, and why.</summary>
    private static readonly HashSet<(string Form, string Service, string Name)> ReadElsewhere =
    [
        // fly-entrypoint.sh reads it and hands it to the edge as TRUSTED_PROXIES (the API on the same machine trusts only loopback).
        ("fly", "api", "EDGE_TRUSTED_PROXIES"),
        ("fly", "edge", "EDGE_TRUSTED_PROXIES"),
    ];

    /// <summary>A required setting a form leaves out, and why.</summary>
    private static readonly HashSet<(string Form, string Service, string Name)> NotNeeded =
    [
        // Fly's proxy terminates TLS: the edge runs with EDGE_HTTPS_PORT=0 and has no certificate of its own.
        ("fly", "edge", "TLS_CERT_PATH"),
        // Every status page test brings its own database and passes its URL to the fixture.
        ("fixture", "status", "STATUS_DATABASE_URL"),
    ];

    /// <summary>
    /// Settings with a default that works only on one machine (loopback Redis): every deployment must say where they
    /// are, so they count as required although the service starts without them.
    /// </summary>
    private static readonly Dictionary<string, string[]> MustBeChosen = new()
    {
        ["api"] = ["REDIS_URL"],
        ["edge"] = ["REDIS_URL", "EDGE_UPSTREAMS"],
        ["status"] = [],
    };

    [Theory]
    [InlineData("api")]
    [InlineData("edge")]
    [InlineData("status")]
    public async Task EveryVariableSetInAnyDeploymentForm_IsASettingTheServiceReads(string name)
    {
        var service = DeployedService.Named(name);
        var read = await service.SettingsReadAsync();
        // One Fly machine runs the API and the edge with the same [env]: a name there may belong to either.
        var readOnFly = service.FlyToml == "fly.toml"
            ? (await DeployedService.Api.SettingsReadAsync()).Union(await DeployedService.Edge.SettingsReadAsync()).ToHashSet()
            : read;
        var unknown = new List<string>();
        foreach (var form in Forms)
        {
            var known = form == "fly" ? readOnFly : read;
            unknown.AddRange((await SetInAsync(service, form))
                .Where(variable => !known.Contains(variable) && !ReadElsewhere.Contains((form, name, variable)) && !IsRuntime(variable))
                .Select(variable => $"{form}: {variable}"));
        }
        Assert.Empty(unknown);
    }

    [Theory]
    [InlineData("api")]
    [InlineData("edge")]
    [InlineData("status")]
    public async Task EveryRequiredSetting_IsSetInEveryDeploymentForm(string name)
    {
        var service = DeployedService.Named(name);
        var required = (await service.RequiredSettingsAsync()).Concat(MustBeChosen[name]).ToHashSet();
        Assert.NotEmpty(required);
        var missing = new List<string>();
        foreach (var form in Forms)
        {
            var set = await SetInAsync(service, form);
            // A secret may come from a file instead (STATUS_WEBHOOK_TOKEN_FILE).
            missing.AddRange(required.Where(variable => !set.Contains(variable) && !set.Contains(variable + "_FILE") && !NotNeeded.Contains((form, name, variable)))
                .Select(variable => $"{form}: {variable}"));
        }
        Assert.Empty(missing);
    }

    [Fact]
    public void TheAllowLists_NameOnlyWhatIsReallyThere()
    {
        // An entry that no longer describes a difference is stale: it would hide the next real one.
        foreach (var (form, name, variable) in ReadElsewhere)
            Assert.Contains(variable, SetIn(DeployedService.Named(name), form));
        foreach (var (form, name, variable) in NotNeeded)
            Assert.DoesNotContain(variable, SetIn(DeployedService.Named(name), form));
    }

    private static async Task<IReadOnlySet<string>> SetInAsync(DeployedService service, string form) =>
        form == "compose" ? await service.ComposeAsync() : SetIn(service, form);

    private static IReadOnlySet<string> SetIn(DeployedService service, string form) => form switch
    {
        "up" => service.Up(),
        "fly" => service.Fly(),
        "fixture" => service.Fixture(),
        _ => throw new ArgumentOutOfRangeException(nameof(form), form, "the compose form is asynchronous"),
    };

    // The .NET runtime's own settings (heap limits, GC mode) are for the runtime, not the service.
    private static bool IsRuntime(string variable) => variable.StartsWith("DOTNET_", StringComparison.Ordinal);
}
