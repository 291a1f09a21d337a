namespace Aicq.Monitoring.Tests.OnCall;

/// <summary>
/// How <c>./aicq up</c> chooses the on-call URL (scripts/lib/oncall.sh), run by bash against a state directory
/// of the test's own: given once, it is kept for later runs; given empty, it is forgotten; never printed whole.
/// </summary>
public sealed class OnCallUrlTests
{
    private const string Url = "https://hooks.example.com/T0/B1?token=secret";

    [Fact]
    public void OnCallUrl_GivenOnce_IsRememberedPrivately_ForLaterRuns()
    {
        using var state = new TempDir();
        var result = Bash(state, $"""
            AICQ_ONCALL_URL='{Url}' oncall_remember
            unset AICQ_ONCALL_URL
            printf '%s|%s' "$(oncall_url)" "$(stat -c %a "$ONCALL_URL_FILE")"
            """);

        Assert.Equal($"{Url}|600", result.Stdout);
    }

    [Fact]
    public void OnCallUrl_GivenEmpty_IsForgotten()
    {
        using var state = new TempDir();
        var result = Bash(state, $"""
            AICQ_ONCALL_URL='{Url}' oncall_remember
            AICQ_ONCALL_URL='' oncall_remember
            unset AICQ_ONCALL_URL
            printf '[%s]' "$(oncall_url)"; [[ ! -e "$ONCALL_URL_FILE" ]]
            """);

        Assert.Equal("[]", result.Stdout);
    }

    [Theory]
    [InlineData(Url, "https://hooks.example.com/…")]
    [InlineData("http://127.0.0.1:9097", "http://127.0.0.1:9097")]
    public void OnCallUrl_IsShownWithItsHostOnly(string url, string shown)
    {
        using var state = new TempDir();
        Assert.Equal(shown, Bash(state, $"oncall_mask '{url}'").Stdout);
    }

    private static ToolResult Bash(TempDir state, string body) =>
        Tool.RunExecutable("/bin/bash", ["-c", $"""
            set -euo pipefail
            AICQ_ROOT='{Repo.Root}' AICQ_STATE='{state.Path}'
            source "$AICQ_ROOT/scripts/lib/oncall.sh"
            {body}
            """]).AssertSuccess();
}
