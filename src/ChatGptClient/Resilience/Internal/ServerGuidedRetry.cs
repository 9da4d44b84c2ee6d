using System.Net.Http.Json;
using ChatGpt.Http.Internal;
using ChatGpt.Http.Uploads.Internal;
using ChatGpt.Internal;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace ChatGpt.Resilience.Internal;

/// <summary>
/// The retry strategy's brain: whether an attempt's outcome is retried and after how long, decided together so that a
/// wait that cannot be honoured (longer than the cap, or past the deadline) is a "no" at once rather than a sleep.
/// </summary>
internal sealed class ServerGuidedRetry
{
    private readonly ResiliencePipelineSettings _settings;

    public ServerGuidedRetry(ResiliencePipelineSettings settings) => _settings = settings;

    private ChatGptResilienceOptions Options => _settings.Options;

    public RetryStrategyOptions<HttpResponseMessage> CreateOptions() => new()
    {
        Name = "ChatGpt.Retry",
        MaxRetryAttempts = Options.MaxRetries,
        // A success is never retried: answered without the decision's state machine.
        ShouldHandle = args => args.Outcome is { Exception: null, Result.IsSuccessStatusCode: true } ? PredicateResult.False() : ShouldRetryAsync(args),
        DelayGenerator = static args => new ValueTask<TimeSpan?>(
            args.Context.Properties.TryGetValue(ResilienceKeys.NextDelay, out var delay) ? delay : null),
        OnRetry = OnRetryAsync,
    };

    /// <summary>The backoff wait before retry number <paramref name="attempt"/> (0-based): the base delay doubled per
    /// attempt, capped, and with jitter shortened by up to a quarter (never lengthened, so the cap holds).</summary>
    public TimeSpan Backoff(int attempt)
    {
        var step = Options.BaseDelay.TotalSeconds * Math.Pow(2, Math.Min(attempt, 30));
        var capped = Math.Min(step, Options.MaxDelay.TotalSeconds);
        var factor = Options.UseJitter ? 1 - (ChatGptResilienceDefaults.JitterFraction * _settings.Random()) : 1;
        return TimeSpan.FromSeconds(capped * factor);
    }

