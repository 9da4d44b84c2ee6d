// VoiceAssistant: a spoken question in, a spoken answer out. Transcribes a WAV file, asks the chat model (keeping the
// conversation), speaks the answer to a WAV file, and prints how long each stage took. No key: the built-in emulator.
using System.CommandLine;
using ChatGpt;
using ChatGpt.Audio;
using ChatGpt.Samples;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
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
var transcriptionModel = new Option<string>("--transcription-model") { Description = "The speech-to-text model.", DefaultValueFactory = _ => "gpt-4o-mini-transcribe" };
var speechModel = new Option<string>("--speech-model") { Description = "The text-to-speech model.", DefaultValueFactory = _ => "gpt-4o-mini-tts" };
var voice = new Option<string>("--voice") { Description = "The voice of the answer.", DefaultValueFactory = _ => "alloy" };
var backendOptions = new BackendOptions(defaultModel: "gpt-4o-mini");

var root = new RootCommand("Ask a spoken question, get a spoken answer: speech to text, chat, text to speech, with timings.")
{
    input, output, followUp, transcriptionModel, speechModel, voice,
};
backendOptions.AddTo(root);

root.SetAction(async (parse, cancellationToken) =>
{
    var settings = new AssistantSettings(
        parse.GetValue(input)!,
        parse.GetValue(output)!,
        parse.GetValue(followUp) ?? [],
        parse.GetValue(backendOptions.Model)!,
        new TranscriptionModel(parse.GetValue(transcriptionModel)!),
        new SpeechModel(parse.GetValue(speechModel)!),
        new SpeechVoice(parse.GetValue(voice)!));
    if (!settings.Input.Exists)
    {
        Console.Error.WriteLine($"The input file does not exist: {settings.Input.FullName}");
        return 2;
    }

    var builder = Host.CreateApplicationBuilder();

    // No key: the in-memory emulator answers (transcripts come from the WAV's metadata, speech is synthetic tones).
    var backend = backendOptions.Register(parse, builder.Services, builder.Logging);

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

return await SampleCommand.RunAsync(root, args);
