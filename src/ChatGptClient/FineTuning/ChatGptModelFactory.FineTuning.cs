using System.Text.Json;
using ChatGpt.FineTuning;

namespace ChatGpt;

// The fine-tuning results: jobs with their errors and hyperparameters, the events of a job and its checkpoints.
public static partial class ChatGptModelFactory
{
    /// <summary>Builds a fine-tuning job as <see cref="IChatGptFineTuningClient"/> returns it (create, get, list, cancel,
    /// pause, resume, wait).</summary>
    /// <param name="id">The job id.</param>
    /// <param name="status">Where the job is; <see cref="FineTuningJobStatus.Succeeded"/> when <see langword="null"/>.</param>
    /// <param name="model">The base model.</param>
    /// <param name="fineTunedModel">The fine-tuned model's name, once the job has succeeded.</param>
    /// <param name="createdAt">When the job was created (whole seconds, as on the wire).</param>
    /// <param name="finishedAt">When the job finished.</param>
    /// <param name="estimatedFinish">When the job is expected to finish, while it runs.</param>
    /// <param name="error">Why the job failed; build it with <see cref="FineTuningJobError"/>.</param>
    /// <param name="trainingFile">The training file's id.</param>
    /// <param name="validationFile">The validation file's id.</param>
    /// <param name="resultFiles">The ids of the result files. None when <see langword="null"/>.</param>
    /// <param name="trainedTokens">The tokens trained on.</param>
    /// <param name="method">The method and its hyperparameters.</param>
    /// <param name="hyperparameters">The hyperparameters (the deprecated top-level field); build it with <see cref="FineTuningJobHyperparameters"/>.</param>
    /// <param name="seed">The seed.</param>
    /// <param name="organizationId">The organization that owns the job.</param>
    /// <param name="metadata">The metadata attached when the job was created.</param>
    /// <param name="integrations">The integrations, as the API's JSON.</param>
    /// <returns>The job.</returns>
    public static FineTuningJob FineTuningJob(
        string id = "ftjob-test",
        FineTuningJobStatus? status = null,
        string? model = "gpt-4o-mini-2024-07-18",
        string? fineTunedModel = null,
        DateTimeOffset createdAt = default,
        DateTimeOffset? finishedAt = null,
        DateTimeOffset? estimatedFinish = null,
        FineTuningJobError? error = null,
        string? trainingFile = "file-test",
        string? validationFile = null,
        IEnumerable<string>? resultFiles = null,
        long? trainedTokens = null,
        FineTuningMethod? method = null,
        FineTuningJobHyperparameters? hyperparameters = null,
        long? seed = null,
        string? organizationId = "org-test",
        IReadOnlyDictionary<string, string>? metadata = null,
        JsonElement? integrations = null) => new()
        {
            Id = id,
            Object = "fine_tuning.job",
            CreatedAt = createdAt,
            Status = status ?? FineTuningJobStatus.Succeeded,
            Model = model,
            FineTunedModel = fineTunedModel,
            Error = error,
            FinishedAt = finishedAt,
            EstimatedFinish = estimatedFinish,
            Hyperparameters = hyperparameters,
            Method = method,
            OrganizationId = organizationId,
            ResultFiles = resultFiles is null ? [] : [.. resultFiles],
            TrainedTokens = trainedTokens,
            TrainingFile = trainingFile,
            ValidationFile = validationFile,
            Seed = seed,
            Metadata = metadata is null ? null : new Dictionary<string, string>(metadata),
            Integrations = integrations,
        };

    /// <summary>Builds why a fine-tuning job failed (its <c>error</c>), to pass to <see cref="FineTuningJob"/>.</summary>
    /// <param name="code">The error code, e.g. <c>invalid_training_file</c>.</param>
    /// <param name="message">The message.</param>
    /// <param name="param">The request field that was at fault, e.g. <c>training_file</c>.</param>
    /// <returns>The error.</returns>
    public static FineTuningJobError FineTuningJobError(string? code = "invalid_training_file", string? message = "The training file is not valid.", string? param = "training_file") => new()
    {
        Code = code,
        Message = message,
        Param = param,
    };

