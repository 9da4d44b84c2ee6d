using System.Net;
using System.Text;
using ChatGpt.Files;
using ChatGpt.FineTuning;
using ChatGpt.FineTuning.TrainingData;
using ChatGpt.Http.Uploads;
using ChatGpt.Tests.Http.Uploads;
using ChatGpt.Tests.Resilience;
using Microsoft.Extensions.DependencyInjection;

namespace ChatGpt.Tests.Files;

public class ChatGptFilesClientTests
{
    private const string FileJson = """{"id":"file-abc","object":"file","bytes":5,"created_at":1700000000,"filename":"data.bin","purpose":"batch","status":"processed"}""";

    [Fact]
    public void AddChatGpt_RegistersEachEndpointClientOnItsOwn()
    {
        using var host = new ResilienceTestHost((_, _) => ResilienceTestHost.Success());

        Assert.IsType<ChatGptFilesClient>(host.Services.GetRequiredService<IChatGptFilesClient>());
        Assert.IsType<ChatGptFineTuningClient>(host.Services.GetRequiredService<IChatGptFineTuningClient>());
    }

    [Fact]
    public async Task Upload_SeekableStreamAnswered503_IsRetriedWithTheSameBytes()
    {
        var bodies = new List<byte[]>();
        using var host = new ResilienceTestHost((attempt, request) =>
        {
            bodies.Add(request.Content!.ReadAsByteArrayAsync().GetAwaiter().GetResult());
            return attempt == 0 ? ResilienceTestHost.Error(503) : ResilienceTestHost.Json(HttpStatusCode.OK, FileJson);
        });
        var files = host.Services.GetRequiredService<IChatGptFilesClient>();
        using var data = new MemoryStream(Encoding.UTF8.GetBytes("hello"));

        var file = await host.RunAsync(() => files.UploadFileAsync(UploadSource.FromStream(data, "data.bin"), FilePurpose.Batch));

        Assert.Equal("file-abc", file.Id);
        Assert.Equal(2, bodies.Count);
        Assert.Equal(Encoding.UTF8.GetString(bodies[0]).Split("--")[2], Encoding.UTF8.GetString(bodies[1]).Split("--")[2]);
        Assert.Contains("hello", Encoding.UTF8.GetString(bodies[1]));
    }

    [Fact]
    public async Task Upload_NonSeekableStreamAnswered503_IsNotRetriedAndSaysWhy()
    {
        using var host = new ResilienceTestHost((attempt, request) =>
        {
            _ = request.Content!.ReadAsByteArrayAsync().GetAwaiter().GetResult();
            return ResilienceTestHost.Error(503);
        });
        var files = host.Services.GetRequiredService<IChatGptFilesClient>();

        var error = await Assert.ThrowsAsync<ChatGptException>(() => host.RunAsync(() =>
            files.UploadFileAsync(UploadSource.FromStream(new PatternStream(5, canSeek: false), "data.bin", length: 5), FilePurpose.Batch)));

        Assert.Single(host.Attempts);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, error.StatusCode);
        Assert.Contains("was not retried", error.Message);
        Assert.Contains("cannot seek", error.Message);
    }

    [Fact]
    public async Task Upload_InvalidFineTuneFile_FailsWithLineNumbersBeforeAByteIsSent()
    {
        using var host = new ResilienceTestHost((_, _) => ResilienceTestHost.Json(HttpStatusCode.OK, FileJson));
        var files = host.Services.GetRequiredService<IChatGptFilesClient>();
        var lines = Enumerable.Repeat("""{"messages":[{"role":"user","content":"x"},{"role":"assistant","content":"y"}]}""", 10).ToList();
        lines[6] = """{"messages":[{"role":"user","content":"x"}]}""";
        using var data = new MemoryStream(Encoding.UTF8.GetBytes(string.Join('\n', lines)));

        var error = await Assert.ThrowsAsync<TrainingDataValidationException>(() => files.UploadFileAsync(UploadSource.FromStream(data, "train.jsonl"), FilePurpose.FineTune));

        Assert.Empty(host.Attempts);
        Assert.Contains("line 7: The example has no assistant message", error.Message);
        Assert.Equal(TrainingDataIssueKind.NoAssistantMessage, Assert.Single(error.Report.Issues).Kind);
    }

    [Fact]
    public async Task Upload_Progress_ReportsStartAndEveryByte()
    {
        using var host = new ResilienceTestHost((attempt, request) =>
        {
            _ = request.Content!.ReadAsByteArrayAsync().GetAwaiter().GetResult();
            return ResilienceTestHost.Json(HttpStatusCode.OK, FileJson);
        });
        var files = host.Services.GetRequiredService<IChatGptFilesClient>();
        var reports = new List<UploadProgress>();

        await files.UploadFileAsync(UploadSource.FromStream(new PatternStream(300_000), "x.bin"), FilePurpose.UserData, new FileUploadOptions { Progress = new UploadContentTests.SyncProgress(reports.Add) });

        Assert.Equal(new UploadProgress(0, 300_000), reports[0]);
        Assert.Equal(new UploadProgress(300_000, 300_000), reports[^1]);
    }
}
