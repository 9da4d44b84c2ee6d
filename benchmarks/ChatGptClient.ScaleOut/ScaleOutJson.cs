using System.Text.Json.Serialization;

namespace ChatGpt.ScaleOut;

/// <summary>What a replica reports: per model, its calls' outcomes and timings, and the rate budget store's cost.</summary>
internal sealed record ReplicaResult(
    int Replica,
    Dictionary<string, ModelResult> Models,
    long StoreOperations,
    double StoreSeconds,
    bool StoreFellBack);

/// <summary>One model's calls in one replica. Times are Unix milliseconds on the machine's clock (shared by the processes).</summary>
internal sealed record ModelResult(int Calls, int Succeeded, int Failed, long LastFinishedAt, List<string> Errors);

/// <summary>The report of a run.</summary>
internal sealed record ScaleOutReport(
    string Scenario,
    int Replicas,
    string Store,
    string Enforcement,
    int Calls,
    int Lost,
    int Attempts,
    int Throttled,
    double ThrottledShare,
    double Seconds,
    double IdealSeconds,
    double TimeRatio,
    double StoreOperationsPerCall,
    double StoreMillisecondsPerCall,
    int ReplicasThatFellBack,
    List<ModelReport> Models);

/// <summary>One model of the report; <see cref="AllowanceShare"/> is the share of its own limit the model got.</summary>
internal sealed record ModelReport(string Model, int RequestsPerMinute, int Calls, int Lost, int Attempts, int Throttled, double Seconds, double IdealSeconds, double AllowanceShare);

[JsonSourceGenerationOptions(WriteIndented = false, PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(ReplicaResult))]
[JsonSerializable(typeof(ScaleOutReport))]
internal sealed partial class ScaleOutJsonContext : JsonSerializerContext;
