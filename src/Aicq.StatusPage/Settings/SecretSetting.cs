using Aicq.ServiceDefaults.Settings;

namespace Aicq.StatusPage.Settings;

/// <summary>
/// A token given either in one setting or in a file that a second one names (a compose or Fly secret mounted as a
/// file), never both. The value is never recorded; the file's path is not a secret and is.
/// </summary>
internal static class SecretSetting
{
    public static string? Read(SettingsReader reader, string name, string fileName, int minLength, bool required)
    {
        var direct = reader.OptionalString(name, secret: true);
        var file = reader.OptionalString(fileName);
        if (direct is not null && file is not null)
        {
            reader.Fail(name, $"and {fileName} are both set; set only one");
            return null;
        }
        var value = direct ?? (file is null ? null : ReadFile(reader, fileName, file));
        if (value is null)
        {
            if (required && file is null) reader.Fail(name, $"is required (or {fileName}, the path of a file holding it)");
            return null;
        }
        if (value.Length < minLength)
        {
            reader.Fail(file is null ? name : fileName, $"must hold at least {minLength} characters");
            return null;
        }
        return value;
    }

    private static string? ReadFile(SettingsReader reader, string fileName, string path)
    {
        try
        {
            var value = File.ReadAllText(path).Trim();
            if (value.Length > 0) return value;
            reader.Fail(fileName, $"names an empty file ({path})");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            reader.Fail(fileName, $"names a file that cannot be read ({path}: {e.GetType().Name})");
        }
        return null;
    }
}
