using ChatGpt.Diagnostics;

namespace ChatGpt.Audio;

/// <summary>
/// The audio of <c>POST /audio/speech</c>, readable from <see cref="Content"/> while it is still arriving (the time to the
/// first byte is what a listener notices). Dispose it to release the connection.
/// </summary>
public sealed class SpeechAudio : IAsyncDisposable, IDisposable
{
    private const int CopyBufferSize = 64 * 1024;

    internal SpeechAudio(Stream content, SpeechFormat format, string? contentType, ChatGptResponseInfo responseInfo)
    {
        Content = content;
        Format = format;
        ContentType = contentType;
        ResponseInfo = responseInfo;
    }

    /// <summary>The audio bytes as they arrive: forward-only, not seekable. A cut connection throws <see cref="ChatGptException"/>.</summary>
    public Stream Content { get; }

    /// <summary>The format asked for.</summary>
    public SpeechFormat Format { get; }

    /// <summary>The media type the server sent, e.g. <c>audio/wav</c>.</summary>
    public string? ContentType { get; }

    /// <summary>The response's status, headers and rate limits.</summary>
    public ChatGptResponseInfo ResponseInfo { get; }

    /// <summary>Writes the audio to a file as it arrives (created or overwritten), without holding it in memory.</summary>
    /// <param name="path">The file's path.</param>
    /// <param name="cancellationToken">Stops the copy.</param>
    /// <returns>The number of bytes written.</returns>
    /// <exception cref="ChatGptException">The connection was cut before the audio was complete.</exception>
    public async Task<long> WriteToFileAsync(string path, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, bufferSize: 1, FileOptions.Asynchronous);
        await using (file.ConfigureAwait(false))
        {
            return await CopyToAsync(file, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Copies the audio to <paramref name="destination"/> as it arrives.</summary>
    /// <param name="destination">Where the audio goes.</param>
    /// <param name="cancellationToken">Stops the copy.</param>
    /// <returns>The number of bytes copied.</returns>
    /// <exception cref="ChatGptException">The connection was cut before the audio was complete.</exception>
    public async Task<long> CopyToAsync(Stream destination, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(destination);
        var buffer = System.Buffers.ArrayPool<byte>.Shared.Rent(CopyBufferSize);
        try
        {
            long total = 0;
            int read;
            while ((read = await Content.ReadAsync(buffer.AsMemory(0, CopyBufferSize), cancellationToken).ConfigureAwait(false)) > 0)
            {
                await destination.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
                total += read;
            }

            return total;
        }
        finally
        {
            System.Buffers.ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <inheritdoc/>
    public void Dispose() => Content.Dispose();

    /// <inheritdoc/>
    public ValueTask DisposeAsync() => Content.DisposeAsync();
}
