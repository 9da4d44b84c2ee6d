using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.ServerSentEvents;
using System.Text;
using System.Text.Json;
using ChatGpt.Benchmarks.Baseline;
using ChatGpt.Benchmarks.Infrastructure;

namespace ChatGpt.Benchmarks.Contenders;

/// <summary>
/// The floor: what a careful developer writes by hand with no library. Raw <see cref="HttpClient"/>, minimal
/// source-generated DTOs serialized straight into the request stream, the response deserialized straight from the
/// response stream, and <see cref="SseParser"/> deserializing each event from its UTF-8 bytes.
/// </summary>
internal sealed class BaselineContender : IContender
{
    private static readonly Uri ChatUri = new("chat/completions", UriKind.Relative);
    private static readonly Uri CompletionUri = new("completions", UriKind.Relative);
    private readonly HttpClient _http;

    public BaselineContender(HttpMessageHandler handler, Uri baseAddress, bool disposeHandler = false)
    {
        _http = new HttpClient(handler, disposeHandler) { BaseAddress = baseAddress, Timeout = Timeout.InfiniteTimeSpan };
        _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", BenchmarkPrompt.ApiKey);
    }

    public string Name => "Baseline";

    public async Task<string> ChatAsync(CancellationToken cancellationToken)
    {
        var request = CreateChatRequest(stream: false);
        using var message = new HttpRequestMessage(HttpMethod.Post, ChatUri)
        {
            Content = JsonContent.Create(request, BaselineJsonContext.Default.BaselineChatRequest),
        };
        using var response = await _http.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        response.EnsureSuccessStatusCode();
        var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            var completion = await JsonSerializer.DeserializeAsync(stream, BaselineJsonContext.Default.BaselineChatResponse, cancellationToken).ConfigureAwait(false);
            return completion?.Choices?[0].Message?.Content ?? throw new InvalidOperationException("No content.");
        }
    }

    public async Task<string> StreamChatAsync(CancellationToken cancellationToken)
    {
        var request = CreateChatRequest(stream: true);
        using var message = new HttpRequestMessage(HttpMethod.Post, ChatUri)
        {
            Content = JsonContent.Create(request, BaselineJsonContext.Default.BaselineChatRequest),
        };
        message.Headers.Accept.ParseAdd("text/event-stream");
        using var response = await _http.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        response.EnsureSuccessStatusCode();
        var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            var text = new StringBuilder();
            BaselineUsage? usage = null;
            var parser = SseParser.Create(stream, static (_, data) =>
                data.SequenceEqual("[DONE]"u8) ? null : JsonSerializer.Deserialize(data, BaselineJsonContext.Default.BaselineChunk));
            await foreach (var item in parser.EnumerateAsync(cancellationToken).ConfigureAwait(false))
            {
                if (item.Data is not { } chunk)
                {
                    break;
                }

                usage ??= chunk.Usage;
                if (chunk.Choices is { Count: > 0 } choices)
                {
                    text.Append(choices[0].Delta?.Content);
                }
            }

            return usage is null ? throw new InvalidOperationException("No usage.") : text.ToString();
        }
    }

    public async Task<string> CompleteAsync(CancellationToken cancellationToken)
    {
        var request = new BaselineCompletionRequest
        {
            Model = BenchmarkPrompt.CompletionModel,
            Prompt = BenchmarkPrompt.CompletionPrompt,
            MaxTokens = BenchmarkPrompt.MaxTokens,
            Temperature = BenchmarkPrompt.Temperature,
            TopP = BenchmarkPrompt.TopP,
            Stop = [BenchmarkPrompt.Stop1, BenchmarkPrompt.Stop2],
            PresencePenalty = BenchmarkPrompt.PresencePenalty,
            FrequencyPenalty = BenchmarkPrompt.FrequencyPenalty,
        };
        using var message = new HttpRequestMessage(HttpMethod.Post, CompletionUri)
        {
            Content = JsonContent.Create(request, BaselineJsonContext.Default.BaselineCompletionRequest),
        };
        using var response = await _http.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        response.EnsureSuccessStatusCode();
        var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            var completion = await JsonSerializer.DeserializeAsync(stream, BaselineJsonContext.Default.BaselineCompletionResponse, cancellationToken).ConfigureAwait(false);
            return completion?.Choices?[0].Text ?? throw new InvalidOperationException("No text.");
        }
    }

    public void Dispose() => _http.Dispose();

    private static BaselineChatRequest CreateChatRequest(bool stream) => new()
    {
        Model = BenchmarkPrompt.Model,
        Messages =
        [
            new() { Role = "system", Content = BenchmarkPrompt.System },
            new() { Role = "user", Content = BenchmarkPrompt.User1 },
            new() { Role = "assistant", Content = BenchmarkPrompt.Assistant1 },
            new() { Role = "user", Content = BenchmarkPrompt.User2 },
        ],
        MaxTokens = BenchmarkPrompt.MaxTokens,
        Temperature = BenchmarkPrompt.Temperature,
        TopP = BenchmarkPrompt.TopP,
        Stop = [BenchmarkPrompt.Stop1, BenchmarkPrompt.Stop2],
        PresencePenalty = BenchmarkPrompt.PresencePenalty,
        FrequencyPenalty = BenchmarkPrompt.FrequencyPenalty,
        Stream = stream ? true : null,
        StreamOptions = stream ? new BaselineStreamOptions { IncludeUsage = true } : null,
    };
}
