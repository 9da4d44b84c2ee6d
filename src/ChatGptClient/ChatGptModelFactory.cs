using System.Globalization;
using System.Net;
using ChatGpt.Diagnostics;
using ChatGpt.Models;

namespace ChatGpt;

/// <summary>
/// Builds the client's response objects for the unit tests of code that uses the client: a mocked
/// <see cref="IChatGptClient"/> returns them as if they came from the server, response information (request id,
/// rate limits) included. Every parameter is optional; what is left out has the value a parsed response would have.
/// </summary>
/// <remarks>
/// A partial class: each feature adds its own methods in its folder (<c>Chat/ChatGptModelFactory.Chat.cs</c>,
/// <c>Completions/ChatGptModelFactory.Completions.cs</c>, ...), so a new endpoint extends the one factory users know.
/// </remarks>
public static partial class ChatGptModelFactory
{
    /// <summary>Builds the token usage of a response.</summary>
    /// <param name="promptTokens">The tokens of the prompt.</param>
    /// <param name="completionTokens">The tokens generated.</param>
    /// <param name="totalTokens">The total; the sum of the two when <see langword="null"/>.</param>
    /// <param name="promptTokensDetails">The breakdown of the prompt tokens (cached, audio, ...).</param>
    /// <param name="completionTokensDetails">The breakdown of the generated tokens (reasoning, audio, predictions, ...).</param>
    /// <returns>The usage.</returns>
    public static CompletionUsage CompletionUsage(
        int promptTokens = 0,
        int completionTokens = 0,
        int? totalTokens = null,
        PromptTokensDetails? promptTokensDetails = null,
        CompletionTokensDetails? completionTokensDetails = null) => new()
        {
            PromptTokens = promptTokens,
            CompletionTokens = completionTokens,
            TotalTokens = totalTokens ?? (promptTokens + completionTokens),
            PromptTokensDetails = promptTokensDetails,
            CompletionTokensDetails = completionTokensDetails,
        };

    /// <summary>Builds the breakdown of a prompt's tokens.</summary>
    /// <param name="cachedTokens">The tokens read from the prompt cache.</param>
    /// <param name="audioTokens">The audio tokens.</param>
    /// <param name="textTokens">The text tokens.</param>
    /// <param name="imageTokens">The image tokens.</param>
    /// <param name="cacheWriteTokens">The tokens written to the prompt cache.</param>
    /// <returns>The breakdown.</returns>
    public static PromptTokensDetails PromptTokensDetails(
        int? cachedTokens = null,
        int? audioTokens = null,
        int? textTokens = null,
        int? imageTokens = null,
        int? cacheWriteTokens = null) => new()
        {
            CachedTokens = cachedTokens,
            AudioTokens = audioTokens,
            TextTokens = textTokens,
            ImageTokens = imageTokens,
            CacheWriteTokens = cacheWriteTokens,
        };

    /// <summary>Builds the breakdown of the generated tokens.</summary>
    /// <param name="reasoningTokens">The reasoning tokens.</param>
    /// <param name="audioTokens">The audio tokens.</param>
    /// <param name="acceptedPredictionTokens">The predicted tokens that appeared in the answer.</param>
    /// <param name="rejectedPredictionTokens">The predicted tokens that did not.</param>
    /// <param name="textTokens">The text tokens.</param>
    /// <returns>The breakdown.</returns>
    public static CompletionTokensDetails CompletionTokensDetails(
        int? reasoningTokens = null,
        int? audioTokens = null,
        int? acceptedPredictionTokens = null,
        int? rejectedPredictionTokens = null,
        int? textTokens = null) => new()
        {
            ReasoningTokens = reasoningTokens,
            AudioTokens = audioTokens,
            AcceptedPredictionTokens = acceptedPredictionTokens,
            RejectedPredictionTokens = rejectedPredictionTokens,
            TextTokens = textTokens,
        };

    /// <summary>Builds a model as <see cref="IChatGptClient.ListModelsAsync(CancellationToken)"/> lists it.</summary>
    /// <param name="id">The model id.</param>
    /// <param name="created">When the model was created.</param>
    /// <param name="ownedBy">The organization that owns it.</param>
    /// <param name="shutdownDate">When it shuts down, as the server writes it (e.g. <c>2026-10-23</c>).</param>
    /// <returns>The model.</returns>
    public static ChatGptModel ChatGptModel(string id = "gpt-4o-mini", DateTimeOffset created = default, string? ownedBy = "system", string? shutdownDate = null) => new()
    {
        Id = id,
        Object = "model",
        Created = created,
        OwnedBy = ownedBy,
        ShutdownDate = shutdownDate,
    };

    /// <summary>Builds the answer of a deletion (a file's, a fine-tuned model's).</summary>
    /// <param name="id">The id of the deleted object.</param>
    /// <param name="deleted">Whether it was deleted.</param>
    /// <param name="objectType">The object type: <c>file</c> or <c>model</c>.</param>
    /// <returns>The result.</returns>
    public static DeletionResult DeletionResult(string id = "file-test", bool deleted = true, string? objectType = "file") => new()
    {
        Id = id,
        Object = objectType,
        Deleted = deleted,
    };

