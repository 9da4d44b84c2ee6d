using System.Buffers.Binary;
using System.Net;
using System.Text;
using ChatGpt.Audio;
using ChatGpt.Tests.TestSupport;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace ChatGpt.Tests.Audio;

/// <summary>Clients, a handler that records the request as sent, a multipart parser and small WAV files for the audio tests.</summary>
internal static class AudioTestSupport
{
    public static ChatGptAudioClient CreateClient(HttpMessageHandler handler, Action<ChatGptOptions>? configure = null, TimeProvider? timeProvider = null)
    {
        var options = new ChatGptOptions { ApiKey = TestClients.ApiKey, BaseAddress = new Uri(TestClients.BaseUrl) };
        configure?.Invoke(options);
        return new ChatGptAudioClient(new HttpClient(handler), Options.Create(options), timeProvider, null, null);
    }

    /// <summary>A WAV of <paramref name="seconds"/> of 16 kHz 16-bit mono silence, with an ICMT comment when given.</summary>
    public static byte[] Wav(double seconds, string? comment = null)
    {
        var data = new byte[(int)(seconds * 16_000) * 2];
        using var wav = new MemoryStream();
        var info = comment is null ? [] : InfoChunk(comment);
        Write(wav, "RIFF"u8, 4 + 24 + info.Length + 8 + data.Length);
        wav.Write("WAVE"u8);
        Write(wav, "fmt "u8, 16);
        Span<byte> fmt = stackalloc byte[16];
        BinaryPrimitives.WriteUInt16LittleEndian(fmt, 1);
        BinaryPrimitives.WriteUInt16LittleEndian(fmt[2..], 1);
        BinaryPrimitives.WriteUInt32LittleEndian(fmt[4..], 16_000);
        BinaryPrimitives.WriteUInt32LittleEndian(fmt[8..], 32_000);
        BinaryPrimitives.WriteUInt16LittleEndian(fmt[12..], 2);
        BinaryPrimitives.WriteUInt16LittleEndian(fmt[14..], 16);
        wav.Write(fmt);
        wav.Write(info);
        Write(wav, "data"u8, data.Length);
        wav.Write(data);
        return wav.ToArray();

        static byte[] InfoChunk(string text)
        {
            var bytes = Encoding.UTF8.GetBytes(text + "\0");
            var padded = bytes.Length + (bytes.Length & 1);
            using var list = new MemoryStream();
            Write(list, "LIST"u8, 4 + 8 + padded);
            list.Write("INFO"u8);
            Write(list, "ICMT"u8, bytes.Length);
            list.Write(bytes);
            if (padded > bytes.Length)
            {
                list.WriteByte(0);
            }

            return list.ToArray();
        }

        static void Write(Stream stream, ReadOnlySpan<byte> id, int size)
        {
            stream.Write(id);
            Span<byte> length = stackalloc byte[4];
            BinaryPrimitives.WriteInt32LittleEndian(length, size);
            stream.Write(length);
        }
    }

    /// <summary>One part of a multipart body as received.</summary>
    public sealed record Part(string Name, string? FileName, string? ContentType, byte[] Body)
    {
        public string Text => Encoding.UTF8.GetString(Body);
    }

    /// <summary>Reads a multipart/form-data body the way a server does.</summary>
    public static async Task<List<Part>> ParseMultipartAsync(byte[] body, string contentType)
    {
        var boundary = HeaderUtilities.RemoveQuotes(MediaTypeHeaderValue.Parse(contentType).Boundary).Value!;
        var reader = new MultipartReader(boundary, new MemoryStream(body));
        var parts = new List<Part>();
        while (await reader.ReadNextSectionAsync() is { } section)
        {
            var disposition = ContentDispositionHeaderValue.Parse(section.ContentDisposition);
            using var content = new MemoryStream();
            await section.Body.CopyToAsync(content);
            parts.Add(new Part(HeaderUtilities.RemoveQuotes(disposition.Name).Value!, HeaderUtilities.RemoveQuotes(disposition.FileName).Value, section.ContentType, content.ToArray()));
        }

        return parts;
    }
}

/// <summary>Records each request (method, URI, headers, the body bytes as sent) and answers from a queue or a function.</summary>
internal sealed class RecordingHandler : HttpMessageHandler
{
    private readonly Func<HttpRequestMessage, int, HttpResponseMessage> _respond;

    public RecordingHandler(Func<HttpRequestMessage, int, HttpResponseMessage> respond) => _respond = respond;

    public RecordingHandler(string contentType, string body, HttpStatusCode status = HttpStatusCode.OK)
        : this((_, _) => new HttpResponseMessage(status) { Content = new StringContent(body, Encoding.UTF8, contentType) })
    {
    }

    public List<(HttpRequestMessage Request, byte[] Body, string? ContentType, long? ContentLength)> Requests { get; } = [];

    /// <summary>When set, the body is read and dropped (counted only), like a socket: for memory tests.</summary>
    public bool DrainOnly { get; set; }

    public long BytesDrained { get; private set; }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        byte[] body = [];
        if (request.Content is { } content)
        {
            if (DrainOnly)
            {
                var counter = new CountingStream();
                await content.CopyToAsync(counter, cancellationToken);
                BytesDrained = counter.Count;
            }
            else
            {
                body = await content.ReadAsByteArrayAsync(cancellationToken);
            }
        }

        Requests.Add((request, body, request.Content?.Headers.ContentType?.ToString(), request.Content?.Headers.ContentLength));
        return _respond(request, Requests.Count);
    }

    private sealed class CountingStream : Stream
    {
        public long Count { get; private set; }

        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => Count;

        public override long Position
        {
            get => Count;
            set => throw new NotSupportedException();
        }

        public override void Flush()
        {
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => Count += count;

        public override void Write(ReadOnlySpan<byte> buffer) => Count += buffer.Length;

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            Count += buffer.Length;
            return ValueTask.CompletedTask;
        }

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        {
            Count += count;
            return Task.CompletedTask;
        }
    }
}
