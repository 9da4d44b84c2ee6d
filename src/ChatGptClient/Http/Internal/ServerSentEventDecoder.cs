namespace ChatGpt.Http.Internal;

/// <summary>
/// Turns one server-sent event (its <c>event:</c> name, <c>message</c> when absent, and its <c>data:</c>) into a
/// <see cref="StreamEvent{T}"/>. Runs synchronously on the parser's buffer: copy what you keep. Ready-made decoders:
/// <see cref="ServerSentEventReader.UntilDone"/> (chat, completions) and <see cref="ServerSentEventReader.ByType"/>
/// (events typed by name or by the data's <c>type</c> field, such as audio's).
/// </summary>
/// <typeparam name="T">The type of the values yielded.</typeparam>
internal delegate StreamEvent<T> ServerSentEventDecoder<T>(string eventType, ReadOnlySpan<byte> data)
    where T : class;
