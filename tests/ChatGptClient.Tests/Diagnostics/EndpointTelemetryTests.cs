using System.Diagnostics;
using System.Net;
using System.Text;
using ChatGpt.Diagnostics;
using ChatGpt.Files;
using ChatGpt.FineTuning;
using ChatGpt.Http.Uploads;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;

namespace ChatGpt.Tests.Diagnostics;

/// <summary>
/// Every call of the files, uploads, fine-tuning and models endpoints is one client span and one
/// <c>chatgpt.client.operation.duration</c> measurement, tagged like an HTTP client call, never with the key.
/// </summary>
public sealed class EndpointTelemetryTests
{
    private const string Base = "https://api.example.test/v1/";
    private const string FileJson = """{"id":"file-abc","object":"file","bytes":6,"created_at":1700000000,"filename":"data.bin","purpose":"batch","status":"processed"}""";
    private const string JobJson = """{"id":"ftjob-1","object":"fine_tuning.job","created_at":1700000000,"model":"gpt-4o-mini-2024-07-18","status":"queued","training_file":"file-abc"}""";
    private const string EventJson = """{"id":"ftevent-1","object":"fine_tuning.job.event","created_at":1700000000,"level":"info","message":"Job queued"}""";
    private const string CheckpointJson = """{"id":"ftckpt-1","object":"fine_tuning.job.checkpoint","created_at":1700000000,"fine_tuned_model_checkpoint":"ft:gpt-4o-mini-2024-07-18:org::ckpt","step_number":1,"metrics":{},"fine_tuning_job_id":"ftjob-1"}""";
    private const string ModelJson = """{"id":"ft:gpt-4o-mini-2024-07-18:org::abc","object":"model","created":1700000000,"owned_by":"org"}""";
    private const string FineTunedModel = "ft:gpt-4o-mini-2024-07-18:org::abc";

    /// <summary>Each operation: its name, the model in its span name, its method and its URL.</summary>
    public static TheoryData<string, string?, string, string> Operations => new()
    {
        { "files.upload", null, "POST", Base + "files" },
        { "files.list", null, "GET", Base + "files" },
        { "files.retrieve", null, "GET", Base + "files/file-abc" },
        { "files.delete", null, "DELETE", Base + "files/file-abc" },
        { "files.content", null, "GET", Base + "files/file-abc/content" },
        { "fine_tuning.jobs.create", "gpt-4o-mini-2024-07-18", "POST", Base + "fine_tuning/jobs" },
        { "fine_tuning.jobs.list", null, "GET", Base + "fine_tuning/jobs" },
        { "fine_tuning.jobs.retrieve", null, "GET", Base + "fine_tuning/jobs/ftjob-1" },
        { "fine_tuning.jobs.cancel", null, "POST", Base + "fine_tuning/jobs/ftjob-1/cancel" },
        { "fine_tuning.jobs.pause", null, "POST", Base + "fine_tuning/jobs/ftjob-1/pause" },
        { "fine_tuning.jobs.resume", null, "POST", Base + "fine_tuning/jobs/ftjob-1/resume" },
        { "fine_tuning.jobs.events", null, "GET", Base + "fine_tuning/jobs/ftjob-1/events" },
        { "fine_tuning.jobs.checkpoints", null, "GET", Base + "fine_tuning/jobs/ftjob-1/checkpoints" },
        { "models.retrieve", FineTunedModel, "GET", Base + "models/" + Uri.EscapeDataString(FineTunedModel) },
        { "models.delete", FineTunedModel, "DELETE", Base + "models/" + Uri.EscapeDataString(FineTunedModel) },
    };

