using System.Diagnostics;
using System.Globalization;
using System.Text;
using ChatGpt.Chat;
using ChatGpt.Completions;
using ChatGpt.Internal;
using Microsoft.Extensions.Logging;

namespace ChatGpt.Diagnostics.Internal;

/// <summary>
/// The observation of one call: its span, its measurements and its log lines. Created by
/// <see cref="ChatGptInstrumentation.Start"/>, fed by the client (response, result or chunks, failure) and closed once by
/// <see cref="End"/>.
/// </summary>
internal sealed class ChatGptCallScope
{
    private readonly ChatGptInstrumentation _owner;
    private readonly ChatGptRequestContext _context;
    private readonly bool _logContent;
    private readonly long _startTimestamp;
    private readonly Activity? _activity;

    private ChatGptResponseInfo? _info;
    private Exception? _error;
    private bool _completed;
    private bool _ended;
    private int _chunkCount;
    private TimeSpan? _timeToFirstChunk;
    private string? _responseId;
    private string? _responseModel;
    private string? _serviceTier;
    private string? _systemFingerprint;
    private CompletionUsage? _usage;
    private List<string?>? _finishReasons;
    private List<StringBuilder?>? _streamedText;
    private string? _outputContent;

    public ChatGptCallScope(ChatGptInstrumentation owner, ChatGptRequestContext context, bool logContent)
    {
        _owner = owner;
        _context = context;
        _logContent = logContent;
        _startTimestamp = owner.TimeProvider.GetTimestamp();

        var source = ChatGptInstrumentation.Source;
        if (source.HasListeners())
        {
            var name = string.IsNullOrEmpty(context.Model) ? context.Operation : string.Concat(context.Operation, " ", context.Model);
            _activity = source.StartActivity(name, ActivityKind.Client);
            if (_activity is { IsAllDataRequested: true })
            {
                SetRequestTags(_activity);
            }
        }

        var logger = owner.Logger;
        if (logger.IsEnabled(LogLevel.Debug))
        {
            ChatGptLog.RequestStarting(logger, context.Operation, context.Model, owner.ServerAddress, context.IsStreaming);
            if (logContent && context.Request?.DescribeInput() is { } input)
            {
                ChatGptLog.RequestContent(logger, context.Operation, context.Model, input);
            }
        }
    }

    /// <summary>The response headers arrived with a success status.</summary>
    public void OnResponse(ChatGptResponseInfo info)
    {
        _info = info;
        var logger = _owner.Logger;
        if (logger.IsEnabled(LogLevel.Debug) && info.RateLimits is { IsEmpty: false } limits)
        {
            ChatGptLog.RateLimits(logger, info.RequestId, limits.RemainingRequests, limits.LimitRequests, limits.ResetRequests, limits.RemainingTokens, limits.LimitTokens, limits.ResetTokens, info.ProcessingTime?.TotalMilliseconds);
        }
    }

    /// <summary>The whole result of a call that does not stream.</summary>
    public void OnResult(object result)
    {
        _completed = true;
        switch (result)
        {
            case ChatCompletion chat:
                SetResponse(chat.Id, chat.Model, chat.ServiceTier?.Value, chat.SystemFingerprint, chat.Usage);
                foreach (var choice in chat.Choices)
                {
                    SetFinishReason(choice.Index, choice.FinishReason?.Value);
                }

                if (_logContent)
                {
                    _outputContent = GenAiContentWriter.Output(chat);
                }

                break;
            case Completion completion:
                SetResponse(completion.Id, completion.Model, null, completion.SystemFingerprint, completion.Usage);
                foreach (var choice in completion.Choices)
                {
                    SetFinishReason(choice.Index, choice.FinishReason?.Value);
                }

                if (_logContent)
                {
                    _outputContent = GenAiContentWriter.Output(completion);
                }

                break;
        }
    }

