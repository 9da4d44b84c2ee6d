using System.Net;
using System.Text;
using ChatGpt.Http.Uploads;
using ChatGpt.Http.Uploads.Internal;
using ChatGpt.Resilience.Internal;

namespace ChatGpt.Tests.Http.Uploads;

public class UploadContentTests
{
    [Fact]
    public async Task Create_FieldsAndFile_FramesEachPartWithLengthAndDisposition()
    {
        using var stream = new MemoryStream("{\"a\":1}\n"u8.ToArray());
        var source = UploadSource.FromStream(stream, "train.jsonl", "application/jsonl");
        using var form = MultipartUpload.Create([new("purpose", "fine-tune")], "file", source, 0, source.Length, progress: null);

        var bytes = await form.ReadAsByteArrayAsync();
        var text = Encoding.UTF8.GetString(bytes);
        var boundary = form.Headers.ContentType!.Parameters.Single(p => p.Name == "boundary").Value!.Trim('"');

        Assert.Equal("multipart/form-data", form.Headers.ContentType.MediaType);
        Assert.Equal(bytes.Length, form.Headers.ContentLength);
        Assert.Equal(
            $"--{boundary}\r\nContent-Disposition: form-data; name=\"purpose\"\r\n\r\nfine-tune\r\n" +
            $"--{boundary}\r\nContent-Type: application/jsonl\r\nContent-Disposition: form-data; name=\"file\"; filename=\"train.jsonl\"\r\n\r\n{{\"a\":1}}\n\r\n" +
            $"--{boundary}--\r\n",
            text);
    }

    [Fact]
    public async Task Create_QuoteAndNewLineInFileName_ArePercentEncoded()
    {
        using var stream = new MemoryStream([1]);
        using var form = MultipartUpload.Create([], "file", UploadSource.FromStream(stream, "a\"b\r\nc.bin"), 0, 1, progress: null);

        Assert.Contains("filename=\"a%22b%0D%0Ac.bin\"", Encoding.UTF8.GetString(await form.ReadAsByteArrayAsync()));
    }

    [Fact]
    public async Task Serialize_Progress_ReportsEveryByteOfTheTotal()
    {
        var reports = new List<UploadProgress>();
        var source = UploadSource.FromStream(new PatternStream(200_000), "x.bin");
        var tracker = new UploadProgressTracker(new SyncProgress(reports.Add), source.Length);
        using var content = new UploadContent(source, 0, source.Length, tracker, "application/octet-stream");

        await content.CopyToAsync(Stream.Null);

        Assert.Equal(new UploadProgress(200_000, 200_000), reports[^1]);
        Assert.Equal(1.0, reports[^1].Fraction);
        Assert.True(reports.Count >= 3, "progress is reported per buffer, not once at the end");
    }

    [Fact]
    public async Task Serialize_SeekableStreamTwice_SendsTheSameBytesAndProgressRestarts()
    {
        var reports = new List<UploadProgress>();
        using var stream = new MemoryStream(Enumerable.Range(0, 100_000).Select(i => (byte)i).ToArray());
        stream.Position = 10;
        var source = UploadSource.FromStream(stream, "x.bin");
        var tracker = new UploadProgressTracker(new SyncProgress(reports.Add), source.Length);
        using var content = new UploadContent(source, 0, source.Length, tracker, "application/octet-stream");

        using var first = new MemoryStream();
        await content.CopyToAsync(first);
        using var second = new MemoryStream();
        await content.CopyToAsync(second);

        Assert.Equal(99_990, source.Length);
        Assert.Equal(first.ToArray(), second.ToArray());
        Assert.Equal(10, first.ToArray()[0]);
        Assert.Equal(99_990, tracker.BytesSent);
        Assert.True(source.CanReplay);
    }

