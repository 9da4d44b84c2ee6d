using System.Net;
using ChatGpt.Internal;
using ChatGpt.Resilience;

namespace ChatGpt;

/// <summary>Settings of <c>ChatGptClient</c>: where to connect, how to authenticate and what to send by default.</summary>
/// <remarks>
/// Bound from configuration by <c>AddChatGpt(configuration)</c> (usually the <c>ChatGpt</c> section) and validated at
/// start-up. <see cref="ToString"/> never shows the API key.
/// </remarks>
public sealed class ChatGptOptions
{
    /// <summary>The name of the environment variable read when <see cref="ApiKey"/> is not set.</summary>
    public const string ApiKeyEnvironmentVariable = "OPENAI_API_KEY";

    /// <summary>The default configuration section, <c>ChatGpt</c>.</summary>
    public const string DefaultSectionName = "ChatGpt";

    private static readonly Uri s_defaultBaseAddress = new(ChatGptDefaults.BaseAddress);

    private Uri? _baseAddress;

    /// <summary>The API key sent as <c>Authorization: Bearer</c>.</summary>
    /// <value>When unset, <c>AddChatGpt</c> reads the <c>OPENAI_API_KEY</c> environment variable. May stay empty only
    /// when <see cref="BaseAddress"/> is a loopback address (a local server such as Ollama or the emulator).</value>
    public string? ApiKey { get; set; }

    /// <summary>The base address of the API, ending with the version segment.</summary>
    /// <value>Defaults to the <c>OPENAI_BASE_URL</c> environment variable for the default configuration of
    /// <c>AddChatGpt</c>, else <c>https://api.openai.com/v1/</c>. A missing trailing slash is added. It may not carry
    /// user info (<c>user:password@</c>), and with an <see cref="ApiKey"/> it must be <c>https</c> unless it is a
    /// loopback address or <see cref="AllowApiKeyOverHttp"/> is on.</value>
    public Uri BaseAddress
    {
        get => _baseAddress ?? s_defaultBaseAddress;
        set => _baseAddress = value;
    }

    /// <summary>The header the API key is sent in, when not <c>Authorization: Bearer</c>.</summary>
    /// <value>Unset by default (<c>Authorization: Bearer</c>). Azure OpenAI takes <c>api-key</c>.</value>
    public string? ApiKeyHeaderName { get; set; }

    /// <summary>The <c>api-version</c> query parameter added to every request, for servers that require one (Azure
    /// OpenAI's <c>/openai/deployments/{deployment}/</c> URLs).</summary>
    /// <value>Unset by default: OpenAI, Azure OpenAI's v1 API (<c>/openai/v1/</c>) and local servers take none.</value>
    public string? ApiVersion { get; set; }

    // A field, not a property: the configuration binder (source-generated) looks at every property and cannot create
    // this one; it is an object set in code, not a setting.
    private Authentication.ChatGptTokenProvider? _tokenProvider;
    private bool _setUp;

    /// <summary>Sends bearer tokens from <paramref name="tokenProvider"/> instead of <see cref="ApiKey"/> (Azure OpenAI with
    /// Microsoft Entra ID: <c>UseAzureCredential</c> of the <c>ChatGptClient.Azure</c> package calls this); with it, no
    /// API key is required and none is sent.</summary>
    /// <param name="tokenProvider">The token provider; <see langword="null"/> to go back to the API key.</param>
    /// <returns>These options, for chaining.</returns>
    public ChatGptOptions UseTokenProvider(Authentication.ChatGptTokenProvider? tokenProvider)
    {
        _tokenProvider = tokenProvider;
        return this;
    }

    /// <summary>Records that <c>AddChatGpt</c> completed these options for their configuration.</summary>
    internal void MarkSetUp() => _setUp = true;

    /// <summary>Whether <c>AddChatGpt</c> completed these options (so a client does not apply the default configuration's environment variables again).</summary>
    /// <returns><see langword="true"/> once completed.</returns>
    internal bool IsSetUp() => _setUp;

    /// <summary>The provider set by <see cref="UseTokenProvider"/>, if any.</summary>
    /// <returns>The token provider, or <see langword="null"/> when the API key is sent.</returns>
    internal Authentication.ChatGptTokenProvider? GetTokenProvider() => _tokenProvider;

    /// <summary>Whether the API key may be sent in clear text to a non-loopback <c>http://</c> <see cref="BaseAddress"/>.</summary>
    /// <value>Defaults to <see langword="false"/>: anyone on the network path could read the key, so such a
    /// configuration fails at start-up. Turn it on only for a server on a network you trust (a container next to the
    /// app, say); loopback addresses never need it.</value>
    public bool AllowApiKeyOverHttp { get; set; }