    /// <summary>Builds the error the client throws when the server answers with an error.</summary>
    /// <param name="message">The message (the API's <c>error.message</c>).</param>
    /// <param name="statusCode">The HTTP status, or <see langword="null"/> for a failure without a response.</param>
    /// <param name="errorType">The API's <c>error.type</c>, e.g. <c>invalid_request_error</c>.</param>
    /// <param name="errorCode">The API's <c>error.code</c>, e.g. <c>rate_limit_exceeded</c>.</param>
    /// <param name="param">The API's <c>error.param</c>.</param>
    /// <param name="requestId">The <c>x-request-id</c> of the response.</param>
    /// <param name="retryAfter">How long the server asked to wait.</param>
    /// <returns>The exception, ready to throw from a mock.</returns>
    public static ChatGptException ChatGptException(
        string message = "The server returned an error.",
        HttpStatusCode? statusCode = HttpStatusCode.BadRequest,
        string? errorType = null,
        string? errorCode = null,
        string? param = null,
        string? requestId = null,
        TimeSpan? retryAfter = null) =>
        new(message, statusCode, errorType, errorCode, param, requestId, retryAfter);

    /// <summary>
    /// Builds what the server said about a response besides its body. The values are written as the response headers a
    /// server sends (<c>x-request-id</c>, <c>openai-processing-ms</c>, <c>x-ratelimit-*</c>) and read back as the client
    /// reads a real response, so code that reads <see cref="Diagnostics.ChatGptResponseInfo.Headers"/> sees them too.
    /// </summary>
    /// <param name="statusCode">The HTTP status.</param>
    /// <param name="requestId">The request id.</param>
    /// <param name="processingTime">How long the server worked on the request (whole milliseconds are sent).</param>
    /// <param name="rateLimits">The rate-limit state.</param>
    /// <param name="headers">Other response headers.</param>
    /// <param name="rawBody">The raw body, as captured with <see cref="ChatGptOptions.CaptureRawResponse"/>.</param>
    /// <returns>The response information; attach it with the <c>responseInfo</c> parameter of the result's method.</returns>
    public static ChatGptResponseInfo ChatGptResponseInfo(
        HttpStatusCode statusCode = HttpStatusCode.OK,
        string? requestId = null,
        TimeSpan? processingTime = null,
        ChatGptRateLimitInfo? rateLimits = null,
        IEnumerable<KeyValuePair<string, string>>? headers = null,
        ReadOnlyMemory<byte>? rawBody = null)
    {
        using var message = new HttpResponseMessage(statusCode);
        var target = message.Headers;
        foreach (var (name, value) in headers ?? [])
        {
            target.TryAddWithoutValidation(name, value);
        }

        Add(target, "x-request-id", requestId);
        Add(target, "openai-processing-ms", processingTime is { } time ? ((long)time.TotalMilliseconds).ToString(CultureInfo.InvariantCulture) : null);
        if (rateLimits is not null)
        {
            Add(target, "x-ratelimit-limit-requests", rateLimits.LimitRequests?.ToString(CultureInfo.InvariantCulture));
            Add(target, "x-ratelimit-limit-tokens", rateLimits.LimitTokens?.ToString(CultureInfo.InvariantCulture));
            Add(target, "x-ratelimit-remaining-requests", rateLimits.RemainingRequests?.ToString(CultureInfo.InvariantCulture));
            Add(target, "x-ratelimit-remaining-tokens", rateLimits.RemainingTokens?.ToString(CultureInfo.InvariantCulture));
            Add(target, "x-ratelimit-reset-requests", Duration(rateLimits.ResetRequests));
            Add(target, "x-ratelimit-reset-tokens", Duration(rateLimits.ResetTokens));
        }

        // The headers object outlives the message: disposing a response message disposes its content, not its headers.
        return new(statusCode, target, rawBody);
    }

    /// <summary>Builds a rate-limit state, to pass to <see cref="ChatGptResponseInfo"/>.</summary>
    /// <param name="limitRequests">The most requests allowed in the window.</param>
    /// <param name="limitTokens">The most tokens allowed in the window.</param>
    /// <param name="remainingRequests">The requests left.</param>
    /// <param name="remainingTokens">The tokens left.</param>
    /// <param name="resetRequests">The time until the request budget is full again (sent with millisecond precision).</param>
    /// <param name="resetTokens">The time until the token budget is full again (sent with millisecond precision).</param>
    /// <returns>The rate-limit state.</returns>
    public static ChatGptRateLimitInfo ChatGptRateLimitInfo(
        long? limitRequests = null,
        long? limitTokens = null,
        long? remainingRequests = null,
        long? remainingTokens = null,
        TimeSpan? resetRequests = null,
        TimeSpan? resetTokens = null) => new()
        {
            LimitRequests = limitRequests,
            LimitTokens = limitTokens,
            RemainingRequests = remainingRequests,
            RemainingTokens = remainingTokens,
            ResetRequests = resetRequests,
            ResetTokens = resetTokens,
        };

    private static void Add(System.Net.Http.Headers.HttpResponseHeaders headers, string name, string? value)
    {
        if (value is not null)
        {
            headers.Remove(name);
            headers.TryAddWithoutValidation(name, value);
        }
    }

    // OpenAI's own format for sub-second resets ("20ms"); whole seconds and more as seconds ("1.5s").
    private static string? Duration(TimeSpan? value) => value switch
    {
        null => null,
        { TotalSeconds: < 1 } brief => ((long)brief.TotalMilliseconds).ToString(CultureInfo.InvariantCulture) + "ms",
        { } span => (Math.Round(span.TotalMilliseconds) / 1000).ToString("R", CultureInfo.InvariantCulture) + "s",
    };
}
