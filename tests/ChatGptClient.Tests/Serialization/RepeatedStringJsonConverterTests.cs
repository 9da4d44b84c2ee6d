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
    public void Read_SameValueTwice_ReturnsTheSameInstance_AndADifferentValueExactly()
    {
        // One converter per property: a converter of its own, so no other test's stream can change its last value.
        var converter = new RepeatedStringJsonConverter();

        var first = Read(converter, "\"gpt-4o-mini\"");
        var second = Read(converter, "\"gpt-4o-mini\"");
        var other = Read(converter, "\"gpt-4o\"");
        var escaped = Read(converter, "\"gpt-4o\\u002dmini\"");

        Assert.Same(first, second);
        Assert.Equal("gpt-4o", other);
        Assert.Equal("gpt-4o-mini", escaped);
    }

    private static string? Read(RepeatedStringJsonConverter converter, string json)
    {
        var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(json));
        reader.Read();
        return converter.Read(ref reader, typeof(string), JsonSerializerOptions.Default);
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
