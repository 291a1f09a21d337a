using Aicq.Api.Errors;

namespace Aicq.Api.Rooms;

/// <summary>What a private room's key check decided, and the protocol's answer when it refused.</summary>
internal readonly record struct KeyCheck(bool IsAllowed, int? RetryAfterSeconds)
{
    public const string WrongKey = "room key missing or wrong";

    public static KeyCheck Allowed => new(true, null);
    public static KeyCheck Refused => new(false, null);

    /// <summary>Too many key checks for this room from this client, or the hash pool is full: nothing was hashed.</summary>
    public static KeyCheck Limited(int retryAfterSeconds) => new(false, retryAfterSeconds);

    public IResult? Error => IsAllowed ? null
        : RetryAfterSeconds is { } seconds ? ApiError.TooManyRequests(seconds)
        : ApiError.Forbidden(WrongKey);
}
