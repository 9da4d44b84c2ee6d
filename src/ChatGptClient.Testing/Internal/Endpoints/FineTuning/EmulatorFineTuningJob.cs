using System.Globalization;
using System.Text.Json;

namespace ChatGpt.Testing.Internal;

/// <summary>
/// A fine-tuning job as a state machine on the emulator's clock: <c>validating_files</c> (two steps' time) →
/// <c>failed</c> for a bad training file, else <c>queued</c> (two steps) → <c>running</c> (one metrics event per step) →
/// <c>succeeded</c>, its model listed in <c>/v1/models</c>. Pause stops the clock of the job, resume restarts it, cancel
/// ends it. The state is brought up to date from the clock whenever the job is read, so no timer runs.
/// </summary>
internal sealed class EmulatorFineTuningJob
{
    private const int ValidationSteps = 2;
    private const int QueueSteps = 2;

    private readonly TimeSpan _stepDuration;
    private readonly string? _failure;
    private TimeSpan _progress;
    private DateTimeOffset _activeSince;
    private int _milestone;
    private long _eventSequence;

    public EmulatorFineTuningJob(string id, string model, string trainingFile, string? validationFile, string? suffix, long seed, JsonElement? method, JsonElement? metadata, int epochs, long trainedTokens, int steps, TimeSpan stepDuration, string? failure, DateTimeOffset now)
    {
        Id = id;
        Model = model;
        TrainingFile = trainingFile;
        ValidationFile = validationFile;
        Suffix = suffix;
        Seed = seed;
        Method = method;
        Metadata = metadata;
        Epochs = epochs;
        TrainedTokens = trainedTokens;
        Steps = steps;
        _stepDuration = stepDuration;
        _failure = failure;
        CreatedAt = now;
        _activeSince = now;
        Status = "validating_files";
        AddEvent(now, "info", $"Created fine-tuning job: {id}");
        AddEvent(now, "info", $"Validating training file: {trainingFile}{(validationFile is null ? string.Empty : $" and validation file: {validationFile}")}");
    }

    public string Id { get; }

    public string Model { get; }

    public string TrainingFile { get; }

    public string? ValidationFile { get; }

    public string? Suffix { get; }

    public long Seed { get; }

    public JsonElement? Method { get; }

    public JsonElement? Metadata { get; }

    public int Epochs { get; }

    public long TrainedTokens { get; }

    public int Steps { get; }

    public DateTimeOffset CreatedAt { get; }

    public string Status { get; private set; }

    public DateTimeOffset? FinishedAt { get; private set; }

    public string? FineTunedModel { get; private set; }

    public (string Code, string Message, string? Param)? Error { get; private set; }

    public bool IsTerminal => Status is "succeeded" or "failed" or "cancelled";

    /// <summary>The events, oldest first.</summary>
    public List<JobEvent> Events { get; } = [];

    public List<JobCheckpoint> Checkpoints { get; } = [];

    /// <summary>When the job would finish if nothing pauses it, while it is not over.</summary>
    public DateTimeOffset? EstimatedFinish => IsTerminal || Status == "paused" ? null : _activeSince + (Total - _progress);

    private TimeSpan Total => _stepDuration * (ValidationSteps + QueueSteps + Steps);

    /// <summary>Brings the job up to <paramref name="now"/>: every milestone passed since the last read happens, at its own time.</summary>
    /// <param name="now">The clock's time.</param>
    /// <param name="succeeded">Called once with the fine-tuned model's name when the job succeeds.</param>
    public void Advance(DateTimeOffset now, Action<string> succeeded)
    {
        while (!IsTerminal && Status != "paused")
        {
            var threshold = _stepDuration * Threshold(_milestone + 1);
            var at = _activeSince + (threshold - _progress);
            if (at > now)
            {
                return;
            }

            _milestone++;
            Reach(_milestone, at, succeeded);
        }
    }

