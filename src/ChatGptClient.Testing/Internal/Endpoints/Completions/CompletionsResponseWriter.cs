using System.Text.Json;
using static ChatGpt.Testing.Internal.ResponseWriter;

namespace ChatGpt.Testing.Internal;

/// <summary>Writes legacy <c>text_completion</c> documents and stream events.</summary>
internal static class CompletionsResponseWriter
{
    public static byte[] Completion(ParsedCompletionRequest request, string id, long created, IReadOnlyList<(ChoiceResult Choice, string Prompt)> choices, UsageCounts usage) => Write(w =>
    {
        WriteStart(w, id, created);
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
                WriteCompletionLogprobs(w, TokenCounter.Tokenize(choice.Text!), request.Echo ? prompt.Length : 0, top);
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
    public static List<ServerSentEvent> CompletionChunks(ParsedCompletionRequest request, string id, long created, IReadOnlyList<(ChoiceResult Choice, string Prompt)> choices, UsageCounts usage)
    {
        var events = new List<ServerSentEvent>();
        var perChoice = choices.Select(c =>
        {
            var pieces = TokenCounter.Tokenize(c.Choice.Text!);
            if (request.Echo && c.Prompt.Length > 0)
            {
                pieces.Insert(0, new TokenPiece(c.Prompt, [new TextToken(c.Prompt, System.Text.Encoding.UTF8.GetBytes(c.Prompt))]));
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
                var piece = last ? null : pieces[step];
                var text = piece?.Text ?? string.Empty;
                var choice = choices[c].Choice;
                events.Add(Write(w =>
                {
                    WriteStart(w, id, created);
                    w.WriteStartArray("choices");
                    w.WriteStartObject();
                    w.WriteString("text", text);
                    w.WriteNumber("index", choice.Index);
                    if (request.Logprobs is int top && piece is not null)
                    {
                        WriteCompletionLogprobs(w, [piece], 0, top);
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
                WriteStart(w, id, created);
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

    private static void WriteStart(Utf8JsonWriter w, string id, long created)
    {
        w.WriteStartObject();
        w.WriteString("id", id);
        w.WriteString("object", "text_completion");
        w.WriteNumber("created", created);
    }

    /// <summary>The legacy logprobs: one entry per token in each list; the tokens of a character split over tokens all
    /// point at that character's offset.</summary>
    private static void WriteCompletionLogprobs(Utf8JsonWriter w, IReadOnlyList<TokenPiece> pieces, int startOffset, int top)
    {
        var tokens = pieces.SelectMany(p => p.Tokens).ToList();
        w.WriteStartObject("logprobs");
        w.WriteStartArray("tokens");
        foreach (var token in tokens)
        {
            w.WriteStringValue(token.Token);
        }

        w.WriteEndArray();
        w.WriteStartArray("token_logprobs");
        foreach (var token in tokens)
        {
            w.WriteNumberValue(StableHash.Logprob(token.Token));
        }

        w.WriteEndArray();
        w.WriteStartArray("top_logprobs");
        foreach (var token in tokens)
        {
            w.WriteStartObject();
            var logprob = StableHash.Logprob(token.Token);
            for (var i = 0; i < Math.Max(1, top); i++)
            {
                w.WriteNumber(i == 0 ? token.Token : Alternative(token.Token, i), i == 0 ? logprob : logprob - i - 0.5);
            }

            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteStartArray("text_offset");
        var offset = startOffset;
        foreach (var piece in pieces)
        {
            foreach (var _ in piece.Tokens)
            {
                w.WriteNumberValue(offset);
            }

            offset += piece.Text.Length;
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }
}
