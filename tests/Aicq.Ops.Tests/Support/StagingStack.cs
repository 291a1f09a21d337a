using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Aicq.Ops.Tests.Support;

/// <summary>
/// compose/docker-compose.yml running on a <see cref="StagingEngine"/>: the committed file plus one test override
/// (compose/standins/compose.test.yml, which swaps in only what this machine needs), fresh secrets, and no host
/// port (the engine publishes none): the test reaches containers by their bridge addresses.
/// Grafana and Loki are not started: their images cannot be built here.
/// </summary>
internal sealed class StagingStack(StagingEngine engine, string directory)
{
    public const string Project = "aicq-staging";
    public static readonly string[] NotRun = ["grafana", "loki"];

    private readonly string _envFile = Path.Combine(directory, "staging.env");

    public StagingEngine Engine => engine;

    public string CaFile => Path.Combine(directory, "ca.crt");

    /// <summary>Secrets and the shortened monitoring timings (the committed rule files, rendered as the fire drill does).</summary>
    public async Task PrepareAsync()
    {
        string Secret() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        File.WriteAllLines(_envFile,
        [
            $"COMPOSE_PROJECT_NAME={Project}",
            $"POSTGRES_PASSWORD={Secret()}", $"REDIS_PASSWORD={Secret()}",
            $"EDGE_ADMIN_TOKEN={Secret()}", $"STATUS_ADMIN_TOKEN={Secret()}",
            $"AICQ_STAGING_TEST_DIR={directory}", $"AICQ_SECRETS_DIR={SecretsDirectory()}",
            // Docker holds published ports on the host even without its proxy: free ones, never ./aicq up's.
            $"AICQ_EDGE_HTTPS_PORT={Aicq.Testing.FreePort.Next()}", $"AICQ_EDGE_HTTP_PORT={Aicq.Testing.FreePort.Next()}",
            $"AICQ_STATUS_PORT={Aicq.Testing.FreePort.Next()}",
        ]);
        (await Run.CommandAsync("bash", [Repo.PathOf("prometheus/render.sh"), "compose", Path.Combine(directory, "prometheus"),
            "--scrape-interval", "2s", "--evaluation-interval", "2s"])).AssertSuccess();
        (await Run.CommandAsync("bash", [Repo.PathOf("alertmanager/render.sh"), "compose", Path.Combine(directory, "alertmanager"),
            "--group-wait", "1s", "--group-interval", "2s", "--repeat-interval", "1m"])).AssertSuccess();
    }

