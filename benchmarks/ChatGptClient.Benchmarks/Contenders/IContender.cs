namespace ChatGpt.Benchmarks.Contenders;

/// <summary>
/// One client library under test. Every method builds the shared request (see
/// <see cref="Infrastructure.BenchmarkPrompt"/>) from scratch, sends it and returns the full answer text, so that no
/// contender can skip reading or parsing what a user would read.
/// </summary>
internal interface IContender : IDisposable
{
    /// <summary>The name shown in reports.</summary>
    string Name { get; }

    /// <summary>Sends the chat request and returns the assistant's content.</summary>
    Task<string> ChatAsync(CancellationToken cancellationToken);

    /// <summary>Streams the chat request (usage included) and returns every content delta joined.</summary>
    Task<string> StreamChatAsync(CancellationToken cancellationToken);

    /// <summary>Sends the legacy completion request and returns its text.</summary>
    Task<string> CompleteAsync(CancellationToken cancellationToken);
}
