using System.Globalization;

namespace Aicq.Client;

/// <summary>
/// Reads a duration in the form Go's <c>time.Duration.String()</c> writes and <c>time.ParseDuration</c> reads: one or
/// more decimal numbers, each with a unit (<c>ns</c>, <c>us</c>, <c>µs</c>, <c>ms</c>, <c>s</c>, <c>m</c>, <c>h</c>), such as
/// <c>"2ms"</c>, <c>"1.234ms"</c>, <c>"512.3µs"</c> or <c>"1m2.5s"</c>. This is how AICQ servers write a health check's latency.
/// </summary>
public static class GoDuration
{
    private static readonly (string Unit, double Ticks)[] Units =
    [
        ("ns", TimeSpan.TicksPerMillisecond / 1_000_000.0), ("us", TimeSpan.TicksPerMillisecond / 1000.0),
        ("\u00b5s", TimeSpan.TicksPerMillisecond / 1000.0), ("\u03bcs", TimeSpan.TicksPerMillisecond / 1000.0),
        ("ms", TimeSpan.TicksPerMillisecond), ("s", TimeSpan.TicksPerSecond), ("m", TimeSpan.TicksPerMinute), ("h", TimeSpan.TicksPerHour),
    ];

    /// <summary>Parses <paramref name="text"/>; false for anything Go would refuse (a bare number other than 0, an unknown unit, a sign).</summary>
    public static bool TryParse(string? text, out TimeSpan value)
    {
        value = TimeSpan.Zero;
        if (string.IsNullOrEmpty(text)) return false;
        if (text == "0") return true;
        double ticks = 0;
        var rest = text.AsSpan();
        while (!rest.IsEmpty)
        {
            var numberLength = 0;
            while (numberLength < rest.Length && (char.IsAsciiDigit(rest[numberLength]) || rest[numberLength] == '.')) numberLength++;
            if (numberLength == 0 || !double.TryParse(rest[..numberLength], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number))
                return false;
            rest = rest[numberLength..];
            var unit = UnitAt(rest);
            if (unit < 0) return false;
            ticks += number * Units[unit].Ticks;
            rest = rest[Units[unit].Unit.Length..];
        }
        if (ticks > TimeSpan.MaxValue.Ticks) return false;
        value = TimeSpan.FromTicks((long)Math.Round(ticks));
        return true;
    }

    // The two-letter units come first in Units, so "ms" is never read as "m" followed by "s".
    private static int UnitAt(ReadOnlySpan<char> rest)
    {
        for (var i = 0; i < Units.Length; i++)
            if (rest.StartsWith(Units[i].Unit, StringComparison.Ordinal)) return i;
        return -1;
    }
}
