using System.Text;
using ChatGpt.FineTuning.Internal;
using ChatGpt.Resilience.Internal;

namespace ChatGpt.Tests.FineTuning;

/// <summary>Counting word by word with a cache gives the tokenizer's own count of the whole text, for both encodings.</summary>
public class SegmentTokenCounterTests
{
    public static TheoryData<string> Texts => new()
    {
        "Hello world",
        "My parcel arrived broken, what should I do?",
        "  leading spaces, trailing spaces   ",
        "double  spaces and\ttabs \t and\nnewlines\n\n  indented line\r\n\r\nwindows",
        "It's, they're, we've, I'm, you'll, he'd, IT'S LOUD, O'Brien's",
        "Order A-12345 costs $149.99 (incl. 20% VAT); call +44 20 7946 0958 or 12345678901234.",
        "café naïve Zürich München garantía envío déjà façade smörgåsbord jalapeño",
        "日本語のテキスト と 中文文本 和 한국어 텍스트 mixed with English words",
        "emoji 😀 👍🏽 family 👨‍👩‍👧 flags 🇫🇷 and symbols ™ © ® → ∞ ≠",
        "non-breaking\u00A0space, thin\u2009space, ideographic\u3000space, line\u2028separator, nbsp\u00A0 \u00A0 run",
        "path/to/file.txt, https://example.com/a?b=c&d=e#f, C:\\Windows\\System32, email@example.com",
        "{\"order_id\":\"A-12345\",\"status\":\"in_transit\",\"items\":[1,2,3]} <|endoftext|> <|fim_prefix|>",
        "    def f(x):\n        return x * 2  # comment\n\n    print(f(21))",
        "a / b // c /// d ... !!! ??? --- *** ___ ''' \"\"\"",
        "x",
        " ",
        "\n",
        "word",
        "ALLCAPS CamelCase lowerUPPER mIxEd Straße İstanbul ǅemal",
        "combining e\u0301 a\u0308 marks and zero\u200Bwidth joiners a\u200Db",
        "numbers 1 12 123 1234 12345 1.5 -3 1e10 0x1F 1,000,000 A-12345 $149.99 2026-12-06T08:45:00Z",
        "digits after spaces  123 \t4567\n89012 and unicode digits ٣٤٥ ²³ ½ 𝟙𝟚𝟛 Ⅻ 1𝟙2",
        "trailing punctuation! (parenthesised) [bracketed] {braced} \"quoted\" 'single'",
    };

    [Theory]
    [MemberData(nameof(Texts))]
    public void Count_AnyText_IsTheTokenizersCountOfTheWholeText(string text)
    {
        foreach (var model in new[] { "gpt-4o-mini", "gpt-4" })
        {
            var tokenizer = ModelTokenizer.ForModel(model)!;
            using var counter = new SegmentTokenCounter(tokenizer);

            Assert.Equal(tokenizer.CountTokens(text), counter.Count(Encoding.UTF8.GetBytes(text)));
            Assert.Equal(tokenizer.CountTokens(text), counter.Count(Encoding.UTF8.GetBytes(text))); // from the cache
        }
    }

    [Fact]
    public void Count_RandomTexts_IsTheTokenizersCountOfTheWholeText()
    {
        // Random mixes of the characters where pre-tokenizing rules differ: letters of each case, digits, spaces of
        // several kinds, line breaks, apostrophes, punctuation, non-ASCII letters and marks, surrogate pairs.
        string[] pieces = ["a", "B", "é", "Ü", "ß", "日", "1", "23", "4567", "²", "½", "٣", "𝟙", "Ⅻ", " ", "  ", "\t", "\n", "\r\n", "\u00A0", "\u3000", "'", "'s", "'LL", ".", ",", "/", "-", "$", "😀", "\u0301", "<|", "|>"];
        var random = new Random(42);
        var tokenizer = ModelTokenizer.ForModel("gpt-4o-mini")!;
        var cl100k = ModelTokenizer.ForModel("gpt-4")!;
        using var counter = new SegmentTokenCounter(tokenizer);
        using var cl100kCounter = new SegmentTokenCounter(cl100k);
        for (var i = 0; i < 5000; i++)
        {
            var text = new StringBuilder();
            for (var j = random.Next(1, 40); j > 0; j--)
            {
                text.Append(pieces[random.Next(pieces.Length)]);
            }

            var value = text.ToString();
            var bytes = Encoding.UTF8.GetBytes(value);
            Assert.True(tokenizer.CountTokens(value) == counter.Count(bytes), $"o200k: '{value}'");
            Assert.True(cl100k.CountTokens(value) == cl100kCounter.Count(bytes), $"cl100k: '{value}'");
        }
    }

    [Fact]
    public void Count_NoTokenizer_IsFourCharactersAToken()
    {
        using var counter = new SegmentTokenCounter(tokenizer: null);

        Assert.Equal(3, counter.Count("Hello, world"u8));
        Assert.Equal(0, counter.Count(""u8));
    }
}
