using System.Text.RegularExpressions;
using PumpSim.Scenarios.Errors;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace PumpSim.Scenarios.Yaml;

/// <summary>Turns YAML text into a <see cref="YNode"/> tree with the limits a file from anywhere
/// needs: no aliases (a "billion laughs" file expands exponentially), bounded nesting, one
/// document, no duplicate keys, and YamlDotNet's own syntax errors converted to located errors.</summary>
internal static partial class YamlTreeReader
{
    public const int MaxDepth = 32;

    /// <summary>The root, or null for a file with no document (empty or only comments).</summary>
    public static YNode? Read(string text)
    {
        var parser = new Parser(new StringReader(text));
        var stack = new Stack<Builder>();
        YNode? root = null;
        var documents = 0;
        var lastAt = Position.FileStart;
        try
        {
            while (parser.MoveNext())
            {
                var ev = parser.Current!;
                var at = new Position(checked((int)ev.Start.Line), checked((int)ev.Start.Column));
                lastAt = at;
                switch (ev)
                {
                    case DocumentStart:
                        if (++documents > 1) throw new NodeError(at, "only one YAML document per scenario file is allowed (remove the '---' separator)");
                        break;
                    case AnchorAlias alias:
                        throw new NodeError(at, $"YAML aliases (*{alias.Value}) are not allowed in scenario files; write the value out in full");
                    case Scalar s:
                        Add(stack, new YScalar(at, s.Value, s.Style == ScalarStyle.Plain && !IsStrTag(s.Tag)), ref root);
                        break;
                    case MappingStart:
                    case SequenceStart:
                        if (stack.Count >= MaxDepth) throw new NodeError(at, $"nesting is deeper than {MaxDepth} levels; a scenario never needs that");
                        var flow = ev is MappingStart { Style: MappingStyle.Flow } || ev is SequenceStart { Style: SequenceStyle.Flow };
                        stack.Push(new Builder(at, ev is MappingStart, flow));
                        break;
                    case MappingEnd:
                    case SequenceEnd:
                        var done = stack.Pop();
                        Add(stack, done.Build(), ref root);
                        break;
                }
            }
        }
        catch (YamlException e)
        {
            // A tab in indentation confuses YamlDotNet into a mark far from the tab (often 1:1): find it ourselves.
            if (TabInIndentation(text) is { } tab) throw TabError(tab);
            var at = new Position(checked((int)e.Start.Line), checked((int)e.Start.Column));
            throw new NodeError(at, "YAML syntax error: " + Plain(StripMarks(e.Message)));
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException or IndexOutOfRangeException)
        {
            if (TabInIndentation(text) is { } tab) throw TabError(tab);
            // YamlDotNet 18.1 throws a bare InvalidOperationException (no mark) for some truncated input,
            // e.g. a flow list never closed before the end of the file. Point at the open bracket.
            var open = stack.FirstOrDefault(b => b.Flow);
            if (open is not null)
                throw new NodeError(open.At, $"YAML syntax error: this '{(open.IsMap ? '{' : '[')}' is never closed (is a '{(open.IsMap ? '}' : ']')}' missing?)");
            throw new NodeError(lastAt, "YAML syntax error: the parser could not continue after this point");
        }
        return root;
    }

    private static void Add(Stack<Builder> stack, YNode node, ref YNode? root)
    {
        if (stack.Count == 0) { root = node; return; }
        stack.Peek().Add(node);
    }

    private static NodeError TabError(Position tab) =>
        new(tab, $"YAML syntax error: line {tab.Line} uses a tab for indentation; YAML needs spaces");

    /// <summary>The first tab in the leading whitespace of a line that has content, or null.
    /// Only consulted once the parser has failed (a tab inside a block scalar can be legal text).</summary>
    public static Position? TabInIndentation(string text)
    {
        var line = 1;
        var column = 1;
        Position? tab = null;
        var leading = true;
        foreach (var c in text)
        {
            if (c == '\n')
            {
                line++; column = 1; leading = true; tab = null;
                continue;
            }
            if (leading)
            {
                if (c == '\t') tab ??= new Position(line, column);
                else if (c is not (' ' or '\r'))
                {
                    if (tab is not null && c != '#') return tab;
                    leading = false;
                }
            }
            column++;
        }
        return null;
    }

