using Microsoft.Extensions.Options;

namespace ChatGpt.DependencyInjection.Internal;

/// <summary>
/// Fails the options of a name registered by more than one <c>AddChatGpt</c> call. Options of two calls are merged into
/// one instance, so the second call's <see cref="ChatGptOptions.BaseAddress"/> would silently receive the first call's
/// API key: the host must not start like that.
/// </summary>
internal sealed class DuplicateRegistrationValidator(IEnumerable<ChatGptRegistrationMarker> markers) : IValidateOptions<ChatGptOptions>
{
    public ValidateOptionsResult Validate(string? name, ChatGptOptions options)
    {
        name ??= Options.DefaultName;
        var count = 0;
        foreach (var marker in markers)
        {
            if (marker.Name == name)
            {
                count++;
            }
        }

        if (count <= 1)
        {
            return ValidateOptionsResult.Success;
        }

        var which = name.Length == 0 ? "the default ChatGpt configuration" : $"the ChatGpt configuration '{name}'";
        var example = name.Length == 0 ? "AddChatGpt(\"drafts\", o => ...)" : $"AddChatGpt(\"{name}-2\", o => ...)";
        return ValidateOptionsResult.Fail(
            $"AddChatGpt was called {count} times for {which}. Their settings would be merged into one, so one call's API key could be sent to another call's BaseAddress. " +
            $"Register each server once and give the others a name: services.{example}, then inject [FromKeyedServices(\"drafts\")] IChatGptClient or use IChatGptClientFactory.CreateClient(\"drafts\").");
    }
}
