using System.Globalization;
using Polly.Telemetry;

namespace ChatGpt.Resilience.Internal;

/// <summary>
/// Tags Polly's metrics of a ChatGpt pipeline with the answer's status code as <c>error.type</c>, as
/// <c>Microsoft.Extensions.Http.Resilience</c> tags the pipelines it builds (unless an enricher before it already did).
/// </summary>
internal sealed class PollyHttpStatusEnricher : MeteringEnricher
{
    public const string Tag = "error.type";

    public static readonly PollyHttpStatusEnricher Instance = new();

    public override void Enrich<TResult, TArgs>(in EnrichmentContext<TResult, TArgs> context)
    {
        if (context.TelemetryEvent.Outcome is { Result: HttpResponseMessage response } && !HasTag(context.Tags))
        {
            context.Tags.Add(new(Tag, ((int)response.StatusCode).ToString(CultureInfo.InvariantCulture)));
        }
    }

    private static bool HasTag(IList<KeyValuePair<string, object?>> tags)
    {
        foreach (var tag in tags)
        {
            if (tag.Key == Tag)
            {
                return true;
            }
        }

        return false;
    }
}
