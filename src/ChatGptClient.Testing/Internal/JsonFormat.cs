using System.Text.Encodings.Web;
using System.Text.Json;

namespace ChatGpt.Testing.Internal;

/// <summary>How the emulator writes JSON: compact, UTF-8 text unescaped like the API sends it.</summary>
internal static class JsonFormat
{
    public static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, Indented = false };
}
