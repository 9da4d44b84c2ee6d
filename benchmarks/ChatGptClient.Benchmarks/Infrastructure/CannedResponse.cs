namespace ChatGpt.Benchmarks.Infrastructure;

/// <summary>A response body and its media type, served as-is by <see cref="CannedHandler"/> and the loopback server.</summary>
/// <param name="Body">The bytes of the body; never mutated.</param>
/// <param name="ContentType">The <c>Content-Type</c> header value.</param>
internal sealed record CannedResponse(byte[] Body, string ContentType)
{
    public const string Json = "application/json";
    public const string EventStream = "text/event-stream; charset=utf-8";

    public static CannedResponse ChatShort { get; } = new(CannedResponses.ChatShort, Json);

    public static CannedResponse ChatLong { get; } = new(CannedResponses.ChatLong, Json);

    public static CannedResponse ChatStream { get; } = new(CannedResponses.ChatStream, EventStream);

    public static CannedResponse Completion { get; } = new(CannedResponses.Completion, Json);
}
