namespace ChatGpt.Resilience.Internal;

/// <summary>
/// Which budget of an account a model's calls are charged to. OpenAI sets limits per model, and a dated snapshot
/// shares its alias's budget (<c>gpt-4o-mini-2024-07-18</c> and <c>gpt-4o-mini</c>); users map other models together
/// where their provider pools them (<see cref="ChatGptResilienceOptions.ModelBudgetGroups"/>); an Azure OpenAI
/// deployment URL (<c>.../openai/deployments/{name}/</c>) is limited per deployment, so its budget is the deployment.
/// </summary>
internal static class ModelBudgetGroup
{
    /// <summary>The group of calls that name no model (the models list): a budget of their own, so they never queue
    /// behind a model's debt.</summary>
    public const string NoModel = "*";

    private const string DeploymentsSegment = "/deployments/";

    public static string Resolve(string? model, ChatGptResilienceOptions options, Uri? baseAddress)
    {
        if (Deployment(baseAddress) is { } deployment)
        {
            return deployment;
        }

        if (string.IsNullOrWhiteSpace(model))
        {
            return NoModel;
        }

        var name = model.Trim();
        if (options.ModelBudgetGroups.TryGetValue(name, out var mapped) && !string.IsNullOrWhiteSpace(mapped))
        {
            return mapped.Trim().ToLowerInvariant();
        }

        var alias = StripDate(name);
        if (!ReferenceEquals(alias, name) && options.ModelBudgetGroups.TryGetValue(alias, out mapped) && !string.IsNullOrWhiteSpace(mapped))
        {
            return mapped.Trim().ToLowerInvariant();
        }

        return alias.ToLowerInvariant();
    }

    /// <summary>Removes a snapshot's date: <c>-2024-07-18</c> or <c>-0613</c> at the end of the name.</summary>
    internal static string StripDate(string model)
    {
        var span = model.AsSpan();
        if (span.Length > 11 && span[^11] == '-' && IsDigits(span[^10..^6]) && span[^6] == '-' && IsDigits(span[^5..^3]) && span[^3] == '-' && IsDigits(span[^2..]))
        {
            return model[..^11];
        }

        if (span.Length > 5 && span[^5] == '-' && IsDigits(span[^4..]))
        {
            return model[..^5];
        }

        return model;
    }

    /// <summary>The configured limits of a group: by the group's name, else by the model's own name.</summary>
    public static ChatGptModelRateLimit? ConfiguredLimits(string group, string? model, ChatGptResilienceOptions options) =>
        options.ModelRateLimits.TryGetValue(group, out var limits) ? limits
        : model is not null && options.ModelRateLimits.TryGetValue(model.Trim(), out limits) ? limits
        : null;

    private static string? Deployment(Uri? baseAddress)
    {
        if (baseAddress is null)
        {
            return null;
        }

        var path = baseAddress.AbsolutePath;
        var at = path.IndexOf(DeploymentsSegment, StringComparison.OrdinalIgnoreCase);
        if (at < 0)
        {
            return null;
        }

        var rest = path.AsSpan(at + DeploymentsSegment.Length);
        var end = rest.IndexOf('/');
        var name = end < 0 ? rest : rest[..end];
        return name.IsEmpty ? null : Uri.UnescapeDataString(name.ToString()).ToLowerInvariant();
    }

    private static bool IsDigits(ReadOnlySpan<char> span)
    {
        foreach (var c in span)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }
        }

        return true;
    }
}
