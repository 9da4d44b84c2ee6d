using System.Diagnostics.Metrics;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using ChatGpt.Audio.Internal;
using ChatGpt.Diagnostics;
using ChatGpt.Http.Internal;
using ChatGpt.Http.Uploads;
using ChatGpt.Http.Uploads.Internal;
using ChatGpt.Internal;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChatGpt.Audio;

/// <summary>
/// The typed <see cref="HttpClient"/> client of the OpenAI audio endpoints: transcriptions, translations and speech.
/// </summary>
/// <remarks>
/// Register it with <c>services.AddChatGpt()</c> (it shares the options, retries, rate limiting and telemetry of
/// <see cref="ChatGptClient"/>), or create it over your own <see cref="HttpClient"/>. It is thread-safe. An upload is
/// retried only when its audio can be sent again: a file path or a seekable stream; otherwise a retryable failure surfaces
/// with the reason it was not retried.
/// </remarks>
public class ChatGptAudioClient : IChatGptAudioClient
{
    // A transcript is text: far smaller than this even for the longest audio the API takes.
    private const int MaxTextBody = 16 * 1024 * 1024;

    private readonly ChatGptTransport _transport = null!;
    private readonly Uri _transcriptionsUri = null!;
    private readonly Uri _translationsUri = null!;
    private readonly Uri _speechUri = null!;

    /// <summary>Creates the client over an <see cref="HttpClient"/>.</summary>
    /// <param name="httpClient">The HTTP client. Its <see cref="HttpClient.BaseAddress"/>, when set, wins over <see cref="ChatGptOptions.BaseAddress"/>.</param>
    /// <param name="options">The options. When <see cref="ChatGptOptions.ApiKey"/> is empty the <c>OPENAI_API_KEY</c> environment variable is used.</param>
    /// <exception cref="OptionsValidationException">The options are invalid, e.g. no API key for a remote server.</exception>
    public ChatGptAudioClient(HttpClient httpClient, IOptions<ChatGptOptions> options)
        : this(httpClient, options, timeProvider: null, loggerFactory: null, meterFactory: null)
    {
    }

    /// <summary>Creates the client with its clock, logging and metrics (what <c>AddChatGpt</c> passes from the container).</summary>
    /// <param name="httpClient">The HTTP client.</param>
    /// <param name="options">The options.</param>
    /// <param name="timeProvider">The clock; <see cref="TimeProvider.System"/> when <see langword="null"/>.</param>
    /// <param name="loggerFactory">Creates the logger; no logging when <see langword="null"/>.</param>
    /// <param name="meterFactory">Creates the <see cref="ChatGptDiagnostics.MeterName"/> meter; a process-wide meter when <see langword="null"/>.</param>
    /// <exception cref="OptionsValidationException">The options are invalid.</exception>
    public ChatGptAudioClient(HttpClient httpClient, IOptions<ChatGptOptions> options, TimeProvider? timeProvider, ILoggerFactory? loggerFactory, IMeterFactory? meterFactory)
    {
        ArgumentNullException.ThrowIfNull(options);
        _transport = new ChatGptTransport(httpClient, options.Value ?? throw new ArgumentException("The options have no value.", nameof(options)), timeProvider, loggerFactory, meterFactory);
        _transcriptionsUri = _transport.CreateUri("audio/transcriptions");
        _translationsUri = _transport.CreateUri("audio/translations");
        _speechUri = _transport.CreateUri("audio/speech");
    }

    /// <summary>For mocking frameworks: a client connected to nothing, whose methods must be overridden.</summary>
    protected ChatGptAudioClient()
    {
    }

    /// <inheritdoc/>
    public virtual Task<Transcription> TranscribeAsync(TranscriptionRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        AudioFormats.Check(request.Audio);
        var model = request.Model ?? TranscriptionModel.Gpt4oMiniTranscribe;
        var format = request.ResponseFormat ?? TranscriptionFormat.Json;
        var context = _transport.CreateContext("transcription", model.Value, request: request);
        return SendTranscriptionAsync(_transcriptionsUri, AudioFormFields.Transcription(request, model, stream: false), request.Audio, request.Progress, format, context, cancellationToken);
    }

    /// <inheritdoc/>
    public virtual IAsyncEnumerable<TranscriptionStreamEvent> StreamTranscriptionAsync(TranscriptionRequest request, CancellationToken cancellationToken = default)
    {
        // Checked now, not at the first MoveNextAsync, so mistakes surface where they are made.
        ArgumentNullException.ThrowIfNull(request);
        AudioFormats.Check(request.Audio);
        var model = request.Model ?? TranscriptionModel.Gpt4oMiniTranscribe;
        var fields = AudioFormFields.Transcription(request, model, stream: true);
        var context = _transport.CreateContext("transcription", model.Value, isStreaming: true, request);
        var events = _transport.StreamEventsAsync(
            HttpMethod.Post,
            _transcriptionsUri,
            () => CreateForm(fields, request.Audio, request.Progress),
            static info => AttachInfo(ServerSentEventReader.ByType(AudioJsonContext.Default.TranscriptionStreamEvent, static type => type == TranscriptionStreamEvent.DoneType), info),
            context,
            e => ReportUsage(context, e.Usage),
            cancellationToken);
        return ExplainFailures(events, request.Audio);
    }

