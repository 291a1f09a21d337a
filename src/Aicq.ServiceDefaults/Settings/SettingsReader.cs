using System.Globalization;
using System.Net;

namespace Aicq.ServiceDefaults.Settings;

/// <summary>
/// Reads settings from configuration (environment variables by their README names) and
/// collects every problem instead of stopping at the first, so a wrong deployment is fixed in one go.
/// </summary>
public sealed class SettingsReader(IConfiguration configuration)
{
    private readonly List<string> _errors = [];
    private readonly List<(string Name, string Value)> _effective = [];

    public IReadOnlyList<string> Errors => _errors;

    /// <summary>The effective value of every setting read, secrets already masked.</summary>
    public IReadOnlyList<(string Name, string Value)> Effective => _effective;

    public string? Raw(string name)
    {
        var value = configuration[name];
        return string.IsNullOrWhiteSpace(value) ? null : value.Trim();
    }

    public string String(string name, string fallback, bool secret = false) =>
        Record(name, Raw(name) ?? fallback, secret);

    public string? OptionalString(string name, bool secret = false)
    {
        var value = Raw(name);
        Record(name, value ?? "(not set)", secret && value is not null);
        return value;
    }

    public int Int(string name, int fallback, int min, int max)
    {
        var raw = Raw(name);
        if (raw is null)
        {
            Record(name, fallback.ToString(CultureInfo.InvariantCulture));
            return fallback;
        }
        if (!int.TryParse(raw, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) || value < min || value > max)
        {
            Fail(name, $"must be a whole number from {min} to {max} (got '{raw}')");
            return fallback;
        }
        Record(name, raw);
        return value;
    }

    public T Choice<T>(string name, T fallback) where T : struct, Enum
    {
        var raw = Raw(name);
        if (raw is null)
        {
            Record(name, fallback.ToString().ToLowerInvariant());
            return fallback;
        }
        if (!Enum.TryParse<T>(raw, ignoreCase: true, out var value) || !Enum.IsDefined(value) || int.TryParse(raw, out _))
        {
            var allowed = string.Join(", ", Enum.GetNames<T>().Select(n => n.ToLowerInvariant()));
            Fail(name, $"must be one of {allowed} (got '{raw}')");
            return fallback;
        }
        Record(name, value.ToString().ToLowerInvariant());
        return value;
    }

    public Guid? OptionalGuid(string name)
    {
        var raw = Raw(name);
        if (raw is null)
        {
            Record(name, "(not set)");
            return null;
        }
        if (!Guid.TryParse(raw, out var value))
        {
            Fail(name, $"must be a UUID (got '{raw}')");
            return null;
        }
        Record(name, value.ToString());
        return value;
    }

    /// <summary>Parses a value with a custom parser that returns an error message or null.</summary>
    public T? Parse<T>(string name, string? fallback, Func<string, (T? Value, string? Error)> parse, Func<T, string> display)
        where T : class
    {
        var raw = Raw(name) ?? fallback;
        if (raw is null)
        {
            Fail(name, "is required");
            return null;
        }
        var (value, error) = parse(raw);
        if (error is not null || value is null)
        {
            Fail(name, error ?? "is invalid");
            return null;
        }
        Record(name, display(value));
        return value;
    }

    /// <summary>Like <see cref="Parse{T}"/>, for a setting that may be left out (null then).</summary>
    public T? OptionalParse<T>(string name, Func<string, (T? Value, string? Error)> parse, Func<T, string> display)
        where T : class
    {
        if (Raw(name) is not null) return Parse(name, null, parse, display);
        Record(name, "(not set)");
        return null;
    }

    public bool Bool(string name, bool fallback)
    {
        var raw = Raw(name);
        if (raw is null)
        {
            Record(name, fallback ? "true" : "false");
            return fallback;
        }
        bool? value = raw.ToLowerInvariant() switch
        {
            "true" or "1" or "yes" or "on" => true,
            "false" or "0" or "no" or "off" => false,
            _ => null,
        };
        if (value is null)
        {
            Fail(name, $"must be true or false (got '{raw}')");
            return fallback;
        }
        Record(name, value.Value ? "true" : "false");
        return value.Value;
    }

    public double Double(string name, double fallback, double min, double max)
    {
        var raw = Raw(name);
        if (raw is null)
        {
            Record(name, fallback.ToString(CultureInfo.InvariantCulture));
            return fallback;
        }
        if (!double.TryParse(raw, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !double.IsFinite(value) || value < min || value > max)
        {
            Fail(name, $"must be a number from {min.ToString(CultureInfo.InvariantCulture)} to {max.ToString(CultureInfo.InvariantCulture)} (got '{raw}')");
            return fallback;
        }
        Record(name, value.ToString(CultureInfo.InvariantCulture));
        return value;
    }

    /// <summary>
    /// An IPv4 address in dotted-quad form or an IPv6 address. Shorthands that <see cref="IPAddress.TryParse(string, out IPAddress)"/>
    /// also takes (<c>1</c>, <c>127.1</c>, <c>0x7f.0.0.1</c>) are refused: a bind address must say plainly where it listens.
    /// </summary>
    public IPAddress Address(string name, string fallback)
    {
        var raw = Raw(name) ?? fallback;
        var plain = raw.Contains(':') || (raw.Split('.').Length == 4 && raw.Split('.').All(p => p.Length is > 0 and <= 3 && p.All(char.IsAsciiDigit)));
        if (!plain || !IPAddress.TryParse(raw, out var address))
        {
            Fail(name, $"must be an IP address such as 127.0.0.1, 0.0.0.0 or :: (got '{raw}')");
            return IPAddress.Loopback;
        }
        Record(name, address.ToString());
        return address;
    }

    /// <summary>A comma-separated list of IP addresses and CIDR ranges; an empty list when unset and <paramref name="fallback"/> is empty.</summary>
    public IReadOnlyList<IPNetwork> Networks(string name, string fallback)
    {
        var raw = Raw(name) ?? fallback;
        var networks = new List<IPNetwork>();
        foreach (var part in raw.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (IPNetwork.TryParse(part, out var network)) networks.Add(network);
            else if (IPAddress.TryParse(part, out var single)) networks.Add(new IPNetwork(single, single.GetAddressBytes().Length * 8));
            else
            {
                Fail(name, $"must be a comma-separated list of IP addresses or CIDR ranges (bad entry '{part}')");
                return [];
            }
        }
        Record(name, networks.Count == 0 ? "(none)" : string.Join(",", networks));
        return networks;
    }

    public void Fail(string name, string problem) => _errors.Add($"{name} {problem}");

    private string Record(string name, string value, bool secret = false)
    {
        _effective.Add((name, secret ? "********" : value));
        return value;
    }
}
