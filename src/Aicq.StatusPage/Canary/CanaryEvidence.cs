namespace Aicq.StatusPage.Canary;

/// <summary>
/// The request ids of the synthetic agent's recent failed calls, newest first, at most <see cref="Capacity"/>: an
/// incident of the canary component copies them when it opens.
/// </summary>
internal sealed class CanaryEvidence
{
    public const int Capacity = 50;
    private readonly LinkedList<string> _ids = new();

    public void Record(CanaryRun run)
    {
        lock (_ids)
            foreach (var id in run.Steps.Where(s => !s.Succeeded).SelectMany(s => s.RequestIds ?? []))
            {
                _ids.AddFirst(id);
                if (_ids.Count > Capacity) _ids.RemoveLast();
            }
    }

    public IReadOnlyList<string> RecentFailures(int count)
    {
        lock (_ids) return _ids.Take(count).ToList();
    }
}
