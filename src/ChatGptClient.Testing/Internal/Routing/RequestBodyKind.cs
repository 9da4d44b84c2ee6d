namespace ChatGpt.Testing.Internal;

/// <summary>How an endpoint takes its request body; the engine reads the body accordingly before the endpoint runs.</summary>
internal enum RequestBodyKind
{
    /// <summary>No body is read (GET, DELETE); whatever was sent is left unread.</summary>
    None,

    /// <summary>A JSON document, read whole (small: the cheap path), recorded in <c>EmulatedRequest.Body</c> and handed
    /// to the endpoint as <see cref="EndpointRequest.Json"/>.</summary>
    Json,

    /// <summary>Anything else (multipart/form-data uploads of hundreds of MB): handed to the endpoint as
    /// <see cref="EndpointRequest.Body"/>, a stream read as it arrives, never buffered whole and not recorded.</summary>
    Stream,
}