    /// <summary>The file secrets, fresh per run; world-readable, since compose mounts them with these permissions
    /// into containers that run as other users.</summary>
    private string SecretsDirectory()
    {
        var secrets = Directory.CreateDirectory(Path.Combine(directory, "secrets")).FullName;
        foreach (var name in new[] { "status_webhook_token", "grafana_admin_password" })
        {
            var file = Path.Combine(secrets, name);
            File.WriteAllText(file, Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24)));
            File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        }
        return secrets;
    }

    public Task<RunResult> ComposeAsync(TimeSpan timeout, params string[] args) =>
        Run.CommandAsync("docker-compose",
            ["--project-directory", ComposeStack.Directory, "--env-file", _envFile,
             "-f", Path.Combine(ComposeStack.Directory, "docker-compose.yml"),
             "-f", Repo.PathOf("compose/standins/compose.test.yml"), .. args],
            ComposeStack.Directory, engine.Environment, timeout);

    private IReadOnlyList<string>? _services;

    /// <summary>Every service of the file but Grafana and Loki.</summary>
    public async Task<IReadOnlyList<string>> ServicesAsync() => _services ??= await ListServicesAsync();

    private async Task<IReadOnlyList<string>> ListServicesAsync()
    {
        var listed = (await ComposeAsync(TimeSpan.FromMinutes(1), "config", "--services")).AssertSuccess();
        return listed.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(s => !NotRun.Contains(s) && !s.Contains(' ')).ToList();
    }

    public async Task UpAsync()
    {
        (await ComposeAsync(TimeSpan.FromMinutes(6), ["up", "-d", "--no-build", .. await ServicesAsync()])).AssertSuccess();
    }

    /// <summary>The service's container, found by compose's labels with the docker CLI (one docker-compose start costs seconds).</summary>
    public async Task<string> ContainerAsync(string service)
    {
        var id = (await engine.DockerAsync("ps", "-aq", "--filter", $"label=com.docker.compose.project={Project}",
            "--filter", $"label=com.docker.compose.service={service}")).AssertSuccess().Output.Trim();
        Assert.False(string.IsNullOrEmpty(id), $"no container for {service}");
        return id.Split('\n')[0].Trim();
    }

    /// <summary>
    /// Every container's state by service, in one call: <c>healthy</c>, <c>unhealthy</c>, <c>starting</c>, or without a
    /// health check <c>running</c> / <c>exited N</c>.
    /// </summary>
    public async Task<IReadOnlyDictionary<string, string>> StatesAsync()
    {
        var ids = (await engine.DockerAsync("ps", "-aq", "--filter", $"label=com.docker.compose.project={Project}")).AssertSuccess()
            .Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (ids.Length == 0) return new Dictionary<string, string>();
        var lines = (await engine.DockerAsync(["inspect", "-f",
            "{{ index .Config.Labels \"com.docker.compose.service\" }} {{ .State.Status }} {{ .State.ExitCode }} {{ if .State.Health }}{{ .State.Health.Status }}{{ end }}",
            .. ids])).AssertSuccess().Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var states = new Dictionary<string, string>();
        foreach (var line in lines)
        {
            var part = line.Trim().Split(' ');
            // An exited container keeps its last health status (tls-init, from the edge image, reads "unhealthy").
            states[part[0]] = part[1] == "exited" ? $"exited {part[2]}" : part.Length > 3 ? part[3] : part[1];
        }
        return states;
    }

    public async Task<string> AddressAsync(string service, string network)
    {
        var json = (await engine.DockerAsync("inspect", "-f", "{{ json .NetworkSettings.Networks }}", await ContainerAsync(service))).AssertSuccess().Output;
        using var networks = JsonDocument.Parse(json);
        return networks.RootElement.GetProperty($"{Project}_{network}").GetProperty("IPAddress").GetString()!;
    }

    public async Task<RunResult> ExecAsync(string service, params string[] command) =>
        await engine.DockerAsync(["exec", await ContainerAsync(service), .. command]);

    /// <summary>GET from inside a container (the internal network has no route from the host): its body.</summary>
    public async Task<string> GetInsideAsync(string service, string url) =>
        (await ExecAsync(service, "wget", "-q", "-O", "-", url)).AssertSuccess().Output;

    /// <summary>
    /// A client for <c>https://edge</c> as agents meet it: the edge's own name and the compose CA, connected to the
    /// edge's address on the public network.
    /// </summary>
    public async Task<HttpClient> EdgeClientAsync()
    {
        var address = await AddressAsync("edge", "public");
        var ca = X509Certificate2.CreateFromPem(File.ReadAllText(CaFile));
        var handler = new SocketsHttpHandler
        {
            ConnectCallback = async (context, cancellationToken) =>
            {
                var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                await socket.ConnectAsync(System.Net.IPAddress.Parse(address), context.DnsEndPoint.Port, cancellationToken);
                return new NetworkStream(socket, ownsSocket: true);
            },
            SslOptions = new SslClientAuthenticationOptions
            {
                RemoteCertificateValidationCallback = (_, certificate, _, errors) =>
                {
                    if (certificate is null || (errors & ~SslPolicyErrors.RemoteCertificateChainErrors) != 0) return false;
                    using var chain = new X509Chain();
                    chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
                    chain.ChainPolicy.CustomTrustStore.Add(ca);
                    chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
                    return chain.Build(new X509Certificate2(certificate));
                },
            },
        };
        return new HttpClient(handler) { BaseAddress = new Uri("https://edge/"), Timeout = TimeSpan.FromSeconds(30) };
    }

    public async Task<HttpClient> StatusClientAsync() =>
        new() { BaseAddress = new Uri($"http://{await AddressAsync("status", "public")}:8088/"), Timeout = TimeSpan.FromSeconds(30) };

    /// <summary>The edge container's network namespace, for commands that must reach it as <c>https://localhost</c>.</summary>
    public async Task<string> EdgeNetworkNamespaceAsync()
    {
        var pid = (await engine.DockerAsync("inspect", "-f", "{{ .State.Pid }}", await ContainerAsync("edge"))).AssertSuccess().Output.Trim();
        return $"/proc/{pid}/ns/net";
    }
}
