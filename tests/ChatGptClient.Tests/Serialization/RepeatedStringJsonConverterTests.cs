using System.Text;
using System.Text.Json;
using ChatGpt.Serialization;
using ChatGpt.Chat;
using ChatGpt.Tests.TestSupport;
using RichardSzalay.MockHttp;

namespace ChatGpt.Tests.Serialization;

/// <summary>The strings that repeat in every chunk of a stream are read once, and still read correctly.</summary>
public sealed class RepeatedStringJsonConverterTests
{
    private static string Chunk(string model, string content) =>
        $$"""{"id":"chatcmpl-7","object":"chat.completion.chunk","created":1694268190,"model":"{{model}}","service_tier":"default","system_fingerprint":"fp_44709d6fcb","choices":[{"index":0,"delta":{"content":"{{content}}"},"finish_reason":null}]}""";

    private static async Task<List<ChatCompletionChunk>> StreamAsync(params string[] events)
    {
        var body = string.Concat(events.Select(e => $"data: {e}\n\n")) + "data: [DONE]\n\n";
        var mock = new MockHttpMessageHandler();
        mock.When(HttpMethod.Post, TestClients.BaseUrl + "chat/completions").Respond("text/event-stream", body);
        var client = TestClients.Create(mock);
        var chunks = new List<ChatCompletionChunk>();
        // ConfigureAwait(false): the whole body is in memory, so every event after the first is parsed on the thread that
        // parsed the first one (the cache is per thread); xunit's context would move each continuation to another thread.
        await foreach (var chunk in client.StreamChatCompletionAsync(new ChatCompletionRequest { Model = "m", Messages = [ChatMessage.User("Hi")] }).ConfigureAwait(false))
        {
            chunks.Add(chunk);
        }

        return chunks;
    }

    [Fact]
    public async Task StreamChatCompletionAsync_RepeatedFields_ReadCorrectly()
    {
        var chunks = await StreamAsync(Chunk("gpt-4o-mini", "Hel"), Chunk("gpt-4o-mini", "lo"));

        Assert.Equal(2, chunks.Count);
        Assert.Equal("gpt-4o-mini", chunks[1].Model);
        Assert.Equal("chatcmpl-7", chunks[1].Id);
        Assert.Equal("default", chunks[1].ServiceTier);
        Assert.Equal("Hello", string.Concat(chunks.Select(c => c.ContentDelta)));
    }

    [Fact]
    public void Deserialize_SameThreadRepeatedFields_ReturnsSameStringInstances()
    {
        // The cache is per thread and small: parse both events on a fresh thread, whose cache starts empty, so that no
        // earlier test's values can be evicted in between.
        ChatCompletionChunk? first = null, second = null;
        var thread = new Thread(() =>
        {
            first = JsonSerializer.Deserialize(Chunk("gpt-4o-mini", "Hel"), ChatGptJsonContext.Default.ChatCompletionChunk)!;
            second = JsonSerializer.Deserialize(Chunk("gpt-4o-mini", "lo"), ChatGptJsonContext.Default.ChatCompletionChunk)!;
        });
        thread.Start();
        thread.Join();

        Assert.NotNull(first);
        Assert.NotNull(second);
        Assert.Same(first!.Model, second!.Model);
        Assert.Same(first.Id, second.Id);
        Assert.Same(first.SystemFingerprint, second.SystemFingerprint);
        Assert.Equal("lo", second.ContentDelta);
    }

    [Fact]
    public async Task StreamChatCompletionAsync_ChangingEscapedAndNonAsciiValues_ReadsEachExactly()
    {
        var chunks = await StreamAsync(
            Chunk("gpt-4o-mini", "a"),
            Chunk("mod\\u00e8le", "b"),
            Chunk("modèle-ü", "c"),
            Chunk("gpt-4o", "d"),
            Chunk("gpt-4o-mini", "e"));

        Assert.Equal(["gpt-4o-mini", "modèle", "modèle-ü", "gpt-4o", "gpt-4o-mini"], chunks.Select(c => c.Model));
    }

    [Fact]
    public async Task StreamChatCompletionAsync_LongValue_ReadsIt()
    {
        var model = new StringBuilder().Append('m', 500).ToString();

        var chunks = await StreamAsync(Chunk(model, "a"), Chunk(model, "b"));

        Assert.All(chunks, c => Assert.Equal(model, c.Model));
    }
}
