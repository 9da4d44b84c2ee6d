using System.Collections.Concurrent;
using System.Text.Json;
using ChatGpt.FineTuning.TrainingData;
using ChatGpt.Resilience.Internal;
using Microsoft.ML.Tokenizers;

namespace ChatGpt.FineTuning.Internal;

/// <summary>The validator's state over one file: the checks of each line, the issues and the token counts.</summary>
internal sealed class TrainingDataScan
{
    /// <summary>OpenAI's chat format adds three tokens per message and three to prime the reply; a name costs one more.</summary>
    private const int TokensPerMessage = 3;
    private const int TokensPerName = 1;
    private const int ReplyPriming = 3;

    private static readonly JsonDocumentOptions s_documentOptions = new() { MaxDepth = 64 };

    /// <summary>Examples whose texts are counted together, across the cores; bounds the texts held at once.</summary>
    private const int BatchSize = 512;

    /// <summary>Texts repeated across examples (system prompts, roles, tool lists) are counted once; bounded.</summary>
    private const int MaxCachedTexts = 4096;
    private const int MaxCachedTextLength = 4096;

    private readonly ConcurrentDictionary<string, int> _cache = new(StringComparer.Ordinal);
    private readonly List<PendingExample> _batch = new(BatchSize);

    private readonly TrainingDataValidationOptions _options;
    private readonly Tokenizer? _tokenizer;
    private readonly int _maxTokens;
    private readonly List<TrainingDataIssue> _issues = [];
    private readonly List<int> _tokenCounts = [];
    private long _issueCount;
    private long _lines;
    private long _examples;
    private long _overLimit;
    private long _totalTokens;
    private long _cappedTokens;

    public TrainingDataScan(TrainingDataValidationOptions options)
    {
        _options = options;
        _tokenizer = ModelTokenizer.ForModel(options.Model);
        _maxTokens = options.MaxTokensPerExample ?? TrainingDataDefaults.ContextLength(options.Model);
    }

    public void Add(JsonLineReader.Line line)
    {
        _lines++;
        if (line.TooLong)
        {
            Report(line.Number, TrainingDataIssueKind.TooLong, $"The line is longer than {TrainingDataDefaults.MaxLineBytes / (1024 * 1024)} MB.");
            return;
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(line.Bytes, s_documentOptions);
        }
        catch (JsonException ex)
        {
            Report(line.Number, TrainingDataIssueKind.InvalidJson, $"The line is not valid JSON: {ex.Message}");
            return;
        }

        using (document)
        {
            CheckExample(line.Number, document.RootElement);
        }
    }

    public TrainingDataReport Finish()
    {
        CountBatch();
        if (_examples < _options.MinExamples)
        {
            Report(0, TrainingDataIssueKind.TooFewExamples, $"The file has {_examples} example(s); fine-tuning needs at least {_options.MinExamples}.");
        }

        TokenStatistics? statistics = null;
        if (_tokenCounts.Count > 0)
        {
            _tokenCounts.Sort();
            var middle = _tokenCounts.Count / 2;
            var median = _tokenCounts.Count % 2 == 1 ? _tokenCounts[middle] : (_tokenCounts[middle - 1] + _tokenCounts[middle]) / 2.0;
            statistics = new TokenStatistics(_tokenCounts[0], median, _tokenCounts[^1], _totalTokens);
        }

        var epochs = _options.Epochs ?? TrainingDataDefaults.DefaultEpochs(_examples);
        var billed = _cappedTokens * epochs;
        decimal? cost = _options.PricePerMillionTokens is { } price ? billed * price / 1_000_000m : null;
        _issues.Sort(static (a, b) => a.LineNumber.CompareTo(b.LineNumber));
        return new TrainingDataReport(_options.Model, _maxTokens, _lines, _examples, _issues, _issueCount, statistics, _overLimit, epochs, billed, cost);
    }

    private void CheckExample(long number, JsonElement example)
    {
        if (example.ValueKind != JsonValueKind.Object)
        {
            Report(number, TrainingDataIssueKind.InvalidJson, $"The line is a JSON {example.ValueKind.ToString().ToLowerInvariant()}, not an object.");
            return;
        }

        var pending = new PendingExample(number);
        pending.Fixed = ReplyPriming;
        JsonElement messages = default;
        foreach (var property in example.EnumerateObject())
        {
            switch (property.Name)
            {
                case "messages":
                    messages = property.Value;
                    break;
                case "tools" or "functions":
                    pending.Texts.Add(property.Value.GetRawText());
                    break;
                case "parallel_tool_calls":
                    break;
                default:
                    Report(number, TrainingDataIssueKind.UnknownKey, $"Unknown key '{property.Name}' in the example (expected messages, tools, parallel_tool_calls).");
                    break;
            }
        }

        if (messages.ValueKind != JsonValueKind.Array || messages.GetArrayLength() == 0)
        {
            Report(number, TrainingDataIssueKind.MissingMessages, messages.ValueKind == JsonValueKind.Undefined
                ? "The example has no 'messages' list."
                : "The example's 'messages' is not a non-empty list.");
            return;
        }

        _examples++;
        var index = 0;
        var hasAssistant = false;
        foreach (var message in messages.EnumerateArray())
        {
            CheckMessage(number, index++, message, pending, ref hasAssistant);
        }

        if (!hasAssistant)
        {
            Report(number, TrainingDataIssueKind.NoAssistantMessage, "The example has no assistant message to learn from.");
        }

        _batch.Add(pending);
        if (_batch.Count == BatchSize)
        {
            CountBatch();
        }
    }

