using System.Security.Cryptography;
using System.Text;

namespace Aicq.StatusPage.Http;

/// <summary>One secret a caller proves with <c>Authorization: Bearer &lt;token&gt;</c>, compared in constant time.</summary>
internal sealed class BearerToken(string token)
{
    // Hashing both sides first makes the comparison constant-time whatever the given token's length.
    private readonly byte[] _expected = SHA256.HashData(Encoding.UTF8.GetBytes(token));

    public bool IsPresentedBy(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        var given = header.StartsWith("Bearer ", StringComparison.Ordinal) ? header["Bearer ".Length..].Trim() : "";
        return CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(given)), _expected);
    }

    /// <summary>The 401 every token check answers with, in the error shape.</summary>
    public static IResult Refuse(HttpContext context, string message)
    {
        context.Response.Headers.WWWAuthenticate = "Bearer";
        return StatusError.Of(StatusCodes.Status401Unauthorized, message);
    }
}
