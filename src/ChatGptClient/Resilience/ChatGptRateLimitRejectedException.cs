namespace ChatGpt.Resilience;

/// <summary>
/// The client-side rate limiter refused a call before it was sent: its queue was full, the call could not get its turn
/// before its timeout, or the call alone costs more tokens than the per-minute limit.
/// </summary>
/// <remarks>Nothing reached the server. Unlike a server-side 429 (a <see cref="ChatGptException"/> with status 429), the
/// caller can shed load, queue the work elsewhere or try again after <see cref="ChatGptException.RetryAfter"/>.</remarks>
public class ChatGptRateLimitRejectedException : ChatGptException
{
    /// <summary>Creates an exception with a message.</summary>
    /// <param name="message">The message.</param>
    public ChatGptRateLimitRejectedException(string message)
        : base(message)
    {
    }

    /// <summary>Creates an exception with a message and its cause.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public ChatGptRateLimitRejectedException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates an exception that says when the limiter expects to have room again.</summary>
    /// <param name="message">The message.</param>
    /// <param name="retryAfter">The limiter's estimate of when the call could pass, if it has one.</param>
    /// <param name="innerException">The cause, if any.</param>
    public ChatGptRateLimitRejectedException(string message, TimeSpan? retryAfter, Exception? innerException = null)
        : base(message, statusCode: null, retryAfter: retryAfter, innerException: innerException)
    {
    }
}
