using System.Text.Json;

namespace ChatGpt.Testing.Tests.Infrastructure;

/// <summary>
/// The operations of the files, uploads, fine-tuning and models endpoints in the OpenAI spec
/// (Spec/openai-files-fine-tuning.trimmed.json): checks that a request's method, path, query parameters and body are
/// ones the spec defines.
/// </summary>
public static class FilesSpec
{
    public static readonly JsonDocument Document = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Spec", "openai-files-fine-tuning.trimmed.json")));

    /// <summary>Asserts that the spec has the operation and its query parameters, and returns the operation.</summary>
    public static JsonElement AssertOperation(string method, string pathAndQuery)
    {
        var split = pathAndQuery.Split('?', 2);
        var path = split[0].StartsWith("/v1/", StringComparison.Ordinal) ? split[0][3..] : split[0];
        var template = Document.RootElement.GetProperty("paths").EnumerateObject().FirstOrDefault(p => Matches(p.Name, path));
        Assert.True(template.Value.ValueKind == JsonValueKind.Object, $"The spec has no path for {path}.");
        Assert.True(template.Value.TryGetProperty(method.ToLowerInvariant(), out var operation), $"The spec has no {method} {template.Name}.");

        var known = operation.TryGetProperty("parameters", out var parameters)
            ? parameters.EnumerateArray().Where(p => p.GetProperty("in").GetString() == "query").Select(p => p.GetProperty("name").GetString()!).ToHashSet()
            : [];
        if (split.Length == 2)
        {
            foreach (var pair in split[1].Split('&', StringSplitOptions.RemoveEmptyEntries))
            {
                var name = Uri.UnescapeDataString(pair.Split('=')[0]);
                var baseName = name.Split('[')[0]; // metadata[key] is the deepObject form of 'metadata'
                Assert.True(known.Contains(baseName), $"{method} {template.Name} has no query parameter '{name}' in the spec.");
            }
        }

        return operation;
    }

    /// <summary>The name of the request body's schema for a content type, e.g. CreateFineTuningJobRequest.</summary>
    public static string RequestSchema(JsonElement operation, string contentType)
    {
        var schema = operation.GetProperty("requestBody").GetProperty("content").GetProperty(contentType).GetProperty("schema").GetProperty("$ref").GetString()!;
        return schema[(schema.LastIndexOf('/') + 1)..];
    }

    /// <summary>The property names of a schema (for the fields of a multipart form).</summary>
    public static IReadOnlySet<string> Properties(string schemaName) =>
        Document.RootElement.GetProperty("components").GetProperty("schemas").GetProperty(schemaName).GetProperty("properties").EnumerateObject().Select(p => p.Name).ToHashSet();

    private static bool Matches(string template, string path)
    {
        var expected = template.Trim('/').Split('/');
        var actual = path.Trim('/').Split('/');
        if (expected.Length != actual.Length)
        {
            return false;
        }

        for (var i = 0; i < expected.Length; i++)
        {
            if (!(expected[i].StartsWith('{') || expected[i] == actual[i]))
            {
                return false;
            }
        }

        return true;
    }
}
