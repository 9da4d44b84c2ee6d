using System.Diagnostics;
using System.Text;
using ChatGpt;
using ChatGpt.Audio;
using ChatGpt.Chat;

namespace VoiceAssistant;

/// <summary>
/// One turn of a voice assistant: speech to text (streamed), a chat answer (streamed, kept in the conversation), text to
/// speech (written to a file as it arrives), with the latency a listener feels at each stage.
/// </summary>
internal sealed class Assistant
{
    private const string SystemPrompt = "You are a voice assistant. Answer in one or two short spoken sentences.";

    private readonly IChatGptClient _chat;
    private readonly IChatGptAudioClient _audio;
    private readonly AssistantSettings _settings;
    private readonly TextWriter _out;
    private readonly List<ChatMessage> _conversation = [ChatMessage.System(SystemPrompt)];

    public Assistant(IChatGptClient chat, IChatGptAudioClient audio, AssistantSettings settings, TextWriter output)
    {
        _chat = chat;
        _audio = audio;
        _settings = settings;
        _out = output;
    }

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var total = Stopwatch.StartNew();

        // 1. Speech to text, streamed: the text appears as it is recognised.
        _out.Write($"You ({_settings.Input.Name}): ");
        var clock = Stopwatch.StartNew();
        var question = new StringBuilder();
        TranscriptionUsage? transcriptionUsage = null;
        await foreach (var update in _audio.StreamTranscriptionAsync(new TranscriptionRequest(_settings.Input.FullName) { Model = _settings.TranscriptionModel }, cancellationToken))
        {
            if (update.IsDelta)
            {
                question.Append(update.Delta);
                _out.Write(update.Delta);
            }
            else if (update.IsDone)
            {
                question.Clear().Append(update.Text);
                transcriptionUsage = update.Usage;
            }
        }

        var transcription = clock.Elapsed;
        _out.WriteLine();

        // 2. Chat, streamed, the answer kept in the conversation; then the typed follow-ups in the same conversation.
        var (answer, firstToken, chat) = await AskAsync(question.ToString(), cancellationToken);
        foreach (var followUp in _settings.FollowUps)
        {
            _out.WriteLine($"You (typed): {followUp}");
            (answer, _, _) = await AskAsync(followUp, cancellationToken);
        }

        // 3. Text to speech: written to the file as the audio arrives; the first byte is when playback could start.
        clock.Restart();
        TimeSpan? firstAudioByte = null;
        long bytes = 0;
        await using (var speech = await _audio.CreateSpeechAsync(new SpeechRequest { Model = _settings.SpeechModel, Voice = _settings.Voice, Input = answer, ResponseFormat = SpeechFormat.Wav }, cancellationToken))
        await using (var file = _settings.Output.Create())
        {
            var buffer = new byte[16 * 1024];
            int read;
            while ((read = await speech.Content.ReadAsync(buffer, cancellationToken)) > 0)
            {
                firstAudioByte ??= clock.Elapsed;
                await file.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
                bytes += read;
            }
        }

        var speaking = clock.Elapsed;
        _out.WriteLine($"Spoken answer: {_settings.Output.FullName} ({bytes:N0} bytes)");
        _out.WriteLine();
        _out.WriteLine("Timings");
        _out.WriteLine($"  transcription          {Ms(transcription),8}{(transcriptionUsage?.TotalTokens is int t ? $"   ({t} tokens)" : string.Empty)}");
        _out.WriteLine($"  chat: first token      {Ms(firstToken),8}   (whole answer {Ms(chat)})");
        _out.WriteLine($"  speech: first audio    {Ms(firstAudioByte ?? speaking),8}   (whole audio {Ms(speaking)})");
        _out.WriteLine($"  total                  {Ms(total.Elapsed),8}");
    }

    private async Task<(string Answer, TimeSpan FirstToken, TimeSpan Whole)> AskAsync(string text, CancellationToken cancellationToken)
    {
        _conversation.Add(ChatMessage.User(text));
        var clock = Stopwatch.StartNew();
        TimeSpan? firstToken = null;
        var answer = new StringBuilder();
        _out.Write("Assistant: ");
        await foreach (var chunk in _chat.StreamChatCompletionAsync(new ChatCompletionRequest { Model = _settings.ChatModel, Messages = [.. _conversation] }, cancellationToken))
        {
            foreach (var choice in chunk.Choices)
            {
                if (choice.Delta?.Content is { Length: > 0 } content)
                {
                    firstToken ??= clock.Elapsed;
                    answer.Append(content);
                    _out.Write(content);
                }
            }
        }

        _out.WriteLine();
        var whole = clock.Elapsed;
        _conversation.Add(ChatMessage.Assistant(answer.ToString()));
        return (answer.ToString(), firstToken ?? whole, whole);
    }

    private static string Ms(TimeSpan value) => $"{value.TotalMilliseconds:0} ms";
}
