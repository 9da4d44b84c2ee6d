using System.Text.Json;
using System.Text.Json.Serialization;

using ChatGpt.Internal;
using ChatGpt.Serialization;

namespace ChatGpt.Chat;

/// <summary>A request to <c>POST /chat/completions</c>. Property names are the PascalCase of the API's fields; unset properties are not sent.</summary>
/// <remarks>The streaming calls set <c>stream</c> themselves. Ranges are checked by the server, whose 400 arrives as a <see cref="ChatGptException"/>.</remarks>
public sealed class ChatCompletionRequest : IWireRequest<ChatCompletionRequest>
{
    /// <summary>The model, e.g. <c>gpt-4o-mini</c>; falls back to <see cref="ChatGptOptions.DefaultModel"/>.</summary>
    public string? Model { get; set; }

    /// <summary>The conversation so far. At least one message is required.</summary>
    public IList<ChatMessage> Messages { get; set; } = [];

    /// <summary>The most tokens to generate (deprecated by OpenAI for <see cref="MaxCompletionTokens"/>, still used by compatible servers).</summary>
    public int? MaxTokens { get; set; }

    /// <summary>The most tokens to generate, reasoning tokens included.</summary>
    public int? MaxCompletionTokens { get; set; }

    /// <summary>Sampling temperature between 0 and 2: higher is more random.</summary>
    public float? Temperature { get; set; }

    /// <summary>Nucleus sampling: only the tokens within this probability mass are considered.</summary>
    public float? TopP { get; set; }

    /// <summary>How many choices to generate.</summary>
    public int? N { get; set; }

    /// <summary>Up to 4 sequences where the server stops generating.</summary>
    public IList<string>? Stop { get; set; }

    /// <summary>Between -2 and 2: positive values favour new topics.</summary>
    public float? PresencePenalty { get; set; }

    /// <summary>Between -2 and 2: positive values discourage repeating the same lines.</summary>
    public float? FrequencyPenalty { get; set; }

    /// <summary>Bias (-100 to 100) added to the logits of the given token ids.</summary>
    public IDictionary<int, int>? LogitBias { get; set; }

    /// <summary>A seed for best-effort deterministic sampling.</summary>
    public long? Seed { get; set; }

    /// <summary>An end-user identifier (deprecated by OpenAI for <see cref="SafetyIdentifier"/> and <see cref="PromptCacheKey"/>).</summary>
    public string? User { get; set; }

    /// <summary>Whether to return the log probabilities of the output tokens.</summary>
    public bool? Logprobs { get; set; }

    /// <summary>How many most likely tokens (0 to 20) to return at each position; requires <see cref="Logprobs"/>.</summary>
    public int? TopLogprobs { get; set; }

    /// <summary>The answer's format: text, JSON mode or a JSON Schema.</summary>
    public ChatResponseFormat? ResponseFormat { get; set; }

    /// <summary>The tools the model may call.</summary>
    public IList<ChatTool>? Tools { get; set; }

    /// <summary>Which tool the model should call.</summary>
    public ChatToolChoice? ToolChoice { get; set; }

    /// <summary>Whether the model may call several tools at once.</summary>
    public bool? ParallelToolCalls { get; set; }

    /// <summary>Options of a streamed response; sent by the streaming calls only.</summary>
    public ChatStreamOptions? StreamOptions { get; set; }

    /// <summary>Whether OpenAI stores the completion for distillation and evals.</summary>
    public bool? Store { get; set; }

    /// <summary>Up to 16 key-value pairs stored with the completion.</summary>
    public IDictionary<string, string>? Metadata { get; set; }

    /// <summary>The processing tier: <c>auto</c>, <c>default</c>, <c>flex</c>, <c>scale</c>, <c>priority</c> or <c>fast</c>.</summary>
    public ChatServiceTier? ServiceTier { get; set; }

    /// <summary>The output types: <c>["text"]</c> or <c>["text", "audio"]</c>.</summary>
    public IList<string>? Modalities { get; set; }

    /// <summary>Audio output settings, when <see cref="Modalities"/> includes <c>audio</c>.</summary>
    public ChatAudioOptions? Audio { get; set; }

    /// <summary>Reasoning effort of reasoning models: <c>none</c>, <c>minimal</c>, <c>low</c>, <c>medium</c>, <c>high</c>, <c>xhigh</c> or <c>max</c>.</summary>
    public ChatReasoningEffort? ReasoningEffort { get; set; }

    /// <summary>How verbose the answer is: <c>low</c>, <c>medium</c> or <c>high</c>.</summary>
    public ChatVerbosity? Verbosity { get; set; }

    /// <summary>Predicted output, to answer faster when much of it is known.</summary>
    public ChatPrediction? Prediction { get; set; }

    /// <summary>Web search settings, for the search models.</summary>
    public ChatWebSearchOptions? WebSearchOptions { get; set; }

    /// <summary>A stable, hashed identifier of the end user, to help OpenAI detect abuse.</summary>
    public string? SafetyIdentifier { get; set; }

    /// <summary>A key that groups similar requests for prompt caching.</summary>
    public string? PromptCacheKey { get; set; }

    /// <summary>How long cached prompts are kept at most: <c>in_memory</c> or <c>24h</c> (deprecated by the API for <see cref="PromptCacheOptions"/>).</summary>
    public ChatPromptCacheRetention? PromptCacheRetention { get; set; }

    /// <summary>Prompt caching settings: cache lifetime and whether the server adds an implicit breakpoint.</summary>
    public ChatPromptCacheOptions? PromptCacheOptions { get; set; }

    /// <summary>Runs a moderation model on the input and output; results arrive in <see cref="ChatCompletion.Moderation"/>.</summary>
    public ChatModerationOptions? Moderation { get; set; }

    /// <summary>The legacy function definitions (deprecated by the API in favour of <see cref="Tools"/>; for servers that only speak them).</summary>
    public IList<ChatFunctionDefinition>? Functions { get; set; }

    /// <summary>The legacy function choice (deprecated by the API in favour of <see cref="ToolChoice"/>).</summary>
    public ChatFunctionChoice? FunctionCall { get; set; }

    /// <summary>Fields sent as they are, for parameters this version does not model (or a server's own extensions).</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? AdditionalProperties { get; set; }

    /// <summary>Set by the streaming call on its own copy, never by users.</summary>
    [JsonInclude]
    internal bool? Stream { get; set; }

    /// <summary>Copies the request shallowly, so the client can fill in defaults without changing the caller's object.</summary>
    bool? IWireRequest<ChatCompletionRequest>.Stream { get => Stream; set => Stream = value; }

    ChatCompletionRequest IWireRequest<ChatCompletionRequest>.ShallowClone() => (ChatCompletionRequest)MemberwiseClone();

    void IWireRequest<ChatCompletionRequest>.WriteJson(Utf8JsonWriter writer) => ChatCompletionRequestWriter.Write(writer, this);

    void IChatGptRequest.SetSpanTags(System.Diagnostics.Activity activity) => ChatGpt.Diagnostics.Internal.GenAiRequestTags.Set(activity, this);

    string? IChatGptRequest.DescribeInput() => ChatGpt.Diagnostics.Internal.GenAiContentWriter.Input(this);

    int IChatGptRequest.EstimateTokens(string? model, double tokensAvailable) => ChatGpt.Resilience.Internal.RequestTokenEstimator.EstimateChat(model ?? Model, this, tokensAvailable);
}
