using System.Numerics;

namespace Aicq.Client;

/// <summary>
/// The little arithmetic on edwards25519 needed to map an Ed25519 public key to its X25519 twin.
/// Public keys are public, so the variable-time BigInteger code is not a side channel worth closing.
/// </summary>
internal static class Curve25519Math
{
    internal static readonly BigInteger P = (BigInteger.One << 255) - 19;

    // Order of the prime-order subgroup, RFC 8032 section 5.1.
    internal static readonly BigInteger L =
        (BigInteger.One << 252) + BigInteger.Parse("27742317777372353535851937790883648493", System.Globalization.CultureInfo.InvariantCulture);

    private static readonly BigInteger D = Mod(-121665 * Invert(121666));
    private static readonly BigInteger D2 = Mod(2 * D);
    private static readonly BigInteger SqrtMinusOne = BigInteger.ModPow(2, (P - 1) / 4, P);

    /// <summary>
    /// Decodes a compressed edwards25519 point (RFC 8032 section 5.1.3), returning null when the bytes are
    /// not a canonical encoding of a point on the curve.
    /// </summary>
    internal static (BigInteger X, BigInteger Y)? Decode(ReadOnlySpan<byte> encoded)
    {
        if (encoded.Length != 32)
            return null;
        Span<byte> bytes = stackalloc byte[32];
        encoded.CopyTo(bytes);
        var sign = bytes[31] >> 7;
        bytes[31] &= 0x7F;
        var y = new BigInteger(bytes, isUnsigned: true, isBigEndian: false);
        if (y >= P)
            return null;

        var y2 = y * y % P;
        var u = Mod(y2 - 1);
        var v = Mod(D * y2 + 1);
        var v3 = v * v % P * v % P;
        var x = u * v3 % P * BigInteger.ModPow(u * v3 % P * v3 % P * v % P, (P - 5) / 8, P) % P;
        var vx2 = v * (x * x % P) % P;
        if (vx2 != u)
        {
            if (vx2 != Mod(-u))
                return null;
            x = x * SqrtMinusOne % P;
        }
        if (x.IsZero && sign == 1)
            return null;
        if ((int)(x & 1) != sign)
            x = P - x;
        return (x, y);
    }

    /// <summary>True when [L]·point is the identity and the point is not the identity itself: a prime-order point.</summary>
    internal static bool IsInPrimeOrderSubgroup(BigInteger x, BigInteger y)
    {
        if (x.IsZero && y.IsOne)
            return false;
        var result = MultiplyByL(new Extended(x, y, 1, x * y % P));
        return result.X.IsZero && result.Y == result.Z;
    }

    internal static BigInteger Invert(BigInteger value) => BigInteger.ModPow(Mod(value), P - 2, P);

    internal static BigInteger Mod(BigInteger value)
    {
        var r = value % P;
        return r.Sign < 0 ? r + P : r;
    }

    internal static void WriteLittleEndian(BigInteger value, Span<byte> destination)
    {
        destination.Clear();
        if (!value.TryWriteBytes(destination, out _, isUnsigned: true, isBigEndian: false))
            throw new InvalidOperationException("Field element does not fit in 32 bytes.");
    }

    private static Extended MultiplyByL(Extended point)
    {
        var acc = new Extended(0, 1, 1, 0);
        for (var bit = (int)L.GetBitLength() - 1; bit >= 0; bit--)
        {
            acc = Add(acc, acc);
            if (!(L >> bit).IsEven)
                acc = Add(acc, point);
        }
        return acc;
    }

    // Unified addition for a = -1 twisted Edwards curves in extended coordinates (RFC 8032 section 5.1.4).
    private static Extended Add(Extended p, Extended q)
    {
        var a = Mod((p.Y - p.X) * (q.Y - q.X));
        var b = (p.Y + p.X) * (q.Y + q.X) % P;
        var c = p.T * D2 % P * q.T % P;
        var d = 2 * p.Z * q.Z % P;
        var e = Mod(b - a);
        var f = Mod(d - c);
        var g = (d + c) % P;
        var h = (b + a) % P;
        return new Extended(e * f % P, g * h % P, f * g % P, e * h % P);
    }

    private readonly record struct Extended(BigInteger X, BigInteger Y, BigInteger Z, BigInteger T);
}
