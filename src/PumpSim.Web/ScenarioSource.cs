using PumpSim.Scenarios;

namespace PumpSim.Web;

/// <summary>The one scenario file given on the command line, read once. The page never names a
/// file: every session starts from this text.</summary>
public sealed class ScenarioSource
{
    private ScenarioSource(string path, string text, LoadedScenario loaded)
    {
        Path = path;
        Text = text;
        Loaded = loaded;
    }

    public string Path { get; }
    public string Text { get; }
    public LoadedScenario Loaded { get; }

    /// <summary>Loads and checks the file (throws <see cref="ScenarioException"/> with
    /// file, line and column when it is invalid).</summary>
    public static ScenarioSource Load(string path)
    {
        ScenarioLoader.Load(path); // the checks and messages of every other verb (size, encoding)
        var text = File.ReadAllText(path);
        // Sessions re-load this text (to replay injections), so the plan comes from the same parse.
        return new ScenarioSource(path, text, ScenarioLoader.Parse(text, path));
    }
}
