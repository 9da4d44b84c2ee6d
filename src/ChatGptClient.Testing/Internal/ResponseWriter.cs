using System.Buffers;
using System.Text;
using System.Text.Json;

namespace ChatGpt.Testing.Internal;

/// <summary>Writes the API's JSON documents and stream events with <see cref="Utf8JsonWriter"/>: the emulator is an
/// independent implementation of the server and shares no types with the client.</summary>
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

    public static byte[] Models(IEnumerable<string> models, long created) => Write(w =>
    {
        w.WriteStartObject();
        w.WriteString("object", "list");
        w.WriteStartArray("data");
        foreach (var model in models)
        {
            WriteModel(w, model, created);
        }

        w.WriteEndArray();
        w.WriteEndObject();
    });

    public static byte[] Model(string model, long created) => Write(w => WriteModel(w, model, created));

    public static byte[] ChatCompletion(ChatRequest request, string id, long created, IReadOnlyList<ChoiceResult> choices, UsageCounts usage) => Write(w =>
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
                w.WriteStartObject("logprobs");
                w.WriteStartArray("content");
                foreach (var piece in TokenCounter.Split(choice.Text))
                {
                    WriteChatTokenLogprob(w, piece, request.TopLogprobs);
                }

                w.WriteEndArray();
                w.WriteNull("refusal");
                w.WriteEndObject();
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
    public static List<byte[]> ChatCompletionChunks(ChatRequest request, string id, long created, IReadOnlyList<ChoiceResult> choices, UsageCounts usage)
    {
        // Each choice becomes a list of deltas; the choices' deltas are interleaved like the API does for n > 1.
        var perChoice = choices.Select(c => ChoiceDeltas(c)).ToList();
        var events = new List<byte[]>();
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
                foreach (var piece in TokenCounter.Split(choice.Text))
                {
                    deltas.Add(w =>
                    {
                        w.WriteStartObject("delta");
                        w.WriteString("content", piece);
                        w.WriteEndObject();
                        if (request.Logprobs)
                        {
                            w.WriteStartObject("logprobs");
                            w.WriteStartArray("content");
                            WriteChatTokenLogprob(w, piece, request.TopLogprobs);
                            w.WriteEndArray();
                            w.WriteNull("refusal");
                            w.WriteEndObject();
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

    public static byte[] Completion(CompletionRequest request, string id, long created, IReadOnlyList<(ChoiceResult Choice, string Prompt)> choices, UsageCounts usage) => Write(w =>
    {
        w.WriteStartObject();
        w.WriteString("id", id);
        w.WriteString("object", "text_completion");
        w.WriteNumber("created", created);
        w.WriteString("model", request.Model);
        w.WriteStartArray("choices");
        foreach (var (choice, prompt) in choices)
        {
            var text = request.Echo ? prompt + choice.Text : choice.Text!;
            w.WriteStartObject();
            w.WriteString("text", text);
            w.WriteNumber("index", choice.Index);
            if (request.Logprobs is int top)
            {
                WriteCompletionLogprobs(w, TokenCounter.Split(choice.Text!), request.Echo ? prompt.Length : 0, top);
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
        w.WriteString("system_fingerprint", SystemFingerprint);
        w.WriteEndObject();
    });

    /// <summary>The events of a streamed legacy completion, <c>[DONE]</c> included.</summary>
    public static List<byte[]> CompletionChunks(CompletionRequest request, string id, long created, IReadOnlyList<(ChoiceResult Choice, string Prompt)> choices, UsageCounts usage)
    {
        var events = new List<byte[]>();
        var perChoice = choices.Select(c =>
        {
            var pieces = TokenCounter.Split(c.Choice.Text!);
            if (request.Echo && c.Prompt.Length > 0)
            {
                pieces.Insert(0, c.Prompt);
            }

            return pieces;
        }).ToList();
        var longest = perChoice.Max(p => p.Count) + 1;
        for (var step = 0; step < longest; step++)
        {
            for (var c = 0; c < choices.Count; c++)
            {
                var pieces = perChoice[c];
                if (step > pieces.Count)
                {
                    continue;
                }

                var last = step == pieces.Count;
                var text = last ? string.Empty : pieces[step];
                var choice = choices[c].Choice;
                events.Add(Write(w =>
                {
                    w.WriteStartObject();
                    w.WriteString("id", id);
                    w.WriteString("object", "text_completion");
                    w.WriteNumber("created", created);
                    w.WriteStartArray("choices");
                    w.WriteStartObject();
                    w.WriteString("text", text);
                    w.WriteNumber("index", choice.Index);
                    if (request.Logprobs is int top && !last)
                    {
                        WriteCompletionLogprobs(w, [text], 0, top);
                    }
                    else
                    {
                        w.WriteNull("logprobs");
                    }

                    if (last)
                    {
                        w.WriteString("finish_reason", choice.FinishReason);
                    }
                    else
                    {
                        w.WriteNull("finish_reason");
                    }

                    w.WriteEndObject();
                    w.WriteEndArray();
                    w.WriteString("model", request.Model);
                    w.WriteString("system_fingerprint", SystemFingerprint);
                    w.WriteEndObject();
                }));
            }
        }

        if (request.IncludeUsage)
        {
            events.Add(Write(w =>
            {
                w.WriteStartObject();
                w.WriteString("id", id);
                w.WriteString("object", "text_completion");
                w.WriteNumber("created", created);
                w.WriteStartArray("choices");
                w.WriteEndArray();
                w.WriteString("model", request.Model);
                w.WriteString("system_fingerprint", SystemFingerprint);
                WriteUsage(w, usage);
                w.WriteEndObject();
            }));
        }

        events.Add("[DONE]"u8.ToArray());
        return events;
    }

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

    private static void WriteChunkStart(Utf8JsonWriter w, ChatRequest request, string id, long created)
    {
        w.WriteStartObject();
        w.WriteString("id", id);
        w.WriteString("object", "chat.completion.chunk");
        w.WriteNumber("created", created);
        w.WriteString("model", request.Model);
        w.WriteString("service_tier", "default");
        w.WriteString("system_fingerprint", SystemFingerprint);
    }

    private static void WriteChunkEnd(Utf8JsonWriter w, ChatRequest request, int sequence)
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

    private static void WriteModel(Utf8JsonWriter w, string model, long created)
    {
        w.WriteStartObject();
        w.WriteString("id", model);
        w.WriteString("object", "model");
        w.WriteNumber("created", created);
        w.WriteString("owned_by", model.StartsWith("ft:", StringComparison.Ordinal) ? "user-emulator" : "system");
        w.WriteEndObject();
    }

    private static void WriteUsage(Utf8JsonWriter w, UsageCounts usage)
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

    private static void WriteChatTokenLogprob(Utf8JsonWriter w, string piece, int top)
    {
        var logprob = StableHash.Logprob(piece);
        w.WriteStartObject();
        WriteTokenFields(w, piece, logprob);
        w.WriteStartArray("top_logprobs");
        for (var i = 0; i < top; i++)
        {
            w.WriteStartObject();
            var token = i == 0 ? piece : Alternative(piece, i);
            WriteTokenFields(w, token, i == 0 ? logprob : logprob - i - 0.5);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void WriteTokenFields(Utf8JsonWriter w, string token, double logprob)
    {
        w.WriteString("token", token);
        w.WriteNumber("logprob", logprob);
        w.WriteStartArray("bytes");
        foreach (var b in Encoding.UTF8.GetBytes(token))
        {
            w.WriteNumberValue(b);
        }

        w.WriteEndArray();
    }

    private static void WriteCompletionLogprobs(Utf8JsonWriter w, IReadOnlyList<string> pieces, int startOffset, int top)
    {
        w.WriteStartObject("logprobs");
        w.WriteStartArray("tokens");
        foreach (var piece in pieces)
        {
            w.WriteStringValue(piece);
        }

        w.WriteEndArray();
        w.WriteStartArray("token_logprobs");
        foreach (var piece in pieces)
        {
            w.WriteNumberValue(StableHash.Logprob(piece));
        }

        w.WriteEndArray();
        w.WriteStartArray("top_logprobs");
        foreach (var piece in pieces)
        {
            w.WriteStartObject();
            var logprob = StableHash.Logprob(piece);
            for (var i = 0; i < Math.Max(1, top); i++)
            {
                w.WriteNumber(i == 0 ? piece : Alternative(piece, i), i == 0 ? logprob : logprob - i - 0.5);
            }

            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteStartArray("text_offset");
        var offset = startOffset;
        foreach (var piece in pieces)
        {
            w.WriteNumberValue(offset);
            offset += piece.Length;
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static string Alternative(string token, int rank)
    {
        // Distinct ranks give distinct alternatives (top_logprobs is at most 20, the size of the list).
        var start = (int)(StableHash.Of(token) % (uint)s_alternatives.Length);
        var candidate = s_alternatives[(start + rank) % s_alternatives.Length];
        return candidate == token ? candidate + "\u2581" : candidate;
    }

    private static void WriteNullableString(Utf8JsonWriter w, string name, string? value)
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
