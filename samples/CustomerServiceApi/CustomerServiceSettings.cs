namespace CustomerServiceApi;

/// <summary>The <c>CustomerService</c> configuration section.</summary>
public sealed class CustomerServiceSettings
{
    public const string SectionName = "CustomerService";

    public string CompanyName { get; set; } = "Contoso";

    public string SystemPrompt { get; set; } = "You are a friendly customer-service assistant. Be brief.";

    public int MaxTokens { get; set; } = 300;

    /// <summary>Forces the built-in emulator on (true) or off (false); by default it is on when no API key or base
    /// address is configured.</summary>
    public bool? UseEmulator { get; set; }
}
