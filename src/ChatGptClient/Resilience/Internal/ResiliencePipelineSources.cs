using System.Collections.Concurrent;

namespace ChatGpt.Resilience.Internal;

/// <summary>The pipeline of every client name in a container: handlers come and go with <c>IHttpClientFactory</c>'s
/// rotation, the pipeline (and its rate budgets' queues) stays.</summary>
internal sealed class ResiliencePipelineSources(IServiceProvider services)
{
    private readonly ConcurrentDictionary<string, ResiliencePipelineSource> _byClient = new(StringComparer.Ordinal);

    public ResiliencePipelineSource For(string clientName, string optionsName) =>
        _byClient.GetOrAdd(clientName, static (client, state) => new ResiliencePipelineSource(state.services, client, state.optionsName), (services, optionsName));
}