    /// <summary>One chunk of a stream.</summary>
    public void OnChunk(object chunk)
    {
        if (_chunkCount++ == 0)
        {
            OnFirstChunk(chunk);
        }

        switch (chunk)
        {
            case ChatCompletionChunk chat:
                SetResponse(chat.Id, chat.Model, chat.ServiceTier?.Value, chat.SystemFingerprint, chat.Usage);
                foreach (var choice in chat.Choices)
                {
                    SetFinishReason(choice.Index, choice.FinishReason?.Value);
                    if (_logContent)
                    {
                        AppendText(choice.Index, choice.Delta?.Content ?? choice.Delta?.Refusal);
                    }
                }

                break;
            case Completion completion:
                SetResponse(completion.Id, completion.Model, null, completion.SystemFingerprint, completion.Usage);
                foreach (var choice in completion.Choices)
                {
                    SetFinishReason(choice.Index, choice.FinishReason?.Value);
                    if (_logContent)
                    {
                        AppendText(choice.Index, choice.Text);
                    }
                }

                break;
        }
    }

    /// <summary>The stream reached <c>[DONE]</c>.</summary>
    public void OnStreamEnded() => _completed = true;

    /// <summary>The call failed. Returns <see langword="false"/>, so it can record from an exception filter without catching.</summary>
    public bool Fail(Exception exception)
    {
        _error ??= exception;
        return false;
    }

    /// <summary>Closes the scope: tags and stops the span, records the metrics, writes the outcome. Only the first call counts.</summary>
    public void End()
    {
        if (_ended)
        {
            return;
        }

        _ended = true;
        var duration = _owner.TimeProvider.GetElapsedTime(_startTimestamp);
        var errorType = _error is null ? null : GetErrorType(_error);
        var statusCode = _info is { } info ? (int)info.StatusCode : (_error as ChatGptException)?.StatusCode is { } status ? (int)status : (int?)null;
        var requestId = _info?.RequestId ?? (_error as ChatGptException)?.RequestId;
        if (_logContent && _outputContent is null && _streamedText is { Count: > 0 } streamed)
        {
            _outputContent = GenAiContentWriter.Output(streamed, _finishReasons);
        }

        RecordMetrics(duration, errorType, statusCode);
        Log(duration, errorType, statusCode, requestId);
        if (_activity is { } activity)
        {
            if (activity.IsAllDataRequested)
            {
                SetResponseTags(activity, errorType, statusCode, requestId);
            }

            activity.Dispose();
        }
    }

    private void OnFirstChunk(object chunk)
    {
        var elapsed = _owner.TimeProvider.GetElapsedTime(_startTimestamp);
        _timeToFirstChunk = elapsed;
        if (_info is null && chunk switch { ChatCompletionChunk c => c.ResponseInfo, Completion c => c.ResponseInfo, _ => null } is { } info)
        {
            OnResponse(info.WithoutRawBody());
        }

        var model = chunk switch { ChatCompletionChunk c => c.Model, Completion c => c.Model, _ => null };
        var metrics = _owner.Metrics;
        if (metrics.TimeToFirstChunk.Enabled)
        {
            var tags = CommonTags(string.IsNullOrEmpty(model) ? null : model);
            metrics.TimeToFirstChunk.Record(elapsed.TotalSeconds, tags);
        }

        _activity?.AddEvent(new ActivityEvent("gen_ai.first_chunk"));
        if (_owner.Logger.IsEnabled(LogLevel.Debug))
        {
            ChatGptLog.FirstChunk(_owner.Logger, _context.Operation, _context.Model, elapsed.TotalMilliseconds, _info?.RequestId);
        }
    }

    private void SetResponse(string? id, string? model, string? serviceTier, string? systemFingerprint, CompletionUsage? usage)
    {
        if (string.IsNullOrEmpty(_responseId) && !string.IsNullOrEmpty(id))
        {
            _responseId = id;
        }

        if (string.IsNullOrEmpty(_responseModel) && !string.IsNullOrEmpty(model))
        {
            _responseModel = model;
        }

        _serviceTier ??= serviceTier;
        _systemFingerprint ??= systemFingerprint;
        _usage = usage ?? _usage;
    }

    private void SetFinishReason(int index, string? reason)
    {
        if (reason is null || index < 0 || index > 1024)
        {
            return;
        }

        var reasons = _finishReasons ??= [];
        while (reasons.Count <= index)
        {
            reasons.Add(null);
        }

        reasons[index] = reason;
    }

