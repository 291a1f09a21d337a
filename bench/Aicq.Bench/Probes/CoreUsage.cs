using System.Globalization;

namespace Aicq.Bench.Probes;

/// <summary>
/// Busy time of each core from <c>/proc/stat</c>, whoever used it: shows whether the API's core was saturated
/// and whether the load side (generator, PostgreSQL, Redis, anything else on the machine) had room to spare.
/// </summary>
internal sealed record CoreUsage(IReadOnlyDictionary<int, (long Busy, long Total)> Cores)
{
    public static CoreUsage Read()
    {
        var cores = new Dictionary<int, (long, long)>();
        foreach (var line in File.ReadLines("/proc/stat"))
        {
            if (!line.StartsWith("cpu", StringComparison.Ordinal) || line.Length < 4 || !char.IsDigit(line[3])) continue;
            var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var values = parts.Skip(1).Take(8).Select(v => long.Parse(v, CultureInfo.InvariantCulture)).ToArray();
            var idle = values[3] + values[4]; // idle + iowait
            cores[int.Parse(parts[0][3..], CultureInfo.InvariantCulture)] = (values.Sum() - idle, values.Sum());
        }
        return new CoreUsage(cores);
    }

    /// <summary>Percent busy per core between <paramref name="earlier"/> and this reading.</summary>
    public IReadOnlyDictionary<int, double> BusyPercentSince(CoreUsage earlier) =>
        Cores.Where(c => earlier.Cores.ContainsKey(c.Key)).ToDictionary(
            c => c.Key,
            c =>
            {
                var (busy0, total0) = earlier.Cores[c.Key];
                var total = c.Value.Total - total0;
                return total <= 0 ? 0 : Math.Round(100.0 * (c.Value.Busy - busy0) / total, 1);
            });
}
