using System.Globalization;
using System.Text.Json;
using ChatGpt.FineTuning.TrainingData;

namespace ChatGpt.Testing.Internal;

/// <summary><c>/v1/fine_tuning/jobs</c>: create (checking the files and the training data as the API does), list,
/// retrieve, cancel, pause, resume, events and checkpoints of jobs run by <see cref="EmulatorFineTuningJob"/>.</summary>
internal sealed class FineTuningJobsEndpoint : EmulatorEndpoint
{
    private static readonly EmulatorRoute s_create = new("POST", "/v1/fine_tuning/jobs", RequestBodyKind.Json);
    private static readonly EmulatorRoute s_list = new("GET", "/v1/fine_tuning/jobs");
    private static readonly EmulatorRoute s_retrieve = new("GET", "/v1/fine_tuning/jobs/{job_id}");
    private static readonly EmulatorRoute s_cancel = new("POST", "/v1/fine_tuning/jobs/{job_id}/cancel");
    private static readonly EmulatorRoute s_pause = new("POST", "/v1/fine_tuning/jobs/{job_id}/pause");
    private static readonly EmulatorRoute s_resume = new("POST", "/v1/fine_tuning/jobs/{job_id}/resume");
    private static readonly EmulatorRoute s_events = new("GET", "/v1/fine_tuning/jobs/{job_id}/events");
    private static readonly EmulatorRoute s_checkpoints = new("GET", "/v1/fine_tuning/jobs/{job_id}/checkpoints");

    private static readonly HashSet<string> s_fields = ["model", "training_file", "hyperparameters", "suffix", "validation_file", "integrations", "seed", "method", "metadata"];

    public FineTuningJobsEndpoint(ChatGptEmulator emulator)
        : base(emulator)
    {
    }

    public override IReadOnlyList<EmulatorRoute> Routes { get; } = [s_create, s_list, s_retrieve, s_cancel, s_pause, s_resume, s_events, s_checkpoints];

    public override async ValueTask<ResponsePlan> HandleAsync(EndpointRequest request, CancellationToken cancellationToken)
    {
        var jobs = Emulator.FineTuningJobs;
        var now = request.ReceivedAt;
        if (request.Route == s_create)
        {
            var created = await CreateAsync(request, cancellationToken).ConfigureAwait(false);
            lock (jobs)
            {
                jobs.Add(created);
                return ResponsePlan.Json(200, FineTuningResponseWriter.Job(created));
            }
        }

        lock (jobs)
        {
            foreach (var each in jobs)
            {
                each.Advance(now, Emulator.AddFineTunedModel);
            }

            if (request.Route == s_list)
            {
                var newestFirst = Enumerable.Reverse(jobs).ToList();
                return ResponsePlan.Json(200, FilesEndpoint.Page(request, newestFirst, j => j.Id, 20, (page, more) => FineTuningResponseWriter.List(page, more, FineTuningResponseWriter.WriteJob)));
            }

            var id = request.RouteValue("job_id");
            var job = jobs.Find(j => j.Id == id) ?? throw new ApiErrorException(404, $"Fine-tuning job {id} not found.", "invalid_request_error", "fine_tuning_job_id", "fine_tuning_job_not_found");
            if (request.Route == s_cancel)
            {
                job.Cancel(now);
            }
            else if (request.Route == s_pause)
            {
                job.Pause(now);
            }
            else if (request.Route == s_resume)
            {
                job.Resume(now);
            }
            else if (request.Route == s_events)
            {
                var newestFirst = Enumerable.Reverse(job.Events).ToList();
                return ResponsePlan.Json(200, FilesEndpoint.Page(request, newestFirst, e => e.Id, 20, (page, more) => FineTuningResponseWriter.List(page, more, FineTuningResponseWriter.WriteEvent)));
            }
            else if (request.Route == s_checkpoints)
            {
                var newestFirst = Enumerable.Reverse(job.Checkpoints).ToList();
                return ResponsePlan.Json(200, FilesEndpoint.Page(request, newestFirst, c => c.Id, 10, (page, more) => FineTuningResponseWriter.List(page, more, (w, c) => FineTuningResponseWriter.WriteCheckpoint(w, c, job.Id))));
            }

            return ResponsePlan.Json(200, FineTuningResponseWriter.Job(job));
        }
    }

