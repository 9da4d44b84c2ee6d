using System.Buffers.Binary;

namespace ChatGpt.IntegrationTests;

/// <summary>The VoiceAssistant sample run as a process with no key: the shipped question is transcribed, answered and spoken.</summary>
public sealed class VoiceAssistantSampleTests
{
    [Fact]
    public async Task VoiceAssistant_NoKey_TranscribesAnswersSpeaksAndPrintsTimings()
    {
        var answer = Path.Combine(Path.GetTempPath(), $"voice-answer-{Guid.NewGuid():N}.wav");
        try
        {
            var (exitCode, output, error) = await ConsoleSampleTests.RunAsync("VoiceAssistant", "--output", answer, "--follow-up", "What is the capital of Japan?");

            Assert.True(exitCode == 0, $"exit {exitCode}: {error}");
            Assert.Contains("built-in emulator", error, StringComparison.Ordinal);
            Assert.Contains("You (question.wav): What is the capital of France?", output, StringComparison.Ordinal);
            Assert.Contains("Assistant: The capital of France is Paris.", output, StringComparison.Ordinal);
            Assert.Contains("Assistant: The capital of Japan is Tokyo.", output, StringComparison.Ordinal);
            Assert.Matches(@"transcription\s+\d+ ms", output);
            Assert.Matches(@"chat: first token\s+\d+ ms", output);
            Assert.Matches(@"speech: first audio\s+\d+ ms", output);

            // The spoken answer is a valid WAV as long as the last answer takes to say (15 characters a second).
            var wav = await File.ReadAllBytesAsync(answer);
            Assert.Equal("RIFF"u8.ToArray(), wav[..4]);
            Assert.Equal(wav.Length - 8, BinaryPrimitives.ReadInt32LittleEndian(wav.AsSpan(4)));
            var seconds = (double)(wav.Length - 44) / BinaryPrimitives.ReadInt32LittleEndian(wav.AsSpan(28));
            Assert.InRange(seconds, "The capital of Japan is Tokyo.".Length / 15.0, ("The capital of Japan is Tokyo.".Length / 15.0) + 0.2);
        }
        finally
        {
            File.Delete(answer);
        }
    }

    [Fact]
    public async Task VoiceAssistant_InputThatDoesNotExist_Exits2()
    {
        var (exitCode, _, error) = await ConsoleSampleTests.RunAsync("VoiceAssistant", "--input", "no-such-question.wav");

        Assert.Equal(2, exitCode);
        Assert.Contains("does not exist", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task VoiceAssistant_UnsupportedFormat_ShowsTheClientsErrorAndExits1()
    {
        var input = Path.Combine(Path.GetTempPath(), $"question-{Guid.NewGuid():N}.txt");
        await File.WriteAllTextAsync(input, "not audio");
        try
        {
            var (exitCode, _, error) = await ConsoleSampleTests.RunAsync("VoiceAssistant", "--input", input);

            Assert.Equal(1, exitCode);
            Assert.Contains("not in a format the API takes", error, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(input);
        }
    }
}
