namespace Aicq.Reliability.Tests.Support.Traffic;

/// <summary>What a generated request does; the mix and every analysis are per kind.</summary>
public enum TrafficKind
{
    /// <summary>Unsigned <c>GET /room/{id}</c> of a public room: Redis only.</summary>
    Read,

    /// <summary>Unsigned <c>GET /find?q=</c>: Redis only.</summary>
    Search,

    /// <summary>Signed <c>POST /room/{id}</c>: the signature's agent (PostgreSQL), nonce and message (Redis), room counters.</summary>
    Write,
}

/// <summary>Shares of each kind, in percent of all requests.</summary>
public sealed record TrafficMix(int Reads, int Searches, int Writes)
{
    /// <summary>Issue 7's steady mix: 60 % reads, 15 % search, 25 % signed writes.</summary>
    public static TrafficMix Steady { get; } = new(60, 15, 25);

    public TrafficKind KindOf(long sequence)
    {
        var slot = (int)(sequence % (Reads + Searches + Writes));
        return slot < Reads ? TrafficKind.Read : slot < Reads + Searches ? TrafficKind.Search : TrafficKind.Write;
    }
}
