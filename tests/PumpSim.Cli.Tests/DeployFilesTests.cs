using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace PumpSim.Cli.Tests;

/// <summary>deploy/ is run, not just read: the exact pumpsim command lines of the Kubernetes and Slurm files
/// run here, in-process, with the index variables each task would get, the merge step runs on their
/// shards, and the result must be byte-identical to the same sweep run unsharded.</summary>
public class DeployFilesTests
{
    private static string Deploy(params string[] parts) => Repo.Path(["deploy", .. parts]);

    /// <summary>Shell words after $VAR expansion: plain words and '...' (the quoting these files use).</summary>
    private static string[] Words(string command, IReadOnlyDictionary<string, string> env)
    {
        var expanded = Regex.Replace(command, @"\$\{?([A-Z_]+)\}?", m => env.TryGetValue(m.Groups[1].Value, out var v) ? v : throw new InvalidOperationException($"unset {m.Value} in: {command}"));
        return Regex.Matches(expanded, @"'([^']*)'|(\S+)").Select(m => m.Groups[1].Success ? m.Groups[1].Value : m.Groups[2].Value).ToArray();
    }

    /// <summary>Runs a pumpsim command line with paths mapped into a test folder; a trailing-* word is globbed as sh would.</summary>
    private static void RunPumpsim(string[] words, Func<string, string> map)
    {
        words[0].Should().Be("pumpsim");
        var args = words.Skip(1).Select(map).SelectMany(w => w.EndsWith('*')
            ? Directory.GetDirectories(Path.GetDirectoryName(w)!, Path.GetFileName(w)).Order(StringComparer.Ordinal).ToArray()
            : new[] { w }).ToArray();
        var r = Cli.Run(args);
        r.ExitCode.Should().Be(0, string.Join(" ", args) + "\n" + r.Out + r.Error);
    }

    /// <summary>The unsharded sweep: the shard command without --shard, all runs into one folder.</summary>
    private static string[] Unsharded(string[] shardWords, string outDir)
    {
        var list = shardWords.ToList();
        var shard = list.IndexOf("--shard");
        list.RemoveRange(shard, 2);
        list[list.IndexOf("--out") + 1] = outDir;
        return list.ToArray();
    }

    private static void SameBytes(string merged, string whole)
    {
        foreach (var file in new[] { "runs.csv", "aggregate.json" })
            File.ReadAllBytes(Path.Combine(merged, file)).Should().Equal(File.ReadAllBytes(Path.Combine(whole, file)), file);
    }

    private static YamlMappingNode Doc(YamlStream s, string kind, string name) =>
        s.Documents.Select(d => (YamlMappingNode)d.RootNode).Single(m => m["kind"].ToString() == kind && ((YamlMappingNode)m["metadata"])["name"].ToString() == name);

    private static YamlNode At(YamlNode node, params string[] path) =>
        path.Aggregate(node, (n, key) => int.TryParse(key, out var i) ? ((YamlSequenceNode)n)[i] : ((YamlMappingNode)n)[key]);

    [Fact]
    public void Kubernetes_indexed_job_shards_merge_to_the_unsharded_sweep()
    {
        var sweep = new YamlStream();
        sweep.Load(new StringReader(File.ReadAllText(Deploy("kubernetes", "sweep.yaml"))));
        var merge = new YamlStream();
        merge.Load(new StringReader(File.ReadAllText(Deploy("kubernetes", "merge.yaml"))));

        var dir = Cli.TempDir();
        // The ConfigMap's scenario is what the pods see at /scenario/scenario.yaml.
        Directory.CreateDirectory(Path.Combine(dir, "scenario"));
        File.WriteAllText(Path.Combine(dir, "scenario", "scenario.yaml"), At(Doc(sweep, "ConfigMap", "pumpsim-scenario"), "data", "scenario.yaml").ToString());
        At(Doc(sweep, "PersistentVolumeClaim", "pumpsim-results"), "spec", "accessModes", "0").ToString().Should().Be("ReadWriteMany");

        var job = Doc(sweep, "Job", "pumpsim-sweep");
        At(job, "spec", "completionMode").ToString().Should().Be("Indexed");
        var completions = int.Parse(At(job, "spec", "completions").ToString());
        var container = At(job, "spec", "template", "spec", "containers", "0");
        ((YamlSequenceNode)At(container, "command")).Select(n => n.ToString()).Should().Equal("sh", "-c");
        var shardCommand = At(container, "args", "0").ToString();
        var mergeContainer = At(Doc(merge, "Job", "pumpsim-merge"), "spec", "template", "spec", "containers", "0");
        ((YamlSequenceNode)At(mergeContainer, "command")).Select(n => n.ToString()).Should().Equal("sh", "-c");
        var mergeCommand = At(mergeContainer, "args", "0").ToString();

        string Map(string w) => w.Replace("/scenario/", Path.Combine(dir, "scenario") + "/").Replace("/results", Path.Combine(dir, "results"));
        string[] words = [];
        for (var i = 0; i < completions; i++)
        {
            words = Words(shardCommand, new Dictionary<string, string> { ["JOB_COMPLETION_INDEX"] = i.ToString() });
            words.Should().Contain($"{i}/{completions}", "the shard count must equal completions");
            RunPumpsim(words, Map);
        }
        RunPumpsim(Words(mergeCommand, new Dictionary<string, string>()), Map);
        RunPumpsim(Unsharded(words, "/results/whole"), Map);
        SameBytes(Path.Combine(dir, "results", "sweep"), Path.Combine(dir, "results", "whole"));
    }

