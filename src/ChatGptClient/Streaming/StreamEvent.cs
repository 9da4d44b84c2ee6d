using System.Text.Json;

namespace ChatGpt.Streaming;

/// <summary>One parsed server-sent event: a value, the <c>[DONE]</c> marker, an error event, or nothing (ignored event types).</summary>
internal readonly record struct StreamEvent<T>(T? Value, bool IsDone, JsonElement? Error)
    where T : class
{
    public static StreamEvent<T> Done { get; } = new(null, true, null);
}
