using ChatGpt.FineTuning.TrainingData;
using ChatGpt.Http.Uploads;

namespace ChatGpt.Files;

/// <summary>Options of <see cref="IChatGptFilesClient.UploadFileAsync(UploadSource, FilePurpose, FileUploadOptions?, CancellationToken)"/>.</summary>
public sealed class FileUploadOptions
{
    /// <summary>When the file expires; <see langword="null"/> for the API's default (none for most purposes).</summary>
    public FileExpiration? ExpiresAfter { get; set; }

    /// <summary>Receives the bytes sent of the total while the file is sent (for a progress bar).</summary>
    public IProgress<UploadProgress>? Progress { get; set; }

    /// <summary>
    /// How a file with purpose <see cref="FilePurpose.FineTune"/> is checked before a byte is sent: a file with errors
    /// fails with a <see cref="TrainingDataValidationException"/> listing them by line. <see langword="null"/> skips the
    /// check (for preference or reinforcement data, which have another shape).
    /// </summary>
    /// <value>Defaults to the checks of <see cref="TrainingDataValidationOptions"/> with its default model.</value>
    public TrainingDataValidationOptions? TrainingDataValidation { get; set; } = new();
}