    private async ValueTask<bool> ShouldRetryAsync(RetryPredicateArguments<HttpResponseMessage> args)
    {
        var context = args.Context;
        if (context.CancellationToken.IsCancellationRequested)
        {
            return false;
        }

        var request = context.GetRequestMessage();
        var outcome = args.Outcome;
        TimeSpan delay;
        string failure;
        string? requestId = null;
        switch (outcome)
        {
            case { Exception: TimeoutRejectedException timeout }:
                failure = $"attempt timeout ({timeout.Timeout.TotalSeconds:0.###} s)";
                delay = Backoff(args.AttemptNumber);
                break;
            case { Exception: HttpRequestException connection }:
                failure = connection.HttpRequestError is HttpRequestError.Unknown ? "connection failure" : $"connection failure ({connection.HttpRequestError})";
                delay = Backoff(args.AttemptNumber);
                break;
            case { Exception: not null }:
                return false;
            case { Result: { IsSuccessStatusCode: false } response }:
                // One reading of the response, shared with the limiter's feedback and the client's error.
                var metadata = ResponseMetadata.Of(response, request, _settings.TimeProvider);
                requestId = metadata.RequestId;
                var verdict = metadata.ShouldRetry;
                if (RetryableStatus.NeedsBody(response.StatusCode) || verdict == true)
                {
                    await metadata.ReadErrorBodyAsync(response, context.CancellationToken).ConfigureAwait(context.ContinueOnCapturedContext);
                }

                var errorType = metadata.Error?.Type;
                var errorCode = metadata.Error?.Code;
                if (metadata.IsRedirect || !(verdict ?? RetryableStatus.IsRetryable(response.StatusCode, errorType, errorCode)))
                {
                    return false;
                }

                failure = errorCode is null ? $"HTTP {(int)response.StatusCode}" : $"HTTP {(int)response.StatusCode} {errorCode}";
                if (metadata.RetryAfter is { } serverWait && serverWait > TimeSpan.Zero)
                {
                    // The server's explicit word: honoured exactly, never shortened, never stretched past the cap.
                    if (serverWait > Options.MaxDelay)
                    {
                        ResilienceLog.ServerWaitTooLong(_settings.Logger, Method(request), Path(request), serverWait.TotalMilliseconds, Options.MaxDelay.TotalMilliseconds, requestId);
                        return false;
                    }

                    delay = serverWait + ChatGptResilienceDefaults.ServerWaitPadding;
                }
                else
                {
                    // No explicit wait (or "0", which the official SDKs also treat as no advice, to avoid a tight loop):
                    // backoff, but for a 429 never sooner than the budget the reset headers say will be back.
                    delay = Backoff(args.AttemptNumber);
                    var limits = (int)response.StatusCode == 429 ? metadata.RateLimits : default;
                    if (limits.SuggestedWait is { } hint && hint > delay)
                    {
                        if (hint <= Options.MaxDelay)
                        {
                            delay = hint + ChatGptResilienceDefaults.ServerWaitPadding;
                        }
                        else if (limits.IsExhausted)
                        {
                            // A spent budget that comes back only after the cap (a daily limit, say): waiting the cap
                            // would only earn another 429, so the caller hears it now, with the reset time.
                            ResilienceLog.ServerWaitTooLong(_settings.Logger, Method(request), Path(request), hint.TotalMilliseconds, Options.MaxDelay.TotalMilliseconds, requestId);
                            return false;
                        }
                        else
                        {
                            // A full reset far away, but budget left: part of it may be back well before.
                            delay = Options.MaxDelay;
                        }
                    }
                }

                break;
            default:
                return false;
        }

        if (!IsReplayable(request))
        {
            ResilienceLog.NotReplayable(_settings.Logger, Method(request), Path(request));
            return false;
        }

        if (context.Properties.TryGetValue(ResilienceKeys.Deadline, out var deadline) &&
            _settings.TimeProvider.GetUtcNow() + delay >= deadline)
        {
            ResilienceLog.NoTimeLeftToRetry(_settings.Logger, Method(request), Path(request), delay.TotalMilliseconds, requestId);
            return false;
        }

        context.Properties.Set(ResilienceKeys.NextDelay, delay);
        context.Properties.Set(ResilienceKeys.LastFailure, failure);
        return true;
    }

    private ValueTask OnRetryAsync(OnRetryArguments<HttpResponseMessage> args)
    {
        var request = args.Context.GetRequestMessage();
        var failure = args.Context.Properties.TryGetValue(ResilienceKeys.LastFailure, out var f) ? f : "failure";
        var requestId = args.Outcome.Result is { } response ? ResponseMetadata.Of(response, request, _settings.TimeProvider).RequestId : null;
        ResilienceLog.Retrying(_settings.Logger, Method(request), Path(request), args.AttemptNumber + 1, failure, args.RetryDelay.TotalMilliseconds, requestId);
        return default;
    }

    /// <summary>Whether the request can be sent again: no body, or a body held in memory that serializes anew each time.
    /// A stream body may already be consumed.</summary>
    internal static bool IsReplayable(HttpRequestMessage? request) =>
        request?.Content switch
        {
            null => true,
            MultipartContent multipart => multipart.All(IsReplayablePart),
            var content => IsReplayablePart(content),
        };

    // Uploads reread their file or seekable stream on each attempt; a non-seekable stream cannot be read twice.
    private static bool IsReplayablePart(HttpContent content) =>
        content is ByteArrayContent or ReadOnlyMemoryContent or JsonContent or PooledJsonContent or UploadContent { CanReplay: true };

    private static string Method(HttpRequestMessage? request) => request?.Method.Method ?? "?";

    private static string? Path(HttpRequestMessage? request) => request?.RequestUri?.AbsolutePath;
}
