using System.Text;
using System.Text.RegularExpressions;

namespace ChatGpt.Testing.Internal;

/// <summary>
/// Generates a string that matches a regular expression (a JSON Schema <c>pattern</c>), for the syntax such patterns
/// use: literals and escapes, character classes (<c>[a-z0-9_]</c>, <c>[^@\s]</c>, <c>\d \w \s \p{L}</c>, <c>.</c>), groups
/// (capturing, non-capturing, named), alternation, quantifiers (<c>* + ? {n} {n,} {n,m}</c>, lazy or possessive),
/// anchors and backreferences; lookarounds generate nothing. Each candidate is checked with <see cref="Regex"/>, so the
/// sampler never claims a match it does not have.
/// </summary>
/// <remarks>A character class or escape is sampled by testing a fixed list of candidate characters against the atom
/// itself compiled as a regex, which gives .NET's exact semantics for every class syntax without re-implementing them.
/// Unbounded repetitions are grown step by step until a length constraint is met.</remarks>
internal static class RegexSampler
{
    private const string Candidates =
        "aeiouAEIOU1234567890bcdfghjklmnpqrstvwxyzBCDFGHJKLMNPQRSTVWXYZ_-.@:/+ #,;!?()[]{}*&%$~=<>|\"'^`\\\u00e9\u00fc\u4e2d\u0416";

    private static readonly TimeSpan s_timeout = TimeSpan.FromMilliseconds(200);
    private static readonly int[] s_boosts = [0, 1, 2, 3, 5, 8, 13, 21, 34, 55, 89, 144, 233];

    /// <summary>A string matching <paramref name="pattern"/> (anywhere, as JSON Schema <c>pattern</c> does) whose length is
    /// within the bounds when possible.</summary>
    public static bool TryGenerate(string pattern, int minLength, int? maxLength, out string sample)
    {
        sample = string.Empty;
        Regex regex;
        Node root;
        try
        {
            regex = new Regex(pattern, RegexOptions.CultureInvariant, s_timeout);
            root = new Parser(pattern).Parse();
        }
        catch (ArgumentException)
        {
            return false;
        }
        catch (FormatException)
        {
            return false;
        }

        string? firstMatch = null;
        for (var alternative = 0; alternative < 2; alternative++)
        {
            foreach (var boost in s_boosts)
            {
                var candidate = Generate(root, boost, alternative == 1);
                if (!IsMatch(regex, candidate))
                {
                    continue;
                }

                firstMatch ??= candidate;
                var length = CodePoints(candidate);
                if (length >= minLength && (maxLength is null || length <= maxLength))
                {
                    sample = candidate;
                    return true;
                }

                if (maxLength is int max && length > max)
                {
                    break;
                }
            }
        }

        if (firstMatch is not null)
        {
            sample = firstMatch;
            return true;
        }

        return false;
    }

    public static int CodePoints(string text)
    {
        var count = 0;
        for (var i = 0; i < text.Length; i++)
        {
            if (!char.IsLowSurrogate(text[i]))
            {
                count++;
            }
        }

        return count;
    }

    private static bool IsMatch(Regex regex, string candidate)
    {
        try
        {
            return regex.IsMatch(candidate);
        }
        catch (RegexMatchTimeoutException)
        {
            return false;
        }
    }

    private static string Generate(Node root, int boost, bool lastAlternative)
    {
        var builder = new StringBuilder();
        var groups = new Dictionary<string, string>(StringComparer.Ordinal);
        root.Write(builder, new GenerationSettings(boost, lastAlternative, groups));
        return builder.ToString();
    }

    private static string SampleAtom(string atom)
    {
        Regex regex;
        try
        {
            regex = new Regex("^(?:" + atom + ")$", RegexOptions.CultureInvariant, s_timeout);
        }
        catch (ArgumentException)
        {
            return string.Empty;
        }

        foreach (var c in Candidates)
        {
            var candidate = c.ToString();
            if (regex.IsMatch(candidate))
            {
                return candidate;
            }
        }

        for (var c = 0x21; c < 0x3000; c++)
        {
            var candidate = ((char)c).ToString();
            if (!char.IsSurrogate((char)c) && regex.IsMatch(candidate))
            {
                return candidate;
            }
        }

        return string.Empty;
    }

    private sealed record GenerationSettings(int Boost, bool LastAlternative, Dictionary<string, string> Groups);

    private abstract class Node
    {
        public abstract void Write(StringBuilder builder, GenerationSettings settings);
    }

