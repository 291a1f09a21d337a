namespace Aicq.ServiceDefaults.Settings;

/// <summary>
/// Loads a service's settings before the host is built: a bad value stops the process with one
/// message naming every bad setting; <c>--check-config</c> prints the effective settings (secrets masked) and exits.
/// </summary>
public static class StartupSettings
{
    public const int ConfigErrorExitCode = 2;

    /// <summary>The arguments for the host builder: our own flags are not configuration keys.</summary>
    public static string[] HostArgs(string[] args) => args.Where(a => a != "--check-config").ToArray();

    public static T LoadOrExit<T>(string serviceName, string[] args, IConfiguration configuration, Func<SettingsReader, T> read)
    {
        var reader = new SettingsReader(configuration);
        var settings = read(reader);
        var checkOnly = args.Contains("--check-config");
        if (reader.Errors.Count > 0)
        {
            Console.Error.WriteLine($"{serviceName}: invalid configuration ({reader.Errors.Count} problem(s)):");
            foreach (var error in reader.Errors) Console.Error.WriteLine($"  - {error}");
            Environment.Exit(ConfigErrorExitCode);
        }
        if (checkOnly)
        {
            Console.WriteLine($"{serviceName}: configuration is valid. Effective settings:");
            var width = reader.Effective.Max(e => e.Name.Length);
            foreach (var (name, value) in reader.Effective) Console.WriteLine($"  {name.PadRight(width)}  {value}");
            Environment.Exit(0);
        }
        return settings;
    }
}
