using System.Text;
using ChatGpt.Chat;

namespace ChatGpt.Streaming;

/// <summary>
/// Joins the chunks of a streamed chat completion into the <see cref="ChatCompletion"/> the same request would have
/// returned without streaming: content and refusals concatenated, tool-call argument fragments joined by index, finish
/// reasons, log probabilities and usage kept.
/// </summary>
/// <remarks>Not thread-safe: append the chunks of one stream, in order, from one consumer.</remarks>
public sealed class ChatCompletionAccumulator
{
    private readonly SortedDictionary<int, ChoiceBuilder> _choices = [];
    private string? _id;
    private DateTimeOffset _created;
    private string? _model;
    private string? _systemFingerprint;
    private ChatServiceTier? _serviceTier;
    private CompletionUsage? _usage;
    private ChatModeration? _moderation;
    private Diagnostics.ChatGptResponseInfo? _responseInfo;

    /// <summary>How many chunks were appended.</summary>
    public int ChunkCount { get; private set; }

    /// <summary>Adds a chunk.</summary>
    /// <param name="chunk">The next chunk of the stream.</param>
    public void Append(ChatCompletionChunk chunk)
    {
        ArgumentNullException.ThrowIfNull(chunk);
        ChunkCount++;
        if (!string.IsNullOrEmpty(chunk.Id))
        {
            _id ??= chunk.Id;
        }

        if (_created == default)
        {
            _created = chunk.Created;
        }

        if (!string.IsNullOrEmpty(chunk.Model))
        {
            _model ??= chunk.Model;
        }

        _systemFingerprint ??= chunk.SystemFingerprint;
        _serviceTier ??= chunk.ServiceTier;
        _usage = chunk.Usage ?? _usage;
        _moderation = chunk.Moderation ?? _moderation;
        _responseInfo ??= chunk.ResponseInfo;

        foreach (var choice in chunk.Choices)
        {
            if (!_choices.TryGetValue(choice.Index, out var builder))
            {
                builder = new ChoiceBuilder();
                _choices.Add(choice.Index, builder);
            }

            builder.Append(choice);
        }
    }

    /// <summary>Builds the completion from the chunks appended so far.</summary>
    /// <returns>The completion.</returns>
    public ChatCompletion ToCompletion() => new()
    {
        Id = _id ?? string.Empty,
        Object = "chat.completion",
        Created = _created,
        Model = _model ?? string.Empty,
        SystemFingerprint = _systemFingerprint,
        ServiceTier = _serviceTier,
        Usage = _usage,
        Moderation = _moderation,
        Choices = [.. _choices.Select(static pair => pair.Value.Build(pair.Key))],
        ResponseInfo = _responseInfo?.WithoutRawBody(),
    };

    private sealed class ChoiceBuilder
    {
        private readonly SortedDictionary<int, ToolCallBuilder> _toolCalls = [];
        private ChatRole? _role;
        private StringBuilder? _content;
        private StringBuilder? _refusal;
        private FinishReason? _finishReason;
        private List<ChatTokenLogprob>? _contentLogprobs;
        private List<ChatTokenLogprob>? _refusalLogprobs;
        private string? _functionName;
        private StringBuilder? _functionArguments;

        public void Append(ChatChunkChoice choice)
        {
            _finishReason = choice.FinishReason ?? _finishReason;
            if (choice.Logprobs is { } logprobs)
            {
                if (logprobs.Content is { } content)
                {
                    (_contentLogprobs ??= []).AddRange(content);
                }

                if (logprobs.Refusal is { } refusal)
                {
                    (_refusalLogprobs ??= []).AddRange(refusal);
                }
            }

            if (choice.Delta is not { } delta)
            {
                return;
            }

            _role ??= delta.Role;
            if (delta.Content is not null)
            {
                (_content ??= new StringBuilder()).Append(delta.Content);
            }

            if (delta.Refusal is not null)
            {
                (_refusal ??= new StringBuilder()).Append(delta.Refusal);
            }

            if (delta.FunctionCall is { } function)
            {
                _functionName ??= function.Name;
                (_functionArguments ??= new StringBuilder()).Append(function.Arguments);
            }

            if (delta.ToolCalls is { } toolCalls)
            {
                foreach (var fragment in toolCalls)
                {
                    if (!_toolCalls.TryGetValue(fragment.Index, out var call))
                    {
                        call = new ToolCallBuilder();
                        _toolCalls.Add(fragment.Index, call);
                    }

                    call.Append(fragment);
                }
            }
        }

        public ChatChoice Build(int index) => new()
        {
            Index = index,
            FinishReason = _finishReason,
            Logprobs = _contentLogprobs is null && _refusalLogprobs is null ? null : new ChatChoiceLogprobs { Content = _contentLogprobs, Refusal = _refusalLogprobs },
            Message = new ChatMessage
            {
                Role = _role ?? ChatRole.Assistant,
                Content = _content?.ToString(),
                Refusal = _refusal?.ToString(),
                ToolCalls = _toolCalls.Count == 0 ? null : [.. _toolCalls.Values.Select(static call => call.Build())],
                FunctionCall = _functionName is null ? null : new ChatFunctionCall { Name = _functionName, Arguments = _functionArguments?.ToString() ?? string.Empty },
            },
        };
    }

    private sealed class ToolCallBuilder
    {
        private readonly StringBuilder _arguments = new();
        private string? _id;
        private string? _type;
        private string? _name;

        public void Append(ChatToolCallDelta fragment)
        {
            _id ??= fragment.Id;
            _type ??= fragment.Type;
            _name ??= fragment.Function?.Name;
            _arguments.Append(fragment.Function?.Arguments);
        }

        public ChatToolCall Build() => new()
        {
            Id = _id ?? string.Empty,
            Type = _type ?? "function",
            Function = new ChatFunctionCall { Name = _name ?? string.Empty, Arguments = _arguments.ToString() },
        };
    }
}
