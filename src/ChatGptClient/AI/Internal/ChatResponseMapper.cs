using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using ChatGpt.Chat;
using Microsoft.Extensions.AI;
using AIChatMessage = Microsoft.Extensions.AI.ChatMessage;
using AIChatRole = Microsoft.Extensions.AI.ChatRole;
using ChatRole = ChatGpt.Chat.ChatRole;

namespace ChatGpt.AI.Internal;

/// <summary>Maps completions and streamed chunks to Microsoft.Extensions.AI responses and updates.</summary>
/// <remarks>Only the first choice is mapped (IChatClient has one answer per call); the others stay reachable
/// through <see cref="ChatResponse.RawRepresentation"/>.</remarks>
internal static class ChatResponseMapper
{
    public static ChatResponse ToResponse(ChatCompletion completion, string? audioFormat)
    {
        var choice = completion.Choices.Count > 0 ? completion.Choices[0] : null;
        var message = new AIChatMessage(ToRole(choice?.Message.Role), [])
        {
            MessageId = completion.Id,
            CreatedAt = completion.Created,
            RawRepresentation = choice?.Message,
        };

        if (choice?.Message is { } source)
        {
            AddContents(message, source, audioFormat);
        }

        var response = new ChatResponse(message)
        {
            ResponseId = completion.Id,
            ModelId = completion.Model,
            CreatedAt = completion.Created,
            FinishReason = ToFinishReason(choice?.FinishReason),
            Usage = completion.Usage is { } usage ? ToUsage(usage) : null,
            RawRepresentation = completion,
        };

        if (completion.SystemFingerprint is { } fingerprint)
        {
            (response.AdditionalProperties ??= [])["system_fingerprint"] = fingerprint;
        }

        if (completion.ServiceTier is { } tier)
        {
            (response.AdditionalProperties ??= [])["service_tier"] = tier.Value;
        }

        return response;
    }

    public static async IAsyncEnumerable<ChatResponseUpdate> ToUpdatesAsync(
        IAsyncEnumerable<ChatCompletionChunk> chunks, string? audioFormat, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        _ = audioFormat; // Streamed audio arrives only as transcript text on the chat endpoint's deltas modelled here.
        SortedDictionary<int, ToolCallBuilder>? calls = null;
        AIChatRole? role = null;
        ChatFinishReason? finishReason = null;
        string? responseId = null;
        string? modelId = null;
        DateTimeOffset? createdAt = null;

        await foreach (var chunk in chunks.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            responseId ??= string.IsNullOrEmpty(chunk.Id) ? null : chunk.Id;
            modelId ??= string.IsNullOrEmpty(chunk.Model) ? null : chunk.Model;
            createdAt ??= chunk.Created == default ? null : chunk.Created;

            var update = new ChatResponseUpdate
            {
                ResponseId = responseId,
                MessageId = responseId,
                ModelId = modelId,
                CreatedAt = createdAt,
                RawRepresentation = chunk,
            };

            foreach (var choice in chunk.Choices)
            {
                if (choice.Index != 0)
                {
                    continue;
                }

                if (choice.FinishReason is { } reason)
                {
                    finishReason ??= ToFinishReason(reason);
                }

                if (choice.Delta is not { } delta)
                {
                    continue;
                }

                if (delta.Role is { } deltaRole)
                {
                    role ??= ToRole(deltaRole);
                }

                if (!string.IsNullOrEmpty(delta.Content))
                {
                    update.Contents.Add(new TextContent(delta.Content));
                }

                if (!string.IsNullOrEmpty(delta.Refusal))
                {
                    update.Contents.Add(new TextContent(delta.Refusal));
                    (update.AdditionalProperties ??= [])[ChatRequestMapper.RefusalKey] = delta.Refusal;
                }

                if (delta.ToolCalls is { } fragments)
                {
                    foreach (var fragment in fragments)
                    {
                        calls ??= [];
                        if (!calls.TryGetValue(fragment.Index, out var builder))
                        {
                            calls[fragment.Index] = builder = new ToolCallBuilder(fragment.Index);
                        }

                        builder.Append(fragment);
                    }
                }
            }

            update.Role = role;
            update.FinishReason = finishReason;
            if (chunk.Usage is { } usage)
            {
                update.Contents.Add(new UsageContent(ToUsage(usage)));
            }

            yield return update;
        }

        // Tool calls are yielded whole once the stream ends: middleware needs complete, parsed arguments.
        if (calls is not null)
        {
            var update = new ChatResponseUpdate
            {
                ResponseId = responseId,
                MessageId = responseId,
                ModelId = modelId,
                CreatedAt = createdAt,
                Role = role ?? AIChatRole.Assistant,
                FinishReason = finishReason,
            };

            foreach (var call in calls.Values)
            {
                if (call.ToContent() is { } content)
                {
                    update.Contents.Add(content);
                }
            }

            yield return update;
        }
    }

