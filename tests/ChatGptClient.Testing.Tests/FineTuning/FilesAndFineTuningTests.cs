using System.Net;
using System.Text;
using System.Text.Json;
using ChatGpt.Chat;
using ChatGpt.Files;
using ChatGpt.FineTuning;
using ChatGpt.FineTuning.TrainingData;
using ChatGpt.Http.Uploads;
using ChatGpt.Testing.Tests.Infrastructure;
using ChatGpt.Tests.TestSupport;
using Microsoft.Extensions.Options;

namespace ChatGpt.Testing.Tests.FineTuning;

/// <summary>The files, uploads and fine-tuning clients driven against the emulator, both hostings: every request's
/// wire form checked against the spec, every emulator answer against the spec's schemas.</summary>
public sealed class FilesAndFineTuningTests
{
    private const string Example = """{"messages":[{"role":"system","content":"You are Acme's support agent."},{"role":"user","content":"Where is my parcel?"},{"role":"assistant","content":"It ships tomorrow."}]}""";

    [Theory]
    [InlineData(EmulatorHosting.InMemory)]
    [InlineData(EmulatorHosting.Kestrel)]
    public async Task Files_UploadListRetrieveDownloadDelete_AsTheApi(EmulatorHosting hosting)
    {
        await using var host = await HostedEmulator.StartAsync(hosting);
        var files = Files(host);
        var uploaded = new List<ChatGptFile>();
        for (var i = 0; i < 3; i++)
        {
            using var data = new MemoryStream(Encoding.UTF8.GetBytes($"batch line {i}\n"));
            uploaded.Add(await files.UploadFileAsync(UploadSource.FromStream(data, $"batch{i}.jsonl"), FilePurpose.Batch, new FileUploadOptions { ExpiresAfter = new FileExpiration(TimeSpan.FromDays(1)) }));
        }

        using (var training = Training(10))
        {
            uploaded.Add(await files.UploadFileAsync(UploadSource.FromStream(training, "train.jsonl"), FilePurpose.FineTune));
        }

        Assert.All(uploaded, f => Assert.StartsWith("file-", f.Id));
        Assert.Equal(13, uploaded[0].Bytes);
        Assert.Equal(uploaded[0].CreatedAt.AddDays(1), uploaded[0].ExpiresAt);

        var newestFirst = await ToListAsync(files.ListFilesAsync(new FileListOptions { PageSize = 2 }));
        var batchOldestFirst = await ToListAsync(files.ListFilesAsync(new FileListOptions { Purpose = FilePurpose.Batch, NewestFirst = false }));
        Assert.Equal(uploaded.Select(f => f.Id).Reverse(), newestFirst.Select(f => f.Id));
        Assert.Equal(uploaded.Take(3).Select(f => f.Id), batchOldestFirst.Select(f => f.Id));
        var pages = host.Emulator.Requests.Where(r => r.Method == "GET" && r.Path == "/v1/files").ToList();
        Assert.Equal(["?limit=2", $"?limit=2&after={uploaded[2].Id}", "?purpose=batch&order=asc"], pages.Select(p => p.Query));

        Assert.Equal("batch1.jsonl", (await files.GetFileAsync(uploaded[1].Id)).Filename);
        await using (var content = await files.DownloadFileAsync(uploaded[1].Id))
        {
            Assert.Equal("batch line 1\n", await new StreamReader(content).ReadToEndAsync());
        }

        Assert.True((await files.DeleteFileAsync(uploaded[1].Id)).Deleted);
        var gone = await Assert.ThrowsAsync<ChatGptException>(() => files.GetFileAsync(uploaded[1].Id));
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);

