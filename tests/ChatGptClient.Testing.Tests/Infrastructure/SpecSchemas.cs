using System.Text.Json;
using Json.Schema;

namespace ChatGpt.Testing.Tests.Infrastructure;

/// <summary>Validates JSON against the schemas of the OpenAI spec (Spec/openai-chat-completions.trimmed.json, converted
/// from shared/openapi/openai-chat-completions.trimmed.yaml by Spec/convert-spec.py).</summary>
public static class SpecSchemas
{
    public const string ChatCompletion = "CreateChatCompletionResponse";
    public const string ChatCompletionChunk = "CreateChatCompletionStreamResponse";
    public const string Completion = "CreateCompletionResponse";
    public const string ModelList = "ListModelsResponse";
    public const string Model = "Model";
    public const string Error = "ErrorResponse";

    private static readonly Uri s_documentUri = new("https://spec.chatgptclient.test/openai.json");

    // The files, uploads, fine-tuning and models endpoints, trimmed from the whole spec by Spec/trim-files-spec.py.
    private static readonly Uri s_filesDocumentUri = new("https://spec.chatgptclient.test/openai-files-fine-tuning.json");
    private static readonly HashSet<string> s_chatSchemaNames = [];
    private static readonly Lazy<BuildOptions> s_options = new(CreateOptions);
    private static readonly Dictionary<string, JsonSchema> s_schemas = [];

    public static void AssertValid(string schemaName, string json)
    {
        using var document = JsonDocument.Parse(json);
        AssertValid(schemaName, document.RootElement);
    }

    public static void AssertValid(string schemaName, JsonElement instance)
    {
        var results = Get(schemaName).Evaluate(instance, new EvaluationOptions { OutputFormat = OutputFormat.List });
        if (!results.IsValid)
        {
            var errors = (results.Details ?? [])
                .Where(d => d.Errors is { Count: > 0 })
                .SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation} ({d.EvaluationPath}): {e.Key}: {e.Value}"));
            Assert.Fail($"The JSON does not match {schemaName}:\n{string.Join('\n', errors)}\n\n{instance.GetRawText()}");
        }
    }

    public static bool IsValid(string schemaName, string json)
    {
        using var document = JsonDocument.Parse(json);
        return Get(schemaName).Evaluate(document.RootElement).IsValid;
    }

    private static JsonSchema Get(string schemaName)
    {
        lock (s_schemas)
        {
            if (!s_schemas.TryGetValue(schemaName, out var schema))
            {
                schema = JsonSchema.FromText(
                    $$"""{"$schema":"https://json-schema.org/draft/2020-12/schema","$ref":"{{DocumentOf(schemaName)}}#/components/schemas/{{schemaName}}"}""",
                    s_options.Value,
                    new Uri($"https://spec.chatgptclient.test/schemas/{schemaName}.json"));
                s_schemas[schemaName] = schema;
            }

            return schema;
        }
    }

    private static Uri DocumentOf(string schemaName)
    {
        _ = s_options.Value;
        return s_chatSchemaNames.Contains(schemaName) ? s_documentUri : s_filesDocumentUri;
    }

    private static BuildOptions CreateOptions()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Spec", "openai-chat-completions.trimmed.json");
        var document = JsonDocument.Parse(File.ReadAllText(path));
        var options = new BuildOptions { SchemaRegistry = new SchemaRegistry(), Dialect = Dialect.Draft202012 };
        options.SchemaRegistry.Register(s_documentUri, new JsonElementBaseDocument(document.RootElement, s_documentUri));
        foreach (var schema in document.RootElement.GetProperty("components").GetProperty("schemas").EnumerateObject())
        {
            s_chatSchemaNames.Add(schema.Name);
        }

        options.SchemaRegistry.Register(s_filesDocumentUri, new JsonElementBaseDocument(FilesSpec.Document.RootElement, s_filesDocumentUri));
        return options;
    }
}
