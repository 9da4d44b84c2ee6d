using System.Net;
using System.Text.Json;
using ChatGpt.Files;
using ChatGpt.Files.Internal;
using ChatGpt.Tests.Resilience;
using Microsoft.Extensions.DependencyInjection;

namespace ChatGpt.Tests.Files;

/// <summary>The Files API's objects that users build for their tests are the ones the client parses from a response.</summary>
public sealed class ChatGptModelFactoryFilesTests
{
    private static readonly DateTimeOffset Created = DateTimeOffset.FromUnixTimeSeconds(1700000000);

    [Fact]
    public async Task ChatGptFile_SameValuesAsAParsedFile_SerializesToTheSameJson()
    {
        const string body = """{"id":"file-abc","object":"file","bytes":5,"created_at":1700000000,"expires_at":1700003600,"filename":"data.jsonl","purpose":"batch","status":"error","status_details":"Line 3 is not JSON."}""";
        var parsed = await ServeAsync(body, files => files.GetFileAsync("file-abc"));

        var built = ChatGptModelFactory.ChatGptFile("file-abc", FilePurpose.Batch, "data.jsonl", 5, Created, Created.AddHours(1), "error", "Line 3 is not JSON.");

        Assert.Equal(Json(parsed), Json(built));
        Assert.Equal(parsed.Purpose, built.Purpose);
        Assert.Equal("file-abc", built.ToString());
    }

    [Fact]
    public void ChatGptFile_Defaults_AreAProcessedFineTuningFile()
    {
        var file = ChatGptModelFactory.ChatGptFile();

        Assert.Equal(("file", FilePurpose.FineTune, "processed", (DateTimeOffset?)null), (file.Object, file.Purpose, file.Status, file.ExpiresAt));
    }

    [Fact]
    public async Task DeletionResult_SameValuesAsAParsedOne_HasTheSameProperties()
    {
        var parsed = await ServeAsync("""{"id":"file-abc","object":"file","deleted":true}""", files => files.DeleteFileAsync("file-abc"));

        var built = ChatGptModelFactory.DeletionResult("file-abc");

        Assert.Equal((parsed.Id, parsed.Object, parsed.Deleted), (built.Id, built.Object, built.Deleted));
        Assert.Equal("model", ChatGptModelFactory.DeletionResult("ft:gpt-4o-mini:org:x:1", objectType: "model").Object);
    }

    private static async Task<T> ServeAsync<T>(string body, Func<IChatGptFilesClient, Task<T>> call)
    {
        using var host = new ResilienceTestHost((_, _) => ResilienceTestHost.Json(HttpStatusCode.OK, body));
        return await host.RunAsync(() => call(host.Services.GetRequiredService<IChatGptFilesClient>()));
    }

    private static string Json(ChatGptFile file) => JsonSerializer.Serialize(file, FilesJsonContext.Default.ChatGptFile);
}
