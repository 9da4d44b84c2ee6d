using ChatGpt.Http.Uploads;
using ChatGpt.Http.Uploads.Internal;
using ChatGpt.Tests.TestSupport;

namespace ChatGpt.Tests.Http.Uploads;

[Collection(MemoryMeasurementCollection.Name)]
public class UploadMemoryTests
{
    [Fact]
    public async Task Serialize_200MegabyteUpload_AllocatesUnder1Megabyte()
    {
        // The bound is 32 MB of peak memory for a 200 MB upload; what the copy allocates is an upper bound of what
        // it can add to the peak. Warm up first so one-time JIT and pool allocations are not counted.
        const long size = 200L * 1024 * 1024;
        await SendAsync(UploadSource.FromStream(new PatternStream(1024 * 1024), "warm.bin"));

        var allocated = await ProcessAllocations.LeastOfAsync(() => SendAsync(UploadSource.FromStream(new PatternStream(size), "big.bin")), runs: 2);

        Assert.True(allocated < 1024 * 1024, $"A 200 MB upload allocated {allocated:N0} bytes.");

        static async Task SendAsync(UploadSource source)
        {
            var tracker = new UploadProgressTracker(null, source.Length);
            using var form = MultipartUpload.Create([new("purpose", "batch")], "file", source, 0, source.Length, tracker);
            await form.CopyToAsync(Stream.Null);
            Assert.Equal(source.Length, tracker.BytesSent);
        }
    }
}
