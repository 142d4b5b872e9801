using System.Security.Cryptography;

namespace PrivacyDesk.Domain.Common;

public static class Ids
{
    private const int BufferSize = 4096;

    [ThreadStatic]
    private static byte[]? _random;

    [ThreadStatic]
    private static int _used;

    /// <summary>
    /// Time-ordered ids keep b-tree inserts local (UUID v7): the same layout as <see cref="Guid.CreateVersion7()"/>
    /// (48-bit Unix milliseconds, version 7, RFC 9562 variant, 74 random bits from the cryptographic generator).
    /// Every entity's id default runs this, also when EF Core materialises a stored row (before it sets the stored
    /// id): Guid.CreateVersion7 reads the kernel's generator once per id (a system call each, 10,000 for a
    /// candidate's records), so the random bytes are taken from a per-thread buffer filled 4 KB at a time.
    /// </summary>
    public static Guid New()
    {
        var buffer = _random ??= new byte[BufferSize];
        if (_used == 0 || _used > BufferSize - 16)
        {
            RandomNumberGenerator.Fill(buffer);
            _used = 0;
        }

        ReadOnlySpan<byte> r = buffer.AsSpan(_used, 16);
        _used += 16;
        var ms = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        return new Guid((int)(ms >> 16), (short)ms, (short)((BitConverter.ToUInt16(r) & 0x0FFF) | 0x7000),
            (byte)((r[2] & 0x3F) | 0x80), r[3], r[4], r[5], r[6], r[7], r[8], r[9]);
    }
}
