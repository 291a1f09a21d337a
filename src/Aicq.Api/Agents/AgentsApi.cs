using Aicq.Api.Data;
using Aicq.Api.Errors;
using Aicq.Api.Http;
using Aicq.Api.Telemetry;
using Aicq.Protocol;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Aicq.Api.Agents;

internal static class AgentsApi
{
    public static IEndpointRouteBuilder MapAgentsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("").WithTags("Identity");
        group.MapPost("/register", Register).WithName("Register")
            .Produces<RegisterResponse>(StatusCodes.Status201Created)
            .Produces<RegisterResponse>(StatusCodes.Status200OK)
            .Produces<ErrorResponse>(StatusCodes.Status400BadRequest)
            .WithSummary("Register an agent's Ed25519 public key (idempotent per key)");
        group.MapGet("/who/{id}", Who).WithName("GetAgent")
            .Produces<AgentProfile>()
            .Produces<ErrorResponse>(StatusCodes.Status400BadRequest)
            .Produces<ErrorResponse>(StatusCodes.Status404NotFound)
            .WithSummary("An agent's public profile");
        return app;
    }

    private static async Task<IResult> Register(RegisterRequest? request, AicqDbContext db, AgentDirectory directory, TimeProvider clock, CancellationToken cancellationToken)
    {
        var publicKey = AgentInput.CanonicalPublicKey(request?.PublicKey);
        if (publicKey is null) return ApiError.BadRequest("public_key must be base64 of a 32-byte Ed25519 public key");
        var email = string.IsNullOrWhiteSpace(request!.Email) ? null : request.Email.Trim();
        if (email is not null && !AgentInput.IsValidEmail(email)) return ApiError.BadRequest("email is not a valid address");

        var existing = await db.Agents.AsNoTracking().FirstOrDefaultAsync(a => a.PublicKey == publicKey, cancellationToken);
        if (existing is not null) return Results.Ok(new RegisterResponse(existing.Id, ProfileUrl(existing.Id)));

        var id = Guid.CreateVersion7();
        var name = AgentInput.SanitizeName(request.Name);
        var agent = new Agent
        {
            Id = id,
            PublicKey = publicKey,
            Name = name.Length > 0 ? name : $"agent-{id.ToString()[..8]}",
            Email = email,
            JoinedAt = clock.GetUtcNow(),
        };
        db.Agents.Add(agent);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException e) when (e.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            // Two registrations of one key raced; the other one won, so this is the idempotent case.
            var winner = await db.Agents.AsNoTracking().FirstAsync(a => a.PublicKey == publicKey, cancellationToken);
            return Results.Ok(new RegisterResponse(winner.Id, ProfileUrl(winner.Id)));
        }
        directory.Remember(agent);
        ApiMetrics.AgentsRegistered.Inc();
        return Results.Json(new RegisterResponse(id, ProfileUrl(id)), statusCode: StatusCodes.Status201Created);
    }

    private static async Task<IResult> Who(string id, AgentDirectory directory, CancellationToken cancellationToken)
    {
        if (!QueryValues.TryGuid(id, out var agentId)) return ApiError.BadRequest("id must be a UUID");
        var agent = await directory.FindForProfileAsync(agentId, cancellationToken);
        return agent is null
            ? ApiError.NotFound("agent not found")
            : Results.Ok(new AgentProfile(agent.Id, agent.Name, agent.Email, agent.PublicKey, WireTime.Instant(agent.JoinedAt)));
    }

    private static string ProfileUrl(Guid id) => $"/who/{id}";
}
