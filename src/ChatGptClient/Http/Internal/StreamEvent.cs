using System.Text.Json;

namespace ChatGpt.Http.Internal;

/// <summary>
/// One decoded server-sent event: a value, the end marker (<c>[DONE]</c>), a value that is the last one (an audio
/// stream's <c>*.done</c> event), an error, or nothing (event types the caller ignores, such as pings).
/// </summary>
/// <param name="Value">The value to yield, if any.</param>
/// <param name="IsDone">Whether this is the end marker: the stream is complete and nothing is yielded.</param>
/// <param name="Error">An <c>error</c> object: the stream fails with it.</param>
/// <param name="IsLast">Whether <paramref name="Value"/> is the last event: it is yielded and the stream is complete.</param>
internal readonly record struct StreamEvent<T>(T? Value, bool IsDone, JsonElement? Error, bool IsLast = false)
    where T : class
{
    public static StreamEvent<T> Done { get; } = new(null, true, null);

    public static StreamEvent<T> Ignored => default;

    public static StreamEvent<T> Of(T value) => new(value, false, null);

    public static StreamEvent<T> Last(T value) => new(value, false, null, IsLast: true);

    public static StreamEvent<T> Failed(JsonElement error) => new(null, false, error);
}
