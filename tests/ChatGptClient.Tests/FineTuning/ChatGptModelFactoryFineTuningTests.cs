using System.Net;
using System.Text.Json;
using ChatGpt.FineTuning;
using ChatGpt.FineTuning.Internal;
using ChatGpt.Tests.Resilience;
using Microsoft.Extensions.DependencyInjection;

namespace ChatGpt.Tests.FineTuning;

/// <summary>The fine-tuning objects that users build for their tests are the ones the client parses from a response.</summary>
public sealed class ChatGptModelFactoryFineTuningTests
{
    private static readonly DateTimeOffset Created = DateTimeOffset.FromUnixTimeSeconds(1721764800);

    [Fact]
    public async Task FineTuningJob_FailedJobWithEverything_SerializesToTheSameJsonAsAParsedOne()
    {
        const string body = """
            {"object":"fine_tuning.job","id":"ftjob-abc","model":"gpt-4o-mini-2024-07-18","created_at":1721764800,"finished_at":1721765400,
             "fine_tuned_model":null,"organization_id":"org-123","result_files":["file-res"],"status":"failed",
             "validation_file":"file-val","training_file":"file-train","hyperparameters":{"batch_size":4,"learning_rate_multiplier":"auto","n_epochs":3},
             "trained_tokens":5768,"error":{"code":"invalid_training_file","message":"Line 3 has no assistant message.","param":"training_file"},
             "seed":7,"estimated_finish":null,"metadata":{"team":"care"}}
            """;
        var parsed = await ServeAsync(body, client => client.GetJobAsync("ftjob-abc"));

        var built = ChatGptModelFactory.FineTuningJob(
            id: "ftjob-abc",
            status: FineTuningJobStatus.Failed,
            createdAt: Created,
            finishedAt: Created.AddMinutes(10),
            error: ChatGptModelFactory.FineTuningJobError(message: "Line 3 has no assistant message."),
            trainingFile: "file-train",
            validationFile: "file-val",
            resultFiles: ["file-res"],
            trainedTokens: 5768,
            hyperparameters: ChatGptModelFactory.FineTuningJobHyperparameters(batchSize: 4, nEpochs: 3),
            seed: 7,
            organizationId: "org-123",
            metadata: new Dictionary<string, string> { ["team"] = "care" });

        Assert.Equal(Json(parsed), Json(built));
        var failure = new FineTuningJobFailedException(built);
        Assert.Equal(new FineTuningJobFailedException(parsed).Message, failure.Message);
        Assert.Equal("invalid_training_file", failure.ErrorCode);
    }

    [Fact]
    public void FineTuningJob_Defaults_AreASucceededJob()
    {
        var job = ChatGptModelFactory.FineTuningJob(fineTunedModel: "ft:gpt-4o-mini-2024-07-18:org:x:1");

        Assert.Equal(("fine_tuning.job", FineTuningJobStatus.Succeeded), (job.Object, job.Status));
        Assert.Empty(job.ResultFiles!);
        Assert.Null(job.Error);
    }

    [Fact]
    public async Task FineTuningJobEvent_SameValuesAsAListedOne_SerializesToTheSameJson()
    {
        const string body = """{"object":"list","data":[{"object":"fine_tuning.job.event","id":"ftevent-1","created_at":1721764800,"level":"info","message":"Step 1/10: training loss=0.52","type":"metrics","data":{"step":1,"train_loss":0.52}}],"has_more":false}""";
        var parsed = Assert.Single(await ServeAsync(body, client => ToListAsync(client.ListEventsAsync("ftjob-abc"))));

        using var data = JsonDocument.Parse("""{"step":1,"train_loss":0.52}""");
        var built = ChatGptModelFactory.FineTuningJobEvent("ftevent-1", "Step 1/10: training loss=0.52", Created, type: "metrics", data: data.RootElement.Clone());

        Assert.Equal(JsonSerializer.Serialize(parsed, FineTuningJsonContext.Default.FineTuningJobEvent), JsonSerializer.Serialize(built, FineTuningJsonContext.Default.FineTuningJobEvent));
        Assert.Equal(parsed.ToString(), built.ToString());
    }

    [Fact]
    public async Task FineTuningCheckpoint_SameValuesAsAListedOne_SerializesToTheSameJson()
    {
        const string body = """
            {"object":"list","data":[{"object":"fine_tuning.job.checkpoint","id":"ftckpt-1","created_at":1721764800,
             "fine_tuned_model_checkpoint":"ft:gpt-4o-mini-2024-07-18:org:x:1:ckpt-step-10","fine_tuning_job_id":"ftjob-abc","step_number":10,
             "metrics":{"step":10,"train_loss":0.25,"train_mean_token_accuracy":0.9,"valid_loss":0.3,"valid_mean_token_accuracy":0.85,"full_valid_loss":0.31,"full_valid_mean_token_accuracy":0.84}}],"has_more":false}
            """;
        var parsed = Assert.Single(await ServeAsync(body, client => ToListAsync(client.ListCheckpointsAsync("ftjob-abc"))));

        var built = ChatGptModelFactory.FineTuningCheckpoint(
            "ftckpt-1",
            "ftjob-abc",
            "ft:gpt-4o-mini-2024-07-18:org:x:1:ckpt-step-10",
            10,
            Created,
            ChatGptModelFactory.FineTuningCheckpointMetrics(10, 0.25, 0.9, 0.3, 0.85, 0.31, 0.84));

        Assert.Equal(JsonSerializer.Serialize(parsed, FineTuningJsonContext.Default.FineTuningCheckpoint), JsonSerializer.Serialize(built, FineTuningJsonContext.Default.FineTuningCheckpoint));
    }

    private static async Task<T> ServeAsync<T>(string body, Func<IChatGptFineTuningClient, Task<T>> call)
    {
        using var host = new ResilienceTestHost((_, _) => ResilienceTestHost.Json(HttpStatusCode.OK, body));
        return await host.RunAsync(() => call(host.Services.GetRequiredService<IChatGptFineTuningClient>()));
    }

    private static async Task<List<T>> ToListAsync<T>(IAsyncEnumerable<T> items)
    {
        var list = new List<T>();
        await foreach (var item in items)
        {
            list.Add(item);
        }

        return list;
    }

    private static string Json(FineTuningJob job) => JsonSerializer.Serialize(job, FineTuningJsonContext.Default.FineTuningJob);
}
