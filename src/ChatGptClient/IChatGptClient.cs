using ChatGpt.Chat;
using ChatGpt.Completions;
using ChatGpt.Models;
using ChatGpt.Streaming;

namespace ChatGpt;

/// <summary>
/// A client for the OpenAI Chat Completions, Completions and Models APIs, and for every server that speaks the same
/// protocol (Azure OpenAI, Ollama, vLLM, LM Studio).
/// </summary>
/// <remarks>Register it with <c>services.AddChatGpt()</c> and inject it; in tests, substitute it or use the emulator
/// from the <c>ChatGptClient.Testing</c> package.</remarks>
public interface IChatGptClient
{
    /// <summary>Creates a model response for the given chat conversation (<c>POST /chat/completions</c>).</summary>
    /// <param name="request">The request. <see cref="ChatCompletionRequest.Model"/> falls back to <see cref="ChatGptOptions.DefaultModel"/>.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The completion.</returns>
    /// <exception cref="ChatGptException">The server answered with an error, or with a body that could not be read.</exception>
    Task<ChatCompletion> CreateChatCompletionAsync(ChatCompletionRequest request, CancellationToken cancellationToken = default);

    /// <summary>Streams a chat completion as it is generated, over server-sent events.</summary>
    /// <param name="request">The request. <c>stream</c> is set by the client; <see cref="ChatCompletionRequest.StreamOptions"/> is sent as given.</param>
    /// <param name="cancellationToken">Cancels the call and stops reading at once.</param>
    /// <returns>The chunks, in the order the server sent them. Join them with <see cref="ChatCompletionAccumulator"/>.</returns>
    /// <exception cref="ChatGptException">The server answered with an error, sent an error event, or the stream was cut before <c>[DONE]</c>.</exception>
    IAsyncEnumerable<ChatCompletionChunk> StreamChatCompletionAsync(ChatCompletionRequest request, CancellationToken cancellationToken = default);

    /// <summary>Creates a completion for the given prompt (the legacy <c>POST /completions</c> endpoint).</summary>
    /// <param name="request">The request. <see cref="CompletionRequest.Model"/> falls back to <see cref="ChatGptOptions.DefaultCompletionModel"/>.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The completion.</returns>
    /// <exception cref="ChatGptException">The server answered with an error, or with a body that could not be read.</exception>
    Task<Completion> CreateCompletionAsync(CompletionRequest request, CancellationToken cancellationToken = default);

    /// <summary>Streams a legacy completion as it is generated, over server-sent events.</summary>
    /// <param name="request">The request. <c>stream</c> is set by the client.</param>
    /// <param name="cancellationToken">Cancels the call and stops reading at once.</param>
    /// <returns>Partial completions, each carrying the text generated since the previous one.</returns>
    /// <exception cref="ChatGptException">The server answered with an error, sent an error event, or the stream was cut before <c>[DONE]</c>.</exception>
    IAsyncEnumerable<Completion> StreamCompletionAsync(CompletionRequest request, CancellationToken cancellationToken = default);

    /// <summary>Lists the models the server offers (<c>GET /models</c>).</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The models.</returns>
    /// <exception cref="ChatGptException">The server answered with an error, or with a body that could not be read.</exception>
    Task<IReadOnlyList<ChatGptModel>> ListModelsAsync(CancellationToken cancellationToken = default);
}
