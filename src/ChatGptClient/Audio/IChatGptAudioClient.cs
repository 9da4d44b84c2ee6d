namespace ChatGpt.Audio;

/// <summary>
/// A client for the OpenAI audio endpoints: speech to text (<c>POST /audio/transcriptions</c>,
/// <c>POST /audio/translations</c>) and text to speech (<c>POST /audio/speech</c>).
/// </summary>
/// <remarks>Registered by <c>services.AddChatGpt()</c> with the same options, resilience pipeline, rate limiter and telemetry
/// as <see cref="IChatGptClient"/>, and injectable on its own.</remarks>
public interface IChatGptAudioClient
{
    /// <summary>Transcribes audio into text in its own language (<c>POST /audio/transcriptions</c>).</summary>
    /// <param name="request">The request; the audio is streamed, never held whole in memory.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The transcription, read from the <see cref="TranscriptionRequest.ResponseFormat"/> asked for.</returns>
    /// <exception cref="ChatGptException">The file is too large or in a format the API does not take (nothing is sent), the
    /// server answered with an error, or its answer could not be read.</exception>
    Task<Transcription> TranscribeAsync(TranscriptionRequest request, CancellationToken cancellationToken = default);

    /// <summary>Streams a transcription as it is produced (<c>stream=true</c>): <c>transcript.text.delta</c> events, then
    /// one <c>transcript.text.done</c> with the whole text and usage.</summary>
    /// <param name="request">The request. <c>whisper-1</c> does not stream.</param>
    /// <param name="cancellationToken">Cancels the call and stops reading at once.</param>
    /// <returns>The events in the order the server sent them; the done event is the last.</returns>
    /// <exception cref="ChatGptException">The checks before sending failed, the server answered with an error, sent an error
    /// event, went silent for longer than the stream idle timeout, or the stream ended before its done event.</exception>
    IAsyncEnumerable<TranscriptionStreamEvent> StreamTranscriptionAsync(TranscriptionRequest request, CancellationToken cancellationToken = default);

    /// <summary>Translates audio into English text (<c>POST /audio/translations</c>).</summary>
    /// <param name="request">The request.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The English text, read from the format asked for.</returns>
    /// <exception cref="ChatGptException">As for <see cref="TranscribeAsync"/>.</exception>
    Task<Transcription> TranslateAsync(TranslationRequest request, CancellationToken cancellationToken = default);

    /// <summary>Speaks text (<c>POST /audio/speech</c>), returning the audio as soon as its first bytes arrive.</summary>
    /// <param name="request">The request.</param>
    /// <param name="cancellationToken">Cancels the call (up to the response headers; pass a token to the reads after).</param>
    /// <returns>The audio, readable while it arrives; dispose it.</returns>
    /// <exception cref="ChatGptException">The server answered with an error.</exception>
    Task<SpeechAudio> CreateSpeechAsync(SpeechRequest request, CancellationToken cancellationToken = default);

    /// <summary>Speaks text as server-sent events (<c>stream_format=sse</c>): <c>speech.audio.delta</c> chunks of audio, then
    /// <c>speech.audio.done</c> with usage. Not supported by <c>tts-1</c>/<c>tts-1-hd</c>.</summary>
    /// <param name="request">The request.</param>
    /// <param name="cancellationToken">Cancels the call and stops reading at once.</param>
    /// <returns>The events; the done event is the last. <see cref="SpeechStreamExtensions.WriteToFileAsync"/> saves them.</returns>
    /// <exception cref="ChatGptException">The server answered with an error, sent an error event, went silent for longer than
    /// the stream idle timeout, or the stream ended before its done event.</exception>
    IAsyncEnumerable<SpeechStreamEvent> StreamSpeechAsync(SpeechRequest request, CancellationToken cancellationToken = default);
}
