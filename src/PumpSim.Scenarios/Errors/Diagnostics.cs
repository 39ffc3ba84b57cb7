using PumpSim.Scenarios.Yaml;

namespace PumpSim.Scenarios.Errors;

/// <summary>Thrown inside the loader to abandon one section (an event, an expectation, a top-level
/// key) at its first problem; the section's caller records it and moves on to the next section, so
/// one run reports several independent mistakes without cascading nonsense.</summary>
internal sealed class NodeError(Position at, string message) : Exception(message)
{
    public Position At { get; } = at;
}

/// <summary>The errors collected while loading one file.</summary>
internal sealed class Diagnostics(string file)
{
    /// <summary>Enough to fix a file in a few passes; more is noise (and bounds hostile input).</summary>
    public const int MaxErrors = 25;

    private readonly List<(ScenarioError Error, Position At)> _errors = [];
    /// <summary>Map position → its first unknown key, for maps where a key was not recognised. Made at
    /// the first unknown key: a dictionary keyed by our struct is code the JIT compiles in every process.</summary>
    private Dictionary<Position, Position>? _unknownKeyMaps;

    public string File { get; } = file;
    public bool HasErrors => _errors.Count > 0;

    public void Add(Position at, string message)
    {
        if (_errors.Count < MaxErrors) _errors.Add((new ScenarioError(File, at.Line, at.Column, message), at));
    }

    /// <summary>Reports an unknown key of the mapping at <paramref name="map"/>. Errors later located at
    /// that mapping itself ("missing 'x'", "needs rate_…") are usually side effects of the typo, so they
    /// are ordered after it: the first error a user reads is the cause.</summary>
    public void AddUnknownKey(Position map, Position key, string message)
    {
        (_unknownKeyMaps ??= []).TryAdd(map, key);
        Add(key, message);
    }

    /// <summary>Runs one section; its <see cref="NodeError"/> (unit-factory refusals are turned into one by
    /// Loading.Located) becomes a located error and the caller goes on with the next section.</summary>
    public void Guard(Action section)
    {
        try { section(); }
        catch (NodeError e) { Add(e.At, e.Message); }
    }

    public void ThrowIfAny()
    {
        if (_errors.Count == 0) return;
        // In file order, so the first error a user reads is the first one in the file; except that an
        // error at a mapping with an unknown key sorts just after that key (the typo is the cause).
        var ordered = _errors
            .Select((e, i) => (e.Error, Key: SortKey(e.At), i))
            .OrderBy(x => x.Key.At.Line).ThenBy(x => x.Key.At.Column).ThenBy(x => x.Key.Deferred).ThenBy(x => x.i)
            .Select(x => x.Error).ToArray();
        throw new ScenarioException(ordered);
    }

    private (Position At, int Deferred) SortKey(Position at) =>
        _unknownKeyMaps is not null && _unknownKeyMaps.TryGetValue(at, out var key) && key != at ? (key, 1) : (at, 0);
}
