using System.Security.Cryptography;

namespace Aicq.Client;

/// <summary>
/// A direct message could not be decrypted: it is not in the AICQ wire format, it was encrypted for another
/// key, or it was altered on the way.
/// </summary>
public sealed class DmDecryptionException : CryptographicException
{
    /// <summary>Creates the exception with a message saying what failed.</summary>
    public DmDecryptionException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the failure underneath.</summary>
    public DmDecryptionException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
