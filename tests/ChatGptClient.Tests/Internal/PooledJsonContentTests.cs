using System.Text.Json;
using ChatGpt.Chat;
using ChatGpt.Internal;
using ChatGpt.Resilience.Internal;
using ChatGpt.Serialization;

namespace ChatGpt.Tests.Internal;

public class PooledJsonContentTests
{
    private static readonly ChatCompletionRequest Request = new()
    {
        Model = "gpt-4o-mini",
        Messages = [ChatMessage.System("You are terse."), ChatMessage.User("Héllo \"world\" <3")],
        MaxCompletionTokens = 10,
    };

    [Fact]
    public async Task Create_Request_SameBytesAsSerializerWithLengthAndType()
    {
        var expected = JsonSerializer.SerializeToUtf8Bytes(Request, ChatGptJsonContext.Default.ChatCompletionRequest);

        using var content = PooledJsonContent.Create(Request);

        Assert.Equal(expected, await content.ReadAsByteArrayAsync());
        Assert.Equal(expected.Length, content.Headers.ContentLength);
        Assert.Equal("application/json", content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Create_ManyOnOneThread_EachKeepsItsOwnBody()
    {
        using var first = PooledJsonContent.Create(Request);
        var big = new ChatCompletionRequest { Model = "m", Messages = [ChatMessage.User(new string('x', 100_000))] };
        using var second = PooledJsonContent.Create(big);
        using var third = PooledJsonContent.Create(Request);

        var firstText = await first.ReadAsStringAsync();
        Assert.Equal(firstText, await third.ReadAsStringAsync());
        Assert.Contains(new string('x', 100_000), await second.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.StartsWith("{", firstText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CopyTo_Twice_SameBodyForARetry()
    {
        using var content = PooledJsonContent.Create(Request);
        using var one = new MemoryStream();
        using var two = new MemoryStream();

        await content.CopyToAsync(one);
        await content.CopyToAsync(two);

        Assert.Equal(one.ToArray(), two.ToArray());
        Assert.True(ServerGuidedRetry.IsReplayable(new HttpRequestMessage(HttpMethod.Post, "http://127.0.0.1/") { Content = content }));
    }

    [Fact]
    public async Task Dispose_WhileBodyStillBeingSent_BodyStaysIntact()
    {
        var expected = JsonSerializer.SerializeToUtf8Bytes(Request, ChatGptJsonContext.Default.ChatCompletionRequest);
        var content = PooledJsonContent.Create(Request);
        var slow = new GatedStream();

        // As over HTTP/2: the response is in and the message disposed while the body is still being written.
        var sending = content.CopyToAsync(slow);
        await slow.Started.Task.WaitAsync(TimeSpan.FromSeconds(5));
        content.Dispose();
        for (var i = 0; i < 50; i++)
        {
            // Would rent (and overwrite) the same array had it been returned already.
            using var other = PooledJsonContent.Create(new ChatCompletionRequest { Model = "x", Messages = [ChatMessage.User(new string('z', expected.Length / 2))] });
        }

        slow.Release.SetResult();
        await sending.WaitAsync(TimeSpan.FromSeconds(5));

        Assert.Equal(expected, slow.Written);
    }

    /// <summary>A stream whose write copies the bytes only once released.</summary>
    private sealed class GatedStream : MemoryStream
    {
        public TaskCompletionSource Started { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource Release { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public byte[]? Written { get; private set; }

        public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            Started.SetResult();
            await Release.Task;
            Written = buffer.ToArray();
        }
    }

    [Fact]
    public async Task CopyTo_AfterDispose_Throws()
    {
        var content = PooledJsonContent.Create(Request);
        content.Dispose();

        await Assert.ThrowsAsync<ObjectDisposedException>(() => content.CopyToAsync(Stream.Null));
    }
}
