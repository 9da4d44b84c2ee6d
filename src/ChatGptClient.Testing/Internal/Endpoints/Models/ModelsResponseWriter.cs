using System.Text.Json;
using static ChatGpt.Testing.Internal.ResponseWriter;

namespace ChatGpt.Testing.Internal;

/// <summary>Writes <c>model</c> objects and the <c>list</c> of them.</summary>
internal static class ModelsResponseWriter
{
    public static byte[] Models(IEnumerable<string> models, long created) => Write(w =>
    {
        w.WriteStartObject();
        w.WriteString("object", "list");
        w.WriteStartArray("data");
        foreach (var model in models)
        {
            WriteModel(w, model, created);
        }

        w.WriteEndArray();
        w.WriteEndObject();
    });

    public static byte[] Model(string model, long created) => Write(w => WriteModel(w, model, created));

    private static void WriteModel(Utf8JsonWriter w, string model, long created)
    {
        w.WriteStartObject();
        w.WriteString("id", model);
        w.WriteString("object", "model");
        w.WriteNumber("created", created);
        w.WriteString("owned_by", model.StartsWith("ft:", StringComparison.Ordinal) ? "user-emulator" : "system");
        w.WriteEndObject();
    }
}
