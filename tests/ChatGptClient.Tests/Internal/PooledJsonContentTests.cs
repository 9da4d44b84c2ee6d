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

        using var content = PooledJsonContent.Create(Request, ChatGptJsonContext.Default.ChatCompletionRequest);

        Assert.Equal(expected, await content.ReadAsByteArrayAsync());
        Assert.Equal(expected.Length, content.Headers.ContentLength);
        Assert.Equal("application/json", content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Create_ManyOnOneThread_EachKeepsItsOwnBody()
    {
        using var first = PooledJsonContent.Create(Request, ChatGptJsonContext.Default.ChatCompletionRequest);
        var big = new ChatCompletionRequest { Model = "m", Messages = [ChatMessage.User(new string('x', 100_000))] };
        using var second = PooledJsonContent.Create(big, ChatGptJsonContext.Default.ChatCompletionRequest);
        using var third = PooledJsonContent.Create(Request, ChatGptJsonContext.Default.ChatCompletionRequest);

        var firstText = await first.ReadAsStringAsync();
        Assert.Equal(firstText, await third.ReadAsStringAsync());
        Assert.Contains(new string('x', 100_000), await second.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.StartsWith("{", firstText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CopyTo_Twice_SameBodyForARetry()
    {
        using var content = PooledJsonContent.Create(Request, ChatGptJsonContext.Default.ChatCompletionRequest);
        using var one = new MemoryStream();
        using var two = new MemoryStream();

        await content.CopyToAsync(one);
        await content.CopyToAsync(two);

        Assert.Equal(one.ToArray(), two.ToArray());
        Assert.True(RetryDecider.IsReplayable(new HttpRequestMessage(HttpMethod.Post, "http://127.0.0.1/") { Content = content }));
    }

    [Fact]
    public async Task CopyTo_AfterDispose_Throws()
    {
        var content = PooledJsonContent.Create(Request, ChatGptJsonContext.Default.ChatCompletionRequest);
        content.Dispose();

        await Assert.ThrowsAsync<ObjectDisposedException>(() => content.CopyToAsync(Stream.Null));
    }
}
