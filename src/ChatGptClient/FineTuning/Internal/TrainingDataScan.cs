using System.Buffers;
using System.Collections.Concurrent;
using System.Runtime.InteropServices;
using System.Text.Json;
using ChatGpt.FineTuning.TrainingData;
using ChatGpt.Resilience.Internal;
using Microsoft.ML.Tokenizers;

namespace ChatGpt.FineTuning.Internal;

/// <summary>The validator's state over one file: the checks of each line, the issues and the token counts.</summary>
/// <remarks>
/// Counting tokens is most of the work, so it runs beside the parsing: the texts of a batch of examples are copied as
/// UTF-8 (no strings) into the batch's buffer, and while the next batch is parsed the previous one is counted on the
/// thread pool, in parallel, by <see cref="SegmentTokenCounter"/>s. Results and issues are added in line order, so the
/// report is the same as a line-by-line pass. Memory is bounded by two batches (<see cref="BatchSize"/> examples or
/// <see cref="MaxBatchBytes"/> of text each) and four bytes per example (kept for the median).
/// </remarks>
internal sealed class TrainingDataScan
{
    /// <summary>OpenAI's chat format adds three tokens per message and three to prime the reply; a name costs one more.</summary>
    private const int TokensPerMessage = 3;
    private const int TokensPerName = 1;
    private const int ReplyPriming = 3;

    /// <summary>Examples counted together, across the cores (and the most issues a batch holds before it is handed over).</summary>
    private const int BatchSize = 1024;

    /// <summary>The text a batch holds at most before it is counted (one long example may exceed it alone).</summary>
    private const int MaxBatchBytes = 1024 * 1024;

    private static readonly JsonDocumentOptions s_documentOptions = new() { MaxDepth = 64 };

    private readonly ConcurrentBag<SegmentTokenCounter> _counters = [];
    private readonly TrainingDataValidationOptions _options;
    private readonly Tokenizer? _tokenizer;
    private readonly int _maxTokens;
    private readonly List<TrainingDataIssue> _issues = [];
    private readonly List<int> _tokenCounts = [];
    private Batch _batch = new();
    private Batch _spare = new();
    private Task? _counting;
    private Batch? _counted;
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
        Check(line);

