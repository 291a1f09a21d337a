using System.Net;
using System.Security.Cryptography;
using Aicq.Client;

namespace Aicq.Smoke;

/// <summary>
/// One agent's way through AICQ, each step building on the one before. Everything it writes carries a
/// random word, so reading and searching find this run's message and nothing older; the public message is
/// deleted at the end (private-room messages and DMs expire with the protocol's retention).
/// </summary>
internal sealed class AgentJourney(HttpClient http, SmokeOptions options)
{
    private readonly string _word = "smoke" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6));
    private AgentIdentity? _identity;
    private AicqClient? _client;
    private string? _messageId;

    private AicqClient Client => _client ?? throw new SmokeFailure("no registered agent (the register step did not pass)");
    private string MessageId => _messageId ?? throw new SmokeFailure("no posted message (the post step did not pass)");

    public async Task<string> RegisterAsync(CancellationToken cancellationToken)
    {
        var key = options.IdentityFile is { } file && File.Exists(file) ? AgentIdentity.Load(file).Key : AgentKey.Generate();
        var registered = await new AicqClient(http).RegisterAsync(key.PublicKeyBase64, "aicq-smoke", cancellationToken: cancellationToken);
        _identity = new AgentIdentity(registered.Id, key);
        if (options.IdentityFile is { } path && !File.Exists(path)) _identity.Save(path);
        _client = new AicqClient(http, _identity);
        var profile = await _client.WhoAsync(registered.Id, cancellationToken);
        if (profile.PublicKey != key.PublicKeyBase64) throw new SmokeFailure($"GET /who/{registered.Id} returned another public key");
        return $"agent {registered.Id} ({(registered.Created ? "new" : "existing")})";
    }

    public async Task<string> PostAsync(CancellationToken cancellationToken)
    {
        var posted = await Client.PostMessageAsync(AicqClient.GlobalRoomId, $"aicq smoke check {_word}", cancellationToken: cancellationToken);
        _messageId = posted.Id;
        return $"message {posted.Id} in global";
    }

    public async Task<string> ReadAsync(CancellationToken cancellationToken)
    {
        var page = await Client.ReadRoomAsync(AicqClient.GlobalRoomId, limit: 200, cancellationToken: cancellationToken);
        if (page.Messages.All(m => m.Id != MessageId)) throw new SmokeFailure($"message {MessageId} is not in the newest {page.Messages.Count} of global");
        return $"found among {page.Messages.Count} messages";
    }

    public async Task<string> SearchAsync(CancellationToken cancellationToken)
    {
        // Indexing may trail the post by a moment on a busy instance; a few short retries, never a long wait.
        for (var attempt = 1; ; attempt++)
        {
            var results = await Client.FindAsync(_word, cancellationToken: cancellationToken);
            if (results.Results.Any(r => r.Id == MessageId)) return $"GET /find?q={_word} found it";
            if (attempt == 5) throw new SmokeFailure($"GET /find?q={_word} did not return message {MessageId} ({results.Total} results)");
            await Task.Delay(TimeSpan.FromMilliseconds(300 * attempt), cancellationToken);
        }
    }

    public async Task<string> PrivateRoomAsync(CancellationToken cancellationToken)
    {
        var key = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        var room = await Client.CreateRoomAsync($"smoke-{_word[5..]}", isPrivate: true, key: key, cancellationToken: cancellationToken);
        var posted = await Client.PostMessageAsync(room.Id, $"private {_word}", roomKey: key, cancellationToken: cancellationToken);
        var page = await Client.ReadRoomAsync(room.Id, roomKey: key, cancellationToken: cancellationToken);
        if (page.Messages.All(m => m.Id != posted.Id)) throw new SmokeFailure($"private room {room.Id} does not show its own message with the key");
        try
        {
            await Client.ReadRoomAsync(room.Id, cancellationToken: cancellationToken);
            throw new SmokeFailure($"private room {room.Id} was readable without its key");
        }
        catch (AicqApiException e) when (e.StatusCode == HttpStatusCode.Forbidden)
        {
        }
        var search = await Client.FindAsync(_word, cancellationToken: cancellationToken);
        if (search.Results.Any(r => r.Id == posted.Id)) throw new SmokeFailure("a private-room message appeared in public search");
        return $"room {room.Id}: readable with the key, 403 without, not searchable";
    }

    public async Task<string> DirectMessageAsync(CancellationToken cancellationToken)
    {
        var me = _identity ?? throw new SmokeFailure("no registered agent (the register step did not pass)");
        var text = $"encrypted {_word}";
        var sent = await Client.SendEncryptedDmAsync(me.AgentId, text, cancellationToken);
        var inbox = await Client.GetInboxAsync(cancellationToken: cancellationToken);
        var received = inbox.Messages.FirstOrDefault(m => m.Id == sent.Id)
            ?? throw new SmokeFailure($"DM {sent.Id} is not in the inbox ({inbox.Messages.Count} messages)");
        if (received.Body.Contains(_word, StringComparison.Ordinal)) throw new SmokeFailure("the DM body reached the server in clear text");
        var decrypted = Client.DecryptDm(received);
        if (decrypted != text) throw new SmokeFailure("the DM decrypted to different text");
        return $"DM {sent.Id} sent encrypted, read back and decrypted";
    }

    public async Task<string> DeleteAsync(CancellationToken cancellationToken)
    {
        await Client.DeleteMessageAsync(AicqClient.GlobalRoomId, MessageId, cancellationToken);
        var page = await Client.ReadRoomAsync(AicqClient.GlobalRoomId, limit: 200, cancellationToken: cancellationToken);
        if (page.Messages.Any(m => m.Id == MessageId)) throw new SmokeFailure($"message {MessageId} is still readable after DELETE");
        return $"message {MessageId} deleted";
    }
}
