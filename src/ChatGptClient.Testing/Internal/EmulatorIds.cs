using System.Globalization;
using System.Text;

namespace ChatGpt.Testing.Internal;

/// <summary>Deterministic ids shaped like the API's (<c>req_…</c>, <c>chatcmpl-…</c>, <c>call_…</c>, <c>file-…</c>):
/// the same request number always gives the same id, in every process.</summary>
internal static class EmulatorIds
{
    private const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    /// <summary>The <c>x-request-id</c> of request number <paramref name="sequence"/>.</summary>
    public static string RequestId(long sequence)
    {
        var builder = new StringBuilder("req_", 36);
        for (var i = 0; i < 4; i++)
        {
            builder.Append(StableHash.Of(string.Create(CultureInfo.InvariantCulture, $"req{sequence}/{i}")).ToString("x8", CultureInfo.InvariantCulture));
        }

        return builder.ToString();
    }

    /// <summary>An object id: <paramref name="prefix"/> and 24 letters or digits.</summary>
    public static string ObjectId(string prefix, long sequence)
    {
        var builder = new StringBuilder(prefix, prefix.Length + 29);
        var hash = StableHash.Of(string.Create(CultureInfo.InvariantCulture, $"{prefix}{sequence}"));
        for (var i = 0; i < 24; i++)
        {
            hash = (hash * 1103515245u) + 12345u;
            builder.Append(Alphabet[(int)((hash >> 16) % (uint)Alphabet.Length)]);
        }

        return builder.ToString();
    }
}
