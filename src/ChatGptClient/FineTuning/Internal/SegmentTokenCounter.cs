using System.Buffers;
using System.Text;
using Microsoft.ML.Tokenizers;

namespace ChatGpt.FineTuning.Internal;

/// <summary>
/// Counts the tokens of UTF-8 texts exactly as the model's tiktoken tokenizer does, a word at a time with a cache: the
/// tokenizer's pre-tokenizing regex and byte-pair merges are most of a validation's time, and the words of a training
/// file repeat (Zipf), so almost every word is a dictionary hit on a span, with no string allocated.
/// </summary>
/// <remarks>
/// <para>Why the sum of the words' counts is the text's count: tiktoken counts the byte-pair encoding of each piece its
/// pre-tokenizing regex (o200k_base and cl100k_base alike) cuts the text into, each piece on its own. So a text may be cut
/// anywhere the regex itself always cuts, provided what the regex does after the cut depends only on the text after it.
/// The cuts made here are such places:</para>
/// <list type="bullet">
/// <item>before a space that follows a non-whitespace character: no alternative that matches a non-whitespace character
/// goes on with a space (letters, contractions, digits, punctuation with trailing <c>\r\n/</c>);</item>
/// <item>around a run of digits (<c>\p{N}</c>), and every three digits from its start: only <c>\p{N}{1,3}</c> matches
/// a digit; not before a run that follows whitespace (the whitespace would then end a word, where the lookahead
/// <c>\s+(?!\S)</c> would see the end of the text instead of the digit), nor next to a surrogate (it may be a digit
/// outside the BMP).</item>
/// </list>
/// <para>Every word but the last ends with a non-whitespace character, so the regex's one lookahead never looks past a
/// word. A test compares the count with the tokenizer's on the whole text, for both encodings, on random texts.</para>
/// <para>Not thread-safe: one per thread (the validator rents them from a pool). Memory is bounded: words up to
/// <see cref="MaxCachedWordLength"/> characters, at most <see cref="MaxCachedWords"/> of them and
/// <see cref="MaxCachedCharacters"/> characters in all.</para>
/// </remarks>
internal sealed class SegmentTokenCounter : IDisposable
{
    /// <summary>Longer words are rare (base64, minified data) and counted directly. Tool lists and calls, counted as
    /// JSON, have long words that repeat from example to example, so the limit is not low.</summary>
    internal const int MaxCachedWordLength = 1024;

    /// <summary>The most words cached; a file with more distinct words restarts the cache.</summary>
    internal const int MaxCachedWords = 1 << 15;

    /// <summary>The most characters of cached words (2 MB), whichever limit comes first.</summary>
    internal const int MaxCachedCharacters = 1 << 20;

    /// <summary>ASCII characters other than the space and the digits: no cut is made before one unless digits precede it.</summary>
    private static readonly SearchValues<char> s_neverCuts = SearchValues.Create(
        "\0\u0001\u0002\u0003\u0004\u0005\u0006\u0007\b\t\n\u000B\f\r\u000E\u000F\u0010\u0011\u0012\u0013\u0014\u0015\u0016\u0017\u0018\u0019\u001A\u001B\u001C\u001D\u001E\u001F" +
        "!\"#$%&'()*+,-./:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~\u007F");

    private readonly Tokenizer? _tokenizer;
    private readonly WordCountCache? _cache;
    private char[] _chars = ArrayPool<char>.Shared.Rent(4096);

    public SegmentTokenCounter(Tokenizer? tokenizer)
    {
        _tokenizer = tokenizer;
        _cache = tokenizer is null ? null : new WordCountCache(MaxCachedWords, MaxCachedCharacters);
    }

    /// <summary>The tokens of a UTF-8 text: the tokenizer's count, or four characters a token without a tokenizer.</summary>
    public int Count(ReadOnlySpan<byte> utf8)
    {
        if (utf8.IsEmpty)
        {
            return 0;
        }

        if (_chars.Length < utf8.Length)
        {
            // UTF-8 never decodes to more UTF-16 code units than it has bytes.
            ArrayPool<char>.Shared.Return(_chars);
            _chars = ArrayPool<char>.Shared.Rent(utf8.Length);
        }

        var length = Encoding.UTF8.GetChars(utf8, _chars);
        return Count(_chars.AsSpan(0, length));
    }

    /// <summary>The tokens of a text (see <see cref="Count(ReadOnlySpan{byte})"/>).</summary>
    public int Count(ReadOnlySpan<char> text)
    {
        if (_tokenizer is null)
        {
            return (text.Length + 3) / 4;
        }

        if (text.IsEmpty)
        {
            return 0;
        }

        var total = 0;
        var start = 0;
        var runStart = IsNumber(text[0]) ? 0 : -1; // where the current run of digits began, if it is a true start
        for (var i = 1; i < text.Length; i++)
        {
            if (!IsNumber(text[i - 1]))
            {
                // Vectorized skip over the characters that never cut (ASCII but space and digits), unless a run of digits just ended.
                var skip = text[i..].IndexOfAnyExcept(s_neverCuts);
                if (skip < 0)
                {
                    break;
                }

                i += skip;
            }

            var c = text[i];
            var previous = text[i - 1];
            bool cut;
            if (c == ' ')
            {
                cut = !char.IsWhiteSpace(previous);
            }
            else if (IsNumber(c))
            {
                if (IsNumber(previous))
                {
                    // Digits go in threes from the start of their run.
                    cut = runStart >= 0 && (i - runStart) % 3 == 0;
                }
                else
                {
                    // A surrogate before may be a digit outside the BMP, continuing the run: no known start.
                    runStart = char.IsSurrogate(previous) ? -1 : i;
                    cut = runStart >= 0 && !char.IsWhiteSpace(previous);
                }
            }
            else
            {
                cut = IsNumber(previous) && !char.IsSurrogate(c);
            }

            if (cut)
            {
                total += CountWord(text[start..i]);
                start = i;
            }
        }

        return total + CountWord(text[start..]);
    }

    public void Dispose()
    {
        ArrayPool<char>.Shared.Return(_chars);
        _chars = [];
    }

    /// <summary><c>\p{N}</c> of the tokenizers' regex, for one UTF-16 unit (a surrogate is none: callers treat it as unknown).</summary>
    private static bool IsNumber(char c) => c < 128 ? char.IsAsciiDigit(c) : char.IsNumber(c);

    private int CountWord(ReadOnlySpan<char> word)
    {
        if (word.Length > MaxCachedWordLength)
        {
            return _tokenizer!.CountTokens(word);
        }

        if (_cache!.TryGet(word, out var count, out var hash))
        {
            return count;
        }

        count = _tokenizer!.CountTokens(word);
        _cache.Add(word, hash, count);
        return count;
    }
}
