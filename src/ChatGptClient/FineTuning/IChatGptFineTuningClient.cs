using ChatGpt.Models;

namespace ChatGpt.FineTuning;

/// <summary>
/// A client for the OpenAI fine-tuning API (<c>/fine_tuning/jobs</c>) and the lifecycle of fine-tuned models
/// (<c>GET</c> and <c>DELETE /models/{model}</c>): create jobs, follow them to the end, and manage what they produce.
/// </summary>
/// <remarks>Registered by <c>services.AddChatGpt()</c> with the same options, pipeline and telemetry as <see cref="IChatGptClient"/>.
/// Prepare and check the training file with <see cref="TrainingData.TrainingDataWriter"/> and
/// <see cref="TrainingData.TrainingDataValidator"/>, upload it with <see cref="Files.IChatGptFilesClient"/>.</remarks>
public interface IChatGptFineTuningClient
{
    /// <summary>Creates a fine-tuning job (<c>POST /fine_tuning/jobs</c>).</summary>
    /// <param name="request">The model, the training file and the method.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The job, usually <c>validating_files</c> or <c>queued</c>.</returns>
    Task<FineTuningJob> CreateJobAsync(FineTuningJobRequest request, CancellationToken cancellationToken = default);

    /// <summary>Lists the organization's fine-tuning jobs, newest first (<c>GET /fine_tuning/jobs</c>), fetching pages as the enumeration reaches them.</summary>
    /// <param name="options">Page size, cursor and metadata filter.</param>
    /// <param name="cancellationToken">Cancels the listing.</param>
    /// <returns>The jobs.</returns>
    IAsyncEnumerable<FineTuningJob> ListJobsAsync(FineTuningJobListOptions? options = null, CancellationToken cancellationToken = default);

    /// <summary>Retrieves a job (<c>GET /fine_tuning/jobs/{id}</c>).</summary>
    /// <param name="jobId">The job id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The job.</returns>
    Task<FineTuningJob> GetJobAsync(string jobId, CancellationToken cancellationToken = default);

    /// <summary>Cancels a job (<c>POST /fine_tuning/jobs/{id}/cancel</c>).</summary>
    /// <param name="jobId">The job id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The job.</returns>
    Task<FineTuningJob> CancelJobAsync(string jobId, CancellationToken cancellationToken = default);

    /// <summary>Pauses a running job (<c>POST /fine_tuning/jobs/{id}/pause</c>).</summary>
    /// <param name="jobId">The job id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The job.</returns>
    Task<FineTuningJob> PauseJobAsync(string jobId, CancellationToken cancellationToken = default);

    /// <summary>Resumes a paused job (<c>POST /fine_tuning/jobs/{id}/resume</c>).</summary>
    /// <param name="jobId">The job id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The job.</returns>
    Task<FineTuningJob> ResumeJobAsync(string jobId, CancellationToken cancellationToken = default);

    /// <summary>Lists a job's events, newest first (<c>GET /fine_tuning/jobs/{id}/events</c>), fetching pages as the enumeration reaches them.</summary>
    /// <param name="jobId">The job id.</param>
    /// <param name="pageSize">Events per page request; the API's default (20) when <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the listing.</param>
    /// <returns>The events.</returns>
    IAsyncEnumerable<FineTuningJobEvent> ListEventsAsync(string jobId, int? pageSize = null, CancellationToken cancellationToken = default);

    /// <summary>Lists a job's checkpoints (<c>GET /fine_tuning/jobs/{id}/checkpoints</c>), fetching pages as the enumeration reaches them.</summary>
    /// <param name="jobId">The job id.</param>
    /// <param name="pageSize">Checkpoints per page request; the API's default (10) when <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the listing.</param>
    /// <returns>The checkpoints.</returns>
    IAsyncEnumerable<FineTuningCheckpoint> ListCheckpointsAsync(string jobId, int? pageSize = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// Polls a job until it succeeds, fails or is cancelled, reporting each new event once, oldest first. The wait between
    /// polls starts at <see cref="FineTuningWaitOptions.InitialPollInterval"/>, doubles while nothing happens up to
    /// <see cref="FineTuningWaitOptions.MaxPollInterval"/>, and starts again when something does.
    /// </summary>
    /// <param name="jobId">The job id.</param>
    /// <param name="progress">Receives each new event, or <see langword="null"/>.</param>
    /// <param name="options">The poll intervals.</param>
    /// <param name="cancellationToken">Stops waiting (the job goes on).</param>
    /// <returns>The succeeded job (or the cancelled one, unless <see cref="FineTuningWaitOptions.ThrowWhenCancelled"/>).</returns>
    /// <exception cref="FineTuningJobFailedException">The job failed: its error's code, message and param.</exception>
    Task<FineTuningJob> WaitForCompletionAsync(string jobId, IProgress<FineTuningJobEvent>? progress = null, FineTuningWaitOptions? options = null, CancellationToken cancellationToken = default);

    /// <summary>Retrieves a model (<c>GET /models/{model}</c>), e.g. a fine-tuned one.</summary>
    /// <param name="model">The model id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The model.</returns>
    Task<Model> GetModelAsync(string model, CancellationToken cancellationToken = default);

    /// <summary>Deletes a fine-tuned model (<c>DELETE /models/{model}</c>); the organization must own it.</summary>
    /// <param name="model">The fine-tuned model id (<c>ft:...</c>).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>Whether it was deleted.</returns>
    Task<DeletionResult> DeleteModelAsync(string model, CancellationToken cancellationToken = default);
}
