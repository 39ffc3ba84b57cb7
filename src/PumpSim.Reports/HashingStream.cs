using System.Security.Cryptography;

namespace PumpSim.Reports;

/// <summary>A write-only stream that passes every byte on to <paramref name="inner"/> and feeds it to a
/// SHA-256, so a run's files are hashed as they are written, with no second read and no copy in memory.
/// Disposing it leaves the inner stream open: <see cref="OutputDirectory"/> owns that one.</summary>
internal sealed class HashingStream(Stream inner) : Stream
{
    private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);

    public long Bytes { get; private set; }

    /// <summary>The lower-case hex SHA-256 of everything written so far.</summary>
    public string Sha256() => Convert.ToHexString(_hash.GetCurrentHash()).ToLowerInvariant();

    public override bool CanRead => false;
    public override bool CanSeek => false;
    public override bool CanWrite => true;
    public override long Length => Bytes;
    public override long Position { get => Bytes; set => throw new NotSupportedException(); }
    public override void Flush() => inner.Flush();
    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        inner.Write(buffer);
        _hash.AppendData(buffer);
        Bytes += buffer.Length;
    }

    public override void WriteByte(byte value) => Write([value]);

    protected override void Dispose(bool disposing)
    {
        // The hash is read after the writer that wrapped us is done; only the caller's stream is left open.
        base.Dispose(disposing);
    }
}
