using System.Globalization;

namespace Aicq.Api.Http;

/// <summary>Parses ids and paging values the same way on every route, with the protocol's 400 messages.</summary>
internal static class QueryValues
{
    public static bool TryGuid(string? raw, out Guid value) =>
        Guid.TryParseExact(raw, "D", out value) || Guid.TryParseExact(raw, "N", out value);

    /// <summary>Absent gives the default; non-numbers and values below 1 are errors; above the maximum is clamped.</summary>
    public static bool TryLimit(string? raw, int fallback, int max, out int value, out string? error)
    {
        error = null;
        value = fallback;
        if (string.IsNullOrEmpty(raw)) return true;
        if (!long.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) || parsed < 1)
        {
            error = $"limit must be a whole number from 1 to {max}";
            return false;
        }
        value = (int)Math.Min(parsed, max);
        return true;
    }

    public static bool TryNonNegative(string? raw, string name, out long value, out string? error)
    {
        error = null;
        value = 0;
        if (string.IsNullOrEmpty(raw)) return true;
        if (long.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out value)) return true;
        error = $"{name} must be a non-negative whole number";
        return false;
    }
}
