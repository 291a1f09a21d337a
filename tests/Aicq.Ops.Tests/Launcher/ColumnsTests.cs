namespace Aicq.Ops.Tests.Launcher;

/// <summary>print_columns (scripts/lib/ui.sh), which lays out `./aicq status`: columns hold whatever their cells are.</summary>
public sealed class ColumnsTests
{
    private const string Rows = "PART\u001fSTATE\u001fPID\u001fHEALTH\u001fLOG\n"
        + "postgres\u001frunning\u001f17652\u001fok\u001fpostgres.log\n"
        + "exporters\u001frunning\u001f18474,18489,18500,18519\u001fok\u001fexporters.log\n"
        + "api\u001fstopped\u001f-\u001f-\u001fapi-1.log,api-2.log\n";

    [Fact]
    public async Task ACellWithSeveralPids_ShiftsNoOtherColumn()
    {
        var lines = await PrintAsync(colour: false);

        int health = lines[0].IndexOf("HEALTH", StringComparison.Ordinal), log = lines[0].IndexOf("LOG", StringComparison.Ordinal);
        Assert.Equal(["ok", "ok", "- "], lines[1..].Select(line => line.Substring(health, 2)));
        Assert.Equal(["postgres.log", "exporters.log", "api-1.log,api-2.log"], lines[1..].Select(line => line[log..]));
    }

    [Fact]
    public async Task ColourCodes_DoNotCountAsWidth()
    {
        var plain = await PrintAsync(colour: false);
        var coloured = await PrintAsync(colour: true);

        Assert.Equal(plain, coloured.Select(line => line.Replace("<g>", "").Replace("<r>", "").Replace("</>", "").Replace("<b>", "")));
        Assert.Contains("<g>running</>", coloured[1]);
    }

    /// <summary>The real function, sourced by bash; with colour, visible stand-ins for the escape codes.</summary>
    private static async Task<string[]> PrintAsync(bool colour)
    {
        var codes = colour ? "UI_BOLD='<b>' UI_GREEN='<g>' UI_RED='<r>' UI_RESET='</>'; " : "";
        var script = $"source '{Repo.PathOf("scripts", "lib", "ui.sh")}'; {codes}printf '%s' \"$ROWS\" | print_columns 1,3";
        var result = (await Run.CommandAsync("bash", ["-c", script], environment: new Dictionary<string, string?> { ["ROWS"] = Rows })).AssertSuccess();
        return result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
    }
}
