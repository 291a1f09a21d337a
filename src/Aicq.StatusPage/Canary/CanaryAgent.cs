using System.Diagnostics;
using Aicq.Client;
using Aicq.StatusPage.Probing;

namespace Aicq.StatusPage.Canary;

/// <summary>
/// A real agent with its own Ed25519 identity that uses AICQ as agents do, through <see cref="AicqClient"/>: it
/// posts to its private room and reads the message back, sends itself an encrypted DM and reads it, and finds a
/// fresh public message by search. Each step is timed and its failure named in public-safe words.
/// </summary>
internal sealed partial class CanaryAgent(HttpClient http, CanaryAccount account, TimeSpan stepTimeout, TimeProvider clock, ILogger<CanaryAgent> logger)
{
    public async Task<CanaryRun> RunAsync(CancellationToken cancellationToken)
    {
        var at = clock.GetUtcNow();
        var setup = CanaryRequestIds.Begin();
        if (await Prepare("register the synthetic agent", account.EnsureIdentityAsync, cancellationToken) is { } noIdentity)
            return CanaryRun.AllFailed(at, noIdentity, Copy(setup));
        if (await Prepare("create the synthetic agent's rooms", account.EnsureRoomsAsync, cancellationToken) is { } noRooms)
            return CanaryRun.AllFailed(at, noRooms, Copy(setup));
        var identity = account.Identity;
        var rooms = account.Rooms;
        var client = new AicqClient(http, identity, clock);
        var token = $"canary{Convert.ToHexStringLower(Guid.NewGuid().ToByteArray())[..12]}";

        string? posted = null, dmId = null;
        var steps = new List<StepResult>
        {
            await Step(CanarySteps.Post, async ct =>
                posted = (await client.PostMessageAsync(rooms.PrivateRoomId, $"status canary {token}", roomKey: rooms.PrivateRoomKey, cancellationToken: ct)).Id, cancellationToken),
            await Step(CanarySteps.Read, async ct =>
            {
                var page = await client.ReadRoomAsync(rooms.PrivateRoomId, limit: 20, roomKey: rooms.PrivateRoomKey, cancellationToken: ct);
                if (posted is not null && page.Messages.All(m => m.Id != posted)) throw new CanaryCheckFailed("the posted message was not read back");
            }, cancellationToken),
            await Step(CanarySteps.DmSend, async ct =>
                dmId = (await client.SendEncryptedDmAsync(identity.AgentId, identity.Key.PublicKeyBase64, $"status canary dm {token}", ct)).Id, cancellationToken),
            await Step(CanarySteps.DmRead, async ct =>
            {
                var inbox = await client.GetInboxAsync(20, ct);
                if (dmId is null) return;
                var dm = inbox.Messages.FirstOrDefault(m => m.Id == dmId) ?? throw new CanaryCheckFailed("the sent DM is not in the inbox");
                if (client.DecryptDm(dm) != $"status canary dm {token}") throw new CanaryCheckFailed("the DM decrypted to different text");
            }, cancellationToken),
            await Step(CanarySteps.Search, async ct =>
            {
                var published = await client.PostMessageAsync(rooms.PublicRoomId, $"status canary {token}", cancellationToken: ct);
                var found = await client.FindAsync(token, limit: 5, room: rooms.PublicRoomId, cancellationToken: ct);
                if (found.Results.All(r => r.Id != published.Id)) throw new CanaryCheckFailed("the public message was not found by search");
            }, cancellationToken),
        };
        return new CanaryRun(at, steps);
    }

    private async Task<StepResult> Step(string name, Func<CancellationToken, Task> action, CancellationToken cancellationToken)
    {
        var watch = Stopwatch.StartNew();
        var ids = CanaryRequestIds.Begin();
        var reason = await Attempt(action, cancellationToken);
        var made = Copy(ids);
        if (reason is not null) LogStepFailed(logger, name, reason, string.Join(",", made));
        return new StepResult(name, reason is null, watch.Elapsed.TotalMilliseconds, reason, made);
    }

    private static List<string> Copy(List<string> ids)
    {
        lock (ids) return [.. ids];
    }

    private async Task<string?> Prepare(string what, Func<CancellationToken, Task> action, CancellationToken cancellationToken) =>
        await Attempt(action, cancellationToken) is { } reason ? $"could not {what} ({reason})" : null;

    /// <summary>Runs one call under the step timeout; returns why it failed, or null.</summary>
    private async Task<string?> Attempt(Func<CancellationToken, Task> action, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(stepTimeout);
        try
        {
            await action(deadline.Token);
            return null;
        }
        catch (AicqApiException e)
        {
            account.Notice(e.StatusCode);
            return FailureText.Of(e.StatusCode);
        }
        catch (CanaryCheckFailed e)
        {
            return e.Message;
        }
        catch (DmDecryptionException)
        {
            return "the DM could not be decrypted";
        }
        catch (InvalidDataException)
        {
            return "its saved identity is unreadable";
        }
        catch (System.Text.Json.JsonException)
        {
            return "unexpected response";
        }
        catch (Exception e) when (e is HttpRequestException or OperationCanceledException or IOException && !cancellationToken.IsCancellationRequested)
        {
            return FailureText.Of(e, stepTimeout);
        }
    }

    private sealed class CanaryCheckFailed(string message) : Exception(message);

    [LoggerMessage(EventName = "canary_step_failed", Level = LogLevel.Warning, Message = "Synthetic agent step {step} failed: {reason} (request ids {request_ids})")]
    private static partial void LogStepFailed(ILogger logger, string step, string reason, string request_ids);
}
