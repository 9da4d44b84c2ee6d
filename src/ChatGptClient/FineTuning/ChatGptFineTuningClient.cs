using System.Diagnostics.Metrics;
using System.Globalization;
using ChatGpt.Files.Internal;
using ChatGpt.FineTuning.Internal;
using ChatGpt.Http.Internal;
using ChatGpt.Models;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChatGpt.FineTuning;

/// <summary>The typed <see cref="HttpClient"/> client of the OpenAI fine-tuning API and of fine-tuned models.</summary>
/// <remarks>Register it with <c>services.AddChatGpt()</c> (it shares the options, retries, rate limiter and telemetry of
/// <see cref="ChatGptClient"/>), or create it over your own <see cref="HttpClient"/>. It is thread-safe.</remarks>
public sealed class ChatGptFineTuningClient : IChatGptFineTuningClient
{
    private const string JobsPath = "fine_tuning/jobs";

    private readonly ChatGptTransport _transport;

    /// <summary>Creates the client over an <see cref="HttpClient"/>.</summary>
    /// <param name="httpClient">The HTTP client.</param>
    /// <param name="options">The options (the same as <see cref="ChatGptClient"/>'s).</param>
    /// <exception cref="OptionsValidationException">The options are invalid.</exception>
    public ChatGptFineTuningClient(HttpClient httpClient, IOptions<ChatGptOptions> options)
        : this(httpClient, options, timeProvider: null, loggerFactory: null, meterFactory: null)
    {
    }

    /// <summary>Creates the client with its clock, logging and metrics (what <c>AddChatGpt</c> passes from the container).</summary>
    /// <param name="httpClient">The HTTP client.</param>
    /// <param name="options">The options.</param>
    /// <param name="timeProvider">The clock of timeouts and of the waits between polls; <see cref="TimeProvider.System"/> when <see langword="null"/>.</param>
    /// <param name="loggerFactory">Creates the logger; no logging when <see langword="null"/>.</param>
    /// <param name="meterFactory">Creates the meter; a process-wide meter when <see langword="null"/>.</param>
    /// <exception cref="OptionsValidationException">The options are invalid.</exception>
    public ChatGptFineTuningClient(HttpClient httpClient, IOptions<ChatGptOptions> options, TimeProvider? timeProvider, ILoggerFactory? loggerFactory, IMeterFactory? meterFactory)
    {
        ArgumentNullException.ThrowIfNull(options);
        _transport = new ChatGptTransport(httpClient, options.Value ?? throw new ArgumentException("The options have no value.", nameof(options)), timeProvider, loggerFactory, meterFactory);
    }

    /// <inheritdoc/>
    public Task<FineTuningJob> CreateJobAsync(FineTuningJobRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentException.ThrowIfNullOrWhiteSpace(request.Model, nameof(request));
        ArgumentException.ThrowIfNullOrWhiteSpace(request.TrainingFile, nameof(request));
        var content = JsonBody.Create(request, FineTuningJsonContext.Default.FineTuningJobRequest);
        return _transport.SendJsonAsync(HttpMethod.Post, _transport.CreateUri(JobsPath), content, FineTuningJsonContext.Default.FineTuningJob, _transport.CreateContext("fine_tuning.jobs.create", request.Model), cancellationToken);
    }

    /// <inheritdoc/>
    public IAsyncEnumerable<FineTuningJob> ListJobsAsync(FineTuningJobListOptions? options = null, CancellationToken cancellationToken = default)
    {
        var query = new List<KeyValuePair<string, string>>();
        AddLimit(query, options?.PageSize);
        if (options?.Metadata is { } metadata)
        {
            foreach (var (key, value) in metadata)
            {
                query.Add(new($"metadata[{key}]", value));
            }
        }

        return CursorPager.EnumerateAsync(_transport, JobsPath, query, options?.After, FineTuningJsonContext.Default.ListPageFineTuningJob, static j => j.Id, "fine_tuning.jobs.list", cancellationToken);
    }

    /// <inheritdoc/>
    public Task<FineTuningJob> GetJobAsync(string jobId, CancellationToken cancellationToken = default) =>
        _transport.SendJsonAsync(HttpMethod.Get, _transport.CreateUri(JobPath(jobId)), null, FineTuningJsonContext.Default.FineTuningJob, _transport.CreateContext("fine_tuning.jobs.retrieve"), cancellationToken);

    /// <inheritdoc/>
    public Task<FineTuningJob> CancelJobAsync(string jobId, CancellationToken cancellationToken = default) => ActAsync(jobId, "cancel", cancellationToken);

    /// <inheritdoc/>
    public Task<FineTuningJob> PauseJobAsync(string jobId, CancellationToken cancellationToken = default) => ActAsync(jobId, "pause", cancellationToken);

    /// <inheritdoc/>
    public Task<FineTuningJob> ResumeJobAsync(string jobId, CancellationToken cancellationToken = default) => ActAsync(jobId, "resume", cancellationToken);

