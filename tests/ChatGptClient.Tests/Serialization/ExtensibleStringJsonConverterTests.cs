using System.Text.Json;
using System.Reflection;
using System.Text.Json.Serialization;
using ChatGpt.Audio;
using ChatGpt.Chat;
using ChatGpt.Completions;
using ChatGpt.Files;
using ChatGpt.FineTuning;
using ChatGpt.Serialization;

namespace ChatGpt.Tests.Serialization;

/// <summary>The extensible string value types (finish reason, service tier, reasoning effort, verbosity, file purpose, voice, ...) on the wire and in code.</summary>
public sealed class ExtensibleStringJsonConverterTests
{
    [Fact]
    public void Read_KnownValues_ReturnTheStaticInstances()
    {
        var choice = JsonSerializer.Deserialize("""{"index":0,"finish_reason":"tool_calls","message":{"role":"assistant"}}""", ChatGptJsonContext.Default.ChatChoice)!;
        var chunk = JsonSerializer.Deserialize("""{"id":"c","service_tier":"priority","choices":[{"index":0,"finish_reason":"length"}]}""", ChatGptJsonContext.Default.ChatCompletionChunk)!;

        Assert.Equal(FinishReason.ToolCalls, choice.FinishReason);
        Assert.Same(FinishReason.ToolCalls.Value, choice.FinishReason!.Value.Value);
        Assert.Equal(ChatServiceTier.Priority, chunk.ServiceTier);
        Assert.Same(ChatServiceTier.Priority.Value, chunk.ServiceTier!.Value.Value);
        Assert.Equal(FinishReason.Length, chunk.Choices[0].FinishReason);
    }

