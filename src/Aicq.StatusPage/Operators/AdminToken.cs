using Aicq.StatusPage.Http;

namespace Aicq.StatusPage.Operators;

/// <summary>
/// Operator endpoints need <c>Authorization: Bearer &lt;STATUS_ADMIN_TOKEN&gt;</c>.
/// Without a configured token (allowed outside production) they refuse everyone.
/// </summary>
internal sealed class AdminToken(string? token) : IEndpointFilter
{
    private readonly BearerToken? _expected = token is null ? null : new BearerToken(token);

    public ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        if (_expected is null)
            return ValueTask.FromResult<object?>(StatusError.Of(StatusCodes.Status403Forbidden, "operator endpoints are disabled: STATUS_ADMIN_TOKEN is not set"));
        if (!_expected.IsPresentedBy(context.HttpContext.Request))
            return ValueTask.FromResult<object?>(BearerToken.Refuse(context.HttpContext, "a valid operator token is required"));
        return next(context);
    }
}
