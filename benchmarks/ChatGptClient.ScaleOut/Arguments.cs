using System.Globalization;

namespace ChatGpt.ScaleOut;

/// <summary><c>--name value</c> pairs (a name may repeat) and flags (<c>--json</c>).</summary>
internal sealed class Arguments
{
    private readonly List<KeyValuePair<string, string?>> _pairs = [];

    public Arguments(IEnumerable<string> args)
    {
        string? name = null;
        foreach (var arg in args)
        {
            if (arg.StartsWith("--", StringComparison.Ordinal))
            {
                if (name is not null)
                {
                    _pairs.Add(new(name, null));
                }

                name = arg[2..];
            }
            else if (name is not null)
            {
                _pairs.Add(new(name, arg));
                name = null;
            }
        }

        if (name is not null)
        {
            _pairs.Add(new(name, null));
        }
    }

    public string? Get(string name) => _pairs.LastOrDefault(p => p.Key == name).Value;

    public bool Has(string name) => _pairs.Any(p => p.Key == name);

    public int Int(string name, int fallback) => Get(name) is { } value ? int.Parse(value, CultureInfo.InvariantCulture) : fallback;

    public IEnumerable<string> All(string name) => _pairs.Where(p => p.Key == name && p.Value is not null).Select(p => p.Value!);
}
