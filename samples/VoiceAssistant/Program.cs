// VoiceAssistant: a spoken question in, a spoken answer out. Transcribes a WAV file, asks the chat model (keeping the
// conversation), speaks the answer to a WAV file, and prints how long each stage took. No key: the built-in emulator.
using System.CommandLine;
using ChatGpt;
using ChatGpt.Audio;
using ChatGpt.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using VoiceAssistant;

var input = new Option<FileInfo>("--input", "-i")
{
    Description = "The WAV (or mp3, m4a, ...) file with the spoken question.",
    DefaultValueFactory = _ => new FileInfo(Path.Combine(AppContext.BaseDirectory, "question.wav")),
};
var output = new Option<FileInfo>("--output", "-o")
{
    Description = "Where the spoken answer is written (a WAV file).",
    DefaultValueFactory = _ => new FileInfo("answer.wav"),
};
var followUp = new Option<string[]>("--follow-up")
{
    Description = "Further questions typed in the same conversation, asked after the spoken one (repeatable).",
    AllowMultipleArgumentsPerToken = false,
};
var chatModel = new Option<string>("--model") { Description = "The chat model.", DefaultValueFactory = _ => "gpt-4o-mini" };
var transcriptionModel = new Option<string>("--transcription-model") { Description = "The speech-to-text model.", DefaultValueFactory = _ => "gpt-4o-mini-transcribe" };
var speechModel = new Option<string>("--speech-model") { Description = "The text-to-speech model.", DefaultValueFactory = _ => "gpt-4o-mini-tts" };
var voice = new Option<string>("--voice") { Description = "The voice of the answer.", DefaultValueFactory = _ => "alloy" };
var emulator = new Option<bool>("--emulator") { Description = "Use the built-in emulator even when OPENAI_API_KEY is set." };

var root = new RootCommand("Ask a spoken question, get a spoken answer: speech to text, chat, text to speech, with timings.")
{
    input, output, followUp, chatModel, transcriptionModel, speechModel, voice, emulator,
};

root.SetAction(async (parse, cancellationToken) =>
{
    var settings = new AssistantSettings(
        parse.GetValue(input)!,
        parse.GetValue(output)!,
        parse.GetValue(followUp) ?? [],
        parse.GetValue(chatModel)!,
        new TranscriptionModel(parse.GetValue(transcriptionModel)!),
        new SpeechModel(parse.GetValue(speechModel)!),
        new SpeechVoice(parse.GetValue(voice)!));
    if (!settings.Input.Exists)
    {
        Console.Error.WriteLine($"The input file does not exist: {settings.Input.FullName}");
        return 2;
    }

    var builder = Host.CreateApplicationBuilder();
    builder.Logging.SetMinimumLevel(LogLevel.Warning);
    var chatGpt = builder.Services.AddChatGpt();
    string backend;
    if (!parse.GetValue(emulator) && !string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(ChatGptOptions.ApiKeyEnvironmentVariable)))
    {
        backend = "the OpenAI API (OPENAI_API_KEY)";
    }
    else
    {
        // No key: the in-memory emulator answers, streaming at a speaking pace so the timings mean something.
        chatGpt.UseEmulator(new ChatGptEmulator { ChunkDelay = TimeSpan.FromMilliseconds(5) });
        backend = "the built-in emulator (no OPENAI_API_KEY set: transcripts come from the WAV's metadata, speech is synthetic tones)";
    }

    using var host = builder.Build();
    try
    {
        var assistant = new Assistant(host.Services.GetRequiredService<IChatGptClient>(), host.Services.GetRequiredService<IChatGptAudioClient>(), settings, Console.Out);
        Console.Error.WriteLine($"Backend: {backend}.");
        await assistant.RunAsync(cancellationToken);
        return 0;
    }
    catch (OptionsValidationException ex)
    {
        Console.Error.WriteLine($"Configuration error: {ex.Message}");
        return 2;
    }
    catch (ChatGptException ex)
    {
        Console.Error.WriteLine($"Error: {ex.Message}");
        return 1;
    }
});

return await root.Parse(args).InvokeAsync();
