namespace ChatGpt.Testing.Internal;

/// <summary>The shape of a <see cref="ResponsePlan"/>'s body, which decides how it is written and cut.</summary>
internal enum ResponseBodyKind
{
    /// <summary>One document (JSON, text or binary) with a Content-Length.</summary>
    Document,

    /// <summary>Server-sent events, flushed one by one with the chunk delay between them.</summary>
    EventStream,

    /// <summary>Bytes produced chunk by chunk while they are sent (file content, audio), with the chunk delay between
    /// chunks; never held whole.</summary>
    Chunked,
}
