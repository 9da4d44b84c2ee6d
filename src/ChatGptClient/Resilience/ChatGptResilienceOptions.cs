namespace ChatGpt.Resilience;

/// <summary>Retry, rate-limit and timeout settings of the pipeline registered by <c>AddChatGpt</c>.</summary>
public sealed class ChatGptResilienceOptions
{
    /// <summary>Whether <c>AddChatGpt</c> adds the resilience pipeline.</summary>
    /// <value>Defaults to <see langword="true"/>. Turn it off to add your own pipeline to the returned builder.</value>
    public bool Enabled { get; set; } = true;

    /// <summary>The longest wait between two events of a streamed response before the stream is abandoned.</summary>
    /// <value>Defaults to 5 minutes: reasoning models may think for minutes before their first token.
    /// <see cref="System.Threading.Timeout.InfiniteTimeSpan"/> disables it.</value>
    public TimeSpan StreamIdleTimeout { get; set; } = TimeSpan.FromMinutes(5);
}
