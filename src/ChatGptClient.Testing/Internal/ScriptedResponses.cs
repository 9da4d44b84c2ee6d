using System.Globalization;
using System.Text;

namespace ChatGpt.Testing.Internal;

/// <summary>Turns scripts into responses: the scripts sent whatever the request (errors, raw bodies, malformed JSON,
/// scripted 429s) and the transport faults applied to any response (delays, cuts, stream errors, headers).</summary>
internal static class ScriptedResponses
{
    /// <summary>Whether the script answers on its own, without the endpoint.</summary>
    public static bool IsStandalone(EmulatorResponse script) =>
        script.Kind is EmulatorResponseKind.Error or EmulatorResponseKind.RateLimited or EmulatorResponseKind.Raw or EmulatorResponseKind.Malformed;

    public static ResponsePlan Plan(EmulatorResponse script, EmulatedRequest request, long sequence, DateTimeOffset now, EmulatorRateLimits rateLimits)
    {
        switch (script.Kind)
        {
            case EmulatorResponseKind.RateLimited:
                return rateLimits.ScriptedRejection(request.Model, script.RetryAfter ?? TimeSpan.FromSeconds(1));
            case EmulatorResponseKind.Raw:
                return ResponsePlan.Text(script.StatusCode, script.RawBody!, script.RawContentType);
            case EmulatorResponseKind.Malformed:
                var id = EmulatorIds.ObjectId("chatcmpl-", sequence);
                if (request.IsStreaming)
                {
                    var broken = Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{{\"id\":\"{id}\",\"object\":\"chat.completion.chunk\",\"created\":{now.ToUnixTimeSeconds()},\"choices\":[{{\"index\":0,\"delta\":{{\"content\":\"Hel"));
                    return ResponsePlan.EventStream([broken, "[DONE]"u8.ToArray()]);
                }

                return ResponsePlan.Json(200, ResponseWriter.Malformed(id));
            default:
                return ResponsePlan.Error(script.StatusCode, script.ErrorMessage!, script.ErrorType!, script.ErrorParam, script.ErrorCode);
        }
    }

    /// <summary>Applies the script's transport faults and header changes to whatever response was planned.</summary>
    public static void ApplyModifiers(ResponsePlan plan, EmulatorResponse script)
    {
        plan.FirstByteDelay = script.FirstByteDelay;
        if (script.ChunkDelay is TimeSpan chunkDelay)
        {
            plan.ChunkDelay = chunkDelay;
        }

        plan.CutAfterChunks = script.CutAfterChunks;
        plan.StreamErrorAfterChunks = plan.IsEventStream ? script.StreamErrorAfterChunks : null;
        foreach (var (name, value) in script.ExtraHeaders)
        {
            plan.SetHeader(name, value);
        }

        foreach (var name in script.RemovedHeaders)
        {
            plan.RemoveHeader(name);
        }
    }
}
