using System.Globalization;
using System.Text;
using System.Text.Json;

namespace ChatGpt.Testing.Internal;

/// <summary>
/// A deterministic transcript laid over the audio's real duration: words spread in proportion to their length, segments
/// cut at sentence ends. Renders every response format of the API (json, text, srt, vtt, verbose_json, diarized_json)
/// and the streamed <c>transcript.text.*</c> events.
/// </summary>
internal sealed class EmulatedTranscript
{
    private readonly List<(string Word, double Start, double End)> _words = [];
    private readonly List<(string Text, double Start, double End, int FirstWord, int WordCount)> _segments = [];

    public EmulatedTranscript(string text, TimeSpan duration, string task, string language, bool billedByTokens, int promptTokens)
    {
        // One space between words, so the streamed deltas join back into exactly this text.
        Text = string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        Duration = duration.TotalSeconds;
        Task = task;
        Language = language;
        BilledByTokens = billedByTokens;
        PromptTokens = promptTokens;
        Layout();
    }

    public string Text { get; }

    public double Duration { get; }

    public string Task { get; }

    public string Language { get; }

    public bool BilledByTokens { get; }

    public int PromptTokens { get; }

    /// <summary>The text said when the audio carries no transcript: honest about being emulated, with the real duration.</summary>
    public static string Placeholder(WavInfo info) => string.Create(
        CultureInfo.InvariantCulture,
        $"[Emulated transcription: {info.Duration.TotalSeconds:0.00} seconds of {(info.IsWav ? "WAV" : "non-WAV")} audio. The emulator does not recognise speech; put the text in the file's LIST/INFO ICMT chunk to get it back here.]");

    public byte[] Json(bool logprobs) => Write(w =>
    {
        w.WriteStartObject();
        w.WriteString("text", Text);
        if (logprobs)
        {
            WriteLogprobs(w, Text);
        }

        WriteUsage(w);
        w.WriteEndObject();
    });

    public byte[] VerboseJson(bool words, bool segments) => Write(w =>
    {
        w.WriteStartObject();
        w.WriteString("task", Task);
        w.WriteString("language", Language);
        w.WriteNumber("duration", Math.Round(Duration, 3));
        w.WriteString("text", Text);
        if (words)
        {
            w.WriteStartArray("words");
            foreach (var (word, start, end) in _words)
            {
                w.WriteStartObject();
                w.WriteString("word", word);
                w.WriteNumber("start", Math.Round(start, 3));
                w.WriteNumber("end", Math.Round(end, 3));
                w.WriteEndObject();
            }

            w.WriteEndArray();
        }

        if (segments)
        {
            w.WriteStartArray("segments");
            for (var i = 0; i < _segments.Count; i++)
            {
                var (text, start, end, _, _) = _segments[i];
                w.WriteStartObject();
                w.WriteNumber("id", i);
                w.WriteNumber("seek", 0);
                w.WriteNumber("start", Math.Round(start, 3));
                w.WriteNumber("end", Math.Round(end, 3));
                w.WriteString("text", " " + text);
                w.WriteStartArray("tokens");
                foreach (var token in TokenCounter.Tokenizer.EncodeToIds(text))
                {
                    w.WriteNumberValue(token);
                }

                w.WriteEndArray();
                w.WriteNumber("temperature", 0.0);
                w.WriteNumber("avg_logprob", -0.25);
                w.WriteNumber("compression_ratio", 1.2);
                w.WriteNumber("no_speech_prob", 0.01);
                w.WriteEndObject();
            }

            w.WriteEndArray();
        }

        w.WritePropertyName("usage");
        WriteDurationUsage(w);
        w.WriteEndObject();
    });

    public byte[] DiarizedJson() => Write(w =>
    {
        w.WriteStartObject();
        w.WriteString("task", "transcribe");
        w.WriteNumber("duration", Math.Round(Duration, 3));
        w.WriteString("text", Text);
        w.WriteStartArray("segments");
        for (var i = 0; i < _segments.Count; i++)
        {
            WriteSpeakerSegment(w, i);
        }

        w.WriteEndArray();
        WriteUsage(w);
        w.WriteEndObject();
    });

    public string Srt()
    {
        var builder = new StringBuilder();
        for (var i = 0; i < _segments.Count; i++)
        {
            var (text, start, end, _, _) = _segments[i];
            builder.Append(CultureInfo.InvariantCulture, $"{i + 1}\n{Timestamp(start, ',')} --> {Timestamp(end, ',')}\n{text}\n\n");
        }

        return builder.ToString();
    }

    public string Vtt()
    {
        var builder = new StringBuilder("WEBVTT\n\n");
        foreach (var (text, start, end, _, _) in _segments)
        {
            builder.Append(CultureInfo.InvariantCulture, $"{Timestamp(start, '.')} --> {Timestamp(end, '.')}\n{text}\n\n");
        }

        return builder.ToString();
    }

