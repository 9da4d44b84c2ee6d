using System.ClientModel;
using System.ClientModel.Primitives;
using System.Text;
using System.Text.Json;
using ChatGpt.Benchmarks.Infrastructure;
using OpenAI;
using OpenAI.Chat;

namespace ChatGpt.Benchmarks.Contenders;

/// <summary>
/// The official <c>OpenAI</c> SDK: a <see cref="ChatClient"/> whose transport is an <see cref="HttpClient"/> over the
/// same handler. Its legacy-completions client is internal, so <see cref="CompleteAsync"/> sends the request through
/// the SDK's public <see cref="ClientPipeline"/> (auth, retries, transport) with hand-written JSON, which is what a
/// user of this SDK has to do.
/// </summary>
internal sealed class OpenAiSdkContender : IContender
{
    private readonly HttpClient _http;
    private readonly ChatClient _chat;
    private readonly Uri _completionsUri;

    public OpenAiSdkContender(HttpMessageHandler handler, Uri baseAddress, bool disposeHandler = false)
    {
        _http = new HttpClient(handler, disposeHandler) { Timeout = Timeout.InfiniteTimeSpan };
        var options = new OpenAIClientOptions
        {
            Endpoint = baseAddress,
            Transport = new HttpClientPipelineTransport(_http),
        };
        var credential = new ApiKeyCredential(BenchmarkPrompt.ApiKey);
        _chat = new ChatClient(BenchmarkPrompt.Model, credential, options);
        _completionsUri = new Uri(baseAddress, "completions");
    }

    public string Name => "OpenAI SDK";

    public async Task<string> ChatAsync(CancellationToken cancellationToken)
    {
        var result = await _chat.CompleteChatAsync(CreateMessages(), CreateOptions(), cancellationToken).ConfigureAwait(false);
        return result.Value.Content[0].Text;
    }

    public async Task<string> StreamChatAsync(CancellationToken cancellationToken)
    {
        var text = new StringBuilder();
        ChatTokenUsage? usage = null;
        // The SDK asks for stream_options.include_usage itself.
        await foreach (var update in _chat.CompleteChatStreamingAsync(CreateMessages(), CreateOptions(), cancellationToken).ConfigureAwait(false))
        {
            usage ??= update.Usage;
            foreach (var part in update.ContentUpdate)
            {
                text.Append(part.Text);
            }
        }

        return usage is null ? throw new InvalidOperationException("No usage.") : text.ToString();
    }

    public async Task<string> CompleteAsync(CancellationToken cancellationToken)
    {
        using var body = new MemoryStream();
        using (var w = new Utf8JsonWriter(body))
        {
            w.WriteStartObject();
            w.WriteString("model", BenchmarkPrompt.CompletionModel);
            w.WriteString("prompt", BenchmarkPrompt.CompletionPrompt);
            w.WriteNumber("max_tokens", BenchmarkPrompt.MaxTokens);
            w.WriteNumber("temperature", BenchmarkPrompt.Temperature);
            w.WriteNumber("top_p", BenchmarkPrompt.TopP);
            w.WriteStartArray("stop");
            w.WriteStringValue(BenchmarkPrompt.Stop1);
            w.WriteStringValue(BenchmarkPrompt.Stop2);
            w.WriteEndArray();
            w.WriteNumber("presence_penalty", BenchmarkPrompt.PresencePenalty);
            w.WriteNumber("frequency_penalty", BenchmarkPrompt.FrequencyPenalty);
            w.WriteEndObject();
        }

        using var message = _chat.Pipeline.CreateMessage();
        message.Request.Method = "POST";
        message.Request.Uri = _completionsUri;
        message.Request.Headers.Set("Content-Type", "application/json");
        message.Request.Headers.Set("Accept", "application/json");
        message.Request.Content = BinaryContent.Create(new BinaryData(body.GetBuffer().AsMemory(0, (int)body.Length)));
        message.Apply(new RequestOptions { CancellationToken = cancellationToken });
        await _chat.Pipeline.SendAsync(message).ConfigureAwait(false);
        var response = message.Response ?? throw new InvalidOperationException("No response.");
        if (response.IsError)
        {
            throw new InvalidOperationException($"HTTP {response.Status}");
        }

        using var document = JsonDocument.Parse(response.Content);
        return document.RootElement.GetProperty("choices")[0].GetProperty("text").GetString() ?? throw new InvalidOperationException("No text.");
    }

    public void Dispose() => _http.Dispose();

    private static List<ChatMessage> CreateMessages() =>
    [
        new SystemChatMessage(BenchmarkPrompt.System),
        new UserChatMessage(BenchmarkPrompt.User1),
        new AssistantChatMessage(BenchmarkPrompt.Assistant1),
        new UserChatMessage(BenchmarkPrompt.User2),
    ];

    private static ChatCompletionOptions CreateOptions() => new()
    {
        // The SDK only sends max_completion_tokens (the successor of max_tokens); same size on the wire.
        MaxOutputTokenCount = BenchmarkPrompt.MaxTokens,
        Temperature = BenchmarkPrompt.Temperature,
        TopP = BenchmarkPrompt.TopP,
        StopSequences = { BenchmarkPrompt.Stop1, BenchmarkPrompt.Stop2 },
        PresencePenalty = BenchmarkPrompt.PresencePenalty,
        FrequencyPenalty = BenchmarkPrompt.FrequencyPenalty,
    };
}
