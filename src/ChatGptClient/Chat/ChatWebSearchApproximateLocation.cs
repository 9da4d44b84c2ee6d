namespace ChatGpt.Chat;

/// <summary>An approximate location: country, region, city and time zone, each optional.</summary>
public sealed class ChatWebSearchApproximateLocation
{
    /// <summary>The two-letter ISO country code, e.g. <c>US</c>.</summary>
    public string? Country { get; set; }

    /// <summary>The region, e.g. <c>California</c>.</summary>
    public string? Region { get; set; }

    /// <summary>The city, e.g. <c>San Francisco</c>.</summary>
    public string? City { get; set; }

    /// <summary>The IANA time zone, e.g. <c>America/Los_Angeles</c>.</summary>
    public string? Timezone { get; set; }
}
