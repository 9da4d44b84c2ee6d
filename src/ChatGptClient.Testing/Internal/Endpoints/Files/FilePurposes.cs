using System.Globalization;

namespace ChatGpt.Testing.Internal;

/// <summary>The API's rules on file purposes, expirations and sizes, shared by <c>/files</c> and <c>/uploads</c>.</summary>
internal static class FilePurposes
{
    public static readonly string[] Upload = ["assistants", "batch", "fine-tune", "vision", "user_data", "evals"];

    public static void Check(string? purpose, IReadOnlyList<string> allowed)
    {
        if (string.IsNullOrEmpty(purpose))
        {
            throw ApiErrorException.Invalid("Missing required parameter: 'purpose'.", "purpose", "missing_required_parameter");
        }

        if (!allowed.Contains(purpose))
        {
            throw ApiErrorException.Invalid($"'{purpose}' is not one of [{string.Join(", ", allowed.Select(p => $"'{p}'"))}] - 'purpose'", "purpose", "invalid_value");
        }
    }

    /// <summary>A fine-tuning file must be JSONL, as the API checks by its name.</summary>
    public static void CheckFileName(string purpose, string fileName)
    {
        if (purpose == "fine-tune" && !fileName.EndsWith(".jsonl", StringComparison.OrdinalIgnoreCase))
        {
            throw ApiErrorException.Invalid($"Invalid file format for Fine-Tuning API. Must be .jsonl (got '{fileName}').", "file", "invalid_file_format");
        }
    }

    /// <summary>Reads <c>expires_after</c> (anchor <c>created_at</c>, 3600 to 2592000 seconds) into an expiry time.</summary>
    public static long? ExpiresAt(string? anchor, string? seconds, long createdAt)
    {
        if (anchor is null && seconds is null)
        {
            return null;
        }

        if (anchor != "created_at")
        {
            throw ApiErrorException.Invalid($"Invalid value for 'expires_after.anchor': expected 'created_at', got '{anchor}'.", "expires_after.anchor", "invalid_value");
        }

        if (!long.TryParse(seconds, NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value is < 3600 or > 2_592_000)
        {
            throw ApiErrorException.Invalid($"Invalid value for 'expires_after.seconds': must be an integer between 3600 and 2592000, got '{seconds}'.", "expires_after.seconds", "invalid_value");
        }

        return createdAt + value;
    }

    public static ApiErrorException TooLarge(long bytes, long limit) => new(
        400,
        string.Create(CultureInfo.InvariantCulture, $"File is too large: {bytes} bytes, over the limit of {limit} bytes for one upload. Use the Uploads API for larger files."),
        "invalid_request_error",
        "file",
        "file_too_large");
}