    [Fact]
    public async Task Serialize_FilePath_RangeReadsOnlyThatRange()
    {
        var path = Path.GetTempFileName();
        try
        {
            await File.WriteAllBytesAsync(path, Enumerable.Range(0, 1000).Select(i => (byte)i).ToArray());
            var source = UploadSource.FromFile(path);
            using var content = new UploadContent(source, 100, 50, null, "application/octet-stream");

            var bytes = await content.ReadAsByteArrayAsync();

            Assert.Equal(Enumerable.Range(100, 50).Select(i => (byte)i).ToArray(), bytes);
            Assert.Equal(50, content.Headers.ContentLength);
            Assert.Equal(Path.GetFileName(path), source.FileName);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task Serialize_NonSeekableStreamTwice_SecondAttemptFailsSayingWhy()
    {
        var source = UploadSource.FromStream(new PatternStream(10, canSeek: false), "x.bin", length: 10);
        using var content = new UploadContent(source, 0, source.Length, null, "application/octet-stream");
        await content.CopyToAsync(Stream.Null);

        using var again = new UploadContent(source, 0, source.Length, null, "application/octet-stream");
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => again.CopyToAsync(Stream.Null));

        Assert.Contains("cannot seek", error.Message);
        Assert.False(source.CanReplay);
    }

    [Fact]
    public void FromStream_NonSeekableWithoutLength_HasNoContentLength()
    {
        var source = UploadSource.FromStream(new PatternStream(10, canSeek: false), "x.bin");
        using var content = new UploadContent(source, 0, source.Length, null, "application/octet-stream");

        Assert.Null(source.Length);
        Assert.Null(content.Headers.ContentLength);
    }

    [Fact]
    public void FromFile_Missing_ThrowsFileNotFound() =>
        Assert.Throws<FileNotFoundException>(() => UploadSource.FromFile("/nonexistent/file.jsonl"));

    [Fact]
    public void IsReplayable_UploadForms_FollowTheirSource()
    {
        using var seekable = new MultipartFormDataContent { { new StringContent("x"), "purpose" }, { new UploadContent(UploadSource.FromStream(new PatternStream(5), "a"), 0, 5, null, "t"), "file", "a" } };
        using var forwardOnly = new MultipartFormDataContent { { new StringContent("x"), "purpose" }, { new UploadContent(UploadSource.FromStream(new PatternStream(5, canSeek: false), "a"), 0, 5, null, "t"), "file", "a" } };

        Assert.True(ServerGuidedRetry.IsReplayable(new HttpRequestMessage { Content = seekable }));
        Assert.False(ServerGuidedRetry.IsReplayable(new HttpRequestMessage { Content = forwardOnly }));
        Assert.False(ServerGuidedRetry.IsReplayable(new HttpRequestMessage { Content = new StreamContent(Stream.Null) }));
    }

    [Fact]
    public void ExplainNotRetried_RetryableFailureOfNonSeekableSource_SaysItWasNotRetriedAndKeepsTheFacts()
    {
        var source = UploadSource.FromStream(new PatternStream(5, canSeek: false), "a.jsonl");
        var error = new ChatGptException("Server busy.", HttpStatusCode.ServiceUnavailable, requestId: "req_1");

        var explained = UploadFailure.ExplainNotRetried(error, source);

        Assert.Contains("was not retried", explained.Message);
        Assert.Contains("cannot seek", explained.Message);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, explained.StatusCode);
        Assert.Equal("req_1", explained.RequestId);
        Assert.Same(error, explained.InnerException);
    }

    [Fact]
    public void ExplainNotRetried_NotRetryableOrReplayable_ReturnsTheErrorAsIs()
    {
        var forwardOnly = UploadSource.FromStream(new PatternStream(5, canSeek: false), "a.jsonl");
        var badRequest = new ChatGptException("Bad.", HttpStatusCode.BadRequest);
        var busy = new ChatGptException("Busy.", HttpStatusCode.ServiceUnavailable);

        Assert.Same(badRequest, UploadFailure.ExplainNotRetried(badRequest, forwardOnly));
        Assert.Same(busy, UploadFailure.ExplainNotRetried(busy, UploadSource.FromStream(new PatternStream(5), "a")));
    }

    /// <summary>Reports on the calling thread (Progress&lt;T&gt; posts to the thread pool, which would race the asserts).</summary>
    internal sealed class SyncProgress(Action<UploadProgress> report) : IProgress<UploadProgress>
    {
        public void Report(UploadProgress value) => report(value);
    }
}
