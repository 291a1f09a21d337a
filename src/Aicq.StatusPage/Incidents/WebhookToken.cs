using Aicq.StatusPage.Http;

namespace Aicq.StatusPage.Incidents;

/// <summary>
/// The Alertmanager webhook needs <c>Authorization: Bearer &lt;STATUS_WEBHOOK_TOKEN&gt;</c> (Alertmanager's
/// <c>http_config.authorization.credentials_file</c>). Checked before the body is read, so a refused delivery changes
/// nothing: no incident, no heartbeat.
/// </summary>
internal sealed class WebhookToken(string token) : IEndpointFilter
{
    private readonly BearerToken _expected = new(token);

    public ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next) =>
        _expected.IsPresentedBy(context.HttpContext.Request)
            ? next(context)
            : ValueTask.FromResult<object?>(BearerToken.Refuse(context.HttpContext, "a valid webhook token is required"));
}
