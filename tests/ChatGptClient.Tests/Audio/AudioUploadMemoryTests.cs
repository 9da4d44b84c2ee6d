using ChatGpt.Audio;
using ChatGpt.Tests.Http.Uploads;
using ChatGpt.Tests.TestSupport;

namespace ChatGpt.Tests.Audio;

/// <summary>The audio upload's memory bound, measured process-wide and therefore alone (no test runs beside it).</summary>
[Collection(MemoryMeasurementCollection.Name)]
public sealed class AudioUploadMemoryTests
{
    [Fact]
    public async Task TranscribeAsync_Upload25Megabytes_AllocatesWellUnderItsSize()
    {
        // The audio is copied to the connection through one pooled buffer: what a 25 MB upload allocates is independent of
        // its size. Warm up first so one-time JIT, pool and type-loading allocations are not counted.
        var handler = new RecordingHandler("application/json", """{"text":"ok"}""") { DrainOnly = true };
        var client = AudioTestSupport.CreateClient(handler);
        await client.TranscribeAsync(new TranscriptionRequest(new PatternStream(1024 * 1024), "warm.wav"));

        var allocated = await ProcessAllocations.LeastOfAsync(() =>
            client.TranscribeAsync(new TranscriptionRequest(new PatternStream(AudioLimits.MaxFileBytes), "big.wav")));

        Assert.True(handler.BytesDrained > AudioLimits.MaxFileBytes);
        Assert.True(allocated < 1024 * 1024, $"A 25 MB upload allocated {allocated:N0} bytes.");
    }
}
