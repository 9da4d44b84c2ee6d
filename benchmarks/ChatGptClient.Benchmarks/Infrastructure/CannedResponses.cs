using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace ChatGpt.Benchmarks.Infrastructure;

/// <summary>
/// Realistic OpenAI response bodies, built once in code (no fixture files) and shaped like what api.openai.com sends
/// today: every field a real response carries, <c>null</c>s included, raw UTF-8 for non-ASCII text.
/// </summary>
internal static class CannedResponses
{
    /// <summary>Chunks in the standard stream: 1 role chunk, 497 content chunks, 1 finish chunk, 1 usage chunk.</summary>
    public const int StreamChunkCount = 500;

    private const string ChatId = "chatcmpl-AXq3BnCh4rKg2uF1mVx9TqP0LzEdS";
    private const string Model = "gpt-4o-mini-2024-07-18";
    private const string Fingerprint = "fp_0ba0d124f1";
    private const long Created = 1732550400;

    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static readonly string[] Tokens =
    [
        " The", " quick", " brown", " fox", " jumps", " over", " the", " lazy", " dog", ".", "\n\n", "**", "Note", "**:",
        " caf\u00e9", " \u2014", " it", "'s", " \"quoted\"", " text", ",", " and", " `code`", " spans", " like", " `x", " =", " 42`", ";",
        " r\u00e9sum\u00e9", " na\u00efve", " \u2713", " done", "!", "\n", "-", " item", " one", " two", " three",
    ];

    /// <summary>The answer text of <see cref="ChatShort"/>.</summary>
    public static string ShortAnswer { get; } = "The capital of France is Paris. It has been the country's capital since the 10th century.";

    /// <summary>The answer text of <see cref="ChatLong"/>: about 16 KB of markdown with quotes, newlines and accents.</summary>
    public static string LongAnswer { get; } = BuildLongAnswer(16 * 1024);

    /// <summary>The concatenated deltas of <see cref="ChatStream"/>.</summary>
    public static string StreamAnswer { get; } = BuildStreamAnswer(StreamChunkCount);

    /// <summary>The text of the legacy completion.</summary>
    public static string CompletionText { get; } = "\n\nThis is indeed a test of the legacy completions endpoint, answered in one short line.";

    /// <summary>A chat completion with a one-sentence answer (about 0.8 KB of JSON).</summary>
    public static byte[] ChatShort { get; } = BuildChatCompletion(ShortAnswer, promptTokens: 67, completionTokens: 19);

    /// <summary>A chat completion with a 16 KB answer.</summary>
    public static byte[] ChatLong { get; } = BuildChatCompletion(LongAnswer, promptTokens: 67, completionTokens: 3900);

    /// <summary>A 500-chunk SSE stream with <c>stream_options.include_usage</c>, ending in <c>data: [DONE]</c>.</summary>
    public static byte[] ChatStream { get; } = BuildChatStream(StreamChunkCount);

    /// <summary>A legacy <c>text_completion</c>.</summary>
    public static byte[] Completion { get; } = BuildCompletion(CompletionText);

    /// <summary>Builds an SSE stream of <paramref name="chunks"/> events (at least 4) plus <c>[DONE]</c>.</summary>
    public static byte[] BuildChatStream(int chunks)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(chunks, 4);
        var buffer = new ArrayBufferWriter<byte>(chunks * 300);
        WriteEvent(buffer, w => WriteChunk(w, role: true, content: string.Empty, finishReason: null));
        for (var i = 0; i < chunks - 3; i++)
        {
            var token = Tokens[i % Tokens.Length];
            WriteEvent(buffer, w => WriteChunk(w, role: false, content: token, finishReason: null));
        }

        WriteEvent(buffer, w => WriteChunk(w, role: false, content: null, finishReason: "stop"));
        WriteEvent(buffer, w => WriteUsageChunk(w, chunks - 3));
        buffer.Write("data: [DONE]\n\n"u8);
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>The concatenated deltas of a stream built by <see cref="BuildChatStream"/>.</summary>
    public static string BuildStreamAnswer(int chunks)
    {
        var builder = new StringBuilder();
        for (var i = 0; i < chunks - 3; i++)
        {
            builder.Append(Tokens[i % Tokens.Length]);
        }

        return builder.ToString();
    }

    private static string BuildLongAnswer(int minLength)
    {
        var builder = new StringBuilder(minLength + 256);
        var section = 1;
        while (builder.Length < minLength)
        {
            builder.Append("## Section ").Append(section).Append(": \"Caf\u00e9 r\u00e9sum\u00e9\" \u2014 notes\n\n");
            builder.Append("Here is a paragraph that explains the idea in plain words, with a \"quoted phrase\", an apostrophe's use, ");
            builder.Append("a backslash \\ and a tab\tcharacter, so that the JSON carries the escapes a real answer has.\n\n");
            builder.Append("```csharp\nvar answer = await client.CreateChatCompletionAsync(request);\nConsole.WriteLine(answer.Content);\n```\n\n");
            builder.Append("- first point \u2713\n- second point\n- third point with **bold** and _italics_\n\n");
            section++;
        }

        return builder.ToString();
    }

