using System.Collections;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using ChatGpt.Chat;
using ChatGpt.Serialization;
using ChatGpt.Testing;
using ChatGpt.Tests.TestSupport;
using RichardSzalay.MockHttp;

namespace ChatGpt.Tests.Serialization;

/// <summary>
/// <see cref="ChatCompletionReader"/> and <see cref="ChatCompletionChunkReader"/> read exactly what the source-generated
/// contract reads: both read each document, both results are written with the contract, and the JSON must be the same
/// (or both must fail). A corpus test checks that the documents set every property of every response type, so a field the
/// readers drop shows up as a difference.
/// </summary>
public sealed class ResponseReaderEquivalenceTests
{
    // What a replaced value becomes in the mutation tests: every JSON kind, including those a field rejects.
    private static readonly string[] Replacements = ["null", "\"x\"", "\"\"", "7", "-1.5", "1e400", "true", "{}", "[]", "{\"u\":[1,{\"v\":null}]}", "[1,\"a\",null]"];

    private static readonly JsonSerializerOptions DescribeOptions = new(ChatGptJsonContext.Default.Options) { NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals };

    public static TheoryData<string> CompletionNames() => [.. ResponseReaderCorpus.Completions.Keys];

    public static TheoryData<string> ChunkNames() => [.. ResponseReaderCorpus.Chunks.Keys];

    [Theory]
    [MemberData(nameof(CompletionNames))]
    public void ChatCompletionReader_CorpusDocument_ReadsWhatTheContractReads(string name) =>
        AssertReadsAlike(ResponseReaderCorpus.Completions[name], ChatCompletionReader.TypeInfo, ChatGptJsonContext.Default.ChatCompletion);

    [Theory]
    [MemberData(nameof(ChunkNames))]
    public void ChatCompletionChunkReader_CorpusDocument_ReadsWhatTheContractReads(string name) =>
        AssertReadsAlike(ResponseReaderCorpus.Chunks[name], ChatCompletionChunkReader.TypeInfo, ChatGptJsonContext.Default.ChatCompletionChunk);

    [Fact]
    public void ChatCompletionChunkReader_ErrorEvent_KeepsTheErrorForTheStreamReader()
    {
        var chunk = JsonSerializer.Deserialize(ResponseReaderCorpus.Chunks["error object"], ChatCompletionChunkReader.TypeInfo)!;

        Assert.Equal("server_error", chunk.Error!.Value.GetProperty("type").GetString());
    }

    [Fact]
    public void Corpus_SetsEveryPropertyOfEveryResponseType()
    {
        // Without this, a field missing from the corpus would be missing from both results and the readers could drop it.
        var expected = new SortedSet<string>(StringComparer.Ordinal);
        AllProperties(typeof(ChatCompletion), expected, []);
        AllProperties(typeof(ChatCompletionChunk), expected, []);
        var covered = new HashSet<string>(StringComparer.Ordinal);
        foreach (var json in ResponseReaderCorpus.Completions.Values)
        {
            SetProperties(JsonSerializer.Deserialize(json, ChatGptJsonContext.Default.ChatCompletion), typeof(ChatCompletion), covered);
        }

        foreach (var json in ResponseReaderCorpus.Chunks.Values)
        {
            SetProperties(JsonSerializer.Deserialize(json, ChatGptJsonContext.Default.ChatCompletionChunk), typeof(ChatCompletionChunk), covered);
        }

        Assert.True(expected.Count > 60, $"Only {expected.Count} properties found: the walk is broken.");
        Assert.Equal([], expected.Except(covered).ToArray());
    }

    [Theory]
    [InlineData(ResponseReaderCorpus.CompletionWithEveryField)]
    [InlineData("""{"choices":[{"index":0,"message":{"role":"assistant","content":"x","tool_calls":[{"id":"c","function":{"name":"f","arguments":"{}"}}]},"finish_reason":"stop"}],"usage":{"prompt_tokens":1,"completion_tokens":1,"total_tokens":2}}""")]
    public void ChatCompletionReader_AnyValueReplacedByAnyJsonValue_FailsOrReadsLikeTheContract(string json) =>
        AssertEveryMutationAgrees(json, ChatCompletionReader.TypeInfo, ChatGptJsonContext.Default.ChatCompletion);

