namespace ChatGpt.Testing.Internal;

/// <summary>The endpoints the emulator serves. A new endpoint is one type deriving from <see cref="EmulatorEndpoint"/>
/// and one line here.</summary>
internal static class EmulatorEndpoints
{
    public static IEnumerable<EmulatorEndpoint> Create(ChatGptEmulator emulator) =>
    [
        new ChatCompletionsEndpoint(emulator),
        new CompletionsEndpoint(emulator),
        new ModelsEndpoint(emulator),
        new FineTunedModelsEndpoint(emulator),
        new FilesEndpoint(emulator),
        new UploadsEndpoint(emulator),
        new FineTuningJobsEndpoint(emulator),
        new AudioTranscriptionsEndpoint(emulator),
        new AudioSpeechEndpoint(emulator),
    ];
}
