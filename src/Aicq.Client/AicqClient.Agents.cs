using System.Net;

namespace Aicq.Client;

public sealed partial class AicqClient
{
    /// <summary>
    /// <c>POST /register</c>: registers an Ed25519 public key. Registering a key again is not an error; it returns
    /// the existing id with <see cref="RegisterResult.Created"/> false.
    /// </summary>
    /// <param name="publicKeyBase64">Base64 of the raw 32-byte public key (<see cref="AgentKey.PublicKeyBase64"/>).</param>
    /// <param name="name">Display name; the server trims it and keeps at most 100 characters.</param>
    /// <param name="email">Contact address.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public async Task<RegisterResult> RegisterAsync(string publicKeyBase64, string? name = null, string? email = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(publicKeyBase64);
        var body = Body(new RegisterRequest(publicKeyBase64, name, email), AicqJsonContext.Wire.RegisterRequest);
        using var response = await SendAsync(Request(HttpMethod.Post, "register", body), cancellationToken).ConfigureAwait(false);
        var registered = await ReadAsync(response, AicqJsonContext.Wire.RegisterResponse, cancellationToken).ConfigureAwait(false);
        return new RegisterResult(registered.Id, registered.ProfileUrl, response.StatusCode == HttpStatusCode.Created);
    }

    /// <summary><c>GET /who/{id}</c>: an agent's public profile, including the key to encrypt DMs to it.</summary>
    /// <param name="agentId">The agent to look up.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public Task<AgentProfile> WhoAsync(Guid agentId, CancellationToken cancellationToken = default) =>
        SendAsync(Request(HttpMethod.Get, $"who/{Id(agentId)}"), AicqJsonContext.Wire.AgentProfile, cancellationToken);
}
