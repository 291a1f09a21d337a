using System.Net;
using System.Net.Sockets;
using System.Security.Authentication;

namespace Aicq.StatusPage.Probing;

/// <summary>
/// Turns an exception or status code into the short public-safe reason the page shows. The raw exception text is
/// never used: it names hosts, addresses and ports.
/// </summary>
internal static class FailureText
{
    public static string Of(Exception exception, TimeSpan timeout) => exception switch
    {
        OperationCanceledException or TimeoutException => $"timed out after {timeout.TotalSeconds:0.#} s",
        HttpRequestException { HttpRequestError: HttpRequestError.NameResolutionError } => "host name not resolved",
        HttpRequestException { HttpRequestError: HttpRequestError.SecureConnectionError } => "TLS handshake failed",
        HttpRequestException { InnerException: AuthenticationException } => "TLS handshake failed",
        HttpRequestException { InnerException: SocketException { SocketErrorCode: SocketError.ConnectionRefused } } => "connection refused",
        HttpRequestException { HttpRequestError: HttpRequestError.ConnectionError } => "could not connect",
        HttpRequestException => "connection failed",
        _ => "request failed",
    };

    public static string Of(HttpStatusCode status) =>
        $"HTTP {(int)status}{(Enum.IsDefined(status) ? " " + Words(status.ToString()) : "")}";

    private static string Words(string pascal) =>
        string.Concat(pascal.Select((c, i) => i > 0 && char.IsUpper(c) ? " " + c : c.ToString()));
}
