using System.Text.Json;
using System.Text.Json.Serialization;
using ChatGpt.Chat;
using ChatGpt.Serialization;

using ChatGpt.Internal;

namespace ChatGpt.Completions;

/// <summary>A request to the legacy <c>POST /completions</c> endpoint. Unset properties are not sent.</summary>
public sealed class CompletionRequest : IWireRequest<CompletionRequest>
{
    /// <summary>The model, e.g. <c>gpt-3.5-turbo-instruct</c>; falls back to <see cref="ChatGptOptions.DefaultCompletionModel"/>.</summary>
    public string? Model { get; set; }

    /// <summary>The prompt.</summary>
    [JsonIgnore]
    public string? Prompt { get; set; }

    /// <summary>Several prompts completed in one call (one choice each), sent instead of <see cref="Prompt"/> when set.</summary>
    [JsonIgnore]
    public IList<string>? Prompts { get; set; }

    /// <summary>The prompt as token ids, sent instead of <see cref="Prompt"/> when set.</summary>
    [JsonIgnore]
    public IList<int>? PromptTokens { get; set; }

    /// <summary>Several prompts as arrays of token ids, sent instead of <see cref="Prompt"/> when set.</summary>
    [JsonIgnore]
    public IList<IList<int>>? PromptTokenBatches { get; set; }

    /// <summary>Text that comes after the completion (insertion).</summary>
    public string? Suffix { get; set; }

    /// <summary>The most tokens to generate.</summary>
    public int? MaxTokens { get; set; }

    /// <summary>Sampling temperature between 0 and 2.</summary>
    public float? Temperature { get; set; }

    /// <summary>Nucleus sampling probability mass.</summary>
    public float? TopP { get; set; }

    /// <summary>How many completions to generate per prompt.</summary>
    public int? N { get; set; }

    /// <summary>Generates this many candidates on the server and returns the best <see cref="N"/>.</summary>
    public int? BestOf { get; set; }

    /// <summary>Up to 4 sequences where the server stops generating.</summary>
    public IList<string>? Stop { get; set; }

    /// <summary>Between -2 and 2: positive values favour new topics.</summary>
    public float? PresencePenalty { get; set; }

    /// <summary>Between -2 and 2: positive values discourage repetition.</summary>
    public float? FrequencyPenalty { get; set; }

    /// <summary>Whether to echo the prompt before the completion.</summary>
    public bool? Echo { get; set; }

    /// <summary>How many most likely tokens (0 to 5) to return with their log probabilities at each position.</summary>
    public int? Logprobs { get; set; }

    /// <summary>Bias (-100 to 100) added to the logits of the given token ids.</summary>
    public IDictionary<int, int>? LogitBias { get; set; }

    /// <summary>A seed for best-effort deterministic sampling.</summary>
    public long? Seed { get; set; }

    /// <summary>An end-user identifier.</summary>
    public string? User { get; set; }

    /// <summary>Options of a streamed response; sent by the streaming call only.</summary>
    public ChatStreamOptions? StreamOptions { get; set; }

    /// <summary>Fields sent as they are, for parameters this version does not model.</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? AdditionalProperties { get; set; }

    [JsonInclude]
    [JsonPropertyName("prompt")]
    [JsonConverter(typeof(PromptJsonConverter))]
    internal PromptValue? WirePrompt
    {
        get => PromptTokenBatches is not null ? new PromptValue(null, null, null, PromptTokenBatches)
            : PromptTokens is not null ? new PromptValue(null, null, PromptTokens)
            : Prompts is not null ? new PromptValue(null, Prompts)
            : Prompt is not null ? new PromptValue(Prompt, null)
            : null;
        set
        {
            Prompt = value?.Text;
            Prompts = value?.Texts;
            PromptTokens = value?.Tokens;
            PromptTokenBatches = value?.TokenBatches;
        }
    }

    [JsonInclude]
    internal bool? Stream { get; set; }

    bool? IWireRequest<CompletionRequest>.Stream { get => Stream; set => Stream = value; }

    CompletionRequest IWireRequest<CompletionRequest>.ShallowClone() => (CompletionRequest)MemberwiseClone();

    void IWireRequest<CompletionRequest>.WriteJson(Utf8JsonWriter writer) => CompletionRequestWriter.Write(writer, this);

    void IChatGptRequest.SetSpanTags(System.Diagnostics.Activity activity) => ChatGpt.Diagnostics.Internal.GenAiRequestTags.Set(activity, this);

    string? IChatGptRequest.DescribeInput() => ChatGpt.Diagnostics.Internal.GenAiContentWriter.Input(this);

    int IChatGptRequest.EstimateTokens(string? model, double tokensAvailable) => ChatGpt.Resilience.Internal.RequestTokenEstimator.EstimateCompletion(model ?? Model, this, tokensAvailable);
}