    internal static UsageDetails ToUsage(CompletionUsage usage)
    {
        var details = new UsageDetails
        {
            InputTokenCount = usage.PromptTokens,
            OutputTokenCount = usage.CompletionTokens,
            TotalTokenCount = usage.TotalTokens,
            CachedInputTokenCount = usage.PromptTokensDetails?.CachedTokens,
            ReasoningTokenCount = usage.CompletionTokensDetails?.ReasoningTokens,
        };

        // The audio and text splits have experimental UsageDetails properties (MEAI001); the stable AdditionalCounts carry them.
        AddCount(details, "prompt_tokens_details.audio_tokens", usage.PromptTokensDetails?.AudioTokens);
        AddCount(details, "prompt_tokens_details.text_tokens", usage.PromptTokensDetails?.TextTokens);
        AddCount(details, "completion_tokens_details.audio_tokens", usage.CompletionTokensDetails?.AudioTokens);
        AddCount(details, "completion_tokens_details.text_tokens", usage.CompletionTokensDetails?.TextTokens);

        AddCount(details, "prompt_tokens_details.image_tokens", usage.PromptTokensDetails?.ImageTokens);
        AddCount(details, "prompt_tokens_details.cache_write_tokens", usage.PromptTokensDetails?.CacheWriteTokens);
        AddCount(details, "completion_tokens_details.accepted_prediction_tokens", usage.CompletionTokensDetails?.AcceptedPredictionTokens);
        AddCount(details, "completion_tokens_details.rejected_prediction_tokens", usage.CompletionTokensDetails?.RejectedPredictionTokens);
        return details;

        static void AddCount(UsageDetails details, string key, int? value)
        {
            if (value is { } count)
            {
                (details.AdditionalCounts ??= [])[key] = count;
            }
        }
    }

    internal static ChatFinishReason? ToFinishReason(FinishReason? reason)
    {
        if (reason is not { Value.Length: > 0 } value)
        {
            return null;
        }

        if (value == FinishReason.Stop)
        {
            return ChatFinishReason.Stop;
        }

        if (value == FinishReason.Length)
        {
            return ChatFinishReason.Length;
        }

        if (value == FinishReason.ToolCalls || value == FinishReason.FunctionCall)
        {
            return ChatFinishReason.ToolCalls;
        }

        return value == FinishReason.ContentFilter ? ChatFinishReason.ContentFilter : new ChatFinishReason(value.Value);
    }

    private static AIChatRole ToRole(ChatRole? role) =>
        role is not { } r || r == default || r == ChatRole.Assistant ? AIChatRole.Assistant
        : r == ChatRole.User ? AIChatRole.User
        : r == ChatRole.System ? AIChatRole.System
        : r == ChatRole.Tool ? AIChatRole.Tool
        : new AIChatRole(r.Value);

    private static void AddContents(AIChatMessage message, Chat.ChatMessage source, string? audioFormat)
    {
        var contents = message.Contents;
        if (source.Content is { } text)
        {
            var content = new TextContent(text);
            if (source.Annotations is { Count: > 0 } annotations)
            {
                foreach (var annotation in annotations)
                {
                    if (annotation.UrlCitation is { } citation)
                    {
                        (content.Annotations ??= []).Add(new CitationAnnotation
                        {
                            Url = Uri.TryCreate(citation.Url, UriKind.Absolute, out var url) ? url : null,
                            Title = citation.Title,
                            AnnotatedRegions = [new TextSpanAnnotatedRegion { StartIndex = citation.StartIndex, EndIndex = citation.EndIndex }],
                            RawRepresentation = annotation,
                        });
                    }
                }
            }

            contents.Add(content);
        }
        else if (source.ContentParts is { } parts)
        {
            foreach (var part in parts)
            {
                if (part.Text is { } partText)
                {
                    contents.Add(new TextContent(partText) { RawRepresentation = part });
                }
            }
        }

        if (source.Refusal is { } refusal)
        {
            // The refusal is the answer a user should see; the marker lets it round-trip as a refusal.
            contents.Add(new TextContent(refusal));
            (message.AdditionalProperties ??= [])[ChatRequestMapper.RefusalKey] = refusal;
        }

        if (source.Audio is { } audio)
        {
            if (audio.Data is { Length: > 0 } data)
            {
                var audioContent = new DataContent(Convert.FromBase64String(data), AudioMediaType(audioFormat)) { RawRepresentation = audio };
                (audioContent.AdditionalProperties ??= [])[ChatRequestMapper.AudioIdKey] = audio.Id;
                contents.Add(audioContent);
            }

            if (source.Content is null && audio.Transcript is { } transcript)
            {
                contents.Add(new TextContent(transcript));
            }
        }

        if (source.ToolCalls is { } calls)
        {
            foreach (var call in calls)
            {
                if (call.Function is { Name.Length: > 0 } function)
                {
                    var content = ParseCall(function.Arguments, call.Id, function.Name);
                    content.RawRepresentation = call;
                    contents.Add(content);
                }
            }
        }
    }

    private static string AudioMediaType(string? format) => format switch
    {
        "wav" => "audio/wav",
        "aac" => "audio/aac",
        "flac" => "audio/flac",
        "opus" => "audio/opus",
        "pcm16" => "audio/pcm",
        _ => "audio/mpeg",
    };

    internal static FunctionCallContent ParseCall(string arguments, string callId, string name) =>
        FunctionCallContent.CreateFromParsedArguments(
            string.IsNullOrWhiteSpace(arguments) ? "{}" : arguments,
            callId,
            name,
            static json => (IDictionary<string, object?>?)JsonSerializer.Deserialize(json, ChatRequestMapper.CompactJson.GetTypeInfo(typeof(IDictionary<string, object?>))));

    /// <summary>Joins the fragments of one streamed tool call.</summary>
    private sealed class ToolCallBuilder(int index)
    {
        private readonly StringBuilder _arguments = new();
        private string? _id;
        private string? _name;

        public void Append(ChatToolCallDelta fragment)
        {
            _id ??= fragment.Id;
            _name ??= fragment.Function?.Name;
            _arguments.Append(fragment.Function?.Arguments);
        }

        public FunctionCallContent? ToContent() =>
            // Some compatible servers stream calls without ids; one is made up so the tool result can still answer it.
            string.IsNullOrEmpty(_name) ? null : ParseCall(_arguments.ToString(), string.IsNullOrEmpty(_id) ? $"call_{index}" : _id, _name);
    }
}
