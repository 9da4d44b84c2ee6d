using ChatGpt.Chat;
using ChatGpt.Completions;
using ChatGpt.Models;
using ChatGpt.Serialization;

namespace ChatGpt.Tests.Serialization;

/// <summary>Properties of the generated JSON contract that the client's speed depends on.</summary>
public sealed class JsonContractTests
{
    public static TheoryData<Type> ResponsePathTypes() =>
    [
        typeof(ChatCompletion), typeof(ChatChoice), typeof(ChatMessage), typeof(CompletionUsage), typeof(PromptTokensDetails),
        typeof(CompletionTokensDetails), typeof(ChatChoiceLogprobs), typeof(ChatTokenLogprob), typeof(ChatTopLogprob),
        typeof(ChatCompletionChunk), typeof(ChatChunkChoice), typeof(ChatMessageDelta), typeof(Completion), typeof(CompletionChoice),
        typeof(CompletionLogprobs), typeof(ChatGptModel),
    ];

    [Theory]
    [MemberData(nameof(ResponsePathTypes))]
    public void ResponseType_IsBuiltByItsParameterlessConstructor(Type type)
    {
        // init-only or required properties make the serializer buffer every property value in an argument array before
        // it builds the object: a third of a short call's client time before these types had plain setters.
        var typeInfo = ChatGptJsonContext.Default.GetTypeInfo(type)!;

        Assert.NotNull(typeInfo.CreateObject);
    }
}
