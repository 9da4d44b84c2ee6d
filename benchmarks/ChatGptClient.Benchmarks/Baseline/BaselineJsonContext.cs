using System.Text.Json.Serialization;

namespace ChatGpt.Benchmarks.Baseline;

/// <summary>The source-generated metadata of the baseline's minimal DTOs: the cheapest System.Text.Json can do.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(BaselineChatRequest))]
[JsonSerializable(typeof(BaselineChatResponse))]
[JsonSerializable(typeof(BaselineChunk))]
[JsonSerializable(typeof(BaselineCompletionRequest))]
[JsonSerializable(typeof(BaselineCompletionResponse))]
internal sealed partial class BaselineJsonContext : JsonSerializerContext;