    /// <summary>The organization sent as <c>OpenAI-Organization</c>, if any.</summary>
    public string? Organization { get; set; }

    /// <summary>The project sent as <c>OpenAI-Project</c>, if any.</summary>
    public string? Project { get; set; }

    /// <summary>The model used by chat requests that do not name one.</summary>
    /// <value>Defaults to <c>gpt-4o-mini</c>.</value>
    public string? DefaultModel { get; set; } = ChatGptDefaults.ChatModel;

    /// <summary>The model used by legacy completion requests that do not name one.</summary>
    /// <value>Defaults to <c>gpt-3.5-turbo-instruct</c>.</value>
    public string? DefaultCompletionModel { get; set; } = ChatGptDefaults.CompletionModel;

    /// <summary>The most time one call may take, retries included (streams: until the response headers arrive).</summary>
    /// <value>Defaults to 10 minutes: long completions legitimately take minutes. <see cref="Timeout"/> of
    /// <see cref="System.Threading.Timeout.InfiniteTimeSpan"/> disables it.</value>
    public TimeSpan Timeout { get; set; } = ChatGptDefaults.Timeout;

    /// <summary>The largest body of a non-streamed response the client reads.</summary>
    /// <value>Defaults to 64 MiB. A larger body fails the call with a <see cref="ChatGptException"/> as soon as the limit
    /// is passed, before it is all in memory. Raw bodies returned as a <see cref="Stream"/> (downloads) are not limited:
    /// the caller reads them as they arrive.</value>
    public long MaxResponseBytes { get; set; } = ChatGptDefaults.MaxResponseBytes;

    /// <summary>The largest server-sent event of a stream the client reads.</summary>
    /// <value>Defaults to 16 MiB. A larger event fails the stream with a <see cref="ChatGptException"/> while it arrives.</value>
    public int MaxStreamEventBytes { get; set; } = ChatGptDefaults.MaxStreamEventBytes;

    /// <summary>The longest silence while the body of a non-streamed response (or a raw body stream) arrives.</summary>
    /// <value>Defaults to 2 minutes, so a server that sends its headers and then trickles or stalls fails the call within
    /// it instead of holding it for the whole <see cref="Timeout"/>. <see cref="System.Threading.Timeout.InfiniteTimeSpan"/> disables it.</value>
    public TimeSpan ResponseBodyIdleTimeout { get; set; } = ChatGptDefaults.ResponseBodyIdleTimeout;

    /// <summary>Retries, rate limiting and per-attempt timeouts applied by the pipeline that <c>AddChatGpt</c> registers.</summary>
    public ChatGptResilienceOptions Resilience { get; set; } = new();

    /// <summary>Whether prompt and completion text may be written to logs and traces.</summary>
    /// <value>Defaults to <see langword="false"/>: content can hold personal data.</value>
    public bool LogContent { get; set; }

    /// <summary>Whether each result keeps the raw body it was read from, in <see cref="Diagnostics.ChatGptResponseInfo.RawBody"/>.</summary>
    /// <value>Defaults to <see langword="false"/>: the body is parsed as it streams in and not kept. When on, the bytes are
    /// buffered once and parsed from that buffer (no second parse); a stream keeps each event's data on its chunk.</value>
    public bool CaptureRawResponse { get; set; }

    /// <summary>Whether <see cref="BaseAddress"/> was given (in code or configuration), so <c>OPENAI_BASE_URL</c> does not override it.</summary>
    internal bool BaseAddressIsSet => _baseAddress is not null;

    /// <summary>Whether this configuration may run without an API key: true when <see cref="BaseAddress"/> is loopback.</summary>
    internal bool AllowsMissingApiKey => BaseAddress is { IsAbsoluteUri: true } address && IsLoopback(address);

    /// <summary>Whether an absolute address is on this machine (a loopback IP or <c>localhost</c>).</summary>
    internal static bool IsLoopback(Uri address) => address.IsLoopback || IsLoopbackHost(address.Host);

    /// <summary>Describes the options without the API key.</summary>
    /// <returns>A description safe to log.</returns>
    public override string ToString() =>
        $"ChatGptOptions {{ BaseAddress = {UriText.Redact(BaseAddress)}, ApiKey = {(string.IsNullOrEmpty(ApiKey) ? "(none)" : "***")}, Organization = {Organization ?? "(none)"}, Project = {Project ?? "(none)"}, DefaultModel = {DefaultModel}, Timeout = {Timeout} }}";

    private static bool IsLoopbackHost(string host) =>
        host.Equals("localhost", StringComparison.OrdinalIgnoreCase) || (IPAddress.TryParse(host, out var ip) && IPAddress.IsLoopback(ip));
}