        // Between lines, never inside one: the batch is handed over once its examples, text or issues are enough.
        if (_batch.Count >= BatchSize || _batch.Length >= MaxBatchBytes || _batch.Issues.Count >= BatchSize)
        {
            StartCounting();
        }
    }

    private void Check(JsonLineReader.Line line)
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
        EndCounting();
        if (_batch.Count > 0 || _batch.Issues.Count > 0)
        {
            CountAll(_batch);
            Aggregate(_batch);
        }

        foreach (var counter in _counters)
        {
            counter.Dispose();
        }

        _counters.Clear();
        if (_examples < _options.MinExamples)
        {
            Record(new TrainingDataIssue(0, TrainingDataIssueKind.TooFewExamples, $"The file has {_examples} example(s); fine-tuning needs at least {_options.MinExamples}."));
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

        var batch = _batch;
        var firstText = batch.Texts.Count;
        var textBytes = batch.Length;
        var fixedTokens = ReplyPriming;
        JsonElement messages = default;
        foreach (var property in example.EnumerateObject())
        {
            if (property.NameEquals("messages"u8))
            {
                messages = property.Value;
            }
            else if (property.NameEquals("tools"u8) || property.NameEquals("functions"u8))
            {
                batch.AddRaw(property.Value);
            }
            else if (!property.NameEquals("parallel_tool_calls"u8))
            {
                Report(number, TrainingDataIssueKind.UnknownKey, $"Unknown key '{property.Name}' in the example (expected messages, tools, parallel_tool_calls).");
            }
        }

        if (messages.ValueKind != JsonValueKind.Array || messages.GetArrayLength() == 0)
        {
            Report(number, TrainingDataIssueKind.MissingMessages, messages.ValueKind == JsonValueKind.Undefined
                ? "The example has no 'messages' list."
                : "The example's 'messages' is not a non-empty list.");

            // Not an example: its texts are not counted.
            batch.Truncate(firstText, textBytes);
            return;
        }

        _examples++;
        var index = 0;
        var hasAssistant = false;
        foreach (var message in messages.EnumerateArray())
        {
            CheckMessage(number, index++, message, ref fixedTokens, ref hasAssistant);
        }

        if (!hasAssistant)
        {
            Report(number, TrainingDataIssueKind.NoAssistantMessage, "The example has no assistant message to learn from.");
        }

        batch.Examples.Add(new PendingExample(number, fixedTokens, firstText, batch.Texts.Count - firstText));
    }

    /// <summary>Hands the full batch to the thread pool and goes on parsing into the spare one (once the batch before it is done).</summary>
    private void StartCounting()
    {
        EndCounting();
        var batch = _batch;
        _counted = batch;
        _counting = Environment.ProcessorCount > 1 ? Task.Run(() => CountAll(batch)) : null;
        if (_counting is null)
        {
            CountAll(batch);
        }

        _batch = _spare;
        _spare = null!;
    }

    /// <summary>Waits for the batch being counted and adds its results and issues, in line order.</summary>
    private void EndCounting()
    {
        if (_counted is not { } counted)
        {
            return;
        }

        _counting?.GetAwaiter().GetResult();
        _counting = null;
        _counted = null;
        Aggregate(counted);
        counted.Clear();
        _spare = counted;
    }

    /// <summary>Counts each example's texts (in parallel when the batch is large enough to pay for it).</summary>
    private void CountAll(Batch batch)
    {
        var examples = CollectionsMarshal.AsSpan(batch.Examples);
        if (examples.Length > 64 && Environment.ProcessorCount > 1)
        {
            Parallel.For(
                0,
                batch.Examples.Count,
                () => RentCounter(),
                (i, _, counter) =>
                {
                    CollectionsMarshal.AsSpan(batch.Examples)[i].Tokens = Count(batch, CollectionsMarshal.AsSpan(batch.Examples)[i], counter);
                    return counter;
                },
                _counters.Add);
        }
        else
        {
            var counter = RentCounter();
            foreach (ref var example in examples)
            {
                example.Tokens = Count(batch, example, counter);
            }

            _counters.Add(counter);
        }
    }

    private SegmentTokenCounter RentCounter() => _counters.TryTake(out var counter) ? counter : new SegmentTokenCounter(_tokenizer);

    private static int Count(Batch batch, in PendingExample example, SegmentTokenCounter counter)
    {
        var tokens = example.Fixed;
        var texts = CollectionsMarshal.AsSpan(batch.Texts).Slice(example.FirstText, example.TextCount);
        foreach (var text in texts)
        {
            tokens += counter.Count(batch.Buffer.AsSpan(text.Offset, text.Length));
        }

        return tokens;
    }

    /// <summary>Adds a counted batch to the statistics, its parse issues and its over-length issues in line order.</summary>
    private void Aggregate(Batch batch)
    {
        var issues = batch.Issues;
        var next = 0;
        foreach (var item in batch.Examples)
        {
            // The issues found while parsing this example's line and the lines before it, then its length.
            while (next < issues.Count && issues[next].LineNumber <= item.Line)
            {
                Record(issues[next++]);
            }

            var tokens = item.Tokens;
            _tokenCounts.Add(tokens);
            _totalTokens += tokens;
            _cappedTokens += Math.Min(tokens, _maxTokens);
            if (tokens > _maxTokens)
            {
                _overLimit++;
                Record(new TrainingDataIssue(item.Line, TrainingDataIssueKind.TooLong, $"The example has {tokens} tokens, over the {_maxTokens}-token context length of {_options.Model}; it would be cut."));
            }
        }

        while (next < issues.Count)
        {
            Record(issues[next++]);
        }

        batch.Clear();
    }

    private void CheckMessage(long number, int index, JsonElement message, ref int fixedTokens, ref bool hasAssistant)
    {
        if (message.ValueKind != JsonValueKind.Object)
        {
            Report(number, TrainingDataIssueKind.InvalidJson, $"Message {index} is not an object.");
            return;
        }

        fixedTokens += TokensPerMessage;
        var batch = _batch;
        JsonElement role = default;
        var hasContent = false;
        var hasCalls = false;
        var badContent = false;
        foreach (var property in message.EnumerateObject())
        {
            var value = property.Value;
            if (property.NameEquals("role"u8))
            {
                role = value;
                batch.AddString(value);
            }
            else if (property.NameEquals("content"u8))
            {
                switch (value.ValueKind)
                {
                    case JsonValueKind.String:
                        hasContent = true;
                        batch.AddString(value);
                        break;
                    case JsonValueKind.Array:
                        hasContent = value.GetArrayLength() > 0;
                        foreach (var part in value.EnumerateArray())
                        {
                            if (part.ValueKind == JsonValueKind.Object && part.TryGetProperty("text"u8, out var text))
                            {
                                batch.AddString(text);
                            }
                        }

                        break;
                    case JsonValueKind.Null:
                        break;
                    default:
                        badContent = true;
                        break;
                }
            }
            else if (property.NameEquals("name"u8))
            {
                fixedTokens += TokensPerName;
                batch.AddString(value);
            }
            else if (property.NameEquals("tool_calls"u8) || property.NameEquals("function_call"u8))
            {
                hasCalls = value.ValueKind is JsonValueKind.Array or JsonValueKind.Object;
                batch.AddRaw(value);
            }
            else if (property.NameEquals("weight"u8))
            {
                if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt32(out var weight) || weight is not (0 or 1))
                {
                    Report(number, TrainingDataIssueKind.InvalidValue, $"Message {index} has weight {value.GetRawText()}; it must be 0 or 1.");
                }
            }
            else if (!property.NameEquals("tool_call_id"u8) && !property.NameEquals("refusal"u8))
            {
                Report(number, TrainingDataIssueKind.UnknownKey, $"Message {index} has an unknown key '{property.Name}'.");
            }
        }

        // The role is compared as UTF-8; only an unknown one becomes a string, for its message.
        var isAssistant = false;
        if (role.ValueKind != JsonValueKind.String)
        {
            Report(number, TrainingDataIssueKind.UnknownRole, $"Message {index} has no role.");
        }
        else if (role.ValueEquals("assistant"u8))
        {
            hasAssistant = isAssistant = true;
        }
        else if (!role.ValueEquals("user"u8) && !role.ValueEquals("system"u8) && !role.ValueEquals("developer"u8) && !role.ValueEquals("tool"u8) && !role.ValueEquals("function"u8))
        {
            Report(number, TrainingDataIssueKind.UnknownRole, $"Message {index} has an unknown role '{role.GetString()}' (expected system, developer, user, assistant or tool).");
        }

        if (badContent)
        {
            Report(number, TrainingDataIssueKind.MissingContent, $"Message {index}'s content is neither text nor a list of parts.");
        }
        else if (!hasContent && !(hasCalls && isAssistant))
        {
            Report(number, TrainingDataIssueKind.MissingContent, $"Message {index} ({(role.ValueKind == JsonValueKind.String ? role.GetString() : "no role")}) has no content.");
        }
    }

    /// <summary>An issue of the line being parsed: kept with its batch, so issues reach the report in line order.</summary>
    private void Report(long line, TrainingDataIssueKind kind, string message) => _batch.Issues.Add(new TrainingDataIssue(line, kind, message));

    private void Record(TrainingDataIssue issue)
    {
        _issueCount++;
        if (_issues.Count < _options.MaxReportedIssues)
        {
            _issues.Add(issue);
        }
    }

    /// <summary>An example parsed and checked, waiting for its texts (<see cref="Batch.Texts"/> from <see cref="FirstText"/>) to be counted.</summary>
    private struct PendingExample(long line, int fixedTokens, int firstText, int textCount)
    {
        public readonly long Line = line;

        /// <summary>Tokens of the chat format (per message, per name, the reply's priming).</summary>
        public readonly int Fixed = fixedTokens;

        public readonly int FirstText = firstText;

        public readonly int TextCount = textCount;

        public int Tokens;
    }

    /// <summary>Where one text is in <see cref="Batch.Buffer"/>.</summary>
    private readonly record struct TextRange(int Offset, int Length);

    /// <summary>The examples of a batch, their texts as UTF-8 in one buffer, and the issues of its lines.</summary>
    private sealed class Batch
    {
        public byte[] Buffer { get; private set; } = [];

        public int Length { get; private set; }

        public List<TextRange> Texts { get; } = [];

        public List<PendingExample> Examples { get; } = [];

        public List<TrainingDataIssue> Issues { get; } = [];

        public int Count => Examples.Count;

        /// <summary>A JSON string's text, unescaped; nothing for another kind of value or an empty string.</summary>
        public void AddString(JsonElement value)
        {
            if (value.ValueKind != JsonValueKind.String)
            {
                return;
            }

            // The raw token, quotes included: most strings have no escape and are copied as they are.
            var raw = JsonMarshal.GetRawUtf8Value(value);
            var content = raw[1..^1];
            if (content.IsEmpty)
            {
                return;
            }

            var destination = Reserve(content.Length);
            int written;
            if (content.IndexOf((byte)'\\') < 0)
            {
                content.CopyTo(destination);
                written = content.Length;
            }
            else
            {
                var reader = new Utf8JsonReader(raw);
                reader.Read();
                written = reader.CopyString(destination);
            }

            Commit(written);
        }

        /// <summary>A value's JSON text as it is in the file (tool lists and calls are counted as JSON).</summary>
        public void AddRaw(JsonElement value)
        {
            var raw = JsonMarshal.GetRawUtf8Value(value);
            raw.CopyTo(Reserve(raw.Length));
            Commit(raw.Length);
        }

        /// <summary>Forgets the texts added since <paramref name="texts"/> texts and <paramref name="length"/> bytes.</summary>
        public void Truncate(int texts, int length)
        {
            Texts.RemoveRange(texts, Texts.Count - texts);
            Length = length;
        }

        public void Clear()
        {
            Texts.Clear();
            Examples.Clear();
            Issues.Clear();
            Length = 0;
            if (Buffer.Length > 2 * MaxBatchBytes)
            {
                // One huge example grew it: do not keep that much for the rest of the file.
                ArrayPool<byte>.Shared.Return(Buffer);
                Buffer = [];
            }
        }

        private Span<byte> Reserve(int bytes)
        {
            if (Buffer.Length - Length < bytes)
            {
                var larger = ArrayPool<byte>.Shared.Rent(Math.Max(Length + bytes, Math.Max(64 * 1024, Buffer.Length * 2)));
                Buffer.AsSpan(0, Length).CopyTo(larger);
                if (Buffer.Length > 0)
                {
                    ArrayPool<byte>.Shared.Return(Buffer);
                }

                Buffer = larger;
            }

            return Buffer.AsSpan(Length, bytes);
        }

        private void Commit(int written)
        {
            Texts.Add(new TextRange(Length, written));
            Length += written;
        }
    }
}