    private async Task<EmulatorFineTuningJob> CreateAsync(EndpointRequest request, CancellationToken cancellationToken)
    {
        var body = request.Json;
        foreach (var property in body.EnumerateObject())
        {
            if (!s_fields.Contains(property.Name) && !Emulator.AllowUnknownParameters)
            {
                throw ApiErrorException.Invalid($"Unrecognized request argument supplied: {property.Name}", property.Name, "unknown_parameter");
            }
        }

        var model = String(body, "model") ?? throw ApiErrorException.Invalid("Missing required parameter: 'model'.", "model", "missing_required_parameter");
        EmulatorModels.CheckAccepted(Emulator, model);
        var trainingFileId = String(body, "training_file") ?? throw ApiErrorException.Invalid("Missing required parameter: 'training_file'.", "training_file", "missing_required_parameter");
        var trainingFile = FineTuneFile(trainingFileId, "training_file");
        var validationFileId = String(body, "validation_file");
        if (validationFileId is not null)
        {
            FineTuneFile(validationFileId, "validation_file");
        }

        var suffix = String(body, "suffix");
        if (suffix is { Length: > 64 })
        {
            throw ApiErrorException.Invalid("Invalid 'suffix': string too long. Expected a string with maximum length 64.", "suffix", "string_above_max_length");
        }

        JsonElement? method = body.TryGetProperty("method", out var m) && m.ValueKind == JsonValueKind.Object ? m.Clone() : null;
        if (method is { } given && (!given.TryGetProperty("type", out var type) || type.GetString() is not ("supervised" or "dpo" or "reinforcement")))
        {
            throw ApiErrorException.Invalid("Invalid 'method.type': expected one of 'supervised', 'dpo', 'reinforcement'.", "method.type", "invalid_value");
        }

        if (method is { } reinforcement && reinforcement.GetProperty("type").GetString() == "reinforcement" &&
            !(reinforcement.TryGetProperty("reinforcement", out var settings) && settings.TryGetProperty("grader", out _)))
        {
            throw ApiErrorException.Invalid("Missing required parameter: 'method.reinforcement.grader'.", "method.reinforcement.grader", "missing_required_parameter");
        }

        var seed = body.TryGetProperty("seed", out var s) && s.TryGetInt64(out var n) ? n : StableHash.Of(trainingFileId);
        JsonElement? metadata = body.TryGetProperty("metadata", out var md) && md.ValueKind == JsonValueKind.Object ? md.Clone() : null;

        // The training data is checked with the same rules the client validates with, as the API's validating_files step does.
        string? failure = null;
        var epochs = 3;
        long tokens = 0;
        var isSupervised = method is null || method.Value.GetProperty("type").GetString() == "supervised";
        if (trainingFile.Content is { } content && isSupervised)
        {
            var report = await TrainingDataValidator.ValidateAsync(new MemoryStream(content, writable: false), new TrainingDataValidationOptions { Model = model }, cancellationToken).ConfigureAwait(false);
            epochs = report.Epochs;
            tokens = report.BilledTokens;
            if (report.Issues.FirstOrDefault(i => i.Kind != TrainingDataIssueKind.TooLong) is { } issue)
            {
                failure = issue.LineNumber > 0 ? $"Invalid file format. Line {issue.LineNumber}: {issue.Message}" : issue.Message;
            }
        }

        return new EmulatorFineTuningJob(
            EmulatorIds.ObjectId("ftjob-", request.Sequence), model, trainingFileId, validationFileId, suffix, seed, method, metadata, epochs, tokens,
            Math.Max(1, Emulator.FineTuningSteps), Emulator.FineTuningStepDuration, failure, request.ReceivedAt);
    }

    private StoredFile FineTuneFile(string id, string param)
    {
        StoredFile file;
        try
        {
            file = Emulator.FileStore.Get(id);
        }
        catch (ApiErrorException)
        {
            throw ApiErrorException.Invalid($"invalid {param}: {id}", param, "invalid_file_id");
        }

        return file.Purpose == "fine-tune"
            ? file
            : throw ApiErrorException.Invalid(string.Create(CultureInfo.InvariantCulture, $"File {id} has purpose '{file.Purpose}'; a {param} must have purpose 'fine-tune'."), param, "invalid_file_purpose");
    }

    private static string? String(JsonElement body, string name) =>
        body.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