    public void Pause(DateTimeOffset now)
    {
        if (Status != "running")
        {
            throw ApiErrorException.Invalid($"Only a running job can be paused; {Id} is {Status}.", null, "invalid_job_state");
        }

        _progress += now - _activeSince;
        Status = "paused";
        AddEvent(now, "info", "Fine-tuning job paused");
    }

    public void Resume(DateTimeOffset now)
    {
        if (Status != "paused")
        {
            throw ApiErrorException.Invalid($"Only a paused job can be resumed; {Id} is {Status}.", null, "invalid_job_state");
        }

        _activeSince = now;
        Status = "running";
        AddEvent(now, "info", "Fine-tuning job resumed");
    }

    public void Cancel(DateTimeOffset now)
    {
        if (IsTerminal)
        {
            throw ApiErrorException.Invalid($"Job {Id} has already {(Status == "cancelled" ? "been cancelled" : Status)}.", null, "invalid_job_state");
        }

        Status = "cancelled";
        FinishedAt = now;
        AddEvent(now, "info", "Fine-tuning job cancelled");
    }

    private static int Threshold(int milestone) => milestone switch
    {
        1 => ValidationSteps,
        2 => ValidationSteps + QueueSteps,
        _ => ValidationSteps + QueueSteps + (milestone - 2),
    };

    private void Reach(int milestone, DateTimeOffset at, Action<string> succeeded)
    {
        if (milestone == 1)
        {
            if (_failure is not null)
            {
                Status = "failed";
                FinishedAt = at;
                Error = ("invalid_training_file", $"The job failed due to an invalid training file. {_failure}", "training_file");
                AddEvent(at, "error", Error.Value.Message);
                return;
            }

            Status = "queued";
            AddEvent(at, "info", "Files validated, moving job to queued state");
            return;
        }

        if (milestone == 2)
        {
            Status = "running";
            AddEvent(at, "info", "Fine-tuning job started");
            return;
        }

        var step = milestone - 2;

        // A loss that falls with the steps, deterministic.
        var loss = Math.Round(2.0 / (1 + (0.35 * step)), 4);
        var accuracy = Math.Round(1 - (loss / 2.5), 4);
        AddEvent(at, "info", string.Create(CultureInfo.InvariantCulture, $"Step {step}/{Steps}: training loss={loss:0.0000}"), "metrics", w =>
        {
            w.WriteNumber("step", step);
            w.WriteNumber("train_loss", loss);
            w.WriteNumber("train_mean_token_accuracy", accuracy);
            w.WriteNumber("total_steps", Steps);
        });

        var modelName = $"ft:{Model}:{EmulatorRateLimits.Organization}:{Suffix}:{Id[^8..]}";
        if (step == Steps || step == (Steps + 1) / 2)
        {
            Checkpoints.Add(new JobCheckpoint(
                $"ftckpt_{Id[^12..]}{step:D4}", at, step == Steps ? modelName : $"{modelName}:ckpt-step-{step}", step, loss, accuracy));
        }

        if (step == Steps)
        {
            Status = "succeeded";
            FinishedAt = at;
            FineTunedModel = modelName;
            AddEvent(at, "info", $"New fine-tuned model created: {modelName}");
            AddEvent(at, "info", "The job has successfully completed");
            succeeded(modelName);
        }
    }

    private void AddEvent(DateTimeOffset at, string level, string message, string type = "message", Action<Utf8JsonWriter>? data = null) =>
        Events.Add(new JobEvent(EmulatorIds.ObjectId("ftevent-", StableHash.Of(Id) + (++_eventSequence)), at, level, message, type, data is null ? null : ResponseWriter.Write(w =>
        {
            w.WriteStartObject();
            data(w);
            w.WriteEndObject();
        })));

    /// <summary>An event; <paramref name="Data"/> is the JSON of a metrics event.</summary>
    internal sealed record JobEvent(string Id, DateTimeOffset CreatedAt, string Level, string Message, string Type, byte[]? Data);

    internal sealed record JobCheckpoint(string Id, DateTimeOffset CreatedAt, string Model, int Step, double TrainLoss, double TrainAccuracy);
}