    /// <inheritdoc/>
    public virtual Task<Transcription> TranslateAsync(TranslationRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        AudioFormats.Check(request.Audio);
        var model = request.Model ?? TranscriptionModel.Whisper1;
        var format = request.ResponseFormat ?? TranscriptionFormat.Json;
        var context = _transport.CreateContext("translation", model.Value, request: request);
        return SendTranscriptionAsync(_translationsUri, AudioFormFields.Translation(request, model), request.Audio, request.Progress, format, context, cancellationToken);
    }

    /// <inheritdoc/>
    public virtual async Task<SpeechAudio> CreateSpeechAsync(SpeechRequest request, CancellationToken cancellationToken = default)
    {
        var wire = PrepareSpeech(request, streamFormat: null);
        var context = _transport.CreateContext("speech", wire.Model.Value, isStreaming: true, request);
        var stream = (ResponseBodyStream)await _transport.SendForStreamAsync(HttpMethod.Post, _speechUri, SpeechContent(wire), context, cancellationToken).ConfigureAwait(false);
        return new SpeechAudio(stream, wire.ResponseFormat ?? SpeechFormat.Mp3, stream.Metadata.ContentType, new ChatGptResponseInfo(stream.Metadata));
    }

    /// <inheritdoc/>
    public virtual IAsyncEnumerable<SpeechStreamEvent> StreamSpeechAsync(SpeechRequest request, CancellationToken cancellationToken = default)
    {
        var wire = PrepareSpeech(request, streamFormat: "sse");
        var context = _transport.CreateContext("speech", wire.Model.Value, isStreaming: true, request);
        return _transport.StreamEventsAsync(
            HttpMethod.Post,
            _speechUri,
            () => SpeechContent(wire),
            static _ => ServerSentEventReader.ByType(AudioJsonContext.Default.SpeechStreamEvent, static type => type == SpeechStreamEvent.DoneType),
            context,
            e => context.ReportUsage(e.Usage is { } usage ? new CompletionUsage { PromptTokens = usage.InputTokens, CompletionTokens = usage.OutputTokens, TotalTokens = usage.TotalTokens } : null),
            cancellationToken);
    }

    private async Task<Transcription> SendTranscriptionAsync(
        Uri uri, List<KeyValuePair<string, string>> fields, UploadSource audio, IProgress<UploadProgress>? progress, TranscriptionFormat format, ChatGptRequestContext context, CancellationToken cancellationToken)
    {
        Transcription result;
        try
        {
            if (format == TranscriptionFormat.Text || format == TranscriptionFormat.Srt || format == TranscriptionFormat.Vtt)
            {
                // text, srt and vtt come back as text/plain: read the body as text (bounded), and the subtitles' cues too.
                var stream = (ResponseBodyStream)await _transport.SendForStreamAsync(HttpMethod.Post, uri, CreateForm(fields, audio, progress), context, cancellationToken, accept: "text/plain").ConfigureAwait(false);
                await using (stream.ConfigureAwait(false))
                {
                    var body = await ReadTextAsync(stream, cancellationToken).ConfigureAwait(false);
                    result = new Transcription { Text = body, Format = format, ResponseInfo = new ChatGptResponseInfo(stream.Metadata) };
                    if (format != TranscriptionFormat.Text)
                    {
                        result.Segments = SubtitleParser.Parse(body);
                    }
                }
            }
            else if (format == TranscriptionFormat.DiarizedJson)
            {
                var wire = await _transport.SendJsonAsync(HttpMethod.Post, uri, CreateForm(fields, audio, progress), AudioJsonContext.Default.DiarizedTranscriptionWire, context, cancellationToken).ConfigureAwait(false);
                result = wire.ToTranscription();
            }
            else
            {
                result = await _transport.SendJsonAsync(HttpMethod.Post, uri, CreateForm(fields, audio, progress), AudioJsonContext.Default.Transcription, context, cancellationToken).ConfigureAwait(false);
                result.Format = format;
            }
        }
        catch (ChatGptException ex)
        {
            throw Explain(ex, audio);
        }

        ReportUsage(context, result.Usage);
        return result;
    }

