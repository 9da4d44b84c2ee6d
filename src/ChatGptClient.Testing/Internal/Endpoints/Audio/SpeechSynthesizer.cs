using System.Buffers.Binary;
using System.Text;

namespace ChatGpt.Testing.Internal;

/// <summary>
/// The emulator's stand-in for a voice: a valid 24 kHz, 16-bit mono WAV (or its raw PCM) whose duration follows the text's
/// length and the speed, one soft tone per word and silence between words. Not speech: the WAV says so in its
/// <c>LIST/INFO</c> chunk (<c>ISFT</c>), and carries the text in <c>ICMT</c>, so the emulator transcribes its own speech
/// back to the same text.
/// </summary>
internal static class SpeechSynthesizer
{
    /// <summary>The sample rate of the API's <c>pcm</c> format (and of the emulator's WAV).</summary>
    public const int SampleRate = 24_000;

    /// <summary>Characters spoken per second at speed 1: about 150 words a minute.</summary>
    public const double CharactersPerSecond = 15;

    public const string Software = "ChatGptClient emulator: synthetic tones, not speech";

    public static TimeSpan DurationOf(string input, double speed) =>
        TimeSpan.FromSeconds(Math.Max(0.5, input.Length / CharactersPerSecond / speed));

    /// <summary>The samples, 16-bit little-endian mono.</summary>
    public static byte[] Pcm(string input, double speed)
    {
        var samples = (int)(DurationOf(input, speed).TotalSeconds * SampleRate);
        var pcm = new byte[samples * 2];
        var samplesPerChar = (double)samples / Math.Max(1, input.Length);
        for (var c = 0; c < input.Length; c++)
        {
            if (char.IsWhiteSpace(input[c]))
            {
                continue;
            }

            // The pitch of a character follows its code, so a text always sounds the same.
            var frequency = 180 + (input[c] % 32 * 12);
            var start = (int)(c * samplesPerChar);
            var end = Math.Min(samples, (int)((c + 1) * samplesPerChar));
            for (var i = start; i < end; i++)
            {
                var t = (double)(i - start) / Math.Max(1, end - start);
                var envelope = Math.Sin(Math.PI * t);
                var value = (short)(envelope * 6000 * Math.Sin(2 * Math.PI * frequency * i / SampleRate));
                BinaryPrimitives.WriteInt16LittleEndian(pcm.AsSpan(i * 2), value);
            }
        }

        return pcm;
    }

    /// <summary>A whole WAV file: header, the <c>LIST/INFO</c> chunk with the text, then the samples.</summary>
    public static byte[] Wav(string input, double speed) => Wav(Pcm(input, speed), input);

    public static byte[] Wav(ReadOnlySpan<byte> pcm, string comment)
    {
        var info = InfoChunk(comment);
        using var wav = new MemoryStream(44 + info.Length + pcm.Length);
        Span<byte> header = stackalloc byte[36];
        "RIFF"u8.CopyTo(header);
        BinaryPrimitives.WriteUInt32LittleEndian(header[4..], (uint)(4 + 24 + info.Length + 8 + pcm.Length));
        "WAVE"u8.CopyTo(header[8..]);
        "fmt "u8.CopyTo(header[12..]);
        BinaryPrimitives.WriteUInt32LittleEndian(header[16..], 16);
        BinaryPrimitives.WriteUInt16LittleEndian(header[20..], 1); // PCM
        BinaryPrimitives.WriteUInt16LittleEndian(header[22..], 1); // mono
        BinaryPrimitives.WriteUInt32LittleEndian(header[24..], SampleRate);
        BinaryPrimitives.WriteUInt32LittleEndian(header[28..], SampleRate * 2);
        BinaryPrimitives.WriteUInt16LittleEndian(header[32..], 2);
        BinaryPrimitives.WriteUInt16LittleEndian(header[34..], 16);
        wav.Write(header);
        wav.Write(info);
        Span<byte> data = stackalloc byte[8];
        "data"u8.CopyTo(data);
        BinaryPrimitives.WriteUInt32LittleEndian(data[4..], (uint)pcm.Length);
        wav.Write(data);
        wav.Write(pcm);
        return wav.ToArray();
    }

    /// <summary>A <c>LIST</c> chunk of type <c>INFO</c> with <c>ICMT</c> (the text) and <c>ISFT</c> (what made the file).</summary>
    public static byte[] InfoChunk(string comment)
    {
        using var list = new MemoryStream();
        list.Write("INFO"u8);
        WriteSubChunk(list, "ICMT"u8, Encoding.UTF8.GetBytes(comment));
        WriteSubChunk(list, "ISFT"u8, Encoding.UTF8.GetBytes(Software));
        var body = list.ToArray();
        var chunk = new byte[8 + body.Length];
        "LIST"u8.CopyTo(chunk);
        BinaryPrimitives.WriteUInt32LittleEndian(chunk.AsSpan(4), (uint)body.Length);
        body.CopyTo(chunk, 8);
        return chunk;
    }

    private static void WriteSubChunk(Stream stream, ReadOnlySpan<byte> id, byte[] text)
    {
        // Zero-terminated, padded to an even size, as RIFF INFO strings are.
        var size = text.Length + 1;
        Span<byte> header = stackalloc byte[8];
        id.CopyTo(header);
        BinaryPrimitives.WriteUInt32LittleEndian(header[4..], (uint)size);
        stream.Write(header);
        stream.Write(text);
        stream.WriteByte(0);
        if ((size & 1) == 1)
        {
            stream.WriteByte(0);
        }
    }
}
