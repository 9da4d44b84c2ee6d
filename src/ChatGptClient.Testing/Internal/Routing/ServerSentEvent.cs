namespace ChatGpt.Testing.Internal;

/// <summary>One server-sent event: an optional <c>event:</c> name (e.g. <c>transcript.text.delta</c>; chat streams
/// have none) and its <c>data:</c> (one line of JSON, or <c>[DONE]</c>).</summary>
internal readonly record struct ServerSentEvent(string? Name, byte[] Data)
{
    public static implicit operator ServerSentEvent(byte[] data) => new(null, data);
}
