using System.Runtime.InteropServices;

namespace ChatGpt.FineTuning.Internal;

/// <summary>
/// The token counts of words already seen, looked up by span: an open-addressing table whose keys live in one character
/// buffer. A <see cref="Dictionary{TKey, TValue}"/> lookup was most of the validator's time once the tokenizer was out
/// of the way (about 45 ns a word); this one hashes eight bytes at a step and compares keys with one vectorized call.
/// </summary>
/// <remarks>Bounded: at most <c>maxWords</c> words and <c>maxCharacters</c> characters (a full cache starts again
/// empty), grown as words arrive. The hash is seeded per process, so a file cannot be crafted to collide. Not thread-safe.</remarks>
internal sealed class WordCountCache
{
    private static readonly ulong s_seed = (ulong)Random.Shared.NextInt64();

    private readonly int _maxWords;
    private readonly int _maxCharacters;
    private Slot[] _slots = new Slot[256];
    private char[] _text = new char[4096];
    private int _textLength;
    private int _count;

    public WordCountCache(int maxWords, int maxCharacters)
    {
        _maxWords = maxWords;
        _maxCharacters = maxCharacters;
    }

    /// <summary>The count of <paramref name="word"/> (not empty), if cached; <paramref name="hash"/> is for <see cref="Add"/>.</summary>
    public bool TryGet(ReadOnlySpan<char> word, out int count, out uint hash)
    {
        hash = Hash(word);
        var mask = _slots.Length - 1;
        for (var i = (int)hash & mask; ; i = (i + 1) & mask)
        {
            ref var slot = ref _slots[i];
            if (slot.Length == 0)
            {
                count = 0;
                return false;
            }

            if (slot.Hash == hash && slot.Length == word.Length && word.SequenceEqual(_text.AsSpan(slot.Offset, slot.Length)))
            {
                count = slot.Count;
                return true;
            }
        }
    }

    /// <summary>Caches the count of a word that <see cref="TryGet"/> did not find, with the hash it gave.</summary>
    public void Add(ReadOnlySpan<char> word, uint hash, int count)
    {
        if (word.IsEmpty || word.Length > _maxCharacters)
        {
            return;
        }

        if (_count >= _maxWords || _textLength + word.Length > _maxCharacters)
        {
            Array.Clear(_slots);
            _count = 0;
            _textLength = 0;
        }

        // Grown as words arrive (a file of few distinct words keeps a small table), half full at most so probes stay short.
        if (_textLength + word.Length > _text.Length)
        {
            Array.Resize(ref _text, Math.Min(_maxCharacters, Math.Max(_text.Length * 2, _textLength + word.Length)));
        }

        if ((_count + 1) * 2 > _slots.Length)
        {
            Grow();
        }

        var mask = _slots.Length - 1;
        var i = (int)hash & mask;
        while (_slots[i].Length != 0)
        {
            i = (i + 1) & mask;
        }

        word.CopyTo(_text.AsSpan(_textLength));
        _slots[i] = new Slot { Hash = hash, Offset = _textLength, Length = word.Length, Count = count };
        _textLength += word.Length;
        _count++;
    }

    private void Grow()
    {
        var old = _slots;
        _slots = new Slot[old.Length * 2];
        var mask = _slots.Length - 1;
        foreach (var slot in old)
        {
            if (slot.Length != 0)
            {
                var i = (int)slot.Hash & mask;
                while (_slots[i].Length != 0)
                {
                    i = (i + 1) & mask;
                }

                _slots[i] = slot;
            }
        }
    }

    private static uint Hash(ReadOnlySpan<char> word)
    {
        var bytes = MemoryMarshal.AsBytes(word);
        var hash = s_seed ^ ((ulong)bytes.Length * 0x9E3779B97F4A7C15UL);
        while (bytes.Length >= sizeof(ulong))
        {
            hash = (hash ^ MemoryMarshal.Read<ulong>(bytes)) * 0xFF51AFD7ED558CCDUL;
            hash ^= hash >> 32;
            bytes = bytes[sizeof(ulong)..];
        }

        if (!bytes.IsEmpty)
        {
            ulong tail = 0;
            foreach (var b in bytes)
            {
                tail = (tail << 8) | b;
            }

            hash = (hash ^ tail) * 0xC4CEB9FE1A85EC53UL;
        }

        hash ^= hash >> 29;
        return (uint)(hash ^ (hash >> 32));
    }

    private struct Slot
    {
        public uint Hash;
        public int Offset;
        public int Length; // 0: empty (words are never empty)
        public int Count;
    }
}
