namespace ChatGpt.Testing.Internal;

/// <summary>What both generation endpoints do once their choices are made: charge the rate limits (or answer their
/// 429), then write the document or the stream, with the rate-limit headers.</summary>
internal static class GeneratedAnswer
{
    public static ResponsePlan Plan(EmulatorRateLimits limits, string model, long cost, DateTimeOffset now, bool stream, Func<IReadOnlyList<ServerSentEvent>> events, Func<byte[]> document)
    {
        if (limits.TryReject(model, cost, now) is { } rejected)
        {
            return rejected;
        }

        var plan = stream ? ResponsePlan.EventStream(events()) : ResponsePlan.Json(200, document());
        limits.AddHeaders(plan, model, now);
        return plan;
    }
}