    /// <summary>Builds the hyperparameters of a job (<c>"auto"</c> where left out), to pass to <see cref="FineTuningJob"/>.</summary>
    /// <param name="batchSize">The batch size.</param>
    /// <param name="learningRateMultiplier">The learning rate multiplier.</param>
    /// <param name="nEpochs">The number of epochs.</param>
    /// <returns>The hyperparameters.</returns>
    public static FineTuningJobHyperparameters FineTuningJobHyperparameters(FineTuningParameter? batchSize = null, FineTuningParameter? learningRateMultiplier = null, FineTuningParameter? nEpochs = null) => new()
    {
        BatchSize = batchSize ?? FineTuningParameter.Auto,
        LearningRateMultiplier = learningRateMultiplier ?? FineTuningParameter.Auto,
        NEpochs = nEpochs ?? FineTuningParameter.Auto,
    };

    /// <summary>Builds an event of a job as <see cref="IChatGptFineTuningClient.ListEventsAsync"/> returns it and
    /// <see cref="IChatGptFineTuningClient.WaitForCompletionAsync"/> reports it.</summary>
    /// <param name="id">The event id.</param>
    /// <param name="message">The message.</param>
    /// <param name="createdAt">When it happened (whole seconds, as on the wire).</param>
    /// <param name="level">The level: <c>info</c>, <c>warn</c> or <c>error</c>.</param>
    /// <param name="type">The type: <c>message</c> or <c>metrics</c>.</param>
    /// <param name="data">The data of a <c>metrics</c> event, as JSON.</param>
    /// <returns>The event.</returns>
    public static FineTuningJobEvent FineTuningJobEvent(
        string id = "ftevent-test",
        string? message = "Fine-tuning job started",
        DateTimeOffset createdAt = default,
        string? level = "info",
        string? type = "message",
        JsonElement? data = null) => new()
        {
            Id = id,
            Object = "fine_tuning.job.event",
            CreatedAt = createdAt,
            Level = level,
            Message = message,
            Type = type,
            Data = data,
        };

    /// <summary>Builds a checkpoint of a job as <see cref="IChatGptFineTuningClient.ListCheckpointsAsync"/> returns it.</summary>
    /// <param name="id">The checkpoint id.</param>
    /// <param name="fineTuningJobId">The job's id.</param>
    /// <param name="fineTunedModelCheckpoint">The checkpoint's model name.</param>
    /// <param name="stepNumber">The training step.</param>
    /// <param name="createdAt">When it was made (whole seconds, as on the wire).</param>
    /// <param name="metrics">The step's metrics; build them with <see cref="FineTuningCheckpointMetrics"/>.</param>
    /// <returns>The checkpoint.</returns>
    public static FineTuningCheckpoint FineTuningCheckpoint(
        string id = "ftckpt-test",
        string? fineTuningJobId = "ftjob-test",
        string? fineTunedModelCheckpoint = null,
        int stepNumber = 0,
        DateTimeOffset createdAt = default,
        FineTuningCheckpointMetrics? metrics = null) => new()
        {
            Id = id,
            Object = "fine_tuning.job.checkpoint",
            CreatedAt = createdAt,
            FineTunedModelCheckpoint = fineTunedModelCheckpoint,
            StepNumber = stepNumber,
            Metrics = metrics,
            FineTuningJobId = fineTuningJobId,
        };

    /// <summary>Builds the metrics of a checkpoint's step, to pass to <see cref="FineTuningCheckpoint"/>.</summary>
    /// <param name="step">The step.</param>
    /// <param name="trainLoss">The training loss.</param>
    /// <param name="trainMeanTokenAccuracy">The training mean token accuracy.</param>
    /// <param name="validLoss">The validation loss.</param>
    /// <param name="validMeanTokenAccuracy">The validation mean token accuracy.</param>
    /// <param name="fullValidLoss">The loss over the whole validation file.</param>
    /// <param name="fullValidMeanTokenAccuracy">The mean token accuracy over the whole validation file.</param>
    /// <returns>The metrics.</returns>
    public static FineTuningCheckpointMetrics FineTuningCheckpointMetrics(
        double? step = null,
        double? trainLoss = null,
        double? trainMeanTokenAccuracy = null,
        double? validLoss = null,
        double? validMeanTokenAccuracy = null,
        double? fullValidLoss = null,
        double? fullValidMeanTokenAccuracy = null) => new()
        {
            Step = step,
            TrainLoss = trainLoss,
            TrainMeanTokenAccuracy = trainMeanTokenAccuracy,
            ValidLoss = validLoss,
            ValidMeanTokenAccuracy = validMeanTokenAccuracy,
            FullValidLoss = fullValidLoss,
            FullValidMeanTokenAccuracy = fullValidMeanTokenAccuracy,
        };
}