    [Theory]
    [MemberData(nameof(Operations))]
    public async Task Operation_Success_EmitsOneClientSpanAndOneDurationWithHttpTags(string operation, string? model, string method, string url)
    {
        using var harness = new TelemetryHarness();
        harness.RespondJson(new HttpMethod(method), url, SuccessBody(operation), latency: TimeSpan.FromMilliseconds(250));
        using var duration = new MetricCollector<double>(harness.MeterFactory, ChatGptDiagnostics.MeterName, ChatGptDiagnostics.ClientOperationDurationMetricName);
        using var genAiDuration = new MetricCollector<double>(harness.MeterFactory, ChatGptDiagnostics.MeterName, ChatGptDiagnostics.OperationDurationMetricName);
        using var recorder = new ActivityRecorder();

        await InvokeAsync(harness.Services, operation);

        var span = recorder.Single();
        Assert.Equal(model is null ? operation : $"{operation} {model}", span.DisplayName);
        Assert.Equal(ActivityKind.Client, span.Kind);
        Assert.Equal(ActivityStatusCode.Unset, span.Status);
        Assert.Equal(operation, span.GetTagItem("gen_ai.operation.name"));
        Assert.Equal("openai", span.GetTagItem("gen_ai.provider.name"));
        Assert.Equal(model, span.GetTagItem("gen_ai.request.model"));
        Assert.Equal(TelemetryHarness.Host, span.GetTagItem("server.address"));
        Assert.Equal(443, span.GetTagItem("server.port"));
        Assert.Equal(method, span.GetTagItem("http.request.method"));
        Assert.Equal(200, span.GetTagItem("http.response.status_code"));
        Assert.Equal("req_abc123", span.GetTagItem("openai.response.request_id"));
        Assert.Null(span.GetTagItem("error.type"));

        var measurement = Assert.Single(duration.GetMeasurementSnapshot());
        Assert.Equal(0.25, measurement.Value);
        var expected = new Dictionary<string, object?>
        {
            ["gen_ai.operation.name"] = operation,
            ["gen_ai.provider.name"] = "openai",
            ["server.address"] = TelemetryHarness.Host,
            ["server.port"] = 443,
            ["http.request.method"] = method,
            ["http.response.status_code"] = 200,
        };
        if (model is not null)
        {
            expected["gen_ai.request.model"] = model;
        }

        Assert.Equal(expected.OrderBy(static p => p.Key), measurement.Tags.OrderBy(static p => p.Key));
        Assert.Equal("s", duration.Instrument!.Unit);

        // Managing files and jobs is no inference: the GenAI latency histogram stays clean.
        Assert.Empty(genAiDuration.GetMeasurementSnapshot());
        AssertNoKey(recorder.Stopped);
    }

