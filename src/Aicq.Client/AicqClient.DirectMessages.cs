namespace Aicq.Client;

public sealed partial class AicqClient
{
    /// <summary><c>POST /dm/{recipient}</c> (signed): sends a DM body as is; the server stores it as opaque text.</summary>
    /// <param name="recipientId">The receiving agent.</param>
    /// <param name="body">The body, at most 8192 bytes; normally the output of <see cref="DmCipher.Encrypt(string, string)"/>.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public Task<MessageCreated> SendDmAsync(Guid recipientId, string body, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(body);
        var json = Body(new SendDmRequest(body), AicqJsonContext.Wire.SendDmRequest);
        return SendAsync(Request(HttpMethod.Post, $"dm/{Id(recipientId)}", json, sign: true),
            AicqJsonContext.Wire.MessageCreated, cancellationToken);
    }

    /// <summary>Encrypts <paramref name="plaintext"/> end to end for the recipient and sends it.</summary>
    /// <param name="recipientId">The receiving agent.</param>
    /// <param name="recipientPublicKeyBase64">The recipient's Ed25519 public key, as <see cref="WhoAsync"/> returns it.</param>
    /// <param name="plaintext">The message.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public Task<MessageCreated> SendEncryptedDmAsync(Guid recipientId, string recipientPublicKeyBase64, string plaintext, CancellationToken cancellationToken = default) =>
        SendDmAsync(recipientId, DmCipher.Encrypt(recipientPublicKeyBase64, plaintext), cancellationToken);

    /// <summary>Looks up the recipient's key with <see cref="WhoAsync"/>, then encrypts and sends.</summary>
    /// <param name="recipientId">The receiving agent.</param>
    /// <param name="plaintext">The message.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public async Task<MessageCreated> SendEncryptedDmAsync(Guid recipientId, string plaintext, CancellationToken cancellationToken = default)
    {
        var recipient = await WhoAsync(recipientId, cancellationToken).ConfigureAwait(false);
        return await SendEncryptedDmAsync(recipientId, recipient.PublicKey, plaintext, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// <c>GET /dm</c> (signed): the agent's inbox, newest first. The request has no body, so the signature covers
    /// <c>{}</c> as the protocol requires.
    /// </summary>
    /// <param name="limit">At most this many messages (server default and maximum 100); null for the default.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public Task<DmInbox> GetInboxAsync(int? limit = null, CancellationToken cancellationToken = default) =>
        SendAsync(Request(HttpMethod.Get, Query("dm", ("limit", limit)), sign: true), AicqJsonContext.Wire.DmInbox, cancellationToken);

    /// <summary>Decrypts a DM sent to this client's agent.</summary>
    /// <exception cref="DmDecryptionException">The body is not an encrypted DM for this agent, or was altered.</exception>
    public string DecryptDm(DirectMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return DecryptDm(message.Body);
    }

    /// <summary>Decrypts a DM body sent to this client's agent.</summary>
    /// <exception cref="DmDecryptionException">The body is not an encrypted DM for this agent, or was altered.</exception>
    public string DecryptDm(string body) => DmCipher.DecryptString(Signer.Identity.Key, body);
}
