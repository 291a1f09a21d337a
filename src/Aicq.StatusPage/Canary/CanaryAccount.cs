using System.Net;
using Aicq.Client;

namespace Aicq.StatusPage.Canary;

/// <summary>
/// The canary's registered identity and its two rooms (a private one to post and read, a public one to search):
/// made on first use, kept in <see cref="CanaryState"/> across restarts, and made again when the server lost them.
/// </summary>
internal sealed partial class CanaryAccount(HttpClient http, CanaryState state, TimeProvider clock, ILogger<CanaryAccount> logger)
{
    private AgentIdentity? _identity;
    private AgentKey? _unregisteredKey;
    private CanaryRooms? _rooms;
    private bool _registerAgain;

    public AgentIdentity Identity => _identity ?? throw new InvalidOperationException("The canary has no identity yet.");

    public CanaryRooms Rooms => _rooms ?? throw new InvalidOperationException("The canary has no rooms yet.");

    /// <summary>
    /// Uses the saved identity as is (no call: a restart costs no registration, which is rate-limited per address);
    /// registers when there is none, or again after a 401 — registering a known key is idempotent and returns the
    /// existing id, or a new one if the server lost it.
    /// </summary>
    public async Task EnsureIdentityAsync(CancellationToken cancellationToken)
    {
        if (_identity is null && !_registerAgain && state.LoadIdentity() is { } saved)
        {
            _identity = saved;
            return;
        }
        if (_identity is not null && !_registerAgain) return;
        var key = _identity?.Key ?? (_unregisteredKey ??= state.LoadOrCreateKey());
        var registered = await new AicqClient(http, timeProvider: clock).RegisterAsync(key.PublicKeyBase64, "AICQ status canary", cancellationToken: cancellationToken);
        if (_identity?.AgentId != registered.Id)
        {
            _identity = new AgentIdentity(registered.Id, key);
            _unregisteredKey = null;
            state.Save(_identity);
            _rooms = null;
            LogRegistered(logger, registered.Id, registered.Created);
        }
        _registerAgain = false;
    }

    public async Task EnsureRoomsAsync(CancellationToken cancellationToken)
    {
        _rooms ??= state.LoadRooms(Identity.AgentId);
        if (_rooms is not null) return;
        var client = new AicqClient(http, Identity, clock);
        var key = CanaryRooms.NewRoomKey();
        var privateRoom = await client.CreateRoomAsync("status-canary-private", isPrivate: true, key: key, cancellationToken: cancellationToken);
        var publicRoom = await client.CreateRoomAsync("status-canary", cancellationToken: cancellationToken);
        _rooms = new CanaryRooms(Identity.AgentId, privateRoom.Id, key, publicRoom.Id);
        state.SaveRooms(_rooms);
    }

    /// <summary>A 401 means the server no longer knows the agent (a new database); a 404, that the rooms are gone. Both are made again next run.</summary>
    public void Notice(HttpStatusCode status)
    {
        if (status == HttpStatusCode.Unauthorized) _registerAgain = true;
        if (status == HttpStatusCode.NotFound && _rooms is not null)
        {
            _rooms = null;
            state.ForgetRooms();
        }
    }

    [LoggerMessage(EventName = "canary_registered", Level = LogLevel.Information, Message = "Synthetic agent registered as {agent_id} (new: {created})")]
    private static partial void LogRegistered(ILogger logger, Guid agent_id, bool created);
}