    [Fact]
    public void Slurm_array_shards_merge_to_the_unsharded_sweep_and_a_failed_task_is_named_not_waited_for()
    {
        var script = File.ReadAllText(Deploy("slurm", "sweep.sbatch"));
        var array = Regex.Match(script, @"(?m)^#SBATCH --array=(\d+)-(\d+)$");
        array.Success.Should().BeTrue();
        var (first, last) = (int.Parse(array.Groups[1].Value), int.Parse(array.Groups[2].Value));
        var cpus = Regex.Match(script, @"(?m)^#SBATCH --cpus-per-task=(\d+)$").Groups[1].Value;
        var shardCommand = Regex.Matches(script, @"(?m)^pumpsim sweep .*$").Should().ContainSingle().Subject.Value;
        var mergeCommand = Regex.Matches(File.ReadAllText(Deploy("slurm", "merge.sbatch")), @"(?m)^pumpsim merge .*$").Should().ContainSingle().Subject.Value;
        File.ReadAllText(Deploy("slurm", "submit.sh")).Should().Contain("--dependency=afterany:").And.Contain("deploy/slurm/merge.sbatch");

        var dir = Cli.TempDir();
        // Submitted from the repository root: scenario paths are relative to it, results/ is mapped to a test folder.
        string Map(string w) => w.StartsWith("results/", StringComparison.Ordinal) ? Path.Combine(dir, w) : w.StartsWith("scenarios/", StringComparison.Ordinal) ? Repo.Path(w) : w;
        string[] words = [];
        for (var i = first; i <= last; i++)
        {
            words = Words(shardCommand, new Dictionary<string, string> { ["SLURM_ARRAY_TASK_ID"] = i.ToString(), ["SLURM_CPUS_PER_TASK"] = cpus });
            words.Should().Contain($"{i}/{last - first + 1}", "the shard count must equal the number of array tasks");
            RunPumpsim(words, Map);
        }
        // One task failed: its folder is missing (outputs are atomic). The merge, started by afterany,
        // refuses and names the shard to re-run; after the re-run it merges.
        Directory.Delete(Path.Combine(dir, "results", "shard-1"), recursive: true);
        var mergeWords = Words(mergeCommand, new Dictionary<string, string>());
        var early = Cli.Run(mergeWords.Skip(1).Select(Map).SelectMany(w => w.EndsWith('*') ? Directory.GetDirectories(Path.GetDirectoryName(w)!, Path.GetFileName(w)) : [w]).ToArray());
        early.ExitCode.Should().Be(2);
        early.Error.Should().Contain($"no folder holds shard 1/{last - first + 1}");
        Directory.Exists(Path.Combine(dir, "results", "sweep")).Should().BeFalse();
        RunPumpsim(Words(shardCommand, new Dictionary<string, string> { ["SLURM_ARRAY_TASK_ID"] = "1", ["SLURM_CPUS_PER_TASK"] = cpus }), Map);
        RunPumpsim(mergeWords, Map);
        RunPumpsim(Unsharded(words, "results/whole"), Map);
        SameBytes(Path.Combine(dir, "results", "sweep"), Path.Combine(dir, "results", "whole"));
    }

    [Fact]
    public void Docker_image_runs_as_a_non_root_user_with_a_build_context_free_of_build_output()
    {
        var dockerfile = File.ReadAllLines(Deploy("Dockerfile"));
        var final = dockerfile.SkipWhile(l => !l.StartsWith("FROM mcr.microsoft.com/dotnet/runtime", StringComparison.Ordinal)).ToArray();
        final.Should().NotBeEmpty();
        var user = final.LastOrDefault(l => l.StartsWith("USER ", StringComparison.Ordinal));
        user.Should().NotBeNull("the image must not run as root");
        user!["USER ".Length..].Trim().Should().NotBe("root").And.NotBe("0");
        Array.IndexOf(final, user).Should().BeLessThan(Array.FindIndex(final, l => l.StartsWith("ENTRYPOINT", StringComparison.Ordinal)));
        var ignore = File.ReadAllLines(Repo.Path(".dockerignore")).Select(l => l.Trim()).ToArray();
        ignore.Should().Contain(["**/bin/", "**/obj/", ".git/", "out/"]);
    }
}
