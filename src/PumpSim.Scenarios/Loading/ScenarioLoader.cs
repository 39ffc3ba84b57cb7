using PumpSim.Core.Therapy;
using PumpSim.Scenarios.Errors;
using PumpSim.Scenarios.Loading;
using PumpSim.Scenarios.Yaml;

namespace PumpSim.Scenarios;

/// <summary>Reads scenario files (docs/scenario-format.md). Every problem becomes a <see cref="ScenarioException"/>
/// that names the file, line and column and says what was expected; nothing is silently ignored.</summary>
public static class ScenarioLoader
{
    /// <param name="catalog">The pump models and drugs the file may name (default: the built-in ones).</param>
    public static LoadedScenario Load(string path, PumpCatalog? catalog = null)
    {
        var loaded = Parse(ReadText(path), path, catalog);
        // Cited requirement, hazard and code ids must exist in the nearest requirements.yaml (issue 22).
        Requirements.TraceCheck.Check(loaded);
        return loaded;
    }

    /// <summary>A scenario file's text, read and decoded with the loader's checks (size cap, regular
    /// file, UTF-8); every problem is a located <see cref="ScenarioException"/>.</summary>
    public static string ReadText(string path)
    {
        byte[] bytes;
        try
        {
            // Only a regular file (links resolved) is opened, and reading stops one byte past the cap:
            // FileInfo.Length says 0 for /dev/zero and a FIFO would block the open.
            bytes = Files.FileNode.ReadCapped(path, TextGuard.MaxBytes)
                ?? throw Single(path, Position.FileStart, $"the file is larger than {TextGuard.MaxBytes} bytes; scenario files are limited to 1 MB");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw Single(path, Position.FileStart, $"cannot read the file: {e.Message}");
        }
        try { return TextGuard.Decode(bytes); }
        catch (NodeError e) { throw Single(path, e.At, e.Message); }
    }

    /// <param name="fileName">Used in messages and as the default scenario id.</param>
    /// <param name="catalog">The pump models and drugs the file may name (default: the built-in ones).</param>
    public static LoadedScenario Parse(string yamlText, string fileName, PumpCatalog? catalog = null)
    {
        var diagnostics = new Diagnostics(fileName);
        // A byte-order mark kept by the caller's decoder is not part of the first key (Load strips it from bytes).
        if (yamlText.StartsWith('\uFEFF')) yamlText = yamlText[1..];
        try
        {
            TextGuard.Check(yamlText);
            var root = YamlTreeReader.Read(yamlText);
            if (root is null || root is YScalar { IsNull: true } || root is YMap { Entries.Count: 0 })
                throw new NodeError(Position.FileStart, "the file is empty; expected a scenario mapping with at least 'duration' (see docs/scenario-format.md)");
            if (root is not YMap map)
                throw new NodeError(root.At, $"expected a mapping of scenario keys (scenario, duration, pump, therapy, …), got {root.KindName}");
            var loaded = new ScenarioReader(diagnostics, fileName, Format.ScenarioFormat.For(catalog)).Read(map);
            diagnostics.ThrowIfAny();
            return loaded!;
        }
        catch (NodeError e)
        {
            diagnostics.Add(e.At, e.Message);
            diagnostics.ThrowIfAny();
            throw; // unreachable: ThrowIfAny always throws after an Add
        }
    }

    private static ScenarioException Single(string file, Position at, string message) =>
        new([new ScenarioError(file, at.Line, at.Column, message)]);
}
