using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using System.Text;

namespace ChatGpt.Resilience;

/// <summary>
/// Names one rate budget: an account (<see cref="ChatGptRateLimitKey"/>: base address, API key fingerprint,
/// organization, project) and a model group within it, as OpenAI sets its limits per model. The account-wide budget
/// (configured limits for the account as a whole) has an empty <see cref="ModelGroup"/>.
/// </summary>
/// <remarks>
/// <para>A store keys its state by <see cref="StoreKey"/>: a digest of the account plus the model group. It holds no
/// secret (the API key is already only a fingerprint in <see cref="ChatGptRateLimitKey"/>, and the digest does not show
/// the base address either), so it is safe in a shared store, in logs and in metrics.</para>
/// <para>A model group is the model's name with a date suffix removed (<c>gpt-4o-mini-2024-07-18</c> shares
/// <c>gpt-4o-mini</c>'s budget), unless <see cref="ChatGptResilienceOptions.ModelBudgetGroups"/> maps it elsewhere; for
/// Azure OpenAI deployments it is the deployment.</para>
/// </remarks>
[Experimental(ChatGptRateBudgetDiagnostics.ExperimentalId)]
public readonly record struct ChatGptRateBudgetKey
{
    /// <summary>Creates a key.</summary>
    /// <param name="account">The account.</param>
    /// <param name="modelGroup">The model group; empty for the account-wide budget.</param>
    public ChatGptRateBudgetKey(ChatGptRateLimitKey account, string modelGroup)
    {
        ArgumentNullException.ThrowIfNull(modelGroup);
        Account = account;
        ModelGroup = modelGroup;
        AccountId = Digest(account);
    }

    /// <summary>The account.</summary>
    public ChatGptRateLimitKey Account { get; }

    /// <summary>The model group; empty for the account-wide budget.</summary>
    public string ModelGroup { get; }

    /// <summary>32 hex digits that identify the account (a SHA-256 digest of its parts): the same on every replica,
    /// and free of secrets.</summary>
    public string AccountId { get; }

    /// <summary>Whether this is the account-wide budget.</summary>
    public bool IsAccountWide => ModelGroup.Length == 0;

    /// <summary>The account-wide budget of the same account.</summary>
    public ChatGptRateBudgetKey AccountWide => new(Account, string.Empty);

    /// <summary>The text a store keys its state by: <c>{AccountId}:{ModelGroup}</c>.</summary>
    public string StoreKey => $"{AccountId}:{ModelGroup}";

    /// <summary>Describes the budget without any secret.</summary>
    /// <returns>The store key.</returns>
    public override string ToString() => StoreKey;

    private static string Digest(ChatGptRateLimitKey account)
    {
        // Unit separators keep ("ab", "c") apart from ("a", "bc").
        var text = string.Join('\u001f', account.BaseAddress, account.ApiKeyFingerprint ?? string.Empty, account.Organization ?? string.Empty, account.Project ?? string.Empty);
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(Encoding.UTF8.GetBytes(text), hash);
        return Convert.ToHexStringLower(hash[..16]);
    }
}
