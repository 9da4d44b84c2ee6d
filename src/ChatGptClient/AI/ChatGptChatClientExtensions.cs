using ChatGpt;
using ChatGpt.AI.Internal;
using ChatGpt.DependencyInjection;
using Microsoft.Extensions.DependencyInjection;

namespace Microsoft.Extensions.AI;

/// <summary>Exposes <see cref="IChatGptClient"/> as a Microsoft.Extensions.AI <see cref="IChatClient"/>.</summary>
/// <remarks>
/// With dependency injection, register the pipeline with Microsoft.Extensions.AI's <c>AddChatClient</c>:
/// <code>
/// services.AddChatGpt();
/// services.AddChatClient(sp =&gt; sp.CreateChatGptChatClient())
///     .UseFunctionInvocation()
///     .UseOpenTelemetry();
/// </code>
/// </remarks>
public static class ChatGptChatClientExtensions
{
    /// <summary>Wraps the client in an <see cref="IChatClient"/>, so Microsoft.Extensions.AI middleware
    /// (function invocation, OpenTelemetry, caching, logging) runs over it.</summary>
    /// <remarks>
    /// <para><see cref="ChatOptions"/> map to the request: <c>ModelId</c> → <c>model</c>, <c>Instructions</c> → a leading
    /// system message, <c>Temperature</c>, <c>TopP</c>, <c>MaxOutputTokens</c> → <c>max_completion_tokens</c>,
    /// <c>StopSequences</c> → <c>stop</c>, <c>FrequencyPenalty</c>, <c>PresencePenalty</c>, <c>Seed</c>,
    /// <c>Reasoning.Effort</c> → <c>reasoning_effort</c>, <c>ResponseFormat</c> → <c>text</c> / <c>json_object</c> /
    /// <c>json_schema</c>, <c>Tools</c> (<see cref="AIFunctionDeclaration"/> → function tools with their JSON schema;
    /// <see cref="HostedWebSearchTool"/> → <c>web_search_options</c>), <c>ToolMode</c> → <c>tool_choice</c> and
    /// <c>AllowMultipleToolCalls</c> → <c>parallel_tool_calls</c> (both only with tools). Each
    /// <c>AdditionalProperties</c> entry is sent as an extra top-level field (e.g. <c>service_tier</c>, or <c>top_k</c>
    /// for a compatible server), except <c>strict</c>, a <see langword="bool"/> that turns on strict schema adherence for
    /// the response format (on a function's own additional properties: for that function). A
    /// <c>RawRepresentationFactory</c> returning a <see cref="ChatGpt.Chat.ChatCompletionRequest"/> is the base request:
    /// its values win and its messages come first. <c>ConversationId</c>, <c>TopK</c> and background responses have no
    /// Chat Completions equivalent and are ignored.</para>
    /// <para>Contents: text; images as <see cref="UriContent"/> or <see cref="DataContent"/> (detail from the content's
    /// <c>detail</c> additional property); WAV/MP3 audio; other <see cref="DataContent"/> and <see cref="HostedFileContent"/>
    /// as files; <see cref="FunctionCallContent"/> as tool calls and <see cref="FunctionResultContent"/> as tool messages.</para>
    /// <para>Responses carry the first choice's text (with URL citations as <see cref="CitationAnnotation"/>), a refusal
    /// as text plus the message's <c>refusal</c> additional property, audio as <see cref="DataContent"/>, tool calls as
    /// <see cref="FunctionCallContent"/>, the finish reason, usage, and the id, model and creation time; the
    /// <see cref="ChatGpt.Chat.ChatCompletion"/> is the <c>RawRepresentation</c>. Streams yield one update per chunk and
    /// the joined tool calls at the end, and ask for usage (<c>stream_options.include_usage</c>). Failures surface as
    /// <see cref="ChatGptException"/>.</para>
    /// </remarks>
    /// <param name="client">The client.</param>
    /// <param name="defaultModel">The model used when <see cref="ChatOptions.ModelId"/> is not set; <see cref="ChatGptOptions.DefaultModel"/> when <see langword="null"/>.</param>
    /// <returns>The chat client. Disposing it does not dispose <paramref name="client"/>.</returns>
    public static IChatClient AsIChatClient(this IChatGptClient client, string? defaultModel = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        return new ChatGptChatClient(client, () => client, defaultModel);
    }

    /// <summary>
    /// Creates an <see cref="IChatClient"/> over the <see cref="IChatGptClient"/> registered by <c>AddChatGpt</c>, for
    /// <c>services.AddChatClient(sp =&gt; sp.CreateChatGptChatClient())</c>.
    /// </summary>
    /// <remarks>The typed client is resolved for every call rather than captured, so the singleton chat client
    /// keeps getting handlers rotated by <see cref="IHttpClientFactory"/> (DNS changes are picked up).</remarks>
    /// <param name="services">The service provider.</param>
    /// <param name="defaultModel">The model used when <see cref="ChatOptions.ModelId"/> is not set; <see cref="ChatGptOptions.DefaultModel"/> when <see langword="null"/>.</param>
    /// <returns>The chat client.</returns>
    /// <exception cref="InvalidOperationException"><c>AddChatGpt</c> was not called.</exception>
    public static IChatClient CreateChatGptChatClient(this IServiceProvider services, string? defaultModel = null)
    {
        ArgumentNullException.ThrowIfNull(services);

        // Resolved once now so a missing AddChatGpt fails at registration time, not at the first call.
        var first = services.GetRequiredService<IChatGptClient>();
        return new ChatGptChatClient(first, services.GetRequiredService<IChatGptClient>, defaultModel);
    }

    /// <summary>
    /// Creates an <see cref="IChatClient"/> over the named configuration registered by <c>AddChatGpt(name, ...)</c>, for
    /// <c>services.AddKeyedChatClient("drafts", sp =&gt; sp.CreateKeyedChatGptChatClient("drafts")).UseFunctionInvocation()</c>.
    /// </summary>
    /// <remarks><c>AddChatGpt(name, ...)</c> already registers a plain keyed <see cref="IChatClient"/> under the name
    /// (unless one was registered before); use this to build a keyed pipeline with middleware instead.</remarks>
    /// <param name="services">The service provider.</param>
    /// <param name="name">The configuration's name.</param>
    /// <param name="defaultModel">The model used when <see cref="ChatOptions.ModelId"/> is not set; the configuration's <see cref="ChatGptOptions.DefaultModel"/> when <see langword="null"/>.</param>
    /// <returns>The chat client.</returns>
    /// <exception cref="InvalidOperationException">No configuration of that name is registered.</exception>
    public static IChatClient CreateKeyedChatGptChatClient(this IServiceProvider services, string name, string? defaultModel = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentException.ThrowIfNullOrEmpty(name);
        var factory = services.GetRequiredService<IChatGptClientFactory>();
        var first = factory.CreateClient(name);
        return new ChatGptChatClient(first, () => factory.CreateClient(name), defaultModel);
    }
}
