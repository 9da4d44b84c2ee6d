using ChatGpt.FineTuning.Internal;

namespace ChatGpt.Tests.FineTuning;

public class WordCountCacheTests
{
    [Fact]
    public void TryGet_AddedWords_FindsEachWithItsCountAndNoOther()
    {
        var cache = new WordCountCache(maxWords: 1000, maxCharacters: 100_000);
        for (var i = 0; i < 1000; i++)
        {
            var word = " word" + i;
            Assert.False(cache.TryGet(word, out _, out var hash));
            cache.Add(word, hash, i);
        }

        for (var i = 0; i < 1000; i++)
        {
            Assert.True(cache.TryGet(" word" + i, out var count, out _));
            Assert.Equal(i, count);
        }

        Assert.False(cache.TryGet(" word1000", out _, out _));
        Assert.False(cache.TryGet(" word", out _, out _)); // a prefix of cached words
        Assert.False(cache.TryGet(" word10000", out _, out _)); // a longer word sharing the start
    }

    [Fact]
    public void Add_OverTheWordLimit_StartsAgainEmpty()
    {
        var cache = new WordCountCache(maxWords: 4, maxCharacters: 1000);
        foreach (var word in new[] { "a", "b", "c", "d", "e" })
        {
            cache.TryGet(word, out _, out var hash);
            cache.Add(word, hash, 1);
        }

        Assert.False(cache.TryGet("a", out _, out _));
        Assert.True(cache.TryGet("e", out _, out _));
    }

    [Fact]
    public void Add_OverTheCharacterLimit_StartsAgainEmpty()
    {
        var cache = new WordCountCache(maxWords: 100, maxCharacters: 10);
        cache.TryGet("abcdef", out _, out var first);
        cache.Add("abcdef", first, 2);
        cache.TryGet("ghijkl", out _, out var second);
        cache.Add("ghijkl", second, 3);

        Assert.False(cache.TryGet("abcdef", out _, out _));
        Assert.True(cache.TryGet("ghijkl", out var count, out _));
        Assert.Equal(3, count);
    }
}
