using ChatGpt.Audio;

namespace VoiceAssistant;

/// <summary>What the command line chose.</summary>
internal sealed record AssistantSettings(
    FileInfo Input,
    FileInfo Output,
    IReadOnlyList<string> FollowUps,
    string ChatModel,
    TranscriptionModel TranscriptionModel,
    SpeechModel SpeechModel,
    SpeechVoice Voice);
