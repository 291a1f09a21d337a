using Aicq.ServiceDefaults.Http;
using Aicq.StatusPage.Settings;

namespace Aicq.StatusPage.Http;

internal static class Listeners
{
    /// <summary>
    /// The page on STATUS_BIND_ADDRESS:STATUS_PORT; probes, metrics, the webhook and the operator API on
    /// STATUS_INTERNAL_BIND_ADDRESS:STATUS_INTERNAL_PORT, so publishing the page to the world does not publish them. On both,
    /// Kestrel's own refusals of malformed requests get the JSON error shape and the page's security headers.
    /// </summary>
    public static void ListenOnPublicAndInternal(this WebApplicationBuilder builder, StatusSettings settings) =>
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Listen(settings.BindAddress, settings.Port, listen => listen.UseJsonRefusals(SecurityHeaders.OnEveryAnswer));
            kestrel.Listen(settings.InternalBindAddress, settings.InternalPort, listen => listen.UseJsonRefusals(SecurityHeaders.OnEveryAnswer));
        });
}
