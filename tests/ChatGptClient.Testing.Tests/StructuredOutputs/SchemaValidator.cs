using System.Text.Json;
using Json.Schema;

namespace ChatGpt.Testing.Tests.StructuredOutputs;

/// <summary>Validates instances with JsonSchema.Net (draft 2020-12, formats asserted, not just annotated).</summary>
public static class SchemaValidator
{
    private static int s_counter;

    public static void AssertValid(string schemaText, string instanceJson, string because)
    {
        var errors = Errors(schemaText, instanceJson);
        if (errors.Count > 0)
        {
            Assert.Fail($"{because}: the instance does not validate.\n{string.Join('\n', errors)}\n\nInstance: {instanceJson}\nSchema: {schemaText}");
        }
    }

    public static List<string> Errors(string schemaText, string instanceJson)
    {
        var options = new BuildOptions { SchemaRegistry = new SchemaRegistry(), Dialect = Dialect.Draft202012 };
        var uri = new Uri($"https://schemas.chatgptclient.test/{Interlocked.Increment(ref s_counter)}.json");
        var schema = JsonSchema.FromText(schemaText, options, uri);
        using var document = JsonDocument.Parse(instanceJson);
        var results = schema.Evaluate(document.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List, RequireFormatValidation = true });
        return results.IsValid
            ? []
            : [.. (results.Details ?? []).Where(d => d.Errors is { Count: > 0 }).SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation} ({d.EvaluationPath}): {e.Key}: {e.Value}"))];
    }
}
