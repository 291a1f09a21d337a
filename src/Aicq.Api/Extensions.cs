using Aicq.Api.Agents;
using Aicq.Api.Data;
using Aicq.Api.DirectMessages;
using Aicq.Api.Docs;
using Aicq.Api.Errors;
using Aicq.Api.Health;
using Aicq.Api.Http;
using Aicq.Api.Messages;
using Aicq.Api.Overload;
using Aicq.Api.Rooms;
using Aicq.Api.Search;
using Aicq.Api.Settings;
using Aicq.Api.Signing;
using Aicq.Api.Stats;
using Aicq.Api.Storage;
using Aicq.Api.Telemetry;
using Aicq.Protocol;
using Aicq.ServiceDefaults;
using Aicq.ServiceDefaults.Data;
using Aicq.ServiceDefaults.Http;
using Aicq.ServiceDefaults.Settings;
using Aicq.ServiceDefaults.Telemetry;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using StackExchange.Redis;

namespace Aicq.Api;

internal static class Extensions
{
    public static void AddApplicationServices(this WebApplicationBuilder builder, ApiSettings settings)
    {
        // Above what the edge lets through (plus what it adds), so a client always gets the edge's JSON refusal instead.
        builder.WebHost.ConfigureKestrel(kestrel => RequestLimits.ApplyBehindEdge(kestrel.Limits));
        var services = builder.Services;
        services.AddSettings(settings, settings.RedisMemory);
        services.AddSingleton(SecurityHeaderSets.Api);
        services.AddSingleton(InternalPort.Rules(settings));
        services.AddSingleton(ApiMetrics.Http);
        services.AddSingleton(TimeProvider.System);
        services.AddMemoryCache();

        services.AddSingleton(NpgsqlDataSource.Create(settings.DatabaseConnectionString));
        services.AddDbContextPool<AicqDbContext>((provider, options) => options
            .UseNpgsql(provider.GetRequiredService<NpgsqlDataSource>())
            .AddInterceptors(new PostgresLatencyInterceptor(), new ReadOnlyServerInterceptor(provider.GetRequiredService<NpgsqlDataSource>())));
        services.AddSingleton(provider => new StaleReads(settings.DatabaseReplicaConnectionString, provider.GetRequiredService<NpgsqlDataSource>()));
        services.AddDatabaseMigrations<AicqDbContext>(AicqDbContext.MigrationLockKey);

        // AbortOnConnectFail=false: the API starts (and stays live) while Redis is down, and reconnects by itself.
        services.AddSingleton<IConnectionMultiplexer>(_ => ConnectionMultiplexer.Connect(settings.Redis));
        services.AddSingleton(provider => new RedisHealthConnection(provider.GetRequiredService<IConnectionMultiplexer>(), settings.Redis));
        services.AddSingleton<ConnectionGauges>();
        services.AddSingleton<RedisCircuit>();
        services.AddHostedService(provider => provider.GetRequiredService<RedisCircuit>());
        services.AddSingleton<RedisStore>();
        services.AddSingleton<RedisMemoryGuard>();
        services.AddSingleton<MessageStore>();
        services.AddSingleton<ByteBudget>();
        services.AddSingleton<RoomCounters>();
        services.AddSingleton<DeferredRoomCounts>();
        services.AddHostedService<RoomCountsReplay>();
        services.AddSingleton<SearchIndex>();
        services.AddSingleton<DmStore>();
        services.AddSingleton<AgentDirectory>();
        services.AddSingleton<RoomDirectory>();
        services.AddSingleton<KeyHashPool>();
        services.AddSingleton<KeyGuessLimit>();
        services.AddSingleton<RoomKeys>();
        services.AddSingleton<SignatureVerifier>();
        services.AddLoadShedding(settings.Overload);

        services.AddHealthChecks().AddDependencyChecks();

        services.Configure<ForwardedHeadersOptions>(options =>
        {
            // Only the edge (a trusted proxy) may tell us the client address; anyone else's header is ignored.
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            options.KnownProxies.Clear();
            options.KnownIPNetworks.Clear();
            foreach (var network in settings.TrustedProxies) options.KnownIPNetworks.Add(network);
        });
        services.AddCors(cors => cors.AddDefaultPolicy(policy => policy
            .AllowAnyOrigin()
            .WithMethods([.. CorsLists.AllowedMethods])
            .WithHeaders([.. CorsLists.AllowedHeaders])
            .WithExposedHeaders([.. CorsLists.ExposedHeaders])));
        services.ConfigureHttpJsonOptions(json =>
        {
            json.SerializerOptions.DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull;
            // Numbers are written as numbers; without this the published schemas also allow them as strings.
            json.SerializerOptions.NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.Strict;
        });
        // Malformed bodies raise BadHttpRequestException, which the error handler turns into the protocol's 400.
        services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        services.AddOpenApi(options =>
        {
            options.AddDocumentTransformer(OpenApiInfo.ApplyAsync);
            options.AddOperationTransformer<OpenApiParameters>();
            options.AddSchemaTransformer<OpenApiSchemas>();
            options.AddDocumentTransformer(OpenApiErrorResponses.AddAsync);
            options.AddDocumentTransformer(OpenApiServers.SetAsync);
        });
    }

    /// <summary>The request pipeline; the order matters and is explained line by line.</summary>
    public static WebApplication UseApiPipeline(this WebApplication app)
    {
        app.UseForwardedHeaders();                    // the client address, from trusted proxies only
        app.UseServiceDefaults();                     // request id, then one log line per request
        app.UseMiddleware<HttpMetricsMiddleware>();   // counts every response, errors included
        app.UseMiddleware<SecurityHeadersMiddleware>(); // protocol headers on every response
        app.UseMiddleware<InternalPortGuard>();       // the internal port serves /metrics and health, nothing else
        app.UseApiErrors();                           // exceptions and bare status codes get the error shape
        app.UseLoadShedding();                        // sheds load (503) before any body is read; see Overload/
        app.UseCors();                                // answers preflights before any body is read
        app.UseMiddleware<RequestBodyBuffer>();       // 413/415, and the exact bytes for signatures
        app.UseRouting();
        app.UseMiddleware<SignatureMiddleware>();     // 401 before a signed handler binds its body
        app.Services.GetRequiredService<ConnectionGauges>();
        return app;
    }

    public static WebApplication MapAicqApi(this WebApplication app)
    {
        app.MapHealthApi();
        app.MapDocsApi();
        app.MapAgentsApi();
        app.MapRoomsApi();
        app.MapMessagesApi();
        app.MapDmApi();
        app.MapSearchApi();
        app.MapStatsApi();
        return app;
    }
}
