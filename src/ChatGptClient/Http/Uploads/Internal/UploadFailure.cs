using System.Net;
using ChatGpt.Resilience.Internal;

namespace ChatGpt.Http.Uploads.Internal;

/// <summary>
/// Says why an upload was not retried. The retry strategy never resends a body it cannot replay; when that body's failure
/// was one it would otherwise have retried, the caller learns it from the exception instead of guessing.
/// </summary>
internal static class UploadFailure
{
    /// <summary>
    /// Returns <paramref name="error"/> unchanged when the source can be replayed or the failure is not retryable anyway;
    /// otherwise a <see cref="ChatGptException"/> with the same facts whose message says the upload was not retried, and why.
    /// </summary>
    public static ChatGptException ExplainNotRetried(ChatGptException error, UploadSource source)
    {
        ArgumentNullException.ThrowIfNull(error);
        ArgumentNullException.ThrowIfNull(source);
        if (source.CanReplay || !IsRetryable(error))
        {
            return error;
        }

        var message = $"{error.Message} The upload of '{source.FileName}' was not retried: its stream cannot seek, so its bytes cannot be sent again. Upload from a file path or a seekable stream to let retries resend it.";
        return new ChatGptException(message, error.StatusCode, error.ErrorType, error.ErrorCode, error.Param, error.RequestId, error.RetryAfter, error);
    }

    private static bool IsRetryable(ChatGptException error) => error.StatusCode switch
    {
        // No response: a connection failure (a timeout is also retryable, but it reports its own message).
        null => error.InnerException is HttpRequestException or IOException,
        HttpStatusCode status => RetryableStatus.IsRetryable(status, error.ErrorType, error.ErrorCode),
    };
}
