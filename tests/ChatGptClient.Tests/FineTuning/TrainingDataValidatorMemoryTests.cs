using System.Text;
using ChatGpt.FineTuning.TrainingData;
using ChatGpt.Tests.TestSupport;

namespace ChatGpt.Tests.FineTuning;

[Collection(MemoryMeasurementCollection.Name)]
public class TrainingDataValidatorMemoryTests
{
    [Fact]
    public async Task Validate_16MegabyteFile_HoldsWellUnderItsSizeWhileReading()
    {
        // Live memory is measured halfway through the file, after a full collection: what the validator holds then
        // (buffer, a batch of examples, the token-count cache, four bytes per example for the median) must be a small
        // fraction of the file. A validator that buffered the file, or kept every example, would hold more than half of it.
        const int Lines = 100_000;
        var line = Encoding.UTF8.GetBytes(TrainingDataValidatorTests.GoodLine + "\n");
        await TrainingDataValidator.ValidateAsync(new TrainingDataValidatorTests.RepeatingStream(line, 1000)); // warm-up (tokenizer load)
        var baseline = LiveBytes();
        long atMiddle = 0;

        var report = await TrainingDataValidator.ValidateAsync(new TrainingDataValidatorTests.RepeatingStream(line, Lines, () => atMiddle = LiveBytes()));

        var fileSize = (long)line.Length * Lines;
        Assert.Equal(Lines, report.ExampleCount);
        Assert.True(report.IsValid);
        Assert.True(atMiddle - baseline < 4 * 1024 * 1024, $"{atMiddle - baseline:N0} bytes held halfway through a {fileSize:N0}-byte file");
    }

    private static long LiveBytes()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        return GC.GetTotalMemory(forceFullCollection: true);
    }
}
