using PumpSim.Core.Engine;
using PumpSim.Core.Units;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.RepresentationModel;

namespace PumpSim.Scenarios.Recording;

/// <summary>One action a trainer injected into a live run: the event's action key and settings as a
/// scenario file writes them (<c>catheter</c>, <c>{ fault: kink }</c>), and the narration line that
/// marks it (a placeholder for the trainer to rewrite).</summary>
/// <see cref="Action"/> null records a narration marker alone.
public sealed record RecordedInjection(SimInstant At, string? Action, string Settings, string Narration);

/// <summary>A live session as a scenario file: the original file plus every injected action at its
/// instant. Injections are kept as YAML, and an injection is accepted only if the file with it
/// loads through the normal <see cref="ScenarioLoader"/>: the live engine is then given exactly the
/// actions the loader reads back, so the saved file replays the session byte for byte.</summary>
public sealed class SessionRecording
{
    private readonly string _original;
    private readonly List<RecordedInjection> _entries = [];

    public SessionRecording(string originalYaml, string fileName, SimInstant start)
    {
        _original = originalYaml;
        FileName = fileName;
        Start = start;
        Root(Parse(originalYaml)); // a mapping, or it could not have loaded
    }

    public string FileName { get; }
    public SimInstant Start { get; }
    public IReadOnlyList<RecordedInjection> Entries => _entries;

    /// <summary>Checks <paramref name="entry"/> in the context of the whole file and records it.
    /// Returns the actions the loader reads for its instant, in the order they apply (narration and
    /// action). Throws <see cref="ScenarioException"/> (nothing recorded) when the file with it
    /// would not load, e.g. a refill bigger than this pump's reservoir.</summary>
    public IReadOnlyList<ScenarioAction> Add(RecordedInjection entry)
    {
        var candidate = Render([.. _entries, entry]);
        var loaded = ScenarioLoader.Parse(candidate, FileName);
        var atInstant = loaded.Plan.Actions.Where(a => a.At == entry.At).OrderBy(a => a.Order).Select(a => a.Action).ToArray();
        // The instant holds only this injection (the engine gives each injection a second of its
        // own, never one with a file action): its action and its narration, in file order, which
        // is the order the live engine is given them, whichever list the file writes first.
        var expected = entry.Action is null ? 1 : 2;
        if (atInstant.Length != expected || _entries.Any(e => e.At == entry.At))
            throw new InvalidOperationException($"the instant {entry.At} must hold this injection alone; the file has {atInstant.Length} actions there.");
        _entries.Add(entry);
        return atInstant;
    }

    /// <summary>Forgets the injections after <paramref name="at"/> (the trainer went back in time).</summary>
    public void TruncateAfter(SimInstant at) => _entries.RemoveAll(e => e.At > at);

    /// <summary>The original file with the injections appended to <c>events:</c> and their narration to
    /// <c>narration:</c>. Comments of the original are not kept (the YAML is re-emitted).</summary>
    public string ToYaml() => Render(_entries);

    private string Render(IReadOnlyList<RecordedInjection> entries)
    {
        if (entries.Count == 0) return _original;
        var stream = Parse(_original);
        var root = Root(stream);
        var events = List(root, "events");
        var narration = List(root, "narration");
        foreach (var e in entries)
        {
            var at = new YamlScalarNode((e.At - Start).ToString());
            if (e.Action is not null)
            {
                var settings = Root(Parse(e.Settings.Length == 0 ? "{}" : e.Settings));
                // One entry a line, as the bundled files write them.
                events.Add(new YamlMappingNode(new YamlScalarNode("at"), at, new YamlScalarNode(e.Action), settings) { Style = MappingStyle.Flow });
            }
            narration.Add(new YamlMappingNode(
                new YamlScalarNode("at"), new YamlScalarNode((e.At - Start).ToString()),
                new YamlScalarNode("text"), new YamlScalarNode(e.Narration) { Style = ScalarStyle.DoubleQuoted })
            { Style = MappingStyle.Flow });
        }
        using var writer = new StringWriter { NewLine = "\n" };
        stream.Save(writer, assignAnchors: false);
        var text = writer.ToString();
        // YamlDotNet closes the document with "...": harmless, but not how scenario files end.
        if (text.EndsWith("...\n", StringComparison.Ordinal)) text = text[..^4];
        return text;
    }

    private static YamlSequenceNode List(YamlMappingNode root, string key)
    {
        var name = new YamlScalarNode(key);
        if (root.Children.TryGetValue(name, out var node) && node is YamlSequenceNode seq) return seq;
        var created = new YamlSequenceNode();
        // A key present with an empty value (events:) is replaced in place, keeping its position.
        root.Children[name] = created;
        return created;
    }

    private static YamlStream Parse(string text)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(text));
        return stream;
    }

    private static YamlMappingNode Root(YamlStream stream) =>
        stream.Documents.Count > 0 && stream.Documents[0].RootNode is YamlMappingNode m
            ? m
            : throw new InvalidOperationException("a scenario file is a mapping");
}
