using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using ChatGpt.Chat;
using ChatGpt.Completions;

namespace ChatGpt.Diagnostics.Internal;

/// <summary>
/// Writes prompt and completion content in the JSON shape of the GenAI conventions' <c>gen_ai.input.messages</c> and
/// <c>gen_ai.output.messages</c> (<c>[{"role":…,"parts":[{"type":"text","content":…}]}]</c>), used for both the span
/// attributes and the log lines. Only called when <see cref="ChatGptOptions.LogContent"/> is on.
/// </summary>
internal static class GenAiContentWriter
{
    // Content goes to logs and traces, not HTML: keep non-ASCII text readable.
    private static readonly JsonWriterOptions s_options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string Input(ChatCompletionRequest chat) => Write(chat, static (writer, chat) =>
    {
        foreach (var message in chat.Messages)
        {
            WriteMessage(writer, message, finishReason: null);
        }
    });

    public static string Input(CompletionRequest completion) => Write(completion, static (writer, completion) =>
    {
        if (completion.Prompt is not null)
        {
            WriteText(writer, "user", completion.Prompt, finishReason: null);
        }

        foreach (var prompt in completion.Prompts ?? [])
        {
            WriteText(writer, "user", prompt, finishReason: null);
        }
    });

    public static string Output(ChatCompletion completion) => Write(completion, static (writer, completion) =>
    {
        foreach (var choice in completion.Choices)
        {
            WriteMessage(writer, choice.Message, choice.FinishReason);
        }
    });

    public static string Output(Completion completion) => Write(completion, static (writer, completion) =>
    {
        foreach (var choice in completion.Choices)
        {
            WriteText(writer, "assistant", choice.Text, choice.FinishReason);
        }
    });

    /// <summary>Streamed text joined per choice index (tool-call fragments are not reassembled here).</summary>
    public static string Output(IReadOnlyList<StringBuilder?> texts, IReadOnlyList<string?>? finishReasons) => Write((texts, finishReasons), static (writer, state) =>
    {
        for (var i = 0; i < state.texts.Count; i++)
        {
            WriteText(writer, "assistant", state.texts[i]?.ToString() ?? string.Empty, state.finishReasons is { } reasons && i < reasons.Count ? reasons[i] : null);
        }
    });

    private static string Write<T>(T state, Action<Utf8JsonWriter, T> writeMessages)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer, s_options))
        {
            writer.WriteStartArray();
            writeMessages(writer, state);
            writer.WriteEndArray();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static void WriteText(Utf8JsonWriter writer, string role, string text, string? finishReason)
    {
        writer.WriteStartObject();
        writer.WriteString("role", role);
        writer.WriteStartArray("parts");
        WriteTextPart(writer, text);
        writer.WriteEndArray();
        WriteFinishReason(writer, finishReason);
        writer.WriteEndObject();
    }

    private static void WriteMessage(Utf8JsonWriter writer, ChatMessage message, string? finishReason)
    {
        writer.WriteStartObject();
        writer.WriteString("role", message.Role.Value);
        if (message.Name is not null)
        {
            writer.WriteString("name", message.Name);
        }

        writer.WriteStartArray("parts");
        if (message.ToolCallId is not null)
        {
            // A tool message answers a call: the conventions' tool_call_response part.
            writer.WriteStartObject();
            writer.WriteString("type", "tool_call_response");
            writer.WriteString("id", message.ToolCallId);
            writer.WriteString("response", message.Content ?? JoinText(message.ContentParts));
            writer.WriteEndObject();
        }
        else
        {
            if (message.Content is not null)
            {
                WriteTextPart(writer, message.Content);
            }

            foreach (var part in message.ContentParts ?? [])
            {
                if (part.Text is not null)
                {
                    WriteTextPart(writer, part.Text);
                }
                else if (part.Refusal is not null)
                {
                    WriteTextPart(writer, part.Refusal);
                }
                else
                {
                    // Images, audio and files can be megabytes of base64: record that they were there, not their bytes.
                    writer.WriteStartObject();
                    writer.WriteString("type", part.Type);
                    writer.WriteEndObject();
                }
            }

            if (message.Refusal is not null)
            {
                WriteTextPart(writer, message.Refusal);
            }

            foreach (var call in message.ToolCalls ?? [])
            {
                writer.WriteStartObject();
                writer.WriteString("type", "tool_call");
                writer.WriteString("id", call.Id);
                writer.WriteString("name", call.Function?.Name ?? call.Custom?.Name);
                writer.WriteString("arguments", call.Function?.Arguments ?? call.Custom?.Input);
                writer.WriteEndObject();
            }
        }

        writer.WriteEndArray();
        WriteFinishReason(writer, finishReason);
        writer.WriteEndObject();
    }

    private static void WriteTextPart(Utf8JsonWriter writer, string text)
    {
        writer.WriteStartObject();
        writer.WriteString("type", "text");
        writer.WriteString("content", text);
        writer.WriteEndObject();
    }

    private static void WriteFinishReason(Utf8JsonWriter writer, string? finishReason)
    {
        if (finishReason is not null)
        {
            writer.WriteString("finish_reason", finishReason);
        }
    }

    private static string JoinText(IList<ChatContentPart>? parts) =>
        parts is null ? string.Empty : string.Concat(parts.Select(static part => part.Text));
}
