namespace PumpSim.Benchmarks;

/// <summary>Finds a file of the repository (the folder holding PumpSim.sln) from wherever
/// BenchmarkDotNet runs the benchmark process.</summary>
internal static class RepoFile
{
    public static string Path(params string[] parts)
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(System.IO.Path.Combine(dir.FullName, "PumpSim.sln"))) dir = dir.Parent;
        if (dir is null) throw new InvalidOperationException("PumpSim.sln not found above " + AppContext.BaseDirectory);
        return System.IO.Path.Combine([dir.FullName, .. parts]);
    }
}
