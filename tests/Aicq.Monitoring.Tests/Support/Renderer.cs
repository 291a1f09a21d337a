namespace Aicq.Monitoring.Tests.Support;

/// <summary>Runs prometheus/render.sh and alertmanager/render.sh the way the launcher does.</summary>
internal static class Renderer
{
    public static string RenderPrometheus(TempDir dir, string variant, params string[] options)
    {
        Run(Repo.PathOf("prometheus", "render.sh"), variant, dir.Path, options);
        return dir.File("prometheus.yml");
    }

    public static string RenderAlertmanager(TempDir dir, string variant, params string[] options)
    {
        Run(Repo.PathOf("alertmanager", "render.sh"), variant, dir.Path, options);
        return dir.File("alertmanager.yml");
    }

    private static void Run(string script, string variant, string outdir, string[] options) =>
        Tool.RunExecutable("/bin/bash", [script, variant, outdir, .. options]).AssertSuccess();
}
