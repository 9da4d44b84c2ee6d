using System.Buffers;
using System.Text;
using System.Text.Json;

namespace ChatGpt.Testing.Internal;

/// <summary>What every endpoint's writer shares: <see cref="Utf8JsonWriter"/> into bytes, the API's error body, usage,
/// and log-probability alternatives. The emulator is an independent implementation of the server and shares no types
/// with the client; each endpoint has its own writer built on this one.</summary>
internal static class ResponseWriter
{
    public const string SystemFingerprint = "fp_emulator";

    private static readonly string[] s_alternatives = [" the", " a", ",", ".", " and", " to", " of", " in", " is", " it", "\n", " I", " you", " that", " for", " on", " with", " as", " this", " be"];

    public static byte[] Error(string message, string type, string? param, string? code) => Write(w =>
    {
        w.WriteStartObject();
        w.WriteStartObject("error");
        w.WriteString("message", message);
        w.WriteString("type", type);
        WriteNullableString(w, "param", param);
        WriteNullableString(w, "code", code);
        w.WriteEndObject();
        w.WriteEndObject();
    });

    /// <summary>A body that starts like a chat completion and turns into garbage: valid UTF-8, invalid JSON.</summary>
    public static byte[] Malformed(string id) => Encoding.UTF8.GetBytes($"{{\"id\":\"{id}\",\"object\":\"chat.completion\",\"choices\":[{{\"index\":0,\"message\":{{\"role\":\"assistant\",\"content\":\"Hel<html><body>upstream error</body></html>");

    public static byte[] Write(Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>(512);
        using (var writer = new Utf8JsonWriter(buffer, JsonFormat.WriterOptions))
        {
            write(writer);
        }

        return buffer.WrittenSpan.ToArray();
    }

    public static void WriteUsage(Utf8JsonWriter w, UsageCounts usage)
    {
        w.WriteStartObject("usage");
        w.WriteNumber("prompt_tokens", usage.PromptTokens);
        w.WriteNumber("completion_tokens", usage.CompletionTokens);
        w.WriteNumber("total_tokens", usage.TotalTokens);
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
        w.WriteEndObject();
    }

    public static string Alternative(string token, int rank)
    {
        // Distinct ranks give distinct alternatives (top_logprobs is at most 20, the size of the list).
        var start = (int)(StableHash.Of(token) % (uint)s_alternatives.Length);
        var candidate = s_alternatives[(start + rank) % s_alternatives.Length];
        return candidate == token ? candidate + "\u2581" : candidate;
    }

    public static void WriteNullableString(Utf8JsonWriter w, string name, string? value)
    {
        if (value is null)
        {
            w.WriteNull(name);
        }
        else
        {
            w.WriteString(name, value);
        }
    }
}