    private static ServerSentEventDecoder<TranscriptionStreamEvent> AttachInfo(ServerSentEventDecoder<TranscriptionStreamEvent> decoder, ChatGptResponseInfo info) =>
        (eventType, data) =>
        {
            var item = decoder(eventType, data);
            if (item.Value is { } value)
            {
                value.ResponseInfo = info;
            }

            return item;
        };

    private static MultipartFormDataContent CreateForm(List<KeyValuePair<string, string>> fields, UploadSource audio, IProgress<UploadProgress>? progress)
    {
        var tracker = progress is null ? null : new UploadProgressTracker(progress, audio.Length);
        tracker?.ReportStart();
        return MultipartUpload.Create(fields, "file", audio, 0, audio.Length, tracker);
    }

    /// <summary>A failure raised by the audio's own checks while it was sent (a stream of unknown length over the limit)
    /// surfaces as itself; a retryable failure of an audio stream that cannot be replayed says why it was not retried.</summary>
    private static ChatGptException Explain(ChatGptException error, UploadSource audio)
    {
        for (var inner = error.InnerException; inner is not null; inner = inner.InnerException)
        {
            if (inner is ChatGptException own)
            {
                return own;
            }
        }

        return UploadFailure.ExplainNotRetried(error, audio);
    }

    private static async IAsyncEnumerable<TranscriptionStreamEvent> ExplainFailures(IAsyncEnumerable<TranscriptionStreamEvent> events, UploadSource audio)
    {
        var enumerator = events.GetAsyncEnumerator();
        await using (enumerator.ConfigureAwait(false))
        {
            while (true)
            {
                try
                {
                    if (!await enumerator.MoveNextAsync().ConfigureAwait(false))
                    {
                        yield break;
                    }
                }
                catch (ChatGptException ex)
                {
                    throw Explain(ex, audio);
                }

                yield return enumerator.Current;
            }
        }
    }

    private static void ReportUsage(ChatGptRequestContext context, TranscriptionUsage? usage)
    {
        // Token-billed usage feeds the rate limiter's token budget like a chat call's.
        if (usage is { InputTokens: int input, OutputTokens: int output })
        {
            context.ReportUsage(new CompletionUsage { PromptTokens = input, CompletionTokens = output, TotalTokens = usage.TotalTokens ?? input + output });
        }
    }

    private static async Task<string> ReadTextAsync(ResponseBodyStream stream, CancellationToken cancellationToken)
    {
        using var reader = new StreamReader(stream, Encoding.UTF8, detectEncodingFromByteOrderMarks: true, bufferSize: 4096, leaveOpen: true);
        var buffer = new char[4096];
        var text = new StringBuilder();
        int read;
        while ((read = await reader.ReadAsync(buffer.AsMemory(), cancellationToken).ConfigureAwait(false)) > 0)
        {
            if (text.Length + read > MaxTextBody)
            {
                throw new ChatGptException($"The transcript is longer than {MaxTextBody:N0} characters; it was not read whole.", stream.Metadata.StatusCode, requestId: stream.Metadata.RequestId);
            }

            text.Append(buffer, 0, read);
        }

        return text.ToString();
    }

    private static SpeechRequestWire PrepareSpeech(SpeechRequest request, string? streamFormat)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (string.IsNullOrEmpty(request.Input))
        {
            throw new ArgumentException("A speech request needs the text to speak (Input).", nameof(request));
        }

        if (request.Input.Length > AudioLimits.MaxSpeechInputLength)
        {
            throw new ArgumentException($"The text to speak is {request.Input.Length} characters long; the API takes at most {AudioLimits.MaxSpeechInputLength}. Split it.", nameof(request));
        }

        if (request.Instructions is { Length: > AudioLimits.MaxSpeechInputLength })
        {
            throw new ArgumentException($"The instructions are {request.Instructions.Length} characters long; the API takes at most {AudioLimits.MaxSpeechInputLength}.", nameof(request));
        }

        if (string.IsNullOrEmpty(request.Voice.Value))
        {
            throw new ArgumentException("A speech request needs a voice.", nameof(request));
        }

        if (request.Speed is < 0.25f or > 4f)
        {
            throw new ArgumentOutOfRangeException(nameof(request), request.Speed, "The speed is between 0.25 and 4.0.");
        }

        return new SpeechRequestWire
        {
            Model = request.Model ?? SpeechModel.Gpt4oMiniTts,
            Input = request.Input,
            Instructions = request.Instructions,
            Voice = request.Voice,
            ResponseFormat = request.ResponseFormat,
            Speed = request.Speed,
            StreamFormat = streamFormat,
        };
    }

    private static ByteArrayContent SpeechContent(SpeechRequestWire wire)
    {
        // A small body serialized once: it has a Content-Length and a retry sends the same bytes again.
        var content = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(wire, AudioJsonContext.Default.SpeechRequestWire));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return content;
    }
}
