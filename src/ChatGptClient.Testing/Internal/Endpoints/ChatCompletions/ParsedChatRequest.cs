namespace ChatGpt.Testing.Internal;

/// <summary>A validated <c>POST /v1/chat/completions</c> body.</summary>
internal sealed class ParsedChatRequest
{
    public required string Model { get; init; }

    public required IReadOnlyList<ParsedMessage> Messages { get; init; }

    public bool Stream { get; init; }

    public bool IncludeUsage { get; init; }

    public bool IncludeObfuscation { get; init; } = true;

    public int N { get; init; } = 1;

    public int? MaxTokens { get; init; }

    public IReadOnlyList<string> Stop { get; init; } = [];

    public bool Logprobs { get; init; }

    public int TopLogprobs { get; init; }

    public IReadOnlyList<ParsedTool> Tools { get; init; } = [];

    /// <summary><c>auto</c>, <c>none</c>, <c>required</c>, or <c>function</c> (then <see cref="ForcedTool"/> is set).</summary>
    public string ToolChoice { get; init; } = "auto";

    public string? ForcedTool { get; init; }

    public bool ParallelToolCalls { get; init; } = true;

    /// <summary><c>text</c>, <c>json_object</c> or <c>json_schema</c>.</summary>
    public string ResponseFormat { get; init; } = "text";

    public System.Text.Json.JsonElement? ResponseSchema { get; init; }

    public int PromptTokens { get; set; }
}