    private sealed class Text(string value) : Node
    {
        public override void Write(StringBuilder builder, GenerationSettings settings) => builder.Append(value);
    }

    private sealed class Atom(string source) : Node
    {
        private string? _sample;

        public override void Write(StringBuilder builder, GenerationSettings settings) => builder.Append(_sample ??= SampleAtom(source));
    }

    private sealed class Sequence(List<Node> items) : Node
    {
        public override void Write(StringBuilder builder, GenerationSettings settings)
        {
            foreach (var item in items)
            {
                item.Write(builder, settings);
            }
        }
    }

    private sealed class Alternation(List<Node> options) : Node
    {
        public override void Write(StringBuilder builder, GenerationSettings settings) =>
            options[settings.LastAlternative ? options.Count - 1 : 0].Write(builder, settings);
    }

    private sealed class Group(Node inner, string? name) : Node
    {
        public override void Write(StringBuilder builder, GenerationSettings settings)
        {
            var start = builder.Length;
            inner.Write(builder, settings);
            if (name is not null)
            {
                settings.Groups[name] = builder.ToString(start, builder.Length - start);
            }
        }
    }

    private sealed class Backreference(string name) : Node
    {
        public override void Write(StringBuilder builder, GenerationSettings settings)
        {
            if (settings.Groups.TryGetValue(name, out var value))
            {
                builder.Append(value);
            }
        }
    }

    private sealed class Repeat(Node inner, int min, int? max) : Node
    {
        public override void Write(StringBuilder builder, GenerationSettings settings)
        {
            var count = min;
            if (settings.Boost > 0)
            {
                count = max is int m ? Math.Min(m, min + settings.Boost) : min + settings.Boost;
            }

            for (var i = 0; i < count; i++)
            {
                inner.Write(builder, settings);
            }
        }
    }

    /// <summary>A recursive-descent parser of the pattern into generation nodes.</summary>
    private sealed class Parser(string pattern)
    {
        private int _position;
        private int _groupNumber;

        public Node Parse()
        {
            var node = ParseAlternation();
            if (_position < pattern.Length)
            {
                throw new FormatException($"Unexpected '{pattern[_position]}' at {_position}.");
            }

            return node;
        }

        private Node ParseAlternation()
        {
            var options = new List<Node> { ParseSequence() };
            while (_position < pattern.Length && pattern[_position] == '|')
            {
                _position++;
                options.Add(ParseSequence());
            }

            return options.Count == 1 ? options[0] : new Alternation(options);
        }

        private Sequence ParseSequence()
        {
            var items = new List<Node>();
            while (_position < pattern.Length && pattern[_position] is not ('|' or ')'))
            {
                var atom = ParseAtom();
                items.Add(ParseQuantifier(atom));
            }

            return new Sequence(items);
        }

        private Node ParseQuantifier(Node atom)
        {
            if (_position >= pattern.Length)
            {
                return atom;
            }

            int min;
            int? max;
            switch (pattern[_position])
            {
                case '*':
                    (min, max) = (0, null);
                    _position++;
                    break;
                case '+':
                    (min, max) = (1, null);
                    _position++;
                    break;
                case '?':
                    (min, max) = (0, 1);
                    _position++;
                    break;
                case '{' when TryParseBraces(out min, out max):
                    break;
                default:
                    return atom;
            }

            if (_position < pattern.Length && pattern[_position] is '?' or '+')
            {
                _position++;
            }

            return ParseQuantifier(new Repeat(atom, min, max));
        }

        private bool TryParseBraces(out int min, out int? max)
        {
            min = 0;
            max = null;
            var close = pattern.IndexOf('}', _position);
            if (close < 0)
            {
                return false;
            }

            var body = pattern[(_position + 1)..close];
            var comma = body.IndexOf(',', StringComparison.Ordinal);
            var minText = comma < 0 ? body : body[..comma];
            if (!int.TryParse(minText, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out min))
            {
                return false;
            }

            if (comma < 0)
            {
                max = min;
            }
            else if (body.Length > comma + 1)
            {
                if (!int.TryParse(body[(comma + 1)..], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var m))
                {
                    return false;
                }

                max = m;
            }

            _position = close + 1;
            return true;
        }

        private Node ParseAtom()
        {
            var c = pattern[_position];
            switch (c)
            {
                case '^' or '$':
                    _position++;
                    return new Text(string.Empty);
                case '(':
                    return ParseGroup();
                case '[':
                    return new Atom(ReadClass());
                case '.':
                    _position++;
                    return new Atom(".");
                case '\\':
                    return ParseEscape();
                default:
                    _position++;
                    return new Text(c.ToString());
            }
        }