    private void AppendText(int index, string? text)
    {
        if (text is null || index < 0 || index > 1024)
        {
            return;
        }

        var texts = _streamedText ??= [];
        while (texts.Count <= index)
        {
            texts.Add(null);
        }

        (texts[index] ??= new StringBuilder()).Append(text);
    }

    private TagList CommonTags(string? responseModel)
    {
        var tags = new TagList
        {
            { GenAiAttributes.OperationName, _context.Operation },
            { GenAiAttributes.ProviderName, GenAiAttributes.ProviderOpenAI },
        };
        if (_context.Model is { } model)
        {
            tags.Add(GenAiAttributes.RequestModel, model);
        }

        if (responseModel is not null)
        {
            tags.Add(GenAiAttributes.ResponseModel, responseModel);
        }

        tags.Add(GenAiAttributes.ServerAddress, _owner.ServerAddress);
        tags.Add(GenAiAttributes.ServerPort, _owner.ServerPort);
        return tags;
    }

    private void RecordMetrics(TimeSpan duration, string? errorType, int? statusCode)
    {
        if (_context.Request is null)
        {
            // Listing models or managing files is no GenAI operation: it would skew the inference latency histograms,
            // so it has its own, tagged the way the HTTP conventions tag a client request.
            RecordClientOperation(duration, errorType, statusCode);
            return;
        }

        var metrics = _owner.Metrics;
        if (metrics.OperationDuration.Enabled)
        {
            var tags = CommonTags(_responseModel);
            if (errorType is not null)
            {
                tags.Add(GenAiAttributes.ErrorType, errorType);
            }

            metrics.OperationDuration.Record(duration.TotalSeconds, tags);
        }

        if (_usage is { } usage && metrics.TokenUsage.Enabled)
        {
            var tags = CommonTags(_responseModel);
            tags.Add(GenAiAttributes.TokenType, GenAiAttributes.TokenTypeInput);
            metrics.TokenUsage.Record(usage.PromptTokens, tags);

            tags = CommonTags(_responseModel);
            tags.Add(GenAiAttributes.TokenType, GenAiAttributes.TokenTypeOutput);
            metrics.TokenUsage.Record(usage.CompletionTokens, tags);
        }
    }

    private void RecordClientOperation(TimeSpan duration, string? errorType, int? statusCode)
    {
        var histogram = _owner.Metrics.ClientOperationDuration;
        if (!histogram.Enabled)
        {
            return;
        }

        var tags = CommonTags(responseModel: null);
        if (_context.Method is { } method)
        {
            tags.Add(GenAiAttributes.HttpRequestMethod, method.Method);
        }

        if (statusCode is { } status)
        {
            tags.Add(GenAiAttributes.HttpResponseStatusCode, status);
        }

        if (errorType is not null)
        {
            tags.Add(GenAiAttributes.ErrorType, errorType);
        }

        histogram.Record(duration.TotalSeconds, tags);
    }

    private void Log(TimeSpan duration, string? errorType, int? statusCode, string? requestId)
    {
        var logger = _owner.Logger;
        var operation = _context.Operation;
        var model = _context.Model;
        var finishReason = _finishReasons?.Find(static r => r is not null);
        if (_error is { } error)
        {
            if (error is OperationCanceledException)
            {
                ChatGptLog.RequestCancelled(logger, operation, model, duration.TotalMilliseconds);
            }
            else
            {
                ChatGptLog.RequestFailed(logger, operation, model, duration.TotalMilliseconds, errorType!, statusCode, requestId, error);
            }
        }
        else if (!_completed)
        {
            ChatGptLog.StreamAbandoned(logger, operation, model, _chunkCount, duration.TotalMilliseconds);
        }
        else if (_context.IsStreaming)
        {
            ChatGptLog.StreamCompleted(logger, operation, model, statusCode, _chunkCount, _timeToFirstChunk?.TotalMilliseconds, duration.TotalMilliseconds, requestId, _responseModel, finishReason, _usage?.PromptTokens, _usage?.CompletionTokens);
        }
        else
        {
            ChatGptLog.RequestCompleted(logger, operation, model, statusCode, duration.TotalMilliseconds, requestId, _responseModel, finishReason, _usage?.PromptTokens, _usage?.CompletionTokens);
        }

        if (_outputContent is not null)
        {
            ChatGptLog.ResponseContent(logger, operation, model, _outputContent);
        }
    }

