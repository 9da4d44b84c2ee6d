using System.Diagnostics.Metrics;
using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using ChatGpt.Audio.Internal;
using ChatGpt.DependencyInjection;
using ChatGpt.Diagnostics;
using ChatGpt.Diagnostics.Internal;
using ChatGpt.Internal;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChatGpt.Audio;

/// <summary>
/// The typed <see cref="HttpClient"/> client of the OpenAI audio endpoints: transcriptions, translations and speech.
/// </summary>
/// <remarks>
/// Register it with <c>services.AddChatGpt()</c> (it shares the options, retries, rate limiting and telemetry of
/// <see cref="ChatGptClient"/>), or create it over your own <see cref="HttpClient"/>. It is thread-safe. A failed upload is
/// retried only when its audio can be sent again: a file path, or a seekable stream.
/// </remarks>
public class ChatGptAudioClient : IChatGptAudioClient
{
    private readonly AudioTransport _transport = null!;
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
        _transport = new AudioTransport(httpClient, options, timeProvider, loggerFactory, meterFactory);
        var baseAddress = _transport.BaseAddress;
        _transcriptionsUri = new Uri(baseAddress, "audio/transcriptions");
        _translationsUri = new Uri(baseAddress, "audio/translations");
        _speechUri = new Uri(baseAddress, "audio/speech");
    }

    /// <summary>For mocking frameworks: a client that is not connected to anything.</summary>
    protected ChatGptAudioClient()
    {
    }

    /// <inheritdoc/>
    public virtual Task<Transcription> TranscribeAsync(TranscriptionRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var model = request.Model ?? TranscriptionModel.Gpt4oMiniTranscribe;
        var length = AudioFormats.Check(request.File);
        var format = request.ResponseFormat ?? TranscriptionFormat.Json;
        var context = new ChatGptRequestContext("transcription", model.Value, isStreaming: false, request);
        return _transport.CallAsync(
            _transcriptionsUri,
            () => AudioFormWriter.Transcription(request, model, stream: false, length),
            (response, token) => ReadTranscriptionAsync(response, format, token),
            context,
            cancellationToken);
    }

    /// <inheritdoc/>
    public virtual IAsyncEnumerable<TranscriptionStreamEvent> StreamTranscriptionAsync(TranscriptionRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var model = request.Model ?? TranscriptionModel.Gpt4oMiniTranscribe;
        var length = AudioFormats.Check(request.File);
        var context = new ChatGptRequestContext("transcription", model.Value, isStreaming: true, request);
        return _transport.StreamAsync(
            _transcriptionsUri,
            () => AudioFormWriter.Transcription(request, model, stream: true, length),
            AudioJsonContext.Default.TranscriptionStreamEvent,
            static e => e.Type,
            static (e, info) => e.ResponseInfo = info,
            TranscriptionStreamEvent.DoneType,
            context,
            cancellationToken);
    }

    /// <inheritdoc/>
    public virtual Task<Transcription> TranslateAsync(TranslationRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var model = request.Model ?? TranscriptionModel.Whisper1;
        var length = AudioFormats.Check(request.File);
        var format = request.ResponseFormat ?? TranscriptionFormat.Json;
        var context = new ChatGptRequestContext("translation", model.Value, isStreaming: false, request);
        return _transport.CallAsync(
            _translationsUri,
            () => AudioFormWriter.Translation(request, model, length),
            (response, token) => ReadTranscriptionAsync(response, format, token),
            context,
            cancellationToken);
    }

    /// <inheritdoc/>
    public virtual Task<SpeechAudio> CreateSpeechAsync(SpeechRequest request, CancellationToken cancellationToken = default)
    {
        var wire = PrepareSpeech(request, streamFormat: null);
        var format = wire.ResponseFormat ?? SpeechFormat.Mp3;
        var context = new ChatGptRequestContext("speech", wire.Model.Value, isStreaming: true, request);
        return _transport.OpenAsync(
            _speechUri,
            () => SpeechContent(wire),
            "application/octet-stream",
            (stream, response, info) => new SpeechAudio(stream, format, response.Content.Headers.ContentType?.MediaType, info),
            context,
            cancellationToken);
    }

    /// <inheritdoc/>
    public virtual IAsyncEnumerable<SpeechStreamEvent> StreamSpeechAsync(SpeechRequest request, CancellationToken cancellationToken = default)
    {
        var wire = PrepareSpeech(request, streamFormat: "sse");
        var context = new ChatGptRequestContext("speech", wire.Model.Value, isStreaming: true, request);
        return _transport.StreamAsync(
            _speechUri,
            () => SpeechContent(wire),
            AudioJsonContext.Default.SpeechStreamEvent,
            static e => e.Type,
            static (_, _) => { },
            SpeechStreamEvent.DoneType,
            context,
            cancellationToken);
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

    private static async Task<Transcription> ReadTranscriptionAsync(HttpResponseMessage response, TranscriptionFormat format, CancellationToken cancellationToken)
    {
        Transcription result;
        if (format == TranscriptionFormat.Text || format == TranscriptionFormat.Srt || format == TranscriptionFormat.Vtt)
        {
            // Plain text bodies: the API sends them as text/plain; a few servers wrap them in JSON anyway.
            var body = await AudioTransport.ReadTextAsync(response, cancellationToken).ConfigureAwait(false);
            result = new Transcription { Text = body, Format = format };
            if (format != TranscriptionFormat.Text)
            {
                result.Segments = SubtitleParser.Parse(body);
            }
        }
        else if (format == TranscriptionFormat.DiarizedJson)
        {
            var wire = await AudioTransport.ReadJsonAsync(response, AudioJsonContext.Default.DiarizedTranscriptionWire, "diarized transcription", cancellationToken).ConfigureAwait(false);
            result = wire.ToTranscription();
        }
        else
        {
            result = await AudioTransport.ReadJsonAsync(response, AudioJsonContext.Default.Transcription, "transcription", cancellationToken).ConfigureAwait(false);
            result.Format = format;
        }

        result.ResponseInfo = new ChatGptResponseInfo(response.StatusCode, response.Headers);
        return result;
    }
}
