using System.Text.Json;

namespace ChatGpt.Testing.Internal;

/// <summary>Writes <c>file</c> objects, lists of them and deletion answers.</summary>
internal static class FilesResponseWriter
{
    public static byte[] File(StoredFile file) => ResponseWriter.Write(w => WriteFile(w, file));

    public static byte[] List(IReadOnlyList<StoredFile> files, bool hasMore) => ResponseWriter.Write(w =>
    {
        w.WriteStartObject();
        w.WriteString("object", "list");
        w.WriteStartArray("data");
        foreach (var file in files)
        {
            WriteFile(w, file);
        }

        w.WriteEndArray();
        ResponseWriter.WriteNullableString(w, "first_id", files.Count > 0 ? files[0].Id : null);
        ResponseWriter.WriteNullableString(w, "last_id", files.Count > 0 ? files[^1].Id : null);
        w.WriteBoolean("has_more", hasMore);
        w.WriteEndObject();
    });

    public static byte[] Deleted(string id, string objectType) => ResponseWriter.Write(w =>
    {
        w.WriteStartObject();
        w.WriteString("id", id);
        w.WriteString("object", objectType);
        w.WriteBoolean("deleted", true);
        w.WriteEndObject();
    });

    public static void WriteFile(Utf8JsonWriter w, StoredFile file)
    {
        w.WriteStartObject();
        w.WriteString("id", file.Id);
        w.WriteString("object", "file");
        w.WriteNumber("bytes", file.Bytes);
        w.WriteNumber("created_at", file.CreatedAt);
        if (file.ExpiresAt is { } expires)
        {
            // Absent, not null, when the file does not expire: the spec types it as an integer.
            w.WriteNumber("expires_at", expires);
        }

        w.WriteString("filename", file.Filename);
        w.WriteString("purpose", file.Purpose);
        w.WriteString("status", "processed");
        w.WriteEndObject();
    }
}
