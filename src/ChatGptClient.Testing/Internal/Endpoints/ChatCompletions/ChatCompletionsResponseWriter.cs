using System.Globalization;
using System.Text;
using System.Text.Json;
using static ChatGpt.Testing.Internal.ResponseWriter;

namespace ChatGpt.Testing.Internal;

/// <summary>Writes <c>chat.completion</c> documents and <c>chat.completion.chunk</c> events.</summary>
internal static class ChatCompletionsResponseWriter
{
    public static byte[] ChatCompletion(ParsedChatRequest request, string id, long created, IReadOnlyList<ChoiceResult> choices, UsageCounts usage) => Write(w =>
    {
        w.WriteStartObject();
        w.WriteString("id", id);
        w.WriteString("object", "chat.completion");
        w.WriteNumber("created", created);
        w.WriteString("model", request.Model);
        w.WriteStartArray("choices");
        foreach (var choice in choices)
        {
            w.WriteStartObject();
            w.WriteNumber("index", choice.Index);
            w.WriteStartObject("message");
            w.WriteString("role", "assistant");
            if (choice.HasToolCalls)
            {
                w.WriteNull("content");
                w.WriteNull("refusal");
                w.WriteStartArray("tool_calls");
                foreach (var call in choice.ToolCalls)
                {
                    w.WriteStartObject();
                    w.WriteString("id", call.Id);
                    w.WriteString("type", "function");
                    w.WriteStartObject("function");
                    w.WriteString("name", call.Name);
                    w.WriteString("arguments", call.Arguments);
                    w.WriteEndObject();
                    w.WriteEndObject();
                }

                w.WriteEndArray();
            }
            else
            {
                w.WriteString("content", choice.Text);
                w.WriteNull("refusal");
            }

            w.WriteStartArray("annotations");
            w.WriteEndArray();
            w.WriteEndObject();
            if (request.Logprobs && !choice.HasToolCalls)
            {
                WriteLogprobs(w, TokenCounter.Tokenize(choice.Text).SelectMany(p => p.Tokens), request.TopLogprobs);
            }
            else
            {
                w.WriteNull("logprobs");
            }

            w.WriteString("finish_reason", choice.FinishReason);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        WriteUsage(w, usage);
        w.WriteString("service_tier", "default");
        w.WriteString("system_fingerprint", SystemFingerprint);
        w.WriteEndObject();
    });

    /// <summary>The events of a streamed chat completion, <c>[DONE]</c> included.</summary>
    public static List<ServerSentEvent> ChatCompletionChunks(ParsedChatRequest request, string id, long created, IReadOnlyList<ChoiceResult> choices, UsageCounts usage)
    {
        // Each choice becomes a list of deltas; the choices' deltas are interleaved like the API does for n > 1.
        var perChoice = choices.Select(c => ChoiceDeltas(c)).ToList();
        var events = new List<ServerSentEvent>();
        var longest = perChoice.Max(d => d.Count);
        for (var step = 0; step < longest; step++)
        {
            for (var c = 0; c < choices.Count; c++)
            {
                if (step >= perChoice[c].Count)
                {
                    continue;
                }

                var delta = perChoice[c][step];
                events.Add(Write(w =>
                {
                    WriteChunkStart(w, request, id, created);
                    w.WriteStartArray("choices");
                    w.WriteStartObject();
                    w.WriteNumber("index", choices[c].Index);
                    delta(w);
                    w.WriteEndObject();
                    w.WriteEndArray();
                    WriteChunkEnd(w, request, events.Count);
                }));
            }
        }

        if (request.IncludeUsage)
        {
            events.Add(Write(w =>
            {
                WriteChunkStart(w, request, id, created);
                w.WriteStartArray("choices");
                w.WriteEndArray();
                WriteUsage(w, usage);
                if (request.IncludeObfuscation)
                {
                    w.WriteString("obfuscation", Obfuscation(events.Count));
                }

                w.WriteEndObject();
            }));
        }

        events.Add("[DONE]"u8.ToArray());
        return events;

        List<Action<Utf8JsonWriter>> ChoiceDeltas(ChoiceResult choice)
        {
            var deltas = new List<Action<Utf8JsonWriter>>();
            if (choice.HasToolCalls)
            {
                deltas.Add(w =>
                {
                    w.WriteStartObject("delta");
                    w.WriteString("role", "assistant");
                    w.WriteNull("content");
                    w.WriteNull("refusal");
                    w.WriteEndObject();
                    w.WriteNull("logprobs");
                    w.WriteNull("finish_reason");
                });
                for (var i = 0; i < choice.ToolCalls.Count; i++)
                {
                    var index = i;
                    var call = choice.ToolCalls[i];
                    deltas.Add(w => WriteToolCallDelta(w, index, call, arguments: string.Empty, first: true));
                    foreach (var piece in Pieces(call.Arguments, 12))
                    {
                        deltas.Add(w => WriteToolCallDelta(w, index, call, piece, first: false));
                    }
                }
            }
            else
            {
                deltas.Add(w =>
                {
                    w.WriteStartObject("delta");
                    w.WriteString("role", "assistant");
                    w.WriteString("content", string.Empty);
                    w.WriteNull("refusal");
                    w.WriteEndObject();
                    w.WriteNull("logprobs");
                    w.WriteNull("finish_reason");
                });
                foreach (var piece in TokenCounter.Tokenize(choice.Text))
                {
                    deltas.Add(w =>
                    {
                        w.WriteStartObject("delta");
                        w.WriteString("content", piece.Text);
                        w.WriteEndObject();
                        if (request.Logprobs)
                        {
                            // A character split over tokens is sent whole, with one entry per token.
                            WriteLogprobs(w, piece.Tokens, request.TopLogprobs);
                        }
                        else
                        {
                            w.WriteNull("logprobs");
                        }

                        w.WriteNull("finish_reason");
                    });
                }
            }

            deltas.Add(w =>
            {
                w.WriteStartObject("delta");
                w.WriteEndObject();
                w.WriteNull("logprobs");
                w.WriteString("finish_reason", choice.FinishReason);
            });
            return deltas;
        }
    }

    private static void WriteChunkStart(Utf8JsonWriter w, ParsedChatRequest request, string id, long created)
    {
        w.WriteStartObject();
        w.WriteString("id", id);
        w.WriteString("object", "chat.completion.chunk");
        w.WriteNumber("created", created);
        w.WriteString("model", request.Model);
        w.WriteString("service_tier", "default");
        w.WriteString("system_fingerprint", SystemFingerprint);
    }

    private static void WriteChunkEnd(Utf8JsonWriter w, ParsedChatRequest request, int sequence)
    {
        if (request.IncludeUsage)
        {
            w.WriteNull("usage");
        }

        if (request.IncludeObfuscation)
        {
            w.WriteString("obfuscation", Obfuscation(sequence));
        }

        w.WriteEndObject();
    }

    private static void WriteToolCallDelta(Utf8JsonWriter w, int index, ToolCallResult call, string arguments, bool first)
    {
        w.WriteStartObject("delta");
        w.WriteStartArray("tool_calls");
        w.WriteStartObject();
        w.WriteNumber("index", index);
        if (first)
        {
            w.WriteString("id", call.Id);
            w.WriteString("type", "function");
        }

        w.WriteStartObject("function");
        if (first)
        {
            w.WriteString("name", call.Name);
        }

        w.WriteString("arguments", arguments);
        w.WriteEndObject();
        w.WriteEndObject();
        w.WriteEndArray();
        w.WriteEndObject();
        w.WriteNull("logprobs");
        w.WriteNull("finish_reason");
    }

    private static void WriteLogprobs(Utf8JsonWriter w, IEnumerable<TextToken> tokens, int top)
    {
        w.WriteStartObject("logprobs");
        w.WriteStartArray("content");
        foreach (var token in tokens)
        {
            WriteChatTokenLogprob(w, token, top);
        }

        w.WriteEndArray();
        w.WriteNull("refusal");
        w.WriteEndObject();
    }

    private static void WriteChatTokenLogprob(Utf8JsonWriter w, TextToken token, int top)
    {
        var logprob = StableHash.Logprob(token.Token);
        w.WriteStartObject();
        WriteTokenFields(w, token.Token, token.Bytes, logprob);
        w.WriteStartArray("top_logprobs");
        for (var i = 0; i < top; i++)
        {
            w.WriteStartObject();
            if (i == 0)
            {
                WriteTokenFields(w, token.Token, token.Bytes, logprob);
            }
            else
            {
                var alternative = Alternative(token.Token, i);
                WriteTokenFields(w, alternative, Encoding.UTF8.GetBytes(alternative), logprob - i - 0.5);
            }

            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void WriteTokenFields(Utf8JsonWriter w, string token, byte[] bytes, double logprob)
    {
        w.WriteString("token", token);
        w.WriteNumber("logprob", logprob);
        w.WriteStartArray("bytes");
        foreach (var b in bytes)
        {
            w.WriteNumberValue(b);
        }

        w.WriteEndArray();
    }

    private static IEnumerable<string> Pieces(string text, int size)
    {
        for (var i = 0; i < text.Length; i += size)
        {
            yield return text.Substring(i, Math.Min(size, text.Length - i));
        }
    }

    /// <summary>The API pads chunks with random characters against side-channel attacks; here the padding is fixed.</summary>
    private static string Obfuscation(int sequence) => "emu" + ((StableHash.Of(sequence.ToString(System.Globalization.CultureInfo.InvariantCulture)) % 100000).ToString("D5", System.Globalization.CultureInfo.InvariantCulture));
}
