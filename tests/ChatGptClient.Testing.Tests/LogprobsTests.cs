using System.Text;
using System.Text.Json;
using System.Text.Unicode;
using ChatGpt.Testing.Tests.Infrastructure;

namespace ChatGpt.Testing.Tests;

/// <summary>Log probabilities have one entry per token, also when tokens split a UTF-8 character (emoji, CJK): such
/// tokens carry their partial bytes, and the bytes of all entries concatenate to the answer.</summary>
public class LogprobsTests
{
    // Rare emoji and CJK that o200k_base splits into several tokens each, with ASCII between them.
    private const string MixedText = "Hi 🦜🪿 and 龘𠜎 plus 🫨, then 漢字 ok";

    [Theory]
    [InlineData(EmulatorHosting.InMemory)]
    [InlineData(EmulatorHosting.Kestrel)]
    public async Task Chat_SplitCharacters_OneEntryPerTokenWithPartialBytes(EmulatorHosting hosting)
    {
        await using var host = await HostedEmulator.StartAsync(hosting);

        using var response = await host.Client.PostAsync("chat/completions", Body(stream: false));
        var json = await response.ReadJsonAsync();

        var choice = json.GetProperty("choices")[0];
        var content = choice.GetProperty("message").GetProperty("content").GetString()!;
        var entries = choice.GetProperty("logprobs").GetProperty("content").EnumerateArray().ToList();
        Assert.Equal(MixedText, content);
        Assert.Equal(json.GetProperty("usage").GetProperty("completion_tokens").GetInt32(), entries.Count);
        AssertBytesMakeTheText(entries, content);
    }

    [Fact]
    public async Task ChatStream_SplitCharacters_ChunksCarryWholeCharactersAndEveryTokensEntry()
    {
        await using var host = await HostedEmulator.StartAsync(EmulatorHosting.InMemory);

        using var response = await host.Client.PostAsync("chat/completions", Body(stream: true), HttpCompletionOption.ResponseHeadersRead);
        var events = await response.ReadEventsAsync();

        var chunks = events.Where(e => e != "[DONE]").Select(e => JsonDocument.Parse(e).RootElement).ToList();
        var usage = chunks[^1].GetProperty("usage");
        var contentChunks = chunks.Where(c => c.GetProperty("choices").GetArrayLength() > 0 && c.GetProperty("choices")[0].GetProperty("logprobs").ValueKind == JsonValueKind.Object).ToList();
        var entries = contentChunks.SelectMany(c => c.GetProperty("choices")[0].GetProperty("logprobs").GetProperty("content").EnumerateArray()).ToList();
        var text = string.Concat(contentChunks.Select(c => c.GetProperty("choices")[0].GetProperty("delta").GetProperty("content").GetString()));
        Assert.Equal(MixedText, text);
        Assert.Equal(usage.GetProperty("completion_tokens").GetInt32(), entries.Count);
        Assert.True(entries.Count > contentChunks.Count, "Some chunk should carry the several tokens of one split character.");
        AssertBytesMakeTheText(entries, text);
    }

    [Fact]
    public async Task Completion_SplitCharacters_OneTokenPerEntryInEveryList()
    {
        await using var host = await HostedEmulator.StartAsync(EmulatorHosting.InMemory);

        using var response = await host.Client.PostAsync("completions", JsonSerializer.Serialize(new { model = "gpt-3.5-turbo-instruct", prompt = "echo: " + MixedText, logprobs = 2, max_tokens = 200 }));
        var json = await response.ReadJsonAsync();

        var logprobs = json.GetProperty("choices")[0].GetProperty("logprobs");
        var tokens = json.GetProperty("usage").GetProperty("completion_tokens").GetInt32();
        Assert.Equal(tokens, logprobs.GetProperty("tokens").GetArrayLength());
        Assert.Equal(tokens, logprobs.GetProperty("token_logprobs").GetArrayLength());
        Assert.Equal(tokens, logprobs.GetProperty("top_logprobs").GetArrayLength());
        Assert.Equal(tokens, logprobs.GetProperty("text_offset").GetArrayLength());
        Assert.Contains(logprobs.GetProperty("tokens").EnumerateArray(), t => t.GetString()!.StartsWith("\\x", StringComparison.Ordinal));
    }

    private static string Body(bool stream) => JsonSerializer.Serialize(new
    {
        model = "gpt-4o-mini",
        messages = new[] { new { role = "user", content = "echo: " + MixedText } },
        logprobs = true,
        top_logprobs = 2,
        stream,
        stream_options = stream ? new { include_usage = true } : null,
    }, new JsonSerializerOptions { DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull });

    private static void AssertBytesMakeTheText(List<JsonElement> entries, string text)
    {
        var bytes = entries.SelectMany(e => e.GetProperty("bytes").EnumerateArray().Select(b => (byte)b.GetInt32())).ToArray();
        Assert.Equal(Encoding.UTF8.GetBytes(text), bytes);

        // Tokens that split a character show the partial bytes as \xNN and carry exactly those bytes.
        var partial = entries.Where(e => !Utf8.IsValid(e.GetProperty("bytes").EnumerateArray().Select(b => (byte)b.GetInt32()).ToArray())).ToList();
        Assert.NotEmpty(partial);
        Assert.All(partial, e => Assert.Contains("\\x", e.GetProperty("token").GetString(), StringComparison.Ordinal));
        Assert.All(entries, e => Assert.Equal(e.GetProperty("token").GetString(), e.GetProperty("top_logprobs")[0].GetProperty("token").GetString()));
    }
}
