namespace Aicq.Monitoring.Tests.Support;

/// <summary>Runs prometheus/render.sh and alertmanager/render.sh the way the launcher does.</summary>
internal static class Renderer
{
    public static string RenderPrometheus(TempDir dir, string variant, params string[] options) =>
        RenderPrometheus(dir.Path, variant, options);

    public static string RenderPrometheus(string outdir, string variant, params string[] options)
    {
        Run(Repo.PathOf("prometheus", "render.sh"), variant, outdir, options);
        return Path.Combine(outdir, "prometheus.yml");
    }

    public static string RenderAlertmanager(TempDir dir, string variant, params string[] options) =>
        RenderAlertmanager(dir.Path, variant, options);

    public static string RenderAlertmanager(string outdir, string variant, params string[] options)
    {
        Run(Repo.PathOf("alertmanager", "render.sh"), variant, outdir, options);
        return Path.Combine(outdir, "alertmanager.yml");
    }

    private static void Run(string script, string variant, string outdir, string[] options) =>
        Tool.RunExecutable("/bin/bash", [script, variant, outdir, .. options]).AssertSuccess();
}
