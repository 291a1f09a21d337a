namespace Aicq.Ops.Tests.Support;

/// <summary>
/// A stand-in for flyctl on PATH: records every call (one line of arguments each) and answers like flyctl.
/// `releases --json` of `aicq` lists two releases; another app's newest release is v3, one more per recorded
/// `deploy` of it. `status --json` reports one started machine whose check passes (critical for
/// <c>unhealthyApp</c>); `volumes list --json` has every volume but <c>missingVolume</c>. `deploy --image`
/// fails when the test asks it to, like a rolling deploy that did not converge; `deploy DIR` of a monitoring
/// app runs promtool check config / amtool check-config on DIR/config, as shipped, and fails with them.
/// </summary>
internal sealed class FakeFly : IDisposable
{
    public const string CurrentImage = "registry.fly.io/aicq:v-current";
    public const string PreviousImage = "registry.fly.io/aicq:v-previous";

    private readonly TempDir _dir = new();

    public FakeFly(bool failImageDeploy = false, string unhealthyApp = "", string missingVolume = "")
    {
        var script = $$"""
            #!/bin/bash
            set -euo pipefail
            calls='{{CallsFile}}'
            printf '%s\n' "$*" >> "$calls"
            app="" prev=""
            for arg in "$@"; do [[ "$prev" == --app ]] && app="$arg"; prev="$arg"; done
            case "$1" in
              releases)
                if [[ "$app" == aicq ]]; then
                  printf '[{"Version":7,"Status":"complete","ImageRef":"{{CurrentImage}}"},{"Version":6,"Status":"failed","ImageRef":"registry.fly.io/aicq:v-broken"},{"Version":5,"Status":"complete","ImageRef":"{{PreviousImage}}"}]\n'
                else
                  v=$((3 + $(grep -c -- "^deploy .*--app $app\( \|\$\)" "$calls" || true)))
                  printf '[{"Version":%d,"Status":"complete","ImageRef":"registry.fly.io/%s:deployment-%d"}]\n' "$v" "$app" "$v"
                fi ;;
              status)
                check=passing; [[ "$app" == '{{unhealthyApp}}' ]] && check=critical
                printf '{"Name":"%s","Machines":[{"id":"m-%s","state":"started","checks":[{"name":"healthy","status":"%s"}]}]}\n' "$app" "$app" "$check" ;;
              volumes)
                printf '[%s]\n' "$(for v in prometheus_data alertmanager_data loki_data status_data; do
                  [[ "$v" == '{{missingVolume}}' ]] || printf '{"name":"%s","state":"created"},' "$v"; done | sed 's/,$//')" ;;
              deploy)
                if [[ " $* " == *" --image "* && {{(failImageDeploy ? "1" : "0")}} == 1 ]]; then echo "fake fly: deploy did not converge" >&2; exit 1; fi
                # What Fly would build from the working directory: its rendered config must pass the real tools.
                config="${2:-.}/config"
                if [[ -f "$config/prometheus.yml" ]]; then promtool check config "$config/prometheus.yml" || exit 1; fi
                if [[ -f "$config/alertmanager.yml" ]]; then amtool check-config "$config/alertmanager.yml" || exit 1; fi ;;
            esac
            """;
        File.WriteAllText(Path.Combine(_dir.Path, "fly"), script.Replace("\r", "", StringComparison.Ordinal));
        File.SetUnixFileMode(Path.Combine(_dir.Path, "fly"), (UnixFileMode)0b111_101_101);
    }

    private string CallsFile => Path.Combine(_dir.Path, "calls.log");

    public IReadOnlyList<string> Calls => File.Exists(CallsFile) ? File.ReadAllLines(CallsFile) : [];

    /// <summary>The environment that puts this fake first on PATH.</summary>
    public IReadOnlyDictionary<string, string?> Environment => new Dictionary<string, string?>
    {
        ["PATH"] = $"{_dir.Path}:{System.Environment.GetEnvironmentVariable("PATH")}",
    };

    public void Dispose() => _dir.Dispose();
}
