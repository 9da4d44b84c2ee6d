namespace ChatGpt.Testing.Internal;

/// <summary>Thrown by a response body writer when a scripted fault drops the connection mid-body.</summary>
/// <remarks>Each host turns it into what a real dropped connection looks like: Kestrel aborts the socket, the
/// in-memory handler fails the content stream with <see cref="HttpIOException"/> (<see cref="HttpRequestError.ResponseEnded"/>).</remarks>
internal sealed class ConnectionCutException : Exception
{
    public ConnectionCutException()
        : base("The emulator dropped the connection mid-response (scripted fault).")
    {
    }

    public ConnectionCutException(string message)
        : base(message)
    {
    }

    public ConnectionCutException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
