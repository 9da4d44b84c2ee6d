namespace ChatGpt.Resilience.Internal;

/// <summary>Marks that a client's pipeline is registered, so that calling <c>AddChatGpt</c> twice does not stack two
/// pipelines (whose retries would multiply).</summary>
/// <param name="ClientName">The name of the <see cref="HttpClient"/> the pipeline belongs to.</param>
internal sealed record ChatGptResilienceRegistration(string ClientName);
