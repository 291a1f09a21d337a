using Aicq.ServiceDefaults.Settings;

namespace Aicq.Edge.Admin;

/// <summary>The bearer token of the internal admin endpoints; unset turns them off.</summary>
internal sealed record AdminSettings
{
    public string? Token { get; init; }

    public static AdminSettings Read(SettingsReader reader)
    {
        var token = reader.OptionalString("ADMIN_TOKEN", secret: true);
        if (token is { Length: < 16 }) reader.Fail("ADMIN_TOKEN", "must be at least 16 characters (generate one with: openssl rand -hex 32)");
        return new AdminSettings { Token = token };
    }
}