    /// <inheritdoc/>
    public IAsyncEnumerable<FineTuningJobEvent> ListEventsAsync(string jobId, int? pageSize = null, CancellationToken cancellationToken = default)
    {
        var query = new List<KeyValuePair<string, string>>(1);
        AddLimit(query, pageSize);
        return CursorPager.EnumerateAsync(_transport, JobPath(jobId) + "/events", query, null, FineTuningJsonContext.Default.ListPageFineTuningJobEvent, static e => e.Id, "fine_tuning.jobs.events", cancellationToken);
    }

    /// <inheritdoc/>
    public IAsyncEnumerable<FineTuningCheckpoint> ListCheckpointsAsync(string jobId, int? pageSize = null, CancellationToken cancellationToken = default)
    {
        var query = new List<KeyValuePair<string, string>>(1);
        AddLimit(query, pageSize);
        return CursorPager.EnumerateAsync(_transport, JobPath(jobId) + "/checkpoints", query, null, FineTuningJsonContext.Default.ListPageFineTuningCheckpoint, static c => c.Id, "fine_tuning.jobs.checkpoints", cancellationToken);
    }

    /// <inheritdoc/>
    public async Task<FineTuningJob> WaitForCompletionAsync(string jobId, IProgress<FineTuningJobEvent>? progress = null, FineTuningWaitOptions? options = null, CancellationToken cancellationToken = default)
    {
        var path = JobPath(jobId);
        options ??= new FineTuningWaitOptions();
        if (options.InitialPollInterval <= TimeSpan.Zero || options.MaxPollInterval < options.InitialPollInterval)
        {
            throw new ArgumentException("The poll intervals must be positive, the maximum at least the initial one.", nameof(options));
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        var interval = options.InitialPollInterval;
        FineTuningJobStatus? lastStatus = null;
        while (true)
        {
            var job = await GetJobAsync(jobId, cancellationToken).ConfigureAwait(false);

            // Events after the job: the last poll reports every event up to the final status.
            var fresh = await NewEventsAsync(path, seen, cancellationToken).ConfigureAwait(false);
            for (var i = fresh.Count - 1; i >= 0; i--)
            {
                progress?.Report(fresh[i]);
            }

            if (job.Status == FineTuningJobStatus.Succeeded ||
                (job.Status == FineTuningJobStatus.Cancelled && !options.ThrowWhenCancelled))
            {
                return job;
            }

            if (job.Status.IsTerminal)
            {
                throw new FineTuningJobFailedException(job);
            }

            // Back off while nothing happens; poll briskly again once something does.
            interval = fresh.Count > 0 || job.Status != lastStatus ? options.InitialPollInterval : TimeSpan.FromTicks(Math.Min(interval.Ticks * 2, options.MaxPollInterval.Ticks));
            lastStatus = job.Status;
            await Task.Delay(interval, _transport.TimeProvider, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <inheritdoc/>
    public Task<Model> GetModelAsync(string model, CancellationToken cancellationToken = default) =>
        _transport.SendJsonAsync(HttpMethod.Get, ModelUri(model), null, FineTuningJsonContext.Default.Model, _transport.CreateContext("models.retrieve", model), cancellationToken);

    /// <inheritdoc/>
    public Task<DeletionResult> DeleteModelAsync(string model, CancellationToken cancellationToken = default) =>
        _transport.SendJsonAsync(HttpMethod.Delete, ModelUri(model), null, FineTuningJsonContext.Default.DeletionResult, _transport.CreateContext("models.delete", model), cancellationToken);

    /// <summary>The events not seen before, newest first: pages are read until one holds an event already seen.</summary>
    private async Task<List<FineTuningJobEvent>> NewEventsAsync(string path, HashSet<string> seen, CancellationToken cancellationToken)
    {
        var fresh = new List<FineTuningJobEvent>();
        var query = new List<KeyValuePair<string, string>> { new("limit", FineTuningDefaults.EventPageSize.ToString(CultureInfo.InvariantCulture)) };
        await foreach (var item in CursorPager.EnumerateAsync(_transport, path + "/events", query, null, FineTuningJsonContext.Default.ListPageFineTuningJobEvent, static e => e.Id, "fine_tuning.jobs.events", cancellationToken).ConfigureAwait(false))
        {
            if (!seen.Add(item.Id))
            {
                break;
            }

            fresh.Add(item);
        }

        return fresh;
    }

    private Task<FineTuningJob> ActAsync(string jobId, string action, CancellationToken cancellationToken) =>
        _transport.SendJsonAsync(HttpMethod.Post, _transport.CreateUri(JobPath(jobId) + "/" + action), null, FineTuningJsonContext.Default.FineTuningJob, _transport.CreateContext("fine_tuning.jobs." + action), cancellationToken);

    private Uri ModelUri(string model)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(model);
        return _transport.CreateUri("models/" + Uri.EscapeDataString(model));
    }

    private static string JobPath(string jobId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(jobId);
        return JobsPath + "/" + Uri.EscapeDataString(jobId);
    }

    private static void AddLimit(List<KeyValuePair<string, string>> query, int? limit)
    {
        if (limit is { } value)
        {
            ArgumentOutOfRangeException.ThrowIfNegativeOrZero(value, nameof(limit));
            query.Add(new("limit", value.ToString(CultureInfo.InvariantCulture)));
        }
    }
}