    /// <summary>YamlDotNet's commonest messages in plain words, with the original kept in parentheses.</summary>
    private static string Plain(string message)
    {
        foreach (var (raw, plain) in Translations)
            if (message.Contains(raw, StringComparison.OrdinalIgnoreCase))
                return $"{plain} ({message.TrimEnd('.')})";
        return message;
    }

    private static readonly (string Raw, string Plain)[] Translations =
    [
        ("While parsing a block mapping, did not find expected key", "this line does not continue the mapping above: a missing ':' after a key, or wrong indentation?"),
        ("While parsing a block collection, did not find expected '-' indicator", "this line does not continue the list above: a missing '- ' before an item, or wrong indentation?"),
        ("did not find expected ',' or '}'", "the '{ … }' mapping does not go on as expected: a missing ',' between entries, a missing '}', or a missing ':' after a key?"),
        ("did not find expected ',' or ']'", "the '[ … ]' list does not go on as expected: a missing ',' between items or a missing ']'?"),
        ("Mapping values are not allowed in this context", "a ':' where none is expected (quote text that contains ': ', or check the indentation)"),
        ("While scanning a quoted scalar, found unexpected end of stream", "a quoted text is never closed (is a closing quote missing?)"),
        ("While scanning a plain scalar value, found invalid mapping", "a ':' inside a value (quote text that contains ': ')"),
        ("While parsing a node, did not find expected node content", "a value is missing or starts with a character YAML reserves (quote it)"),
        ("Block sequence entries are not allowed in this context", "a '- ' list item where a value was expected (put the list on its own lines, indented, or check the indentation)"),
    ];

    /// <summary>YamlDotNet prefixes messages with "(Line: 3, Col: 5, Idx: 40) - (…): "; we report the place ourselves.</summary>
    private static string StripMarks(string message) => MarkPrefix().Replace(message, "").Trim();

    [GeneratedRegex(@"^\(Line: \d+, Col: \d+, Idx: \d+\) - \(Line: \d+, Col: \d+, Idx: \d+\):\s*")]
    private static partial Regex MarkPrefix();

    private sealed class Builder(Position at, bool isMap, bool flow)
    {
        public Position At => at;
        public bool IsMap => isMap;
        public bool Flow => flow;

        private readonly List<YNode> _items = [];
        private readonly List<KeyValuePair<YScalar, YNode>> _entries = [];
        private readonly HashSet<string> _keys = new(StringComparer.Ordinal);
        private YScalar? _pendingKey;

        public void Add(YNode node)
        {
            if (!isMap) { _items.Add(node); return; }
            if (_pendingKey is null)
            {
                if (node is not YScalar key || key.IsNull)
                    throw new NodeError(node.At, "a mapping key must be a plain name such as 'duration'");
                // A set, not a scan of earlier keys: a hostile file with 100 000 keys must not take n² time.
                if (!_keys.Add(key.Value))
                    throw new NodeError(key.At, $"duplicate key '{key.Value}' (first written at line {_entries.First(e => e.Key.Value == key.Value).Key.At.Line})");
                _pendingKey = key;
                return;
            }
            _entries.Add(new(_pendingKey, node));
            _pendingKey = null;
        }

        public YNode Build() => isMap ? new YMap(at, _entries) : new YSeq(at, _items);
    }

    // `!!str 500` is YAML's explicit way to write the string "500": it is a string, like a quoted
    // one, so it must not pass where a number is expected (docs/scenario-format.md).
    private static bool IsStrTag(YamlDotNet.Core.TagName tag) =>
        !tag.IsEmpty && tag.Value is "tag:yaml.org,2002:str" or "!!str";
}
