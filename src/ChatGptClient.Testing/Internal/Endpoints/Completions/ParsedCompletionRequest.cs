namespace ChatGpt.Testing.Internal;

/// <summary>A validated <c>POST /v1/completions</c> body (named apart from the public <c>ChatGpt.CompletionRequest</c>,
/// which the emulator never uses: it reads the wire, not the client's types).</summary>
internal sealed class ParsedCompletionRequest
{
    public required string Model { get; init; }

    public required IReadOnlyList<string> Prompts { get; init; }

    public bool Stream { get; init; }

    public bool IncludeUsage { get; init; }

    public int N { get; init; } = 1;

    /// <summary>The API's default for this endpoint is 16.</summary>
    public int MaxTokens { get; init; } = 16;

    public IReadOnlyList<string> Stop { get; init; } = [];

    public int? Logprobs { get; init; }

    public bool Echo { get; init; }

    public string? Suffix { get; init; }

    public int PromptTokens { get; set; }
}
