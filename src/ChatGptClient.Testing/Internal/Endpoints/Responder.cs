using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace ChatGpt.Testing.Internal;

/// <summary>The emulator's deterministic "model": a handful of rules over the last user text (documented in the
/// package README). The same input always gives the same output.</summary>
internal static partial class Responder
{
    public const string LongText =
        "Once upon a time, in a data center far away, a small emulator answered every request it received. " +
        "It never slept, it never guessed, and it always gave the same answer to the same question, which made the engineers who tested their code against it very happy. " +
        "Every morning it counted tokens with the same tokenizer as the real service, wrote its answers one token at a time, and politely refused requests that broke the rules. " +
        "When the engineers asked it to fail, it failed exactly the way they asked: slowly, suddenly, or with a rate limit and a hint of when to come back. " +
        "And when the real service was finally called in production, the code that had been tested against the emulator simply worked. " +
        "The end.";

    private static readonly string[] s_greetings = ["hello", "hi", "hey", "hiya", "greetings", "good morning", "good afternoon", "good evening", "bonjour", "hola"];

    private static readonly (string Country, string Capital)[] s_capitals =
    [
        ("france", "Paris"), ("germany", "Berlin"), ("italy", "Rome"), ("spain", "Madrid"), ("japan", "Tokyo"),
        ("united kingdom", "London"), ("england", "London"), ("canada", "Ottawa"), ("australia", "Canberra"), ("united states", "Washington, D.C."),
    ];

    /// <summary>The assistant's answer to a chat whose last user message is <paramref name="text"/>.</summary>
    public static string Reply(string text, string model)
    {
        var trimmed = text.Trim();
        var lower = trimmed.ToLowerInvariant();
        if (trimmed.Length == 0)
        {
            return "I did not receive any text. How can I help you?";
        }

        foreach (var prefix in (string[])["echo:", "repeat after me:", "say exactly:"])
        {
            if (lower.StartsWith(prefix, StringComparison.Ordinal))
            {
                return trimmed[prefix.Length..].Trim();
            }
        }

        if (lower.Contains("say this is a test", StringComparison.Ordinal))
        {
            return "This is a test.";
        }

        if (CountRegex().Match(lower) is { Success: true } count && int.TryParse(count.Groups["n"].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n is > 0 and <= 1000)
        {
            return string.Join(", ", Enumerable.Range(1, n).Select(i => i.ToString(CultureInfo.InvariantCulture))) + ".";
        }

        if (ArithmeticRegex().Match(lower) is { Success: true } sum && TryCompute(sum, out var expression))
        {
            return expression;
        }

        foreach (var (country, capital) in s_capitals)
        {
            if (lower.Contains("capital of " + country, StringComparison.Ordinal))
            {
                return $"The capital of {CultureInfo.InvariantCulture.TextInfo.ToTitleCase(country)} is {capital}.";
            }
        }

        if (lower.Contains("joke", StringComparison.Ordinal))
        {
            return "Why do programmers prefer dark mode? Because light attracts bugs.";
        }

        if (lower.Contains("story", StringComparison.Ordinal) || lower.Contains("long answer", StringComparison.Ordinal) || lower.Contains("essay", StringComparison.Ordinal))
        {
            return LongText;
        }

        if (lower.Contains("refund", StringComparison.Ordinal))
        {
            return "I'm sorry about the trouble. I can start a refund for you: please tell me your order number and the item you would like to return.";
        }

        if (lower.Contains("order", StringComparison.Ordinal) || lower.Contains("delivery", StringComparison.Ordinal) || lower.Contains("shipping", StringComparison.Ordinal))
        {
            return "I can help with your order. Could you share your order number so I can look up its status?";
        }

        if (lower.Contains("who are you", StringComparison.Ordinal) || lower.Contains("what model", StringComparison.Ordinal))
        {
            return $"I am the ChatGptClient emulator answering as {model}: a local, deterministic stand-in for the OpenAI API. No real model is running.";
        }

        if (IsGreeting(lower))
        {
            return "Hello! I am the ChatGptClient emulator. How can I help you today?";
        }

        return $"You said: \"{Shorten(trimmed)}\". I am the ChatGptClient emulator, a local stand-in for the OpenAI API, so this is a canned, deterministic answer.";
    }

    /// <summary>The continuation of a legacy completion prompt.</summary>
    public static string Complete(string prompt)
    {
        var lower = prompt.ToLowerInvariant();
        if (lower.Contains("say this is a test", StringComparison.Ordinal))
        {
            return "\n\nThis is indeed a test";
        }

        var trimmed = prompt.TrimEnd();
        var rule = Reply(prompt, "emulator");
        if (!rule.StartsWith("You said:", StringComparison.Ordinal) && !rule.StartsWith("Hello!", StringComparison.Ordinal))
        {
            return "\n\n" + rule;
        }

        // No rule matched: continue the text, as a completion model would, until max_tokens (16 by default) cuts it.
        var separator = trimmed.Length > 0 && char.IsLetterOrDigit(trimmed[^1]) ? " " : string.Empty;
        return separator + "and the emulator kept writing, one deterministic token after another, until it reached the maximum number of tokens or a stop sequence. " + LongText;
    }

    /// <summary>The final answer after tool results came back.</summary>
    public static string AnswerFromTools(IReadOnlyList<(string Name, string Result)> results)
    {
        var builder = new StringBuilder();
        foreach (var (name, result) in results)
        {
            if (builder.Length > 0)
            {
                builder.Append(' ');
            }

            builder.Append("According to ").Append(name).Append(": ").Append(result.Trim()).Append('.');
        }

        return builder.ToString();
    }

    private static bool IsGreeting(string lower)
    {
        foreach (var greeting in s_greetings)
        {
            if (lower.StartsWith(greeting, StringComparison.Ordinal) && (lower.Length == greeting.Length || !char.IsLetter(lower[greeting.Length])))
            {
                return true;
            }
        }

        return false;
    }

    private static bool TryCompute(Match match, out string expression)
    {
        expression = string.Empty;
        if (!long.TryParse(match.Groups["a"].Value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var a) ||
            !long.TryParse(match.Groups["b"].Value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var b) ||
            Math.Abs(a) > 1_000_000_000 || Math.Abs(b) > 1_000_000_000)
        {
            return false;
        }

        var op = match.Groups["op"].Value;
        string? result = op switch
        {
            "+" => (a + b).ToString(CultureInfo.InvariantCulture),
            "-" => (a - b).ToString(CultureInfo.InvariantCulture),
            "*" or "x" or "×" => (a * b).ToString(CultureInfo.InvariantCulture),
            "/" when b != 0 => ((double)a / b).ToString("0.######", CultureInfo.InvariantCulture),
            _ => null,
        };
        if (result is null)
        {
            return false;
        }

        expression = $"{a} {(op is "x" or "×" ? "*" : op)} {b} = {result}.";
        return true;
    }

    private static string Shorten(string text) => text.Length <= 200 ? text : text[..200] + "…";

    [GeneratedRegex(@"count (?:from 1 )?to (?<n>\d{1,4})\b", RegexOptions.CultureInvariant)]
    private static partial Regex CountRegex();

    [GeneratedRegex(@"(?<a>-?\d+)\s*(?<op>[-+*/x×])\s*(?<b>-?\d+)", RegexOptions.CultureInvariant)]
    private static partial Regex ArithmeticRegex();
}
