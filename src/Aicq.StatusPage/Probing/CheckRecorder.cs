using Aicq.StatusPage.History;
using Aicq.StatusPage.Incidents;
using Aicq.StatusPage.State;

namespace Aicq.StatusPage.Probing;

/// <summary>
/// Records one check cycle, in this order: the checks (which finds the gaps they close and fills those in outage on
/// both sides), then what the blackbox probe saw during the edge's gap, then the incidents for gaps with evidence of
/// an outage, which read that evidence.
/// </summary>
internal sealed class CheckRecorder(HistoryStore history, BlackboxEvidence blackbox, GapIncidents incidents)
{
    public bool IsReady => history.IsReady;

    public async Task RecordAsync(IReadOnlyList<ComponentStatus> statuses, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var gaps = await blackbox.AddAsync(await history.RecordAsync(statuses, at, cancellationToken), cancellationToken);
        await history.RecordEvidenceAsync(gaps, at, cancellationToken);
        await incidents.ApplyAsync(gaps, statuses, at, cancellationToken);
    }
}
