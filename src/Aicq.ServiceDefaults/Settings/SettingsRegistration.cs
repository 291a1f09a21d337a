namespace Aicq.ServiceDefaults.Settings;

public static class SettingsRegistration
{
    /// <summary>
    /// Registers a service's settings the one way every AICQ service does: the whole record (read once by
    /// <see cref="StartupSettings.LoadOrExit{T}"/>) and each section its features take by type, so a feature
    /// asks for the section it needs instead of the whole record.
    /// </summary>
    public static IServiceCollection AddSettings<T>(this IServiceCollection services, T settings, params object[] sections) where T : class
    {
        services.AddSingleton(settings);
        foreach (var section in sections) services.AddSingleton(section.GetType(), section);
        return services;
    }
}
