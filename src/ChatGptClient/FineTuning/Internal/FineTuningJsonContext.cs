using System.Text.Json;
using System.Text.Json.Serialization;
using ChatGpt.Files.Internal;
using ChatGpt.FineTuning.TrainingData;

namespace ChatGpt.FineTuning.Internal;

/// <summary>The source-generated JSON of the fine-tuning client and the training data format (same settings as the library's).</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(FineTuningExample))]
[JsonSerializable(typeof(FineTuningJobRequest))]
[JsonSerializable(typeof(FineTuningJob))]
[JsonSerializable(typeof(ListPage<FineTuningJob>))]
[JsonSerializable(typeof(ListPage<FineTuningJobEvent>))]
[JsonSerializable(typeof(ListPage<FineTuningCheckpoint>))]
[JsonSerializable(typeof(Models.Model))]
[JsonSerializable(typeof(DeletionResult))]
[JsonSerializable(typeof(JsonElement))]
internal sealed partial class FineTuningJsonContext : JsonSerializerContext;