        AssertRequestsMatchSpec(host.Emulator);
    }

    [Theory]
    [InlineData(EmulatorHosting.InMemory)]
    [InlineData(EmulatorHosting.Kestrel)]
    public async Task Upload_OverTheSingleRequestLimit_GoesThroughTheUploadsApiInOrderedParts(EmulatorHosting hosting)
    {
        await using var host = await HostedEmulator.StartAsync(hosting);
        var files = Files(host);
        files.SingleRequestLimitOverride = 1000;
        files.PartSizeOverride = 300;
        var path = Path.GetTempFileName();
        try
        {
            var bytes = Enumerable.Range(0, 2500).Select(i => (byte)(i * 7)).ToArray();
            await File.WriteAllBytesAsync(path, bytes);
            var reports = new List<UploadProgress>();

            var file = await files.UploadFileAsync(UploadSource.FromFile(path), FilePurpose.Assistants, new FileUploadOptions { Progress = new SyncProgress(reports.Add) });

            Assert.Equal(2500, file.Bytes);
            Assert.Equal(new UploadProgress(2500, 2500), reports.MaxBy(r => r.BytesSent));
            await using var content = await files.DownloadFileAsync(file.Id);
            using var copy = new MemoryStream();
            await content.CopyToAsync(copy);
            Assert.Equal(bytes, copy.ToArray());
            var requests = host.Emulator.Requests;
            Assert.Equal(9, requests.Count(r => r.Path.EndsWith("/parts", StringComparison.Ordinal)));
            var complete = requests.Single(r => r.Path.EndsWith("/complete", StringComparison.Ordinal));
            Assert.Equal(9, complete.Body!["part_ids"]!.AsArray().Count);
            var create = requests.Single(r => r.Path == "/v1/uploads");
            Assert.Equal(2500, (long)create.Body!["bytes"]!);
            Assert.Equal("assistants", (string)create.Body!["purpose"]!);
            AssertRequestsMatchSpec(host.Emulator);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task Upload_PartFails_CancelsTheUploadAndThrowsTheApiError()
    {
        await using var host = await HostedEmulator.StartAsync(EmulatorHosting.InMemory);
        host.Emulator.When(r => r.Path.EndsWith("/parts", StringComparison.Ordinal), EmulatorResponse.Error(HttpStatusCode.BadRequest, "Part rejected.", code: "bad_part"));
        var files = Files(host);
        files.SingleRequestLimitOverride = 10;
        files.PartSizeOverride = 10;
        using var data = new MemoryStream(new byte[25]);

        var error = await Assert.ThrowsAsync<ChatGptException>(() => files.UploadFileAsync(UploadSource.FromStream(data, "x.bin"), FilePurpose.Assistants));

        Assert.Equal("bad_part", error.ErrorCode);
        Assert.Contains(host.Emulator.Requests, r => r.Method == "POST" && r.Path.EndsWith("/cancel", StringComparison.Ordinal));
        Assert.DoesNotContain(host.Emulator.Requests, r => r.Path.EndsWith("/complete", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Upload_ApiErrors_AreTheApisShapes()
    {
        await using var host = await HostedEmulator.StartAsync(EmulatorHosting.InMemory);
        host.Emulator.MaxFileBytes = 10;
        var files = Files(host);

        var purpose = await Assert.ThrowsAsync<ChatGptException>(() => files.UploadFileAsync(UploadSource.FromStream(new MemoryStream([1]), "a.bin"), new FilePurpose("training")));
        var tooLarge = await Assert.ThrowsAsync<ChatGptException>(() => files.UploadFileAsync(UploadSource.FromStream(new MemoryStream(new byte[11]), "a.bin"), FilePurpose.Batch));
        host.Emulator.MaxFileBytes = 1 << 20;
        var notJsonl = await Assert.ThrowsAsync<ChatGptException>(() => files.UploadFileAsync(UploadSource.FromStream(Training(10), "train.txt"), FilePurpose.FineTune));

        Assert.Equal(("purpose", HttpStatusCode.BadRequest), (purpose.Param, purpose.StatusCode));
        Assert.Contains("'training' is not one of", purpose.Message);
        Assert.Equal("file_too_large", tooLarge.ErrorCode);
        Assert.Equal("invalid_file_format", notJsonl.ErrorCode);
    }

    [Theory]
    [InlineData(EmulatorHosting.InMemory)]
    [InlineData(EmulatorHosting.Kestrel)]
    public async Task Job_FromUploadToChat_ReportsEachEventOnceAndServesTheModel(EmulatorHosting hosting)
    {
        var clock = new SteppingClock();
        await using var host = await HostedEmulator.StartAsync(hosting, new ChatGptEmulator(clock) { RejectUnknownModels = true });
        host.Emulator.Models.Add("gpt-4o-mini-2024-07-18");
        var (files, fineTuning) = (Files(host), FineTuning(host, clock));
        var file = await files.UploadFileAsync(UploadSource.FromStream(Training(12), "train.jsonl"), FilePurpose.FineTune);
        var job = await fineTuning.CreateJobAsync(new FineTuningJobRequest
        {
            Model = "gpt-4o-mini-2024-07-18",
            TrainingFile = file.Id,
            Suffix = "support",
            Seed = 7,
            Metadata = new Dictionary<string, string> { ["team"] = "care" },
            Method = FineTuningMethod.CreateSupervised(new SupervisedHyperparameters { NEpochs = 3, LearningRateMultiplier = FineTuningParameter.Auto }),
        });
        Assert.Equal(FineTuningJobStatus.ValidatingFiles, job.Status);
        var events = new List<FineTuningJobEvent>();

        var done = await clock.RunAsync(fineTuning.WaitForCompletionAsync(job.Id, new SyncProgress<FineTuningJobEvent>(events.Add)));

        Assert.Equal(FineTuningJobStatus.Succeeded, done.Status);
        Assert.StartsWith("ft:gpt-4o-mini-2024-07-18:org-emulator:support:", done.FineTunedModel);
        Assert.Equal(events.Count, events.Select(e => e.Id).Distinct().Count());
        var messages = events.Select(e => e.Message).ToList();
        Assert.Equal($"Created fine-tuning job: {job.Id}", messages[0]);
        Assert.Equal("The job has successfully completed", messages[^1]);
        Assert.Equal(Enumerable.Range(1, 10).Select(i => $"Step {i}/10"), events.Where(e => e.Type == "metrics").Select(e => e.Message![..e.Message!.IndexOf(':')]));
        Assert.Equal(10, events.Single(e => e.Message!.StartsWith("Step 10/", StringComparison.Ordinal)).Data!.Value.GetProperty("step").GetInt32());
        Assert.Equal(2, (await ToListAsync(fineTuning.ListCheckpointsAsync(job.Id))).Count);
        Assert.Equal("care", done.Metadata!["team"]);

        var chat = new ChatGptClient(host.Client, Microsoft.Extensions.Options.Options.Create(new ChatGptOptions { ApiKey = "sk-emulator", BaseAddress = host.Client.BaseAddress! }));
        var answer = await chat.CreateChatCompletionAsync(new ChatCompletionRequest { Model = done.FineTunedModel, Messages = [ChatMessage.User("Hello")] });
        Assert.Equal(done.FineTunedModel, answer.Model);
        Assert.Equal(done.FineTunedModel, (await fineTuning.GetModelAsync(done.FineTunedModel!)).Id);
        Assert.Contains(done.FineTunedModel, (await chat.ListModelsAsync()).Select(m => m.Id));
        Assert.Single(await ToListAsync(fineTuning.ListJobsAsync(new FineTuningJobListOptions { Metadata = new Dictionary<string, string> { ["team"] = "care" } })));

        Assert.True((await fineTuning.DeleteModelAsync(done.FineTunedModel!)).Deleted);
        Assert.Equal(HttpStatusCode.NotFound, (await Assert.ThrowsAsync<ChatGptException>(() => fineTuning.GetModelAsync(done.FineTunedModel!))).StatusCode);
        AssertRequestsMatchSpec(host.Emulator);
    }

    [Fact]
    public async Task Job_BadTrainingFile_FailsWithTheApisErrorAsATypedException()
    {
        var clock = new SteppingClock();
        await using var host = await HostedEmulator.StartAsync(EmulatorHosting.InMemory, new ChatGptEmulator(clock));
        var (files, fineTuning) = (Files(host), FineTuning(host, clock));
        var lines = Enumerable.Repeat(Example, 10).ToList();
        lines[2] = """{"messages":[{"role":"user","content":"No answer here"}]}""";
        var file = await files.UploadFileAsync(
            UploadSource.FromStream(new MemoryStream(Encoding.UTF8.GetBytes(string.Join('\n', lines))), "bad.jsonl"), FilePurpose.FineTune, new FileUploadOptions { TrainingDataValidation = null });
        var job = await fineTuning.CreateJobAsync(new FineTuningJobRequest { Model = "gpt-4o-mini", TrainingFile = file.Id });

        var failed = await Assert.ThrowsAsync<FineTuningJobFailedException>(() => clock.RunAsync(fineTuning.WaitForCompletionAsync(job.Id)));

        Assert.Equal("invalid_training_file", failed.Error!.Code);
        Assert.Equal("training_file", failed.Error.Param);
        Assert.Contains("Line 3", failed.Error.Message);
        Assert.Equal(FineTuningJobStatus.Failed, failed.Job.Status);
        Assert.Contains(job.Id, failed.Message);
    }

    [Fact]
    public async Task Wait_NothingHappens_BacksOffExactlyUpToTheMaximumThenSeesTheCancel()
    {
        var clock = new SteppingClock();
        await using var host = await HostedEmulator.StartAsync(EmulatorHosting.InMemory, new ChatGptEmulator(clock));
        var (files, fineTuning) = (Files(host), FineTuning(host, clock));
        var file = await files.UploadFileAsync(UploadSource.FromStream(Training(10), "train.jsonl"), FilePurpose.FineTune);
        var job = await fineTuning.CreateJobAsync(new FineTuningJobRequest { Model = "gpt-4o-mini", TrainingFile = file.Id });
        clock.Advance(TimeSpan.FromSeconds(1)); // validated and queued (0.4 s each), running
        Assert.Equal(FineTuningJobStatus.Running, (await fineTuning.GetJobAsync(job.Id)).Status);
        Assert.Equal(FineTuningJobStatus.Paused, (await fineTuning.PauseJobAsync(job.Id)).Status);

        var wait = fineTuning.WaitForCompletionAsync(job.Id);
        var done = await clock.RunAsync(wait, beforeMove: poll =>
        {
            if (poll == 7)
            {
                fineTuning.CancelJobAsync(job.Id).GetAwaiter().GetResult();
            }
        });

        Assert.Equal(FineTuningJobStatus.Cancelled, done.Status);
        Assert.Equal([1, 2, 4, 8, 16, 30, 30, 30], clock.Waits.Select(w => w.TotalSeconds));
        await Assert.ThrowsAsync<ChatGptException>(() => fineTuning.ResumeJobAsync(job.Id));
    }

    [Fact]
    public async Task Job_PausedThenResumed_SucceedsAfterThePause()
    {
        var clock = new SteppingClock();
        await using var host = await HostedEmulator.StartAsync(EmulatorHosting.InMemory, new ChatGptEmulator(clock));
        var (files, fineTuning) = (Files(host), FineTuning(host, clock));
        var file = await files.UploadFileAsync(UploadSource.FromStream(Training(10), "train.jsonl"), FilePurpose.FineTune);
        var job = await fineTuning.CreateJobAsync(new FineTuningJobRequest { Model = "gpt-4o-mini", TrainingFile = file.Id });
        clock.Advance(TimeSpan.FromSeconds(1));
        await fineTuning.PauseJobAsync(job.Id);
        clock.Advance(TimeSpan.FromHours(1));
        Assert.Equal(FineTuningJobStatus.Paused, (await fineTuning.GetJobAsync(job.Id)).Status);

        Assert.Equal(FineTuningJobStatus.Running, (await fineTuning.ResumeJobAsync(job.Id)).Status);
        clock.Advance(TimeSpan.FromSeconds(2));
        var done = await fineTuning.GetJobAsync(job.Id);

        Assert.Equal(FineTuningJobStatus.Succeeded, done.Status);
        var messages = (await ToListAsync(fineTuning.ListEventsAsync(job.Id, pageSize: 5))).Select(e => e.Message).ToList();
        Assert.Contains("Fine-tuning job paused", messages);
        Assert.Contains("Fine-tuning job resumed", messages);
        // 2.8 s of work (0.4 validating, 0.4 queued, 10 steps of 0.2) plus the hour paused; timestamps are whole seconds.
        Assert.Equal(done.CreatedAt.AddHours(1).AddSeconds(2), done.FinishedAt);
    }

    [Theory]
    [InlineData(EmulatorHosting.InMemory)]
    [InlineData(EmulatorHosting.Kestrel)]
    public async Task EmulatorAnswers_MatchTheSpecSchemas(EmulatorHosting hosting)
    {
        var clock = new SteppingClock();
        await using var host = await HostedEmulator.StartAsync(hosting, new ChatGptEmulator(clock));
        var files = Files(host);
        var file = await files.UploadFileAsync(UploadSource.FromStream(Training(10), "train.jsonl"), FilePurpose.FineTune);
        var job = await FineTuning(host, clock).CreateJobAsync(new FineTuningJobRequest { Model = "gpt-4o-mini", TrainingFile = file.Id });
        clock.Advance(TimeSpan.FromSeconds(10));
        var model = (await FineTuning(host, clock).GetJobAsync(job.Id)).FineTunedModel!;

        await AssertSchemaAsync(host, HttpMethod.Get, "files", "ListFilesResponse");
        await AssertSchemaAsync(host, HttpMethod.Get, $"files/{file.Id}", "OpenAIFile");
        await AssertSchemaAsync(host, HttpMethod.Get, "fine_tuning/jobs", "ListPaginatedFineTuningJobsResponse");
        await AssertSchemaAsync(host, HttpMethod.Get, $"fine_tuning/jobs/{job.Id}", "FineTuningJob");
        await AssertSchemaAsync(host, HttpMethod.Get, $"fine_tuning/jobs/{job.Id}/events", "ListFineTuningJobEventsResponse");
        await AssertSchemaAsync(host, HttpMethod.Get, $"fine_tuning/jobs/{job.Id}/checkpoints", "ListFineTuningJobCheckpointsResponse");
        await AssertSchemaAsync(host, HttpMethod.Get, $"models/{model}", "Model");
        await AssertSchemaAsync(host, HttpMethod.Delete, $"models/{model}", "DeleteModelResponse");
        await AssertSchemaAsync(host, HttpMethod.Delete, $"files/{file.Id}", "DeleteFileResponse");
        await AssertSchemaAsync(host, HttpMethod.Post, "uploads", "Upload", """{"filename":"a.jsonl","purpose":"fine-tune","bytes":3,"mime_type":"text/jsonl"}""");
        await AssertSchemaAsync(host, HttpMethod.Get, "files/file-missing", "ErrorResponse", status: HttpStatusCode.NotFound);
    }

    private static async Task AssertSchemaAsync(HostedEmulator host, HttpMethod method, string path, string schema, string? json = null, HttpStatusCode status = HttpStatusCode.OK)
    {
        using var request = new HttpRequestMessage(method, path) { Content = json is null ? null : new StringContent(json, Encoding.UTF8, "application/json") };
        using var response = await host.Client.SendAsync(request);
        Assert.Equal(status, response.StatusCode);
        SpecSchemas.AssertValid(schema, await response.Content.ReadAsStringAsync());
    }

    /// <summary>Every recorded request is an operation of the spec with its query parameters, and its JSON body validates.</summary>
    private static void AssertRequestsMatchSpec(ChatGptEmulator emulator)
    {
        foreach (var request in emulator.Requests)
        {
            if (request.Path.StartsWith("/v1/chat/", StringComparison.Ordinal))
            {
                continue;
            }

            var operation = FilesSpec.AssertOperation(request.Method, request.Path + request.Query);
            var contentType = request.Headers.TryGetValue("Content-Type", out var type) ? type : null;
            if (contentType?.StartsWith("application/json", StringComparison.Ordinal) == true)
            {
                SpecSchemas.AssertValid(FilesSpec.RequestSchema(operation, "application/json"), request.BodyText);
            }
            else if (contentType?.StartsWith("multipart/form-data; boundary=", StringComparison.Ordinal) == true)
            {
                Assert.True(operation.GetProperty("requestBody").GetProperty("content").TryGetProperty("multipart/form-data", out _), $"{request} is multipart but the spec says otherwise.");
            }
        }
    }

    private static ChatGptFilesClient Files(HostedEmulator host) => new(host.Client, Options(host));

    private static ChatGptFineTuningClient FineTuning(HostedEmulator host, TimeProvider clock) => new(host.Client, Options(host), clock, null, null);

    private static IOptions<ChatGptOptions> Options(HostedEmulator host) =>
        Microsoft.Extensions.Options.Options.Create(new ChatGptOptions { ApiKey = "sk-emulator", BaseAddress = host.Client.BaseAddress! });

    private static MemoryStream Training(int examples) => new(Encoding.UTF8.GetBytes(string.Join('\n', Enumerable.Repeat(Example, examples)) + "\n"));

    private static async Task<List<T>> ToListAsync<T>(IAsyncEnumerable<T> items)
    {
        var list = new List<T>();
        await foreach (var item in items)
        {
            list.Add(item);
        }

        return list;
    }

    private sealed class SyncProgress<T>(Action<T> report) : IProgress<T>
    {
        public void Report(T value) => report(value);
    }

    private sealed class SyncProgress(Action<UploadProgress> report) : IProgress<UploadProgress>
    {
        public void Report(UploadProgress value) => report(value);
    }
}
