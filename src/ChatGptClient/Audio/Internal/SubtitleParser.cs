using System.Globalization;

namespace ChatGpt.Audio.Internal;

/// <summary>Reads the cues of an srt or vtt body into segments, so subtitle formats come back typed as well as as text.</summary>
internal static class SubtitleParser
{
    public static List<TranscriptionSegment> Parse(string body)
    {
        var segments = new List<TranscriptionSegment>();
        var lines = body.ReplaceLineEndings("\n").Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var arrow = lines[i].IndexOf("-->", StringComparison.Ordinal);
            if (arrow < 0)
            {
                continue;
            }

            var start = ParseTime(lines[i].AsSpan(0, arrow));
            var endPart = lines[i].AsSpan(arrow + 3).Trim();
            var space = endPart.IndexOf(' ');
            var end = ParseTime(space < 0 ? endPart : endPart[..space]);
            if (start is null || end is null)
            {
                continue;
            }

            var text = new List<string>();
            while (i + 1 < lines.Length && lines[i + 1].Length > 0)
            {
                text.Add(lines[++i]);
            }

            segments.Add(new TranscriptionSegment { Id = segments.Count, Start = start.Value, End = end.Value, Text = string.Join('\n', text) });
        }

        return segments;
    }

    /// <summary>Reads <c>hh:mm:ss,fff</c> (srt) or <c>[hh:]mm:ss.fff</c> (vtt) as seconds.</summary>
    private static double? ParseTime(ReadOnlySpan<char> text)
    {
        text = text.Trim();
        Span<Range> parts = stackalloc Range[4];
        var count = text.Split(parts, ':');
        if (count is < 2 or > 3)
        {
            return null;
        }

        double seconds = 0;
        for (var p = 0; p < count; p++)
        {
            var part = text[parts[p]].ToString().Replace(',', '.');
            if (!double.TryParse(part, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
            {
                return null;
            }

            seconds = (seconds * 60) + value;
        }

        return seconds;
    }
}
