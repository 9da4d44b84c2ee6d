using System.Net;
using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using System.Text;
using ChatGpt.Testing.Internal;
using ChatGpt.Testing.Tests.Infrastructure;
using Microsoft.Extensions.Time.Testing;

namespace ChatGpt.Testing.Tests.Internal;

/// <summary>
/// What the endpoint abstraction promises the endpoints still to come (files, uploads, fine-tuning, audio), proven with a
/// probe endpoint on both hosts: path parameters and GET/POST/DELETE, streamed request bodies that are never buffered
/// whole nor recorded, chunked binary responses paced by the chunk delay, and named server-sent events.
/// </summary>
/// <remarks>Runs alone: the upload test counts the process's allocated bytes, which tests running beside it would add to.</remarks>
[Collection(SerialCollection.Name)]
public class EndpointAbstractionTests
{
    private const int ChunkSize = 64 * 1024;

    public static TheoryData<EmulatorHosting> Hostings => [EmulatorHosting.InMemory, EmulatorHosting.Kestrel];

    [Theory]
    [MemberData(nameof(Hostings))]
    public async Task StreamedUpload_IsReadAsItArrives_NotBufferedNorRecorded(EmulatorHosting hosting)
    {
        const long size = 96L * 1024 * 1024;
        await using var host = await HostedEmulator.StartAsync(hosting, CreateEmulator(TimeProvider.System));
        using var content = new StreamContent(new GeneratedStream(size), 81920);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");

        // Warm up the path once so JIT and connection set-up are not counted.
        using (var warm = new StringContent("x"))
        {
            using var _ = await host.Client.PostAsync("probe/warm/upload", warm);
        }

        var before = GC.GetTotalAllocatedBytes(precise: true);
        using var response = await host.Client.PostAsync("probe/item-1/upload", content);
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - before;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal($"item-1:{size}", await response.Content.ReadAsStringAsync());
        Assert.True(allocated < 8L * 1024 * 1024, $"Uploading {size} bytes allocated {allocated} bytes: the body was buffered.");
        var recorded = host.Emulator.Requests[^1];
        Assert.Equal("/v1/probe/item-1/upload", recorded.Path);
        Assert.Equal(string.Empty, recorded.BodyText);
        Assert.Null(recorded.Body);
    }

    [Theory]
    [MemberData(nameof(Hostings))]
    public async Task DeleteWithPathParameter_ReachesTheEndpoint_WrongMethodIs404(EmulatorHosting hosting)
    {
        await using var host = await HostedEmulator.StartAsync(hosting, CreateEmulator(TimeProvider.System));

        using var deleted = await host.Client.DeleteAsync("probe/item%2042");
        using var wrongMethod = await host.Client.PutAsync("probe/item-42", new StringContent("{}"));

        Assert.Equal("deleted item 42", await deleted.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.NotFound, wrongMethod.StatusCode);
        Assert.Contains("Invalid URL (PUT /v1/probe/item-42)", await wrongMethod.Content.ReadAsStringAsync());
    }

