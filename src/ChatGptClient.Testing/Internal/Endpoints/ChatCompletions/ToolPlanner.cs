using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace ChatGpt.Testing.Internal;

/// <summary>
/// Decides when the emulated model calls a function tool, and with which arguments.
/// </summary>
/// <remarks>
/// The rule (also in the package README): with <c>tool_choice</c> <c>auto</c> (the default when tools are present) a tool
/// is called when the last message is from the user and mentions the tool: its name (<c>get_weather</c>, or
/// <c>get weather</c>), or one of the words of its name of 4 letters or more that is not a generic verb
/// (<c>weather</c>; not <c>get</c>, <c>list</c>, <c>search</c>, …). Every tool mentioned is called, in the order of
/// <c>tools</c>, unless <c>parallel_tool_calls</c> is false (then only the first). <c>required</c> calls the mentioned tools
/// or else the first tool; a named <c>tool_choice</c> calls that tool; <c>none</c> never calls one.
/// </remarks>
internal static partial class ToolPlanner
{
    private static readonly HashSet<string> s_genericWords =
    [
        "get", "set", "list", "find", "search", "fetch", "lookup", "look", "create", "update", "delete", "remove", "make",
        "read", "write", "query", "call", "check", "current", "info", "data", "tool", "function", "with", "from", "into",
    ];

    public static List<ParsedTool> ChooseTools(ParsedChatRequest request)
    {
        var chosen = new List<ParsedTool>();
        if (request.Tools.Count == 0 || request.ToolChoice == "none" || request.Messages[^1].Role != "user")
        {
            return chosen;
        }

        if (request.ToolChoice == "function")
        {
            chosen.Add(request.Tools.First(t => t.Name == request.ForcedTool));
            return chosen;
        }

        var text = request.Messages[^1].Text.ToLowerInvariant();
        foreach (var tool in request.Tools)
        {
            if (Mentions(text, tool.Name))
            {
                chosen.Add(tool);
                if (!request.ParallelToolCalls)
                {
                    break;
                }
            }
        }

        if (chosen.Count == 0 && request.ToolChoice == "required")
        {
            chosen.Add(request.Tools[0]);
        }

        return chosen;
    }

    public static bool Mentions(string lowerText, string toolName)
    {
        var name = toolName.ToLowerInvariant();
        if (lowerText.Contains(name, StringComparison.Ordinal) || lowerText.Contains(name.Replace('_', ' ').Replace('-', ' '), StringComparison.Ordinal))
        {
            return true;
        }

        foreach (var word in SplitName(toolName))
        {
            if (word.Length >= 4 && !s_genericWords.Contains(word) && WordRegex(word).IsMatch(lowerText))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Builds arguments valid for the tool's <c>parameters</c> schema from the user's text: strings are the
    /// subject of the message, numbers the first number in it (see <see cref="SchemaInstanceGenerator"/>).</summary>
    public static string BuildArguments(ParsedTool tool, string userText) =>
        tool.Parameters is JsonElement schema ? SchemaInstanceGenerator.Generate(schema, Subject(userText), FirstNumber(userText)) : "{}";

    /// <summary>Builds a JSON document valid for the <c>response_format</c> <c>json_schema</c> from the answer's text.</summary>
    public static string BuildJson(JsonElement schema, string text) => SchemaInstanceGenerator.Generate(schema, text, FirstNumber(text));

    /// <summary>The words after the first "in", "for", "of" or "about", up to the next such word, "and" or punctuation
    /// (e.g. "Paris" in "weather in Paris for 3 days?"), or the whole text.</summary>
    private static string Subject(string text)
    {
        var match = SubjectRegex().Match(text);
        var subject = match.Success ? match.Groups["s"].Value : text;
        return subject.Trim().TrimEnd('?', '!', '.', ',', ';', ':').Trim();
    }

    private static double? FirstNumber(string text)
    {
        var match = NumberRegex().Match(text);
        return match.Success && double.TryParse(match.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) ? value : null;
    }

    private static IEnumerable<string> SplitName(string name)
    {
        var spaced = CamelRegex().Replace(name, "$1 $2");
        return spaced.Split(['_', '-', ' ', '.'], StringSplitOptions.RemoveEmptyEntries).Select(w => w.ToLowerInvariant());
    }

    private static Regex WordRegex(string word) => new($@"\b{Regex.Escape(word)}", RegexOptions.CultureInvariant);

    [GeneratedRegex(@"\b(?:in|for|of|about)\s+(?<s>.+?)(?=\s+(?:in|for|of|about|and|with|on|at)\b|[?!.,;:]|$)", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase | RegexOptions.Singleline)]
    private static partial Regex SubjectRegex();

    [GeneratedRegex(@"-?\d+(?:\.\d+)?", RegexOptions.CultureInvariant)]
    private static partial Regex NumberRegex();

    [GeneratedRegex("([a-z0-9])([A-Z])", RegexOptions.CultureInvariant)]
    private static partial Regex CamelRegex();
}
