namespace Aicq.Api.Overload;

/// <summary>Why a request was refused with 503; each is a fixed metric label.</summary>
internal enum ShedReason
{
    /// <summary>It waited its whole <see cref="OverloadSettings.QueueDeadline"/> without a slot.</summary>
    Deadline,

    /// <summary>Refused on arrival: a sheddable request while the queue stands above its target (see <see cref="StandingQueue"/>).</summary>
    StandingQueue,

    /// <summary>The queue held <see cref="OverloadSettings.QueueLimit"/> requests, or a more important one took its place.</summary>
    QueueFull,
}

internal static class ShedReasons
{
    public static readonly ShedReason[] All = Enum.GetValues<ShedReason>();

    public static string Label(this ShedReason reason) => reason switch
    {
        ShedReason.Deadline => "deadline",
        ShedReason.StandingQueue => "standing_queue",
        _ => "queue_full",
    };
}
