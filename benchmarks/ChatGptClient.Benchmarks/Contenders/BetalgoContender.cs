using System.Text;
using Betalgo.Ranul.OpenAI;
using Betalgo.Ranul.OpenAI.Managers;
using Betalgo.Ranul.OpenAI.ObjectModels.RequestModels;
using ChatGpt.Benchmarks.Infrastructure;

namespace ChatGpt.Benchmarks.Contenders;

/// <summary><c>Betalgo.Ranul.OpenAI</c>: its <see cref="OpenAIService"/> over an <see cref="HttpClient"/> on the same handler.</summary>
internal sealed class BetalgoContender : IContender
{
    private readonly HttpClient _http;
    private readonly OpenAIService _service;

    public BetalgoContender(HttpMessageHandler handler, Uri baseAddress, bool disposeHandler = false)
    {
        _http = new HttpClient(handler, disposeHandler) { Timeout = Timeout.InfiniteTimeSpan };
        // Betalgo takes the scheme and host and appends "/v1/..." itself.
        _service = new OpenAIService(
            new OpenAIOptions { ApiKey = BenchmarkPrompt.ApiKey, BaseDomain = baseAddress.GetLeftPart(UriPartial.Authority) },
            _http);
    }

    public string Name => "Betalgo";

    public async Task<string> ChatAsync(CancellationToken cancellationToken)
    {
        var response = await _service.ChatCompletion.CreateCompletion(CreateRequest(stream: false), cancellationToken: cancellationToken).ConfigureAwait(false);
        return response.Successful
            ? response.Choices[0].Message.Content ?? throw new InvalidOperationException("No content.")
            : throw new InvalidOperationException(response.Error?.Message);
    }

    public async Task<string> StreamChatAsync(CancellationToken cancellationToken)
    {
        var text = new StringBuilder();
        var usage = false;
        await foreach (var chunk in _service.ChatCompletion.CreateCompletionAsStream(CreateRequest(stream: true), cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            if (!chunk.Successful)
            {
                throw new InvalidOperationException(chunk.Error?.Message);
            }

            usage |= chunk.Usage is not null;
            if (chunk.Choices is { Count: > 0 } choices)
            {
                text.Append(choices[0].Message?.Content);
            }
        }

        return usage ? text.ToString() : throw new InvalidOperationException("No usage.");
    }

    public async Task<string> CompleteAsync(CancellationToken cancellationToken)
    {
        var request = new CompletionCreateRequest
        {
            Model = BenchmarkPrompt.CompletionModel,
            Prompt = BenchmarkPrompt.CompletionPrompt,
            MaxTokens = BenchmarkPrompt.MaxTokens,
            Temperature = BenchmarkPrompt.Temperature,
            TopP = BenchmarkPrompt.TopP,
            StopAsList = [BenchmarkPrompt.Stop1, BenchmarkPrompt.Stop2],
            PresencePenalty = BenchmarkPrompt.PresencePenalty,
            FrequencyPenalty = BenchmarkPrompt.FrequencyPenalty,
        };
        var response = await _service.Completions.CreateCompletion(request, cancellationToken: cancellationToken).ConfigureAwait(false);
        return response.Successful
            ? response.Choices[0].Text ?? throw new InvalidOperationException("No text.")
            : throw new InvalidOperationException(response.Error?.Message);
    }

    public void Dispose()
    {
        _service.Dispose();
        _http.Dispose();
    }

    private static ChatCompletionCreateRequest CreateRequest(bool stream) => new()
    {
        Model = BenchmarkPrompt.Model,
        Messages =
        [
            ChatMessage.FromSystem(BenchmarkPrompt.System),
            ChatMessage.FromUser(BenchmarkPrompt.User1),
            ChatMessage.FromAssistant(BenchmarkPrompt.Assistant1),
            ChatMessage.FromUser(BenchmarkPrompt.User2),
        ],
        MaxTokens = BenchmarkPrompt.MaxTokens,
        Temperature = BenchmarkPrompt.Temperature,
        TopP = BenchmarkPrompt.TopP,
        StopAsList = [BenchmarkPrompt.Stop1, BenchmarkPrompt.Stop2],
        PresencePenalty = BenchmarkPrompt.PresencePenalty,
        FrequencyPenalty = BenchmarkPrompt.FrequencyPenalty,
        StreamOptions = stream ? new StreamOptions { IncludeUsage = true } : null,
    };
}