    /// <summary>Counts the batch's tokens (in parallel: the tokenizer is most of the validator's time) and adds them up in line order.</summary>
    private void CountBatch()
    {
        var batch = _batch;
        if (batch.Count > 1 && Environment.ProcessorCount > 1)
        {
            Parallel.For(0, batch.Count, i => batch[i].Tokens = CountAll(batch[i]));
        }
        else
        {
            foreach (var item in batch)
            {
                item.Tokens = CountAll(item);
            }
        }

        foreach (var item in batch)
        {
            var tokens = item.Tokens;
            _tokenCounts.Add(tokens);
            _totalTokens += tokens;
            _cappedTokens += Math.Min(tokens, _maxTokens);
            if (tokens > _maxTokens)
            {
                _overLimit++;
                Report(item.Line, TrainingDataIssueKind.TooLong, $"The example has {tokens} tokens, over the {_maxTokens}-token context length of {_options.Model}; it would be cut.");
            }
        }

        batch.Clear();
    }

    private int CountAll(PendingExample example)
    {
        var tokens = example.Fixed;
        foreach (var text in example.Texts)
        {
            tokens += Count(text);
        }

        return tokens;
    }

    private void CheckMessage(long number, int index, JsonElement message, PendingExample pending, ref bool hasAssistant)
    {
        if (message.ValueKind != JsonValueKind.Object)
        {
            Report(number, TrainingDataIssueKind.InvalidJson, $"Message {index} is not an object.");
            return;
        }

        pending.Fixed += TokensPerMessage;
        var texts = pending.Texts;
        string? role = null;
        var hasContent = false;
        var hasCalls = false;
        var badContent = false;
        foreach (var property in message.EnumerateObject())
        {
            var value = property.Value;
            switch (property.Name)
            {
                case "role":
                    role = value.ValueKind == JsonValueKind.String ? value.GetString() : null;
                    Add(texts, role);
                    break;
                case "content":
                    switch (value.ValueKind)
                    {
                        case JsonValueKind.String:
                            hasContent = true;
                            Add(texts, value.GetString());
                            break;
                        case JsonValueKind.Array:
                            hasContent = value.GetArrayLength() > 0;
                            foreach (var part in value.EnumerateArray())
                            {
                                if (part.ValueKind == JsonValueKind.Object && part.TryGetProperty("text", out var text) && text.ValueKind == JsonValueKind.String)
                                {
                                    Add(texts, text.GetString());
                                }
                            }

                            break;
                        case JsonValueKind.Null:
                            break;
                        default:
                            badContent = true;
                            break;
                    }

                    break;
                case "name":
                    pending.Fixed += TokensPerName;
                    Add(texts, value.ValueKind == JsonValueKind.String ? value.GetString() : null);
                    break;
                case "tool_calls" or "function_call":
                    hasCalls = value.ValueKind is JsonValueKind.Array or JsonValueKind.Object;
                    texts.Add(value.GetRawText());
                    break;
                case "weight":
                    if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt32(out var weight) || weight is not (0 or 1))
                    {
                        Report(number, TrainingDataIssueKind.InvalidValue, $"Message {index} has weight {value.GetRawText()}; it must be 0 or 1.");
                    }

                    break;
                case "tool_call_id" or "refusal":
                    break;
                default:
                    Report(number, TrainingDataIssueKind.UnknownKey, $"Message {index} has an unknown key '{property.Name}'.");
                    break;
            }
        }

        switch (role)
        {
            case "assistant":
                hasAssistant = true;
                break;
            case "system" or "developer" or "user" or "tool" or "function":
                break;
            case null:
                Report(number, TrainingDataIssueKind.UnknownRole, $"Message {index} has no role.");
                break;
            default:
                Report(number, TrainingDataIssueKind.UnknownRole, $"Message {index} has an unknown role '{role}' (expected system, developer, user, assistant or tool).");
                break;
        }

        if (badContent)
        {
            Report(number, TrainingDataIssueKind.MissingContent, $"Message {index}'s content is neither text nor a list of parts.");
        }
        else if (!hasContent && !(hasCalls && role == "assistant"))
        {
            Report(number, TrainingDataIssueKind.MissingContent, $"Message {index} ({role ?? "no role"}) has no content.");
        }
    }

    private static void Add(List<string> texts, string? text)
    {
        if (!string.IsNullOrEmpty(text))
        {
            texts.Add(text);
        }
    }

    private int Count(string text)
    {
        if (text.Length > MaxCachedTextLength)
        {
            return CountUncached(text);
        }

        if (_cache.TryGetValue(text, out var cached))
        {
            return cached;
        }

        var count = CountUncached(text);
        if (_cache.Count >= MaxCachedTexts)
        {
            _cache.Clear();
        }

        _cache.TryAdd(text, count);
        return count;
    }

    private int CountUncached(string text) => _tokenizer is { } tokenizer ? tokenizer.CountTokens(text) : (text.Length + 3) / 4;

    /// <summary>An example parsed and checked, waiting for its texts to be counted.</summary>
    private sealed class PendingExample(long line)
    {
        public long Line { get; } = line;

        /// <summary>Tokens of the chat format (per message, per name, the reply's priming).</summary>
        public int Fixed { get; set; }

        public List<string> Texts { get; } = [];

        public int Tokens { get; set; }
    }

    private void Report(long line, TrainingDataIssueKind kind, string message)
    {
        _issueCount++;
        if (_issues.Count < _options.MaxReportedIssues)
        {
            _issues.Add(new TrainingDataIssue(line, kind, message));
        }
    }
}
