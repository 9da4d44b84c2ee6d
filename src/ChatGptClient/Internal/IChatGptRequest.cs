using System.Diagnostics;

namespace ChatGpt.Internal;

/// <summary>
/// A generative request as the layers around the call see it (diagnostics, the rate limiter's cost estimate), so that
/// <see cref="ChatGptRequestContext"/> carries it typed and no layer switches on the request's type. A request of another
/// kind (a file upload, a model list) has none: its context's <see cref="ChatGptRequestContext.Request"/> is null.
/// </summary>
internal interface IChatGptRequest
{
    /// <summary>Sets the GenAI request attributes (<c>gen_ai.request.*</c>) on the call's span.</summary>
    void SetSpanTags(Activity activity);

    /// <summary>The prompt in the <c>gen_ai.input.messages</c> shape, for content logging (only when it is on).</summary>
    string? DescribeInput();

    /// <summary>The estimated token cost of the call for the client-side rate limiter.</summary>
    /// <param name="model">The model the call goes to.</param>
    /// <param name="tokensAvailable">The token budget left (0: count exactly).</param>
    int EstimateTokens(string? model, double tokensAvailable);
}
