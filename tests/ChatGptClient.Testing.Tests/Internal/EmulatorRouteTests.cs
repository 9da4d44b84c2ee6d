using ChatGpt.Testing.Internal;

namespace ChatGpt.Testing.Tests.Internal;

/// <summary>Route templates: literal segments, <c>{name}</c> captures, a last <c>{*name}</c>, methods.</summary>
public class EmulatorRouteTests
{
    [Theory]
    [InlineData("/v1/files/file-abc/content", "file-abc")]
    [InlineData("/v1/files/file%2Fx/content/", "file/x")]
    public void TryMatch_ParameterSegment_CapturesDecodedValue(string path, string expected)
    {
        var route = new EmulatorRoute("GET", "/v1/files/{file_id}/content");

        Assert.True(route.TryMatch("get", path, out var values));
        Assert.Equal(expected, values["file_id"]);
    }

    [Theory]
    [InlineData("POST", "/v1/files/file-abc/content")]
    [InlineData("GET", "/v1/files/file-abc")]
    [InlineData("GET", "/v1/files//content")]
    [InlineData("GET", "/v1/files/file-abc/content/extra")]
    [InlineData("GET", "/v2/files/file-abc/content")]
    public void TryMatch_OtherMethodOrShape_DoesNotMatch(string method, string path)
    {
        var route = new EmulatorRoute("GET", "/v1/files/{file_id}/content");

        Assert.False(route.TryMatch(method, path, out _));
    }

    [Fact]
    public void TryMatch_CatchAll_CapturesTheRestWithSlashes()
    {
        var route = new EmulatorRoute("DELETE", "/v1/models/{*model}");

        Assert.True(route.TryMatch("DELETE", "/v1/models/ft:gpt-4o:org::abc/x", out var values));
        Assert.Equal("ft:gpt-4o:org::abc/x", values["model"]);
        Assert.False(route.TryMatch("DELETE", "/v1/models", out _));
    }

    [Fact]
    public void Router_DuplicateRoute_FailsAtConstruction()
    {
        var error = Assert.Throws<InvalidOperationException>(() => new ChatGptEmulator(TimeProvider.System, e => [new ProbeEndpoint(e, "/v1/models")]));

        Assert.Contains("GET /v1/models", error.Message);
    }

    [Fact]
    public void Emulator_ServesTheBuiltInRoutes()
    {
        var routes = new ChatGptEmulator().Routes.Select(r => r.ToString()).ToList();

        Assert.Equal(["POST /v1/chat/completions", "POST /v1/completions", "GET /v1/models", "GET /v1/models/{*model}"], routes.Take(4));
        Assert.Equal(routes.Count, routes.Distinct().Count());
        Assert.Subset(
            routes.ToHashSet(),
            new HashSet<string>
            {
                "DELETE /v1/models/{*model}", "POST /v1/files", "GET /v1/files", "GET /v1/files/{file_id}", "DELETE /v1/files/{file_id}",
                "GET /v1/files/{file_id}/content", "POST /v1/uploads", "POST /v1/uploads/{upload_id}/parts", "POST /v1/uploads/{upload_id}/complete",
                "POST /v1/uploads/{upload_id}/cancel", "POST /v1/fine_tuning/jobs", "GET /v1/fine_tuning/jobs", "GET /v1/fine_tuning/jobs/{job_id}",
                "POST /v1/fine_tuning/jobs/{job_id}/cancel", "POST /v1/fine_tuning/jobs/{job_id}/pause", "POST /v1/fine_tuning/jobs/{job_id}/resume",
                "GET /v1/fine_tuning/jobs/{job_id}/events", "GET /v1/fine_tuning/jobs/{job_id}/checkpoints",
            });
    }

    private sealed class ProbeEndpoint(ChatGptEmulator emulator, string template) : EmulatorEndpoint(emulator)
    {
        public override IReadOnlyList<EmulatorRoute> Routes { get; } = [new("GET", template)];

        public override ValueTask<ResponsePlan> HandleAsync(EndpointRequest request, CancellationToken cancellationToken) =>
            ValueTask.FromResult(ResponsePlan.Text(200, "probe", "text/plain"));
    }
}