    private void SetRequestTags(Activity activity)
    {
        activity.SetTag(GenAiAttributes.OperationName, _context.Operation);
        activity.SetTag(GenAiAttributes.ProviderName, GenAiAttributes.ProviderOpenAI);
        activity.SetTag(GenAiAttributes.System, GenAiAttributes.ProviderOpenAI);
        activity.SetTag(GenAiAttributes.RequestModel, _context.Model);
        activity.SetTag(GenAiAttributes.ServerAddress, _owner.ServerAddress);
        activity.SetTag(GenAiAttributes.ServerPort, _owner.ServerPort);
        if (_context.Request is null && _context.Method is { } method)
        {
            // A call that generates nothing is an HTTP call first: its method tells a list from a delete.
            activity.SetTag(GenAiAttributes.HttpRequestMethod, method.Method);
        }

        _context.Request?.SetSpanTags(activity);

        if (_logContent && _context.Request?.DescribeInput() is { } input)
        {
            activity.SetTag(GenAiAttributes.InputMessages, input);
        }
    }

    private void SetResponseTags(Activity activity, string? errorType, int? statusCode, string? requestId)
    {
        if (_responseId is not null)
        {
            activity.SetTag(GenAiAttributes.ResponseId, _responseId);
        }

        if (_responseModel is not null)
        {
            activity.SetTag(GenAiAttributes.ResponseModel, _responseModel);
        }

        if (_finishReasons is { Count: > 0 } reasons)
        {
            activity.SetTag(GenAiAttributes.ResponseFinishReasons, reasons.Select(static r => r ?? string.Empty).ToArray());
        }

        if (_usage is { } usage)
        {
            activity.SetTag(GenAiAttributes.UsageInputTokens, usage.PromptTokens);
            activity.SetTag(GenAiAttributes.UsageOutputTokens, usage.CompletionTokens);
        }

        if (_serviceTier is not null)
        {
            activity.SetTag(GenAiAttributes.OpenAIResponseServiceTier, _serviceTier);
        }

        if (_systemFingerprint is not null)
        {
            activity.SetTag(GenAiAttributes.OpenAIResponseSystemFingerprint, _systemFingerprint);
        }

        if (_timeToFirstChunk is { } ttfc)
        {
            activity.SetTag(GenAiAttributes.ResponseTimeToFirstChunk, ttfc.TotalSeconds);
        }

        if (requestId is not null)
        {
            activity.SetTag(GenAiAttributes.OpenAIResponseRequestId, requestId);
        }

        if (statusCode is { } status)
        {
            activity.SetTag(GenAiAttributes.HttpResponseStatusCode, status);
        }

        if (_outputContent is not null)
        {
            activity.SetTag(GenAiAttributes.OutputMessages, _outputContent);
        }

        if (_error is { } error)
        {
            activity.SetTag(GenAiAttributes.ErrorType, errorType);
            activity.SetStatus(ActivityStatusCode.Error, error.Message);
            activity.AddException(error);
        }
    }

    /// <summary>A low-cardinality name of the failure, per <c>error.type</c>: the HTTP status, the provider's error code, "timeout", or the exception type.</summary>
    private static string GetErrorType(Exception exception) => exception switch
    {
        ChatGptException { InnerException: TimeoutException } => "timeout",
        ChatGptException { StatusCode: { } status } when (int)status >= 400 => ((int)status).ToString(CultureInfo.InvariantCulture),
        ChatGptException { ErrorCode: { Length: > 0 } code } => code,
        ChatGptException { ErrorType: { Length: > 0 } type } => type,
        ChatGptException { InnerException: { } inner } => inner.GetType().FullName ?? inner.GetType().Name,
        _ => exception.GetType().FullName ?? exception.GetType().Name,
    };
}
