namespace ChatGpt.Benchmarks.Scenarios;

/// <summary>The operations measured, one benchmark class (and category) each.</summary>
public enum Scenario
{
    /// <summary>A chat completion with a one-sentence answer.</summary>
    ChatShort,

    /// <summary>A chat completion with a 16 KB answer.</summary>
    ChatLong,

    /// <summary>A 500-chunk chat stream with usage.</summary>
    ChatStream,

    /// <summary>A legacy text completion.</summary>
    Completion,
}