    private static byte[] BuildChatCompletion(string content, int promptTokens, int completionTokens)
    {
        var buffer = new ArrayBufferWriter<byte>(content.Length + 1024);
        using (var w = new Utf8JsonWriter(buffer, WriterOptions))
        {
            w.WriteStartObject();
            w.WriteString("id", ChatId);
            w.WriteString("object", "chat.completion");
            w.WriteNumber("created", Created);
            w.WriteString("model", Model);
            w.WriteStartArray("choices");
            w.WriteStartObject();
            w.WriteNumber("index", 0);
            w.WriteStartObject("message");
            w.WriteString("role", "assistant");
            w.WriteString("content", content);
            w.WriteNull("refusal");
            w.WriteStartArray("annotations");
            w.WriteEndArray();
            w.WriteEndObject();
            w.WriteNull("logprobs");
            w.WriteString("finish_reason", "stop");
            w.WriteEndObject();
            w.WriteEndArray();
            WriteUsage(w, promptTokens, completionTokens, details: true);
            w.WriteString("service_tier", "default");
            w.WriteString("system_fingerprint", Fingerprint);
            w.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    private static byte[] BuildCompletion(string text)
    {
        var buffer = new ArrayBufferWriter<byte>(1024);
        using (var w = new Utf8JsonWriter(buffer, WriterOptions))
        {
            w.WriteStartObject();
            w.WriteString("id", "cmpl-uqkvlQyYK7bGYrRHQ0eXlWi7");
            w.WriteString("object", "text_completion");
            w.WriteNumber("created", Created);
            w.WriteString("model", "gpt-3.5-turbo-instruct");
            w.WriteString("system_fingerprint", Fingerprint);
            w.WriteStartArray("choices");
            w.WriteStartObject();
            w.WriteString("text", text);
            w.WriteNumber("index", 0);
            w.WriteNull("logprobs");
            w.WriteString("finish_reason", "stop");
            w.WriteEndObject();
            w.WriteEndArray();
            WriteUsage(w, 12, 21, details: false);
            w.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    private static void WriteEvent(ArrayBufferWriter<byte> buffer, Action<Utf8JsonWriter> writeJson)
    {
        buffer.Write("data: "u8);
        using (var w = new Utf8JsonWriter(buffer, WriterOptions))
        {
            writeJson(w);
        }

        buffer.Write("\n\n"u8);
    }

    private static void WriteChunkHeader(Utf8JsonWriter w)
    {
        w.WriteStartObject();
        w.WriteString("id", ChatId);
        w.WriteString("object", "chat.completion.chunk");
        w.WriteNumber("created", Created);
        w.WriteString("model", Model);
        w.WriteString("service_tier", "default");
        w.WriteString("system_fingerprint", Fingerprint);
    }

    private static void WriteChunk(Utf8JsonWriter w, bool role, string? content, string? finishReason)
    {
        WriteChunkHeader(w);
        w.WriteStartArray("choices");
        w.WriteStartObject();
        w.WriteNumber("index", 0);
        w.WriteStartObject("delta");
        if (role)
        {
            w.WriteString("role", "assistant");
        }

        if (content is not null)
        {
            w.WriteString("content", content);
        }

        if (role)
        {
            w.WriteNull("refusal");
        }

        w.WriteEndObject();
        w.WriteNull("logprobs");
        if (finishReason is null)
        {
            w.WriteNull("finish_reason");
        }
        else
        {
            w.WriteString("finish_reason", finishReason);
        }

        w.WriteEndObject();
        w.WriteEndArray();
        w.WriteNull("usage");
        // Since mid-2025 OpenAI pads every chunk with random characters against length side channels.
        w.WriteString("obfuscation", "q3Xb");
        w.WriteEndObject();
    }

    private static void WriteUsageChunk(Utf8JsonWriter w, int completionTokens)
    {
        WriteChunkHeader(w);
        w.WriteStartArray("choices");
        w.WriteEndArray();
        WriteUsage(w, 67, completionTokens, details: true);
        w.WriteString("obfuscation", "Zk");
        w.WriteEndObject();
    }

    private static void WriteUsage(Utf8JsonWriter w, int promptTokens, int completionTokens, bool details)
    {
        w.WriteStartObject("usage");
        w.WriteNumber("prompt_tokens", promptTokens);
        w.WriteNumber("completion_tokens", completionTokens);
        w.WriteNumber("total_tokens", promptTokens + completionTokens);
        if (details)
        {
            w.WriteStartObject("prompt_tokens_details");
            w.WriteNumber("cached_tokens", 0);
            w.WriteNumber("audio_tokens", 0);
            w.WriteEndObject();
            w.WriteStartObject("completion_tokens_details");
            w.WriteNumber("reasoning_tokens", 0);
            w.WriteNumber("audio_tokens", 0);
            w.WriteNumber("accepted_prediction_tokens", 0);
            w.WriteNumber("rejected_prediction_tokens", 0);
            w.WriteEndObject();
        }

        w.WriteEndObject();
    }
}