    [Theory]
    [MemberData(nameof(Hostings))]
    public async Task ChunkedContent_ArrivesWholeWithItsLength(EmulatorHosting hosting)
    {
        await using var host = await HostedEmulator.StartAsync(hosting, CreateEmulator(TimeProvider.System));

        using var response = await host.Client.GetAsync("probe/item-1/content?chunks=5");
        var bytes = await response.Content.ReadAsByteArrayAsync();

        Assert.Equal("application/octet-stream", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(5L * ChunkSize, response.Content.Headers.ContentLength);
        Assert.Equal(5 * ChunkSize, bytes.Length);
        Assert.Equal(4, bytes[^1]);
    }

    [Fact]
    public async Task ChunkedContent_NextChunkWaitsForTheChunkDelayOnTheEmulatorClock()
    {
        var clock = new FakeTimeProvider();
        var emulator = CreateEmulator(clock);
        emulator.ChunkDelay = TimeSpan.FromSeconds(1);
        using var client = emulator.CreateHttpClient();

        using var response = await client.GetAsync("probe/item-1/content?chunks=2", HttpCompletionOption.ResponseHeadersRead);
        await using var stream = await response.Content.ReadAsStreamAsync();
        var first = await ReadExactlyAsync(stream, ChunkSize);
        var second = ReadExactlyAsync(stream, ChunkSize);
        await Task.Yield();
        Assert.False(second.IsCompleted);

        clock.Advance(TimeSpan.FromSeconds(1));

        Assert.Equal(0, first[0]);
        Assert.Equal(1, (await second)[0]);
    }

    [Theory]
    [MemberData(nameof(Hostings))]
    public async Task NamedEvents_AreWrittenWithEventLines(EmulatorHosting hosting)
    {
        await using var host = await HostedEmulator.StartAsync(hosting, CreateEmulator(TimeProvider.System));

        using var response = await host.Client.GetAsync("probe/events");

        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(
            "event: probe.delta\ndata: {\"delta\":\"a\"}\n\nevent: probe.done\ndata: {\"text\":\"a\"}\n\n",
            await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task NamedEvents_ScriptedStreamError_IsAnErrorEvent()
    {
        var emulator = CreateEmulator(TimeProvider.System);
        emulator.Enqueue(EmulatorResponse.Generated().WithStreamError(afterChunks: 1));
        using var client = emulator.CreateHttpClient();

        using var response = await client.GetAsync("probe/events");
        var text = await response.Content.ReadAsStringAsync();

        Assert.StartsWith("event: probe.delta\n", text);
        Assert.Contains("\n\nevent: error\ndata: {\"error\":", text);
        Assert.DoesNotContain("probe.done", text);
    }

    private static ChatGptEmulator CreateEmulator(TimeProvider clock) => new(clock, e => [new ProbeEndpoint(e)]);

    private static async Task<byte[]> ReadExactlyAsync(Stream stream, int count)
    {
        var buffer = new byte[count];
        await stream.ReadExactlyAsync(buffer);
        return buffer;
    }

    /// <summary>A test endpoint shaped like the ones to come: upload, content download, delete, named events.</summary>
    private sealed class ProbeEndpoint : EmulatorEndpoint
    {
        private static readonly EmulatorRoute s_upload = new("POST", "/v1/probe/{id}/upload", RequestBodyKind.Stream);
        private static readonly EmulatorRoute s_content = new("GET", "/v1/probe/{id}/content");
        private static readonly EmulatorRoute s_delete = new("DELETE", "/v1/probe/{id}");
        private static readonly EmulatorRoute s_events = new("GET", "/v1/probe/events");

        public ProbeEndpoint(ChatGptEmulator emulator)
            : base(emulator)
        {
        }

        public override IReadOnlyList<EmulatorRoute> Routes { get; } = [s_upload, s_content, s_delete, s_events];

        public override async ValueTask<ResponsePlan> HandleAsync(EndpointRequest request, CancellationToken cancellationToken)
        {
            if (request.Route == s_upload)
            {
                var buffer = new byte[16 * 1024];
                long total = 0;
                int read;
                while ((read = await request.Body.ReadAsync(buffer, cancellationToken)) > 0)
                {
                    total += read;
                }

                return ResponsePlan.Text(200, $"{request.RouteValue("id")}:{total}", "text/plain");
            }

            if (request.Route == s_content)
            {
                var chunks = int.Parse(request.Query("chunks") ?? "1", System.Globalization.CultureInfo.InvariantCulture);
                return ResponsePlan.Chunked(200, "application/octet-stream", ct => Chunks(chunks, ct), (long)chunks * ChunkSize);
            }

            if (request.Route == s_delete)
            {
                return ResponsePlan.Text(200, "deleted " + request.RouteValue("id"), "text/plain");
            }

            return ResponsePlan.EventStream(
            [
                new ServerSentEvent("probe.delta", "{\"delta\":\"a\"}"u8.ToArray()),
                new ServerSentEvent("probe.done", "{\"text\":\"a\"}"u8.ToArray()),
            ]);
        }

        private static async IAsyncEnumerable<ReadOnlyMemory<byte>> Chunks(int count, [EnumeratorCancellation] CancellationToken cancellationToken)
        {
            for (var i = 0; i < count; i++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var chunk = new byte[ChunkSize];
                Array.Fill(chunk, (byte)i);
                yield return chunk;
                await Task.Yield();
            }
        }
    }

    /// <summary>A non-seekable stream of <c>size</c> bytes that holds none of them.</summary>
    private sealed class GeneratedStream(long size) : Stream
    {
        private long _position;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => _position; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            var count = (int)Math.Min(buffer.Length, size - _position);
            buffer[..count].Fill((byte)'x');
            _position += count;
            return count;
        }

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) => ValueTask.FromResult(Read(buffer.Span));

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
