using System.Diagnostics.CodeAnalysis;

namespace PumpSim.Scenarios.Yaml;

/// <summary>A place in the file, 1-based like an editor's status bar.</summary>
public readonly record struct Position(int Line, int Column)
{
    public static Position FileStart => new(1, 1);
    public override string ToString() => $"{Line}:{Column}";
}

/// <summary>A small YAML tree built from parser events. Our own (rather than YamlDotNet's
/// representation model) so every node keeps its position, duplicate keys and aliases are
/// caught where they are written, and nothing is ever converted behind our back.</summary>
internal abstract record YNode(Position At)
{
    public abstract string KindName { get; }
}

internal sealed record YScalar(Position At, string Value, bool Plain) : YNode(At)
{
    /// <summary>YAML's null: an empty plain value, <c>~</c> or <c>null</c>.</summary>
    public bool IsNull => Plain && (Value.Length == 0 || Value == "~" || Value is "null" or "Null" or "NULL");
    public override string KindName => IsNull ? "nothing" : Plain ? $"'{Shorten(Value)}'" : $"the string \"{Shorten(Value)}\"";
    private static string Shorten(string s) => s.Length <= 40 ? s : s[..40] + "…";
}

internal sealed record YMap(Position At, IReadOnlyList<KeyValuePair<YScalar, YNode>> Entries) : YNode(At)
{
    public override string KindName => "a mapping";

    public bool TryGet(string key, [NotNullWhen(true)] out YNode? value, out YScalar? keyNode)
    {
        foreach (var e in Entries)
        {
            if (e.Key.Value == key) { value = e.Value; keyNode = e.Key; return true; }
        }
        value = null; keyNode = null;
        return false;
    }
}

internal sealed record YSeq(Position At, IReadOnlyList<YNode> Items) : YNode(At)
{
    public override string KindName => "a list";
}
