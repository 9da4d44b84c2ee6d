using ChatGpt.Completions;
using ChatGpt.Diagnostics;

namespace ChatGpt;

// The legacy completion results: answers and the chunks of a stream, which have the same shape.
public static partial class ChatGptModelFactory
{
    /// <summary>Builds the answer of <c>POST /completions</c>, or one chunk of its stream.</summary>
    /// <param name="id">The completion id.</param>
    /// <param name="model">The model that answered.</param>
    /// <param name="created">When it was created (whole seconds, as on the wire).</param>
    /// <param name="choices">The choices; build them with <see cref="CompletionChoice"/>. None when <see langword="null"/>.</param>
    /// <param name="usage">The tokens used; build it with <see cref="CompletionUsage"/>.</param>
    /// <param name="systemFingerprint">The backend configuration.</param>
    /// <param name="responseInfo">What the server said besides the body; build it with <see cref="ChatGptResponseInfo"/>.</param>
    /// <returns>The completion.</returns>
    public static Completion Completion(
        string id = "cmpl-test",
        string model = "gpt-3.5-turbo-instruct",
        DateTimeOffset created = default,
        IEnumerable<CompletionChoice>? choices = null,
        CompletionUsage? usage = null,
        string? systemFingerprint = null,
        ChatGptResponseInfo? responseInfo = null) => new()
        {
            Id = id,
            Object = "text_completion",
            Created = created,
            Model = model,
            Choices = choices is null ? [] : [.. choices],
            Usage = usage,
            SystemFingerprint = systemFingerprint,
            ResponseInfo = responseInfo,
        };

    /// <summary>Builds one choice of a <see cref="Completions.Completion"/>.</summary>
    /// <param name="text">The generated text.</param>
    /// <param name="index">The index of the choice.</param>
    /// <param name="finishReason">Why generation stopped.</param>
    /// <param name="logprobs">The log probabilities.</param>
    /// <returns>The choice.</returns>
    public static CompletionChoice CompletionChoice(string text = "", int index = 0, FinishReason? finishReason = null, CompletionLogprobs? logprobs = null) =>
        new() { Text = text, Index = index, FinishReason = finishReason, Logprobs = logprobs };
}
