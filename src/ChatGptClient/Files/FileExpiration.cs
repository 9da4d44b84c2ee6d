namespace ChatGpt.Files;

/// <summary>When an uploaded file expires (<c>expires_after</c>): a number of seconds after its creation.</summary>
public sealed class FileExpiration
{
    /// <summary>The shortest expiration the API accepts: one hour.</summary>
    public static readonly TimeSpan Minimum = TimeSpan.FromHours(1);

    /// <summary>The longest expiration the API accepts: 30 days.</summary>
    public static readonly TimeSpan Maximum = TimeSpan.FromDays(30);

    /// <summary>Creates an expiration <paramref name="after"/> the file's creation.</summary>
    /// <param name="after">Between one hour and 30 days.</param>
    public FileExpiration(TimeSpan after)
    {
        if (after < Minimum || after > Maximum)
        {
            throw new ArgumentOutOfRangeException(nameof(after), after, "A file's expiration must be between one hour and 30 days.");
        }

        Seconds = (long)after.TotalSeconds;
    }

    /// <summary>The anchor the time counts from: <c>created_at</c>, the only one the API has.</summary>
    public string Anchor { get; } = "created_at";

    /// <summary>The seconds after the anchor.</summary>
    public long Seconds { get; }
}