    [Theory]
    [InlineData(ResponseReaderCorpus.ChunkWithEveryField)]
    [InlineData("""{"id":"c","choices":[{"index":0,"delta":{"role":"assistant","tool_calls":[{"index":0,"id":"c","type":"function","function":{"name":"f","arguments":"{}"}}]},"finish_reason":null}]}""")]
    public void ChatCompletionChunkReader_AnyValueReplacedByAnyJsonValue_FailsOrReadsLikeTheContract(string json) =>
        AssertEveryMutationAgrees(json, ChatCompletionChunkReader.TypeInfo, ChatGptJsonContext.Default.ChatCompletionChunk);

    [Fact]
    public async Task Readers_EmulatorResponses_ReadWhatTheContractReads()
    {
        var emulator = new ChatGptEmulator();
        using var http = emulator.CreateHttpClient();
        http.DefaultRequestHeaders.Authorization = new("Bearer", "sk-test");
        const string Messages = """ "model":"gpt-4o-mini","messages":[{"role":"user","content":"What's the weather in Paris? Answer with emoji and 東京 too."}] """;
        const string Tools = """ "tools":[{"type":"function","function":{"name":"get_weather","parameters":{"type":"object","properties":{"city":{"type":"string"}},"required":["city"]}}}],"tool_choice":"required" """;
        const string Logprobs = """ "logprobs":true,"top_logprobs":2 """;
        const string Stream = """ "stream":true,"stream_options":{"include_usage":true} """;
        var bodies = new List<string>();

        foreach (var extra in new[] { string.Empty, Tools, Logprobs })
        {
            var body = await PostAsync(http, $"{{{Messages}{(extra.Length > 0 ? "," : string.Empty)}{extra}}}");
            AssertReadsAlike(body, ChatCompletionReader.TypeInfo, ChatGptJsonContext.Default.ChatCompletion);
            bodies.Add(body);
        }

        foreach (var extra in new[] { Stream, $"{Stream},{Tools}", $"{Stream},{Logprobs}" })
        {
            var body = await PostAsync(http, $"{{{Messages},{extra}}}");
            var events = body.Split('\n').Where(l => l.StartsWith("data: ", StringComparison.Ordinal) && l != "data: [DONE]").Select(l => l["data: ".Length..]).ToList();
            Assert.True(events.Count > 2, body);
            foreach (var data in events)
            {
                AssertReadsAlike(data, ChatCompletionChunkReader.TypeInfo, ChatGptJsonContext.Default.ChatCompletionChunk);
            }

            bodies.Add(body);
        }

        // The emulator produced what the requests asked for, so those shapes were compared.
        Assert.Contains("\"tool_calls\"", bodies[1], StringComparison.Ordinal);
        Assert.Contains("\"top_logprobs\"", bodies[2], StringComparison.Ordinal);
        Assert.Contains("\"tool_calls\"", bodies[4], StringComparison.Ordinal);
        Assert.Contains("\"top_logprobs\"", bodies[5], StringComparison.Ordinal);
        Assert.Contains("\"usage\":{", bodies[3], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("[]")]
    [InlineData("\"chat.completion\"")]
    [InlineData("42")]
    [InlineData("""{"id":"x"}""")]
    [InlineData("""{"choices":{}}""")]
    [InlineData("""{"choices":[1]}""")]
    [InlineData("""{"choices":[[]]}""")]
    [InlineData("""{"choices":[],"id":7}""")]
    [InlineData("""{"choices":[],"model":{}}""")]
    [InlineData("""{"choices":[],"object":true}""")]
    [InlineData("""{"choices":[],"created":"1741570283"}""")]
    [InlineData("""{"choices":[],"created":null}""")]
    [InlineData("""{"choices":[],"service_tier":1}""")]
    [InlineData("""{"choices":[],"usage":[]}""")]
    [InlineData("""{"choices":[],"usage":{"prompt_tokens":"1"}}""")]
    [InlineData("""{"choices":[],"usage":{"prompt_tokens":null}}""")]
    [InlineData("""{"choices":[],"usage":{"prompt_tokens":1.5}}""")]
    [InlineData("""{"choices":[],"usage":{"prompt_tokens":2147483648}}""")]
    [InlineData("""{"choices":[],"usage":{"prompt_tokens_details":{"cached_tokens":"0"}}}""")]
    [InlineData("""{"choices":[],"usage":{"completion_tokens_details":[]}}""")]
    [InlineData("""{"choices":[{"index":"0"}]}""")]
    [InlineData("""{"choices":[{"index":null}]}""")]
    [InlineData("""{"choices":[{"finish_reason":1}]}""")]
    [InlineData("""{"choices":[{"message":"hi"}]}""")]
    [InlineData("""{"choices":[{"message":{"role":null}}]}""")]
    [InlineData("""{"choices":[{"message":{"role":1}}]}""")]
    [InlineData("""{"choices":[{"message":{"content":1}}]}""")]
    [InlineData("""{"choices":[{"message":{"content":{}}}]}""")]
    [InlineData("""{"choices":[{"message":{"refusal":false}}]}""")]
    [InlineData("""{"choices":[{"message":{"tool_calls":{}}}]}""")]
    [InlineData("""{"choices":[{"message":{"tool_calls":[{"type":"function"}]}}]}""")]
    [InlineData("""{"choices":[{"message":{"tool_calls":[{"id":"c","function":{"name":"f"}}]}}]}""")]
    [InlineData("""{"choices":[{"message":{"tool_calls":[{"id":"c","function":{"arguments":"{}"}}]}}]}""")]
    [InlineData("""{"choices":[{"message":{"tool_calls":[{"id":"c","function":{"name":"f","arguments":{}}}]}}]}""")]
    [InlineData("""{"choices":[{"message":{"tool_calls":[{"id":"c","custom":{"name":"f"}}]}}]}""")]
    [InlineData("""{"choices":[{"message":{"annotations":[{"url_citation":{"url":"u"}}]}}]}""")]
    [InlineData("""{"choices":[{"message":{"annotations":[{"type":"url_citation","url_citation":{"start_index":1}}]}}]}""")]
    [InlineData("""{"choices":[{"message":{"annotations":[{"type":"url_citation","url_citation":{"url":"u","end_index":"2"}}]}}]}""")]
    [InlineData("""{"choices":[{"message":{"audio":{"data":"d"}}}]}""")]
    [InlineData("""{"choices":[{"message":{"function_call":"f"}}]}""")]
    [InlineData("""{"choices":[{"logprobs":{"content":[{"token":"a","logprob":"x"}]}}]}""")]
    [InlineData("""{"choices":[],"metadata":{"k":1}}""")]
    [InlineData("""{"choices":[],"moderation":[]}""")]
    public void ChatCompletionReader_WrongTokenType_ThrowsJsonExceptionLikeTheContract(string json)
    {
        Assert.ThrowsAny<JsonException>(() => JsonSerializer.Deserialize(json, ChatGptJsonContext.Default.ChatCompletion));

        var ex = Assert.ThrowsAny<JsonException>(() => JsonSerializer.Deserialize(json, ChatCompletionReader.TypeInfo));
        Assert.False(string.IsNullOrWhiteSpace(ex.Message));
    }

    [Theory]
    [InlineData("[]")]
    [InlineData("""{"choices":{}}""")]
    [InlineData("""{"choices":[true]}""")]
    [InlineData("""{"id":1}""")]
    [InlineData("""{"created":"x"}""")]
    [InlineData("""{"obfuscation":1}""")]
    [InlineData("""{"choices":[{"index":1.5}]}""")]
    [InlineData("""{"choices":[{"delta":[]}]}""")]
    [InlineData("""{"choices":[{"delta":{"role":3}}]}""")]
    [InlineData("""{"choices":[{"delta":{"content":{}}}]}""")]
    [InlineData("""{"choices":[{"delta":{"tool_calls":{}}}]}""")]
    [InlineData("""{"choices":[{"delta":{"tool_calls":[{"index":null}]}}]}""")]
    [InlineData("""{"choices":[{"delta":{"tool_calls":[{"index":0,"function":{"arguments":1}}]}}]}""")]
    [InlineData("""{"choices":[{"delta":{"function_call":[]}}]}""")]
    [InlineData("""{"choices":[{"finish_reason":{}}]}""")]
    [InlineData("""{"usage":{"total_tokens":"3"}}""")]
    public void ChatCompletionChunkReader_WrongTokenType_ThrowsJsonExceptionLikeTheContract(string json)
    {
        Assert.ThrowsAny<JsonException>(() => JsonSerializer.Deserialize(json, ChatGptJsonContext.Default.ChatCompletionChunk));

        Assert.ThrowsAny<JsonException>(() => JsonSerializer.Deserialize(json, ChatCompletionChunkReader.TypeInfo));
    }

    [Theory]
    [InlineData("""{"id":"x","choices":{}}""")]
    [InlineData("""{"id":"x","choices":[{"index":0,"message":{"role":"assistant","content":"hi"}}],"usage":{"prompt_tokens":"1","completion_tokens":1,"total_tokens":2}}""")]
    [InlineData("""{"id":"x"}""")]
    public async Task CreateChatCompletionAsync_WrongTypedField_ThrowsChatGptExceptionWithTheJsonException(string body)
    {
        var mock = new MockHttpMessageHandler();
        mock.When("*").Respond("application/json", body);
        var client = TestClients.Create(mock);

        var exception = await Assert.ThrowsAsync<ChatGptException>(() => client.CreateChatCompletionAsync(new ChatCompletionRequest { Model = "m", Messages = [ChatMessage.User("x")] }));

        Assert.IsAssignableFrom<JsonException>(exception.InnerException);
    }

    [Fact]
    public async Task StreamChatCompletionAsync_WrongTypedFieldInAnEvent_ThrowsChatGptExceptionWithTheJsonException()
    {
        var mock = new MockHttpMessageHandler();
        mock.When("*").Respond("text/event-stream", "data: {\"id\":\"c\",\"choices\":[{\"index\":0,\"delta\":{\"content\":7}}]}\n\ndata: [DONE]\n\n");
        var client = TestClients.Create(mock);

        var exception = await Assert.ThrowsAsync<ChatGptException>(async () =>
        {
            await foreach (var _ in client.StreamChatCompletionAsync(new ChatCompletionRequest { Model = "m", Messages = [ChatMessage.User("x")] }))
            {
            }
        });

        Assert.IsAssignableFrom<JsonException>(exception.InnerException);
    }

    [Fact]
    public void Readers_TruncatedDocument_ThrowJsonExceptionAtEveryLength()
    {
        var completion = Encoding.UTF8.GetBytes(ResponseReaderCorpus.CompletionWithEveryField);
        var chunk = Encoding.UTF8.GetBytes(ResponseReaderCorpus.ChunkWithEveryField);

        for (var length = 0; length < completion.Length - 1; length++)
        {
            var prefix = completion.AsSpan(0, length).ToArray();
            Assert.ThrowsAny<JsonException>(() => JsonSerializer.Deserialize(prefix, ChatCompletionReader.TypeInfo));
        }

        for (var length = 0; length < chunk.Length - 1; length++)
        {
            var prefix = chunk.AsSpan(0, length).ToArray();
            Assert.ThrowsAny<JsonException>(() => JsonSerializer.Deserialize(prefix, ChatCompletionChunkReader.TypeInfo));
        }
    }

    [Fact]
    public void Readers_JsonNull_ReadAsNullLikeTheContract()
    {
        Assert.Null(JsonSerializer.Deserialize("null", ChatCompletionReader.TypeInfo));
        Assert.Null(JsonSerializer.Deserialize("null", ChatCompletionChunkReader.TypeInfo));
    }

    [Fact]
    public void Readers_Write_WritesWhatTheContractWrites()
    {
        var completion = JsonSerializer.Deserialize(ResponseReaderCorpus.CompletionWithEveryField, ChatGptJsonContext.Default.ChatCompletion)!;
        var chunk = JsonSerializer.Deserialize(ResponseReaderCorpus.ChunkWithEveryField, ChatGptJsonContext.Default.ChatCompletionChunk)!;

        Assert.Equal(JsonSerializer.Serialize(completion, ChatGptJsonContext.Default.ChatCompletion), JsonSerializer.Serialize(completion, ChatCompletionReader.TypeInfo));
        Assert.Equal(JsonSerializer.Serialize(chunk, ChatGptJsonContext.Default.ChatCompletionChunk), JsonSerializer.Serialize(chunk, ChatCompletionChunkReader.TypeInfo));
    }

    [Fact]
    public void ChatCompletionChunkReader_RepeatedStrings_AreTheSameInstanceFromOneEventToTheNext()
    {
        const string Event = """{"id":"chatcmpl-1","object":"chat.completion.chunk","created":1,"model":"gpt-4o-mini","system_fingerprint":"fp_1","choices":[{"index":0,"delta":{"content":"a"}}]}""";

        var first = JsonSerializer.Deserialize(Event, ChatCompletionChunkReader.TypeInfo)!;
        var second = JsonSerializer.Deserialize(Event, ChatCompletionChunkReader.TypeInfo)!;

        Assert.Same(first.Id, second.Id);
        Assert.Same(first.Object, second.Object);
        Assert.Same(first.Model, second.Model);
        Assert.Same(first.SystemFingerprint, second.SystemFingerprint);
    }

    /// <summary>For every value in the document (objects and arrays included), each replacement, and an unknown property
    /// added to every object: the reader and the contract both fail, or both read the same thing.</summary>
    private static void AssertEveryMutationAgrees<T>(string json, JsonTypeInfo<T> readerType, JsonTypeInfo<T> contractType)
        where T : class
    {
        var root = JsonNode.Parse(json)!;
        var paths = new List<(JsonNode Parent, object Key)>();
        CollectSlots(root, paths);
        var cases = 0;
        var failures = 0;
        for (var i = 0; i < paths.Count; i++)
        {
            foreach (var replacement in Replacements)
            {
                var mutated = Mutate(root, i, slot => slot.Replace(replacement));
                var (reader, contract) = BothOutcomes(mutated, readerType, contractType);
                Assert.True(contract == reader, $"Replacing value {i} with {replacement} in\n{mutated}\nreader:   {reader}\ncontract: {contract}");
                cases++;
                failures += contract.StartsWith("fails", StringComparison.Ordinal) ? 1 : 0;
            }
        }

        foreach (var withUnknown in ObjectsWithAnUnknownProperty(root))
        {
            // Inside a dictionary (metadata, moderation categories) the property is an entry of the wrong type, which fails.
            var (reader, contract) = BothOutcomes(withUnknown, readerType, contractType);
            Assert.True(contract == reader, $"Unknown property in\n{withUnknown}\nreader:   {reader}\ncontract: {contract}");
            cases++;
        }

        // Both kinds of outcome were exercised: some replacements are accepted, many rejected.
        Assert.InRange(failures, 20, cases - 20);
    }

    /// <summary>A valid document: the contract reads it, and the reader reads the same.</summary>
    private static void AssertReadsAlike<T>(string json, JsonTypeInfo<T> readerType, JsonTypeInfo<T> contractType)
        where T : class
    {
        var (reader, contract) = BothOutcomes(json, readerType, contractType);

        Assert.DoesNotContain("fails", contract, StringComparison.Ordinal);
        Assert.Equal(contract, reader);
    }

    private static (string Reader, string Contract) BothOutcomes<T>(string json, JsonTypeInfo<T> readerType, JsonTypeInfo<T> contractType)
        where T : class
    {
        string contract;
        try
        {
            contract = Describe(JsonSerializer.Deserialize(json, contractType), contractType);
        }
        catch (Exception ex) when (ex is JsonException or FormatException or InvalidOperationException or ArgumentException or NotSupportedException)
        {
            // Every exception the client turns into a ChatGptException counts as a failure; the reader must throw a JsonException.
            contract = "fails";
        }

        string reader;
        try
        {
            reader = Describe(JsonSerializer.Deserialize(json, readerType), contractType);
        }
        catch (JsonException)
        {
            reader = "fails";
        }

        return (reader, contract);
    }

    // The contract's own options, plus named floating-point literals: a log probability of 1e400 reads as infinity.
    private static string Describe<T>(T? value, JsonTypeInfo<T> contractType) =>
        value is null ? "null" : JsonSerializer.Serialize(value, (JsonTypeInfo<T>)DescribeOptions.GetTypeInfo(contractType.Type));

    private static void CollectSlots(JsonNode node, List<(JsonNode Parent, object Key)> slots)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (name, child) in obj)
                {
                    slots.Add((obj, name));
                    if (child is not null)
                    {
                        CollectSlots(child, slots);
                    }
                }

                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    slots.Add((array, i));
                    if (array[i] is { } child)
                    {
                        CollectSlots(child, slots);
                    }
                }

                break;
        }
    }

    private static string Mutate(JsonNode root, int slotIndex, Func<Slot, Slot> change)
    {
        var copy = root.DeepClone();
        var slots = new List<(JsonNode Parent, object Key)>();
        CollectSlots(copy, slots);
        var (parent, key) = slots[slotIndex];
        change(new Slot(parent, key));
        return copy.ToJsonString();
    }

    private static IEnumerable<string> ObjectsWithAnUnknownProperty(JsonNode root)
    {
        var objects = new List<JsonObject>();
        void Collect(JsonNode? node)
        {
            if (node is JsonObject obj)
            {
                objects.Add(obj);
            }

            foreach (var child in node switch { JsonObject o => o.Select(p => p.Value), JsonArray a => a, _ => [] })
            {
                Collect(child);
            }
        }

        for (var i = 0; ; i++)
        {
            var copy = root.DeepClone();
            objects.Clear();
            Collect(copy);
            if (i >= objects.Count)
            {
                yield break;
            }

            // Inserted first, so the reader skips it before the fields it knows.
            objects[i].Insert(0, "zz_unknown", JsonNode.Parse("""{"a":[1,{"b":null,"c":[[]]}],"d":"e","f":{"g":{}}}"""));
            yield return copy.ToJsonString();
        }
    }

    /// <summary>Every property of the contract reachable from <paramref name="type"/>, as <c>Type.json_name</c>.</summary>
    private static void AllProperties(Type type, ISet<string> properties, HashSet<Type> visited)
    {
        // Content parts are request types the message's content can carry; the readers hand the array to the contract whole.
        if (!visited.Add(type) || type == typeof(ChatContentPart))
        {
            return;
        }

        var info = ChatGptJsonContext.Default.GetTypeInfo(type)!;
        switch (info.Kind)
        {
            case JsonTypeInfoKind.Object:
                foreach (var property in info.Properties.Where(p => p.Get is not null))
                {
                    properties.Add($"{type.Name}.{property.Name}");
                    AllProperties(property.PropertyType, properties, visited);
                }

                break;
            case JsonTypeInfoKind.Enumerable:
                AllProperties(info.ElementType!, properties, visited);
                break;
        }
    }

    /// <summary>Records the properties that hold a value other than their default in <paramref name="value"/>'s graph.</summary>
    private static void SetProperties(object? value, Type type, ISet<string> covered)
    {
        if (value is null || type == typeof(ChatContentPart))
        {
            return;
        }

        var info = ChatGptJsonContext.Default.GetTypeInfo(type)!;
        switch (info.Kind)
        {
            case JsonTypeInfoKind.Object:
                foreach (var property in info.Properties)
                {
                    if (property.Get is null)
                    {
                        // [JsonIgnore]d properties (ContentParts, Content...) are listed without accessors.
                        continue;
                    }

                    var propertyValue = property.Get(value);
                    if (propertyValue is not null && !(propertyValue.GetType().IsValueType && propertyValue.Equals(RuntimeHelpers.GetUninitializedObject(propertyValue.GetType()))))
                    {
                        covered.Add($"{type.Name}.{property.Name}");
                    }

                    SetProperties(propertyValue, property.PropertyType, covered);
                }

                break;
            case JsonTypeInfoKind.Enumerable:
                foreach (var item in (IEnumerable)value)
                {
                    SetProperties(item, info.ElementType!, covered);
                }

                break;
        }
    }

    private static async Task<string> PostAsync(HttpClient http, string body)
    {
        using var content = new StringContent(body, Encoding.UTF8, "application/json");
        using var response = await http.PostAsync(new Uri("chat/completions", UriKind.Relative), content);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, text);
        return text;
    }

    /// <summary>One value of a JSON object or array, to replace.</summary>
    private readonly record struct Slot(JsonNode Parent, object Key)
    {
        public Slot Replace(string json)
        {
            var node = JsonNode.Parse(json);
            if (Parent is JsonObject obj)
            {
                obj[(string)Key] = node;
            }
            else
            {
                ((JsonArray)Parent)[(int)Key] = node;
            }

            return this;
        }
    }
}