    [Fact]
    public void Read_UnknownValue_RoundTripsUnchanged()
    {
        var completion = JsonSerializer.Deserialize(
            """{"id":"c","model":"m","service_tier":"ultra","choices":[{"index":0,"finish_reason":"paused","message":{"role":"assistant","content":"x"}}]}""",
            ChatGptJsonContext.Default.ChatCompletion)!;

        Assert.Equal("ultra", completion.ServiceTier!.Value.Value);
        Assert.Equal("paused", completion.FinishReason!.Value.Value);
        var json = JsonSerializer.Serialize(completion, ChatGptJsonContext.Default.ChatCompletion);
        Assert.Contains("\"service_tier\":\"ultra\"", json, StringComparison.Ordinal);
        Assert.Contains("\"finish_reason\":\"paused\"", json, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_NullOrMissing_IsNull_AndEmptyIsTheDefaultValue()
    {
        var choice = JsonSerializer.Deserialize("""{"text":"x","index":0,"finish_reason":null}""", ChatGptJsonContext.Default.CompletionChoice)!;
        var empty = JsonSerializer.Deserialize("""{"text":"x","index":0,"finish_reason":""}""", ChatGptJsonContext.Default.CompletionChoice)!;

        Assert.Null(choice.FinishReason);
        Assert.Equal(string.Empty, empty.FinishReason!.Value.Value);
        Assert.Equal(default, empty.FinishReason.Value);
    }

    [Fact]
    public void Read_NonString_ThrowsJsonExceptionNamingTheField()
    {
        var error = Assert.Throws<JsonException>(() => JsonSerializer.Deserialize("""{"text":"x","index":0,"finish_reason":3}""", ChatGptJsonContext.Default.CompletionChoice));

        Assert.Contains("finish_reason", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Equality_IgnoresCase_AndComparesWithStrings()
    {
        FinishReason? reason = new FinishReason("STOP");

        Assert.True(reason == FinishReason.Stop);
        Assert.True(reason == "stop");
        Assert.False(reason == "length");
        Assert.Equal(FinishReason.Stop.GetHashCode(), reason.Value.GetHashCode());
        Assert.Equal("STOP", reason.Value.ToString());
    }

    [Fact]
    public void ImplicitConversion_FromString_KeepsCodeWrittenForStringPropertiesCompiling()
    {
        string? none = null;
        var request = new ChatCompletionRequest { ServiceTier = "flex", ReasoningEffort = "minimal", Verbosity = "high" };
        var cleared = new ChatCompletionRequest { ServiceTier = none };

        Assert.Equal(ChatServiceTier.Flex, request.ServiceTier);
        Assert.Equal(ChatReasoningEffort.Minimal, request.ReasoningEffort);
        Assert.Equal(ChatVerbosity.High, request.Verbosity);
        Assert.Null(cleared.ServiceTier);
    }

    [Fact]
    public void Constructor_EmptyValue_Throws()
    {
        Assert.Throws<ArgumentException>(() => new ChatVerbosity(" "));
        Assert.Throws<ArgumentNullException>(() => new ChatReasoningEffort(null!));
    }

    [Fact]
    public void RequestWriter_WritesTheWireValues_IncludingUnknownOnes()
    {
        var request = new ChatCompletionRequest
        {
            Model = "m",
            Messages = [ChatMessage.User("x")],
            ServiceTier = new ChatServiceTier("turbo"),
            ReasoningEffort = ChatReasoningEffort.ExtraHigh,
            Verbosity = ChatVerbosity.Low,
        };

        var json = Write(request);
        Assert.Contains("\"service_tier\":\"turbo\"", json, StringComparison.Ordinal);
        Assert.Contains("\"reasoning_effort\":\"xhigh\"", json, StringComparison.Ordinal);
        Assert.Contains("\"verbosity\":\"low\"", json, StringComparison.Ordinal);
        Assert.Equal(JsonSerializer.Serialize(request, ChatGptJsonContext.Default.ChatCompletionRequest), json);
    }

    [Fact]
    public void RequestWriter_ImageDetailSearchContextAndPromptCacheValues_WrittenAsTheirWireValues()
    {
        var request = new ChatCompletionRequest
        {
            Model = "m",
            Messages = [ChatMessage.User([ChatContentPart.FromText("Look"), ChatContentPart.FromImage(new Uri("https://example.test/a.png"), ChatImageDetail.High), ChatContentPart.FromImage(new Uri("https://example.test/b.png"), "original")])],
            WebSearchOptions = new ChatWebSearchOptions { SearchContextSize = ChatWebSearchContextSize.Low },
            PromptCacheRetention = ChatPromptCacheRetention.TwentyFourHours,
            PromptCacheOptions = new ChatPromptCacheOptions { Ttl = ChatPromptCacheTtl.ThirtyMinutes, Mode = "never" },
        };

        var json = Write(request);
        Assert.Contains("\"detail\":\"high\"", json, StringComparison.Ordinal);
        Assert.Contains("\"detail\":\"original\"", json, StringComparison.Ordinal);
        Assert.Contains("\"search_context_size\":\"low\"", json, StringComparison.Ordinal);
        Assert.Contains("\"prompt_cache_retention\":\"24h\"", json, StringComparison.Ordinal);
        Assert.Contains("\"prompt_cache_options\":{\"ttl\":\"30m\",\"mode\":\"never\"}", json, StringComparison.Ordinal);
        Assert.Equal(JsonSerializer.Serialize(request, ChatGptJsonContext.Default.ChatCompletionRequest), json);
        Assert.True(request.WebSearchOptions.SearchContextSize == "LOW");
        Assert.Null(ChatContentPart.FromImage(new Uri("https://example.test/c.png")).ImageUrl!.Detail);
    }

    [Fact]
    public void KnownValues_AreTheSpecsEnumValues()
    {
        Assert.Equal(["stop", "length", "tool_calls", "content_filter", "function_call"], Wire<FinishReason>());
        Assert.Equal(["auto", "default", "flex", "scale", "priority", "fast"], Wire<ChatServiceTier>());
        Assert.Equal(["none", "minimal", "low", "medium", "high", "xhigh", "max"], Wire<ChatReasoningEffort>());
        Assert.Equal(["low", "medium", "high"], Wire<ChatVerbosity>());
        Assert.Equal(["auto", "low", "high"], Wire<ChatImageDetail>());
        Assert.Equal(["low", "medium", "high"], Wire<ChatWebSearchContextSize>());
        Assert.Equal(["in_memory", "24h"], Wire<ChatPromptCacheRetention>());
        Assert.Equal(["implicit", "explicit"], Wire<ChatPromptCacheMode>());
        Assert.Equal(["30m"], Wire<ChatPromptCacheTtl>());
    }

    /// <summary>Every extensible string value type of the client (chat, audio, files, fine-tuning).</summary>
    public static TheoryData<Type> ValueTypes() => [.. AllValueTypes()];

    [Theory]
    [MemberData(nameof(ValueTypes))]
    public void KnownValues_AreEveryStaticValueOfTheType_AndReadBackAsTheSameInstance(Type type)
    {
        var statics = type.GetProperties(BindingFlags.Public | BindingFlags.Static)
            .Where(p => p.PropertyType == type)
            .Select(p => p.GetValue(null)!.ToString()!)
            .ToArray();

        var known = (string[])typeof(ExtensibleStringJsonConverterTests).GetMethod(nameof(Wire), BindingFlags.NonPublic | BindingFlags.Static)!.MakeGenericMethod(type).Invoke(null, null)!;
        var readBack = (bool)typeof(ExtensibleStringJsonConverterTests).GetMethod(nameof(ReadsKnownValuesAsTheirInstances), BindingFlags.NonPublic | BindingFlags.Static)!.MakeGenericMethod(type).Invoke(null, null)!;

        Assert.Equal(statics, known);
        Assert.True(readBack);
        Assert.NotNull(type.GetCustomAttribute<JsonConverterAttribute>());
    }

    [Fact]
    public void ValueTypes_IncludeTheAudioFilesAndFineTuningOnes()
    {
        var types = AllValueTypes();

        Assert.Contains(typeof(FilePurpose), types);
        Assert.Contains(typeof(FineTuningJobStatus), types);
        Assert.Contains(typeof(SpeechVoice), types);
        Assert.Contains(typeof(TranscriptionFormat), types);
    }

    [Fact]
    public void Read_AudioFilesAndFineTuningValues_KnownUnknownAndNonString()
    {
        var file = JsonSerializer.Deserialize("""{"id":"file-1","purpose":"fine-tune"}""", ChatGpt.Files.Internal.FilesJsonContext.Default.ChatGptFile)!;
        var job = JsonSerializer.Deserialize("""{"id":"ftjob-1","status":"archived"}""", ChatGpt.FineTuning.Internal.FineTuningJsonContext.Default.FineTuningJob)!;

        Assert.Same(FilePurpose.FineTune.Value, file.Purpose.Value);
        Assert.Equal("archived", job.Status.Value);
        Assert.Contains("\"status\":\"archived\"", JsonSerializer.Serialize(job, ChatGpt.FineTuning.Internal.FineTuningJsonContext.Default.FineTuningJob), StringComparison.Ordinal);
        var error = Assert.Throws<JsonException>(() => JsonSerializer.Deserialize("""{"id":"file-1","purpose":7}""", ChatGpt.Files.Internal.FilesJsonContext.Default.ChatGptFile));
        Assert.Contains("purpose", error.Message, StringComparison.Ordinal);
    }

    private static string Write(ChatCompletionRequest request)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            ChatCompletionRequestWriter.Write(writer, request);
        }

        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }

    private static Type[] AllValueTypes() =>
    [
        .. typeof(ChatGptClient).Assembly.GetTypes()
            .Where(static t => t.IsValueType && t.GetInterfaces().Any(static i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IExtensibleString<>)))
            .OrderBy(static t => t.FullName, StringComparer.Ordinal),
    ];

    private static bool ReadsKnownValuesAsTheirInstances<T>()
        where T : struct, IExtensibleString<T>
    {
        foreach (var value in T.KnownValues)
        {
            var reader = new Utf8JsonReader(System.Text.Encoding.UTF8.GetBytes($"\"{value.Value}\""));
            reader.Read();
            var read = ExtensibleStringJsonConverter<T>.ReadString(ref reader);
            if (!ReferenceEquals(value.Value, read.Value))
            {
                return false;
            }
        }

        return true;
    }

    private static string[] Wire<T>()
        where T : struct, IExtensibleString<T> => [.. T.KnownValues.Select(static v => v.Value)];
}