        private Node ParseGroup()
        {
            _position++;
            string? name = null;
            var lookaround = false;
            if (pattern.AsSpan(_position).StartsWith("?"))
            {
                var rest = pattern.AsSpan(_position);
                if (rest.StartsWith("?:"))
                {
                    _position += 2;
                }
                else if (rest.StartsWith("?=") || rest.StartsWith("?!"))
                {
                    _position += 2;
                    lookaround = true;
                }
                else if (rest.StartsWith("?<=") || rest.StartsWith("?<!"))
                {
                    _position += 3;
                    lookaround = true;
                }
                else if (rest.StartsWith("?<") || rest.StartsWith("?P<") || rest.StartsWith("?'"))
                {
                    _position += rest.StartsWith("?P<") ? 3 : 2;
                    var end = pattern.IndexOfAny(['>', '\''], _position);
                    name = pattern[_position..end];
                    _position = end + 1;
                    _groupNumber++;
                }
                else
                {
                    // Inline options such as (?i) or (?i:...): generate the inner text as it is.
                    var end = pattern.IndexOfAny([':', ')'], _position);
                    _position = end;
                    if (pattern[end] == ')')
                    {
                        _position++;
                        return new Text(string.Empty);
                    }

                    _position++;
                }
            }
            else
            {
                name = (++_groupNumber).ToString(System.Globalization.CultureInfo.InvariantCulture);
            }

            var inner = ParseAlternation();
            if (_position >= pattern.Length || pattern[_position] != ')')
            {
                throw new FormatException("Unclosed group.");
            }

            _position++;
            return lookaround ? new Text(string.Empty) : new Group(inner, name);
        }

        private string ReadClass()
        {
            var start = _position;
            _position++;
            if (_position < pattern.Length && pattern[_position] == '^')
            {
                _position++;
            }

            if (_position < pattern.Length && pattern[_position] == ']')
            {
                _position++;
            }

            while (_position < pattern.Length && pattern[_position] != ']')
            {
                if (pattern[_position] == '\\')
                {
                    _position++;
                }
                else if (pattern[_position] == '[' && _position + 1 < pattern.Length && pattern[_position + 1] == ':')
                {
                    // POSIX classes ([:alpha:]) are not .NET syntax; the regex check will reject what they produce.
                    _position = Math.Max(_position, pattern.IndexOf(":]", _position, StringComparison.Ordinal) + 1);
                }

                _position++;
            }

            if (_position >= pattern.Length)
            {
                throw new FormatException("Unclosed character class.");
            }

            _position++;
            return pattern[start.._position];
        }

        private Node ParseEscape()
        {
            _position++;
            if (_position >= pattern.Length)
            {
                throw new FormatException("Trailing backslash.");
            }

            var c = pattern[_position++];
            switch (c)
            {
                case 'd' or 'D' or 'w' or 'W' or 's' or 'S':
                    return new Atom("\\" + c);
                case 'b' or 'B' or 'A' or 'Z' or 'z' or 'G':
                    return new Text(string.Empty);
                case 'n':
                    return new Text("\n");
                case 't':
                    return new Text("\t");
                case 'r':
                    return new Text("\r");
                case 'f':
                    return new Text("\f");
                case 'v':
                    return new Text("\v");
                case 'p' or 'P':
                    var close = pattern.IndexOf('}', _position);
                    var property = pattern[_position..(close + 1)];
                    _position = close + 1;
                    return new Atom("\\" + c + property);
                case 'x':
                    var hex = pattern.Substring(_position, 2);
                    _position += 2;
                    return new Text(((char)Convert.ToInt32(hex, 16)).ToString());
                case 'u':
                    var code = pattern.Substring(_position, 4);
                    _position += 4;
                    return new Text(((char)Convert.ToInt32(code, 16)).ToString());
                case 'k':
                    var nameEnd = pattern.IndexOf('>', _position);
                    var name = pattern[(_position + 1)..nameEnd];
                    _position = nameEnd + 1;
                    return new Backreference(name);
                case >= '1' and <= '9':
                    var digits = c.ToString();
                    while (_position < pattern.Length && char.IsAsciiDigit(pattern[_position]))
                    {
                        digits += pattern[_position++];
                    }

                    return new Backreference(digits);
                default:
                    return new Text(c.ToString());
            }
        }
    }
}
