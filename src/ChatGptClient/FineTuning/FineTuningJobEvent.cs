using System.Text.Json;
using System.Text.Json.Serialization;
using ChatGpt.Serialization;

namespace ChatGpt.FineTuning;

/// <summary>An event of a fine-tuning job (<c>fine_tuning.job.event</c>): a message, or the metrics of a training step.</summary>
public sealed class FineTuningJobEvent
{
    /// <summary>The event id.</summary>
    public string Id { get; set; } = string.Empty;

    /// <summary>The object type, <c>fine_tuning.job.event</c>.</summary>
    public string? Object { get; set; }

    /// <summary>When the event happened.</summary>
    [JsonConverter(typeof(UnixTimestampJsonConverter))]
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>The level: <c>info</c>, <c>warn</c> or <c>error</c>.</summary>
    public string? Level { get; set; }

    /// <summary>The message, e.g. <c>Step 10/100: training loss=0.52</c>.</summary>
    public string? Message { get; set; }

    /// <summary>The type: <c>message</c> or <c>metrics</c>.</summary>
    public string? Type { get; set; }

    /// <summary>The data of a <c>metrics</c> event (<c>step</c>, <c>total_steps</c>, <c>train_loss</c>, ...), as JSON.</summary>
    public JsonElement? Data { get; set; }

    /// <summary>The message.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => Message ?? Id;
}
