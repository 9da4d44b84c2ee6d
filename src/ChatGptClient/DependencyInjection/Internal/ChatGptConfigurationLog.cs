using Microsoft.Extensions.Logging;

namespace ChatGpt.DependencyInjection.Internal;

/// <summary>Logs about configurations (event ids 4000-4099): reloads applied or rejected.</summary>
internal static partial class ChatGptConfigurationLog
{
    /// <summary>The category of these logs.</summary>
    public const string Category = "ChatGpt.Configuration";

    [LoggerMessage(EventId = 4001, EventName = "OptionsReloaded", Level = LogLevel.Information,
        Message = "ChatGpt configuration '{Name}' reloaded: new calls use {Options}")]
    public static partial void OptionsReloaded(ILogger logger, string name, ChatGptOptions options);

    [LoggerMessage(EventId = 4002, EventName = "OptionsReloadRejected", Level = LogLevel.Error,
        Message = "ChatGpt configuration '{Name}' changed to invalid settings and was not applied; the last valid settings keep serving: {Reason}")]
    public static partial void OptionsReloadRejected(ILogger logger, string name, string reason);
}