    [Theory]
    [MemberData(nameof(Operations))]
    public async Task Operation_ServerErrorEchoingTheKey_TagsErrorTypeAndNeverTheKey(string operation, string? model, string method, string url)
    {
        _ = model;
        using var harness = new TelemetryHarness();
        harness.RespondJson(
            new HttpMethod(method),
            url,
            $$$"""{"error":{"message":"Incorrect API key provided: {{{TelemetryHarness.ApiKey}}}.","type":"invalid_request_error","code":"invalid_api_key"}}""",
            status: HttpStatusCode.Unauthorized);
        using var duration = new MetricCollector<double>(harness.MeterFactory, ChatGptDiagnostics.MeterName, ChatGptDiagnostics.ClientOperationDurationMetricName);
        using var recorder = new ActivityRecorder();

        var error = await Assert.ThrowsAsync<ChatGptException>(() => InvokeAsync(harness.Services, operation));

        var span = recorder.Single();
        Assert.Equal(operation, span.GetTagItem("gen_ai.operation.name"));
        Assert.Equal(ActivityStatusCode.Error, span.Status);
        Assert.Equal("401", span.GetTagItem("error.type"));
        Assert.Equal(401, span.GetTagItem("http.response.status_code"));
        Assert.Equal(TelemetryHarness.Host, span.GetTagItem("server.address"));
        Assert.Equal(443, span.GetTagItem("server.port"));
        Assert.Contains(span.Events, static e => e.Name == "exception");

        var measurement = Assert.Single(duration.GetMeasurementSnapshot());
        Assert.Equal("401", measurement.Tags["error.type"]);
        Assert.Equal(401, measurement.Tags["http.response.status_code"]);
        Assert.Equal(operation, measurement.Tags["gen_ai.operation.name"]);

        AssertNoKey(recorder.Stopped);
        Assert.DoesNotContain(TelemetryHarness.ApiKey, error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task UploadInParts_Success_EmitsASpanAndADurationPerUploadsCall()
    {
        using var harness = new TelemetryHarness();
        RespondUploads(harness, partStatus: HttpStatusCode.OK);
        using var duration = new MetricCollector<double>(harness.MeterFactory, ChatGptDiagnostics.MeterName, ChatGptDiagnostics.ClientOperationDurationMetricName);
        using var recorder = new ActivityRecorder();

        var file = await PartedFiles(harness).UploadFileAsync(UploadSource.FromStream(new MemoryStream(Encoding.UTF8.GetBytes("abcdef")), "data.bin"), FilePurpose.Batch);

        Assert.Equal("file-abc", file.Id);
        Assert.Equal(["uploads.create", "uploads.part", "uploads.part", "uploads.complete"], recorder.Stopped.Select(static s => s.DisplayName));
        Assert.All(recorder.Stopped, static s => Assert.Equal("POST", s.GetTagItem("http.request.method")));
        Assert.Equal(["uploads.create", "uploads.part", "uploads.part", "uploads.complete"], duration.GetMeasurementSnapshot().Select(static m => m.Tags["gen_ai.operation.name"]));
        AssertNoKey(recorder.Stopped);
    }

    [Fact]
    public async Task UploadInParts_PartFails_TagsThePartsErrorAndTracesTheCancel()
    {
        using var harness = new TelemetryHarness();
        RespondUploads(harness, partStatus: HttpStatusCode.InternalServerError);
        using var duration = new MetricCollector<double>(harness.MeterFactory, ChatGptDiagnostics.MeterName, ChatGptDiagnostics.ClientOperationDurationMetricName);
        using var recorder = new ActivityRecorder();

        await Assert.ThrowsAsync<ChatGptException>(() => PartedFiles(harness).UploadFileAsync(UploadSource.FromStream(new MemoryStream(Encoding.UTF8.GetBytes("abcdef")), "data.bin"), FilePurpose.Batch));

        Assert.Equal(["uploads.create", "uploads.part", "uploads.cancel"], recorder.Stopped.Select(static s => s.DisplayName));
        var part = recorder.Stopped[1];
        Assert.Equal("500", part.GetTagItem("error.type"));
        Assert.Equal(ActivityStatusCode.Error, part.Status);
        Assert.Equal("500", Assert.Single(duration.GetMeasurementSnapshot(), static m => Equals(m.Tags["gen_ai.operation.name"], "uploads.part")).Tags["error.type"]);
        AssertNoKey(recorder.Stopped);
    }

    private static string SuccessBody(string operation) => operation switch
    {
        "files.upload" or "files.retrieve" => FileJson,
        "files.list" => $$"""{"object":"list","data":[{{FileJson}}],"has_more":false}""",
        "files.delete" => """{"id":"file-abc","object":"file","deleted":true}""",
        "files.content" => """{"messages":[]}""",
        "fine_tuning.jobs.list" => $$"""{"object":"list","data":[{{JobJson}}],"has_more":false}""",
        "fine_tuning.jobs.events" => $$"""{"object":"list","data":[{{EventJson}}],"has_more":false}""",
        "fine_tuning.jobs.checkpoints" => $$"""{"object":"list","data":[{{CheckpointJson}}],"has_more":false}""",
        "models.retrieve" => ModelJson,
        "models.delete" => $$"""{"id":"{{FineTunedModel}}","object":"model","deleted":true}""",
        _ => JobJson,
    };

    private static async Task InvokeAsync(IServiceProvider services, string operation)
    {
        var files = services.GetRequiredService<IChatGptFilesClient>();
        var fineTuning = services.GetRequiredService<IChatGptFineTuningClient>();
        switch (operation)
        {
            case "files.upload":
                await files.UploadFileAsync(UploadSource.FromStream(new MemoryStream(Encoding.UTF8.GetBytes("abcdef")), "data.bin"), FilePurpose.Batch);
                break;
            case "files.list":
                await foreach (var _ in files.ListFilesAsync())
                {
                }

                break;
            case "files.retrieve":
                await files.GetFileAsync("file-abc");
                break;
            case "files.delete":
                await files.DeleteFileAsync("file-abc");
                break;
            case "files.content":
                await using (var content = await files.DownloadFileAsync("file-abc"))
                {
                    await content.CopyToAsync(Stream.Null);
                }

                break;
            case "fine_tuning.jobs.create":
                await fineTuning.CreateJobAsync(new FineTuningJobRequest { Model = "gpt-4o-mini-2024-07-18", TrainingFile = "file-abc" });
                break;
            case "fine_tuning.jobs.list":
                await foreach (var _ in fineTuning.ListJobsAsync())
                {
                }

                break;
            case "fine_tuning.jobs.retrieve":
                await fineTuning.GetJobAsync("ftjob-1");
                break;
            case "fine_tuning.jobs.cancel":
                await fineTuning.CancelJobAsync("ftjob-1");
                break;
            case "fine_tuning.jobs.pause":
                await fineTuning.PauseJobAsync("ftjob-1");
                break;
            case "fine_tuning.jobs.resume":
                await fineTuning.ResumeJobAsync("ftjob-1");
                break;
            case "fine_tuning.jobs.events":
                await foreach (var _ in fineTuning.ListEventsAsync("ftjob-1"))
                {
                }

                break;
            case "fine_tuning.jobs.checkpoints":
                await foreach (var _ in fineTuning.ListCheckpointsAsync("ftjob-1"))
                {
                }

                break;
            case "models.retrieve":
                await fineTuning.GetModelAsync(FineTunedModel);
                break;
            case "models.delete":
                await fineTuning.DeleteModelAsync(FineTunedModel);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(operation), operation, null);
        }
    }

    /// <summary>The files client with the Uploads API taking over above 4 bytes, in parts of 4.</summary>
    private static ChatGptFilesClient PartedFiles(TelemetryHarness harness)
    {
        var files = (ChatGptFilesClient)harness.Services.GetRequiredService<IChatGptFilesClient>();
        files.SingleRequestLimitOverride = 4;
        files.PartSizeOverride = 4;
        return files;
    }

    private static void RespondUploads(TelemetryHarness harness, HttpStatusCode partStatus)
    {
        const string upload = """{"id":"upload_1","object":"upload","bytes":6,"created_at":1700000000,"filename":"data.bin","purpose":"batch","status":"pending","expires_at":1700003600}""";
        harness.RespondJson(HttpMethod.Post, Base + "uploads", upload);
        harness.RespondJson(
            HttpMethod.Post,
            Base + "uploads/upload_1/parts",
            partStatus == HttpStatusCode.OK ? """{"id":"part_1","object":"upload.part","created_at":1700000000,"upload_id":"upload_1"}""" : $$$"""{"error":{"message":"Part lost ({{{TelemetryHarness.ApiKey}}})","type":"server_error","code":null}}""",
            status: partStatus);
        harness.RespondJson(HttpMethod.Post, Base + "uploads/upload_1/complete", upload.Replace("\"pending\"", "\"completed\"", StringComparison.Ordinal).Replace("}", $",\"file\":{FileJson}}}", StringComparison.Ordinal));
        harness.RespondJson(HttpMethod.Post, Base + "uploads/upload_1/cancel", upload.Replace("\"pending\"", "\"cancelled\"", StringComparison.Ordinal));
    }

    /// <summary>No tag, event or status of any span holds the key, or its tail.</summary>
    private static void AssertNoKey(IReadOnlyList<Activity> spans)
    {
        var text = new StringBuilder();
        foreach (var span in spans)
        {
            text.AppendLine(span.DisplayName).AppendLine(span.StatusDescription);
            foreach (var tag in span.TagObjects)
            {
                text.AppendLine(tag.Value is string[] values ? string.Join(' ', values) : tag.Value?.ToString());
            }

            foreach (var item in span.Events)
            {
                foreach (var tag in item.Tags)
                {
                    text.AppendLine(tag.Value?.ToString());
                }
            }
        }

        Assert.NotEmpty(spans);
        Assert.DoesNotContain(TelemetryHarness.ApiKey, text.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(TelemetryHarness.ApiKey[^12..], text.ToString(), StringComparison.Ordinal);
    }
}
