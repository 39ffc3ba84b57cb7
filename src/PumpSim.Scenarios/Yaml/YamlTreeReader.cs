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
                        Add(stack, new YScalar(at, s.Value, s.Style == ScalarStyle.Plain), ref root);
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
            var at = new Position(checked((int)e.Start.Line), checked((int)e.Start.Column));
            throw new NodeError(at, "YAML syntax error: " + StripMarks(e.Message));
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException or IndexOutOfRangeException)
        {
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
}
