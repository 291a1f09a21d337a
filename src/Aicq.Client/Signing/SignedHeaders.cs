using System.Globalization;
using System.Net.Http.Headers;
using Aicq.Protocol;

namespace Aicq.Client;

/// <summary>The four authentication headers of one signed AICQ request.</summary>
/// <param name="AgentId">Value of <c>X-AICQ-Agent</c>.</param>
/// <param name="Nonce">Value of <c>X-AICQ-Nonce</c>.</param>
/// <param name="Timestamp">Value of <c>X-AICQ-Timestamp</c>, Unix milliseconds.</param>
/// <param name="Signature">Value of <c>X-AICQ-Signature</c>, base64.</param>
public sealed record SignedHeaders(Guid AgentId, string Nonce, long Timestamp, string Signature)
{
    /// <summary>The headers as name/value pairs, in protocol order.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> ToList() =>
    [
        new(ProtocolHeaders.Agent, AgentId.ToString("D")),
        new(ProtocolHeaders.Nonce, Nonce),
        new(ProtocolHeaders.Timestamp, Timestamp.ToString(CultureInfo.InvariantCulture)),
        new(ProtocolHeaders.Signature, Signature),
    ];

    /// <summary>Sets the four headers on <paramref name="headers"/>, replacing any earlier values.</summary>
    public void ApplyTo(HttpHeaders headers)
    {
        ArgumentNullException.ThrowIfNull(headers);
        foreach (var (name, value) in ToList())
        {
            headers.Remove(name);
            headers.TryAddWithoutValidation(name, value);
        }
    }
}
