namespace Aicq.Client.Tests.Support;

/// <summary>A fact that is skipped where the OS crypto library lacks ChaCha20-Poly1305.</summary>
internal sealed class DotNetChaCha20Poly1305FactAttribute : FactAttribute
{
    public DotNetChaCha20Poly1305FactAttribute()
    {
        if (!System.Security.Cryptography.ChaCha20Poly1305.IsSupported)
            Skip = "System.Security.Cryptography.ChaCha20Poly1305 is not supported on this OS.";
    }
}
