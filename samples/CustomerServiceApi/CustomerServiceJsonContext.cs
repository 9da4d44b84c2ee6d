using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Mvc;

namespace CustomerServiceApi;

/// <summary>Source-generated JSON for the API's own types (trim- and AOT-friendly).</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(AskRequest))]
[JsonSerializable(typeof(AskResponse))]
[JsonSerializable(typeof(ServiceInfo))]
[JsonSerializable(typeof(ProblemDetails))]
public sealed partial class CustomerServiceJsonContext : JsonSerializerContext;
