namespace ChatGpt.Tests.Http.Uploads;

/// <summary>A stream of <see cref="Length"/> pattern bytes that holds none of them: large uploads without a large file.</summary>
internal sealed class PatternStream(long length, bool canSeek = true) : Stream
{
    private long _position;

    public override bool CanRead => true;

    public override bool CanSeek => canSeek;

    public override bool CanWrite => false;

    public override long Length => canSeek ? length : throw new NotSupportedException();

    public override long Position
    {
        get => canSeek ? _position : throw new NotSupportedException();
        set => _position = canSeek ? value : throw new NotSupportedException();
    }

    public static byte At(long position) => (byte)((position * 31) + (position >> 8));

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var n = (int)Math.Min(buffer.Length, length - _position);
        for (var i = 0; i < n; i++)
        {
            buffer[i] = At(_position + i);
        }

        _position += n;
        return n;
    }

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) => new(Read(buffer.Span));

    public override long Seek(long offset, SeekOrigin origin) =>
        _position = canSeek ? origin switch { SeekOrigin.Begin => offset, SeekOrigin.Current => _position + offset, _ => length + offset } : throw new NotSupportedException();

    public override void Flush()
    {
    }

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
