namespace PumpSim.Scenarios.Tests.Lessons;

/// <summary>The bundled lessons (scenarios/lessons/): NAME.yaml, NAME.answer.yaml, NAME.mistake-KIND.yaml.</summary>
internal static class LessonFiles
{
    public static string Folder { get; } = Find();

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "PumpSim.sln"))) return System.IO.Path.Combine(dir.FullName, "scenarios", "lessons");
        throw new InvalidOperationException("no PumpSim.sln above the test binaries");
    }

    public static string Path(string name) => System.IO.Path.Combine(Folder, name);

    public static IEnumerable<string> Lessons() =>
        Directory.GetFiles(Folder, "*.yaml").Select(f => System.IO.Path.GetFileName(f)).Where(f => f.Count(c => c == '.') == 1).Order(StringComparer.Ordinal);

    public static IEnumerable<string> Mistakes() =>
        Directory.GetFiles(Folder, "*.mistake-*.yaml").Select(f => System.IO.Path.GetFileName(f)).Order(StringComparer.Ordinal);

    public static string LessonOf(string session) => session[..session.IndexOf('.')] + ".yaml";
}
