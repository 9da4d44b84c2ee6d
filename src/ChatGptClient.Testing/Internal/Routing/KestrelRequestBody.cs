using Microsoft.AspNetCore.Http;

namespace ChatGpt.Testing.Internal;

/// <summary>The body of a request received by <see cref="ChatGptEmulatorServer"/>: Kestrel's request stream.</summary>
internal sealed class KestrelRequestBody : RequestBody
{
    private readonly HttpRequest _request;

    public KestrelRequestBody(HttpRequest request)
    {
        _request = request;
    }

    public override long? Length => _request.ContentLength;

    public override async ValueTask<byte[]> ReadAllAsync(long maxBytes, CancellationToken cancellationToken)
    {
        if (_request.ContentLength > maxBytes)
        {
            throw TooLarge(maxBytes);
        }

        using var buffer = new MemoryStream(_request.ContentLength is long length ? (int)length : 0);
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await _request.Body.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > maxBytes)
            {
                throw TooLarge(maxBytes);
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    public override Stream OpenRead(CancellationToken cancellationToken) => _request.Body;
}