    /// <summary>The streamed events: a delta per word (with the word's log probabilities when asked), segment events for
    /// a diarized stream, then <c>transcript.text.done</c> with the whole text and token usage.</summary>
    public List<byte[]> Events(bool logprobs, bool diarized)
    {
        var events = new List<byte[]>();
        for (var s = 0; s < _segments.Count; s++)
        {
            var (_, _, _, first, count) = _segments[s];
            for (var i = first; i < first + count; i++)
            {
                var delta = (i == 0 ? string.Empty : " ") + _words[i].Word;
                events.Add(Write(w =>
                {
                    w.WriteStartObject();
                    w.WriteString("type", "transcript.text.delta");
                    w.WriteString("delta", delta);
                    if (logprobs)
                    {
                        WriteLogprobs(w, delta);
                    }

                    if (diarized)
                    {
                        w.WriteString("segment_id", SegmentId(s));
                    }

                    w.WriteEndObject();
                }));
            }

            if (diarized)
            {
                var index = s;
                events.Add(Write(w => WriteSpeakerSegment(w, index, withType: true)));
            }
        }

        events.Add(Write(w =>
        {
            w.WriteStartObject();
            w.WriteString("type", "transcript.text.done");
            w.WriteString("text", Text);
            if (logprobs)
            {
                WriteLogprobs(w, Text);
            }

            w.WritePropertyName("usage");
            WriteTokenUsage(w);
            w.WriteEndObject();
        }));
        return events;
    }

    private static string SegmentId(int index) => string.Create(CultureInfo.InvariantCulture, $"seg_{index + 1:000}");

    private static string Timestamp(double seconds, char separator)
    {
        var time = TimeSpan.FromMilliseconds(Math.Round(seconds * 1000));
        return string.Create(CultureInfo.InvariantCulture, $"{(int)time.TotalHours:00}:{time.Minutes:00}:{time.Seconds:00}{separator}{time.Milliseconds:000}");
    }

    private static void WriteLogprobs(Utf8JsonWriter w, string text)
    {
        w.WriteStartArray("logprobs");
        foreach (var token in TokenCounter.Split(text))
        {
            w.WriteStartObject();
            w.WriteString("token", token);
            w.WriteNumber("logprob", StableHash.Logprob(token));
            w.WriteStartArray("bytes");
            foreach (var b in Encoding.UTF8.GetBytes(token))
            {
                w.WriteNumberValue(b);
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        w.WriteEndArray();
    }

    private static byte[] Write(Action<Utf8JsonWriter> write) => ResponseWriter.Write(write);

    private void WriteSpeakerSegment(Utf8JsonWriter w, int index, bool withType = true)
    {
        var (text, start, end, _, _) = _segments[index];
        w.WriteStartObject();
        if (withType)
        {
            w.WriteString("type", "transcript.text.segment");
        }

        w.WriteString("id", SegmentId(index));
        w.WriteNumber("start", Math.Round(start, 3));
        w.WriteNumber("end", Math.Round(end, 3));
        w.WriteString("text", text);
        w.WriteString("speaker", "A");
        w.WriteEndObject();
    }

    private void WriteUsage(Utf8JsonWriter w)
    {
        w.WritePropertyName("usage");
        if (BilledByTokens)
        {
            WriteTokenUsage(w);
        }
        else
        {
            WriteDurationUsage(w);
        }
    }

    private void WriteDurationUsage(Utf8JsonWriter w)
    {
        w.WriteStartObject();
        w.WriteString("type", "duration");
        w.WriteNumber("seconds", Math.Ceiling(Duration));
        w.WriteEndObject();
    }

    private void WriteTokenUsage(Utf8JsonWriter w)
    {
        // Audio is billed at about 10 tokens a second (the rate the gpt-4o transcribe models report).
        var audioTokens = (int)Math.Ceiling(Duration * 10);
        var output = TokenCounter.Count(Text);
        w.WriteStartObject();
        w.WriteString("type", "tokens");
        w.WriteNumber("input_tokens", audioTokens + PromptTokens);
        w.WriteStartObject("input_token_details");
        w.WriteNumber("text_tokens", PromptTokens);
        w.WriteNumber("audio_tokens", audioTokens);
        w.WriteEndObject();
        w.WriteNumber("output_tokens", output);
        w.WriteNumber("total_tokens", audioTokens + PromptTokens + output);
        w.WriteEndObject();
    }

    private void Layout()
    {
        var words = Text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var weight = words.Sum(static w => w.Length + 1.0);
        var position = 0.0;
        foreach (var word in words)
        {
            var length = weight == 0 ? 0 : Duration * (word.Length + 1.0) / weight;
            _words.Add((word, position, position + (length * 0.9)));
            position += length;
        }

        var first = 0;
        for (var i = 0; i < _words.Count; i++)
        {
            var word = _words[i].Word;
            var sentenceEnd = word.EndsWith('.') || word.EndsWith('?') || word.EndsWith('!');
            if (sentenceEnd || i == _words.Count - 1)
            {
                var text = string.Join(' ', _words.Skip(first).Take(i - first + 1).Select(static w => w.Word));
                var end = i == _words.Count - 1 ? Duration : _words[i + 1].Start;
                _segments.Add((text, _words[first].Start, end, first, i - first + 1));
                first = i + 1;
            }
        }
    }
}
