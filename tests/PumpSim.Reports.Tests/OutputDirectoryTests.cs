namespace PumpSim.Reports.Tests;

public sealed class OutputDirectoryTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("pumpsim-reports-tests-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private static OutputFile Good(string name, string text) => OutputFile.Text(name, w => w.Write(text));

    /// <summary>Writes part of its file, then fails, like a writer that hits a NaN halfway.</summary>
    private static OutputFile Failing(string name) => new(name, s =>
    {
        s.Write("half-written"u8);
        throw new InvalidOperationException("boom");
    });

    [Fact]
    public void OutputDirectory_ASuccessfulRun_PublishesEveryFile()
    {
        var target = Path.Combine(_root, "out");
        OutputDirectory.WriteAll(target, [Good("a.txt", "A"), Good("b.txt", "B")]);
        File.ReadAllText(Path.Combine(target, "a.txt")).Should().Be("A");
        File.ReadAllText(Path.Combine(target, "b.txt")).Should().Be("B");
        Directory.GetFileSystemEntries(_root).Should().Equal(target); // no temp folder left over
    }

    [Fact]
    public void OutputDirectory_AWriterThatThrows_LeavesNothingBehind()
    {
        var target = Path.Combine(_root, "out");
        var act = () => OutputDirectory.WriteAll(target, [Good("a.txt", "A"), Failing("b.txt"), Good("c.txt", "C")]);
        act.Should().Throw<InvalidOperationException>().WithMessage("boom");
        Directory.GetFileSystemEntries(_root).Should().BeEmpty();
    }

    [Fact]
    public void OutputDirectory_AFailedRerun_KeepsThePreviousOutputsUntouched()
    {
        var target = Path.Combine(_root, "out");
        OutputDirectory.WriteAll(target, [Good("a.txt", "old A"), Good("b.txt", "old B")]);
        var act = () => OutputDirectory.WriteAll(target, [Good("a.txt", "new A"), Failing("b.txt")]);
        act.Should().Throw<InvalidOperationException>();
        File.ReadAllText(Path.Combine(target, "a.txt")).Should().Be("old A");
        File.ReadAllText(Path.Combine(target, "b.txt")).Should().Be("old B");
        Directory.GetFileSystemEntries(_root).Should().Equal(target);
        Directory.GetFileSystemEntries(target).Should().HaveCount(2);
    }

    [Fact]
    public void OutputDirectory_ASuccessfulRerun_ReplacesTheFiles()
    {
        var target = Path.Combine(_root, "out");
        OutputDirectory.WriteAll(target, [Good("a.txt", "old")]);
        OutputDirectory.WriteAll(target, [Good("a.txt", "new")]);
        File.ReadAllText(Path.Combine(target, "a.txt")).Should().Be("new");
        Directory.GetFileSystemEntries(_root).Should().Equal(target);
    }

    [Fact]
    public void OutputDirectory_NamesThatLeaveTheFolder_AreRefused()
    {
        var act = () => OutputDirectory.WriteAll(Path.Combine(_root, "out"), [Good("../evil.txt", "x")]);
        act.Should().Throw<ArgumentException>();
        Directory.GetFileSystemEntries(_root).Should().BeEmpty();
    }

    [Fact]
    public void OutputFile_SingleFileWrite_IsAtomic()
    {
        var path = Path.Combine(_root, "one.json");
        OutputDirectory.WriteTextFile(path, w => w.Write("v1"));
        var act = () => OutputDirectory.WriteFile(path, s => { s.Write("v2 partial"u8); throw new IOException("disk full"); });
        act.Should().Throw<IOException>();
        File.ReadAllText(path).Should().Be("v1");
        Directory.GetFileSystemEntries(_root).Should().Equal(path);
    }

    [Fact]
    public void RunOutputs_WritesTheContractFilesAndTheReport()
    {
        var target = Path.Combine(_root, "run");
        RunOutputs.Write(target, SampleRun.Result(), SampleRun.Expectations(), SampleRun.Report());
        Directory.GetFiles(target).Select(Path.GetFileName).Order(StringComparer.Ordinal)
            .Should().Equal("events.jsonl", "report.html", "summary.json", "telemetry.csv");
        File.ReadAllBytes(Path.Combine(target, "telemetry.csv")).Take(3).Should().NotEqual(new byte[] { 0xEF, 0xBB, 0xBF }); // no BOM
    }

    [Fact]
    public void RunOutputs_ThatFailMidway_LeaveNoFiles()
    {
        var target = Path.Combine(_root, "run");
        var r = SampleRun.Result();
        var bad = r with { Totals = r.Totals with { LeakedMcg = double.NaN } }; // summary.json refuses NaN, after events and CSV were written
        var act = () => RunOutputs.Write(target, bad, SampleRun.Expectations(), SampleRun.Report());
        act.Should().Throw<ArgumentOutOfRangeException>();
        Directory.GetFileSystemEntries(_root).Should().BeEmpty();
    }

    // ---- Issue 13: links, mount points, crashes, special files ----

    [Fact]
    public void A_planted_link_in_an_existing_folder_is_never_followed_nor_replaced()
    {
        var target = Path.Combine(_root, "out");
        OutputDirectory.WriteAll(target, [Good("a.txt", "old A"), Good("b.txt", "old B")]);
        var victim = Path.Combine(_root, "victim.txt");
        File.WriteAllText(victim, "precious");
        File.Delete(Path.Combine(target, "b.txt"));
        File.CreateSymbolicLink(Path.Combine(target, "b.txt"), victim);

        var act = () => OutputDirectory.WriteAll(target, [Good("a.txt", "new A"), Good("b.txt", "new B")]);

        act.Should().Throw<IOException>().WithMessage("*symbolic link*");
        File.ReadAllText(victim).Should().Be("precious");
        new FileInfo(Path.Combine(target, "b.txt")).LinkTarget.Should().Be(victim, "the link is refused, not replaced");
        File.ReadAllText(Path.Combine(target, "a.txt")).Should().Be("old A", "all or nothing: a refused set changes no file");
        Directory.GetFileSystemEntries(target).Should().HaveCount(2, "no staging folder is left behind");
    }

    [SkippableFact]
    public void An_output_folder_that_is_a_mount_point_is_staged_inside_itself_and_links_there_are_not_followed()
    {
        // /dev/shm is a tmpfs mounted on /dev (another filesystem): exactly a Docker volume's shape.
        // Before the fix the staging folder went into /dev, the rename failed with EXDEV and .NET's
        // copy fallback wrote through the planted link into the victim.
        Skip.IfNot(IsMountPoint("/dev/shm"), "/dev/shm is not a mount point here: no second filesystem to stage across");
        var tag = "pumpsim-test-" + Guid.NewGuid().ToString("N");
        var a = Path.Combine("/dev/shm", tag + "-a.txt");
        var b = Path.Combine("/dev/shm", tag + "-b.txt");
        var victim = Path.Combine(_root, "victim.txt");
        File.WriteAllText(victim, "precious");
        try
        {
            OutputDirectory.WriteAll("/dev/shm", [Good(Path.GetFileName(a), "A1")]);
            File.ReadAllText(a).Should().Be("A1");
            File.CreateSymbolicLink(b, victim);
            var act = () => OutputDirectory.WriteAll("/dev/shm", [Good(Path.GetFileName(a), "A2"), Good(Path.GetFileName(b), "B2")]);
            act.Should().Throw<IOException>();
            File.ReadAllText(victim).Should().Be("precious");
            File.ReadAllText(a).Should().Be("A1");
            Ours("/dev/shm").Should().BeEmpty();
            Ours("/dev").Should().BeEmpty();
        }
        finally
        {
            File.Delete(a);
            File.Delete(b);
        }
    }

    [Fact]
    public void A_committed_publish_cut_short_by_a_kill_is_finished_by_the_next_write()
    {
        var target = Path.Combine(_root, "out");
        OutputDirectory.WriteAll(target, [Good("a.txt", "old A"), Good("b.txt", "old B")]);
        // What a SIGKILL after the first rename leaves, found two hours later: a committed stage of
        // a dead process still holding b.txt.
        var stage = DeadStage(target, "0123456789abcdef");
        File.WriteAllText(Path.Combine(target, "a.txt"), "new A");
        File.WriteAllText(Path.Combine(stage, "b.txt"), "new B");
        File.WriteAllText(Path.Combine(stage, OutputDirectory.CommitMarker), "a.txt\nb.txt\n");
        Directory.SetLastWriteTimeUtc(stage, DateTime.UtcNow - TimeSpan.FromHours(2));

        OutputDirectory.Recover(target);

        File.ReadAllText(Path.Combine(target, "b.txt")).Should().Be("new B", "a committed set is rolled forward");
        Directory.Exists(stage).Should().BeFalse();
    }

    [Fact]
    public void A_stage_without_a_commit_marker_left_by_a_dead_run_is_deleted_and_the_old_set_kept()
    {
        var target = Path.Combine(_root, "out");
        OutputDirectory.WriteAll(target, [Good("a.txt", "old A")]);
        var inside = DeadStage(target, "00");
        var beside = DeadStage(_root, "01");
        File.WriteAllText(Path.Combine(inside, "a.txt"), "half");
        File.WriteAllText(Path.Combine(beside, "a.txt"), "half");
        foreach (var d in new[] { inside, beside }) Directory.SetLastWriteTimeUtc(d, DateTime.UtcNow - TimeSpan.FromHours(2));
        var someoneElses = Path.Combine(_root, ".out.tmp-keep"); // not our name pattern: never touched
        Directory.CreateDirectory(someoneElses);
        // A fresh stage of a dead PID may be a live run on another host's PID namespace: kept.
        var fresh = DeadStage(_root, "02");
        // Another host's stage: its PID means nothing here; an hour old is not old enough.
        var foreign = Path.Combine(_root, OutputDirectory.StagePrefix + "ffffffff-1-03");
        Directory.CreateDirectory(foreign);
        Directory.SetLastWriteTimeUtc(foreign, DateTime.UtcNow - TimeSpan.FromHours(2));

        OutputDirectory.WriteAll(Path.Combine(_root, "other"), [Good("x.txt", "x")]); // cleans the parent
        OutputDirectory.WriteAll(target, [Good("c.txt", "C")]);                      // cleans the target

        Directory.Exists(inside).Should().BeFalse();
        Directory.Exists(beside).Should().BeFalse();
        Directory.Exists(someoneElses).Should().BeTrue();
        Directory.Exists(fresh).Should().BeTrue();
        Directory.Exists(foreign).Should().BeTrue();
        File.ReadAllText(Path.Combine(target, "a.txt")).Should().Be("old A");
    }

    [Fact]
    public void A_killed_runs_stage_never_comes_back_over_a_newer_complete_set()
    {
        var target = Path.Combine(_root, "out");
        OutputDirectory.WriteAll(target, [Good("a.txt", "old A"), Good("b.txt", "old B")]);
        // Killed inside its publish window: a.txt replaced, b.txt still in its committed stage.
        var stage = DeadStage(target, "0123456789abcdee");
        File.WriteAllText(Path.Combine(target, "a.txt"), "killed A");
        File.WriteAllText(Path.Combine(stage, "b.txt"), "killed B");
        File.WriteAllText(Path.Combine(stage, OutputDirectory.CommitMarker), "a.txt\nb.txt\n");
        // A complete newer run at once (the stage is too young to be judged), ...
        OutputDirectory.WriteAll(target, [Good("a.txt", "new A"), Good("b.txt", "new B")]);
        // ... then, more than an hour later, any write into the same folder (a trumpet --out).
        if (Directory.Exists(stage)) Directory.SetLastWriteTimeUtc(stage, DateTime.UtcNow - TimeSpan.FromHours(2));
        OutputDirectory.WriteAll(target, [Good("c.txt", "C")]);

        File.ReadAllText(Path.Combine(target, "a.txt")).Should().Be("new A");
        File.ReadAllText(Path.Combine(target, "b.txt")).Should().Be("new B", "before the fix the killed run's b.txt was rolled forward over the newer set");
        Directory.Exists(stage).Should().BeFalse();
    }

    [Fact]
    public void A_publish_that_cannot_replace_a_file_midway_leaves_the_whole_old_set()
    {
        var target = Path.Combine(_root, "out");
        OutputDirectory.WriteAll(target, [Good("a.txt", "old A"), Good("b.txt", "old B")]);
        // b.txt cannot be replaced (a bind-mounted or immutable file answers rename with EBUSY/EPERM).
        OutputDirectory.BeforeReplaceForTests.Value = to =>
        {
            if (Path.GetFileName(to) == "b.txt") throw new IOException($"cannot rename over {to}: Device or resource busy");
        };
        try
        {
            var act = () => OutputDirectory.WriteAll(target, [Good("a.txt", "new A"), Good("n.txt", "new N"), Good("b.txt", "new B")]);
            act.Should().Throw<IOException>().WithMessage("*b.txt*previous outputs*kept*");
        }
        finally { OutputDirectory.BeforeReplaceForTests.Value = null; }

        File.ReadAllText(Path.Combine(target, "a.txt")).Should().Be("old A", "before the fix a.txt was already new: a mix");
        File.ReadAllText(Path.Combine(target, "b.txt")).Should().Be("old B");
        File.Exists(Path.Combine(target, "n.txt")).Should().BeFalse("a file the old set did not have is taken out again");
        Ours(target).Should().BeEmpty();
    }

    [Fact]
    public void A_publish_killed_between_moving_the_old_file_aside_and_placing_the_new_one_is_finished()
    {
        var target = Path.Combine(_root, "out");
        OutputDirectory.WriteAll(target, [Good("a.txt", "old A")]);
        var stage = DeadStage(target, "0123456789abcdef");
        Directory.CreateDirectory(Path.Combine(stage, ".previous"));
        File.Move(Path.Combine(target, "a.txt"), Path.Combine(stage, ".previous", "a.txt"));
        File.WriteAllText(Path.Combine(stage, "a.txt"), "new A");
        File.WriteAllText(Path.Combine(stage, OutputDirectory.CommitMarker), "a.txt\n");
        Directory.SetLastWriteTimeUtc(stage, DateTime.UtcNow - TimeSpan.FromHours(2));

        OutputDirectory.Recover(target);

        File.ReadAllText(Path.Combine(target, "a.txt")).Should().Be("new A");
        Directory.Exists(stage).Should().BeFalse();
    }

    /// <summary>A stage named as a process of this host that cannot exist would name it
    /// (PID 2147483646: Linux's pid_max is at most 2^22).</summary>
    private static string DeadStage(string parent, string random)
    {
        var stage = Path.Combine(parent, OutputDirectory.StagePrefix + OutputDirectory.HostTag + "-2147483646-" + random);
        Directory.CreateDirectory(stage);
        return stage;
    }

    [Fact]
    public void A_dangling_link_as_the_output_folder_is_refused_and_nothing_is_created_where_it_points()
    {
        var pointsTo = Path.Combine(_root, "elsewhere", "planted");
        var link = Path.Combine(_root, "out");
        Directory.CreateSymbolicLink(link, pointsTo);
        var act = () => OutputDirectory.WriteAll(link, [Good("a.txt", "A")]);
        act.Should().Throw<IOException>().WithMessage("*symbolic link*");
        Directory.Exists(Path.Combine(_root, "elsewhere")).Should().BeFalse();
    }

    [Fact]
    public void A_link_to_an_existing_folder_is_the_folder_the_user_named()
    {
        var real = Path.Combine(_root, "real");
        Directory.CreateDirectory(real);
        var link = Path.Combine(_root, "out");
        Directory.CreateSymbolicLink(link, real);
        OutputDirectory.WriteAll(link, [Good("a.txt", "A")]);
        File.ReadAllText(Path.Combine(real, "a.txt")).Should().Be("A");
        new DirectoryInfo(link).LinkTarget.Should().Be(real, "the link itself stays");
    }

    [Fact]
    public void WriteFile_through_a_dangling_link_is_refused()
    {
        var link = Path.Combine(_root, "junit.xml");
        var pointsTo = Path.Combine(_root, "planted.xml");
        File.CreateSymbolicLink(link, pointsTo);
        var act = () => OutputDirectory.WriteFile(link, s => s.Write("x"u8));
        act.Should().Throw<IOException>();
        File.Exists(pointsTo).Should().BeFalse();
    }

    [Fact]
    public void A_folder_name_of_255_characters_still_publishes()
    {
        // The old temp name was "." + name + ".tmp-" + 32 hex: 38 characters past NAME_MAX.
        var target = Path.Combine(_root, new string('x', 255));
        OutputDirectory.WriteAll(target, [Good("a.txt", "A")]);
        File.ReadAllText(Path.Combine(target, "a.txt")).Should().Be("A");
    }

    [SkippableFact]
    public void WriteFile_writes_through_a_character_device_and_leaves_it_a_device()
    {
        // Never the real /dev/null: a regression would rename a file over it, machine-wide (it
        // happened once while checking that this test fails without the fix). A private null
        // device in the test folder needs mknod (root, as CI runs); reported as skipped where it cannot be made.
        var device = Path.Combine(_root, "null");
        Skip.IfNot(MakeNullDevice(device), "mknod is not allowed here (not root, a user namespace or a nodev mount)");
        OutputDirectory.WriteFile(device, s => s.Write("<xml/>"u8));
        PumpSim.Scenarios.Files.FileNode.KindOf(device, followLinks: false)
            .Should().Be(PumpSim.Scenarios.Files.NodeKind.CharacterDevice, "before the fix a regular file was renamed over the node");
    }

    /// <summary>mknod PATH c 1 3 (a null device), usable for writing; false where that is not allowed.</summary>
    internal static bool MakeNullDevice(string path)
    {
        if (OperatingSystem.IsWindows()) return false;
        using (var p = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("mknod", [path, "c", "1", "3"]) { RedirectStandardError = true }))
        {
            p!.WaitForExit();
            if (p.ExitCode != 0) return false;
        }
        try { using var probe = new FileStream(path, FileMode.Open, FileAccess.Write); return true; }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return false; } // a nodev mount
    }

    [Fact]
    public void WriteFile_writes_through_a_fifo()
    {
        if (OperatingSystem.IsWindows()) return;
        var fifo = Path.Combine(_root, "pipe");
        using (var mk = System.Diagnostics.Process.Start("mkfifo", fifo)) mk.WaitForExit();
        string? read = null;
        var reader = new Thread(() => read = File.ReadAllText(fifo));
        reader.Start();
        OutputDirectory.WriteFile(fifo, s => s.Write("<xml/>"u8));
        reader.Join(TimeSpan.FromMinutes(1)).Should().BeTrue();
        read.Should().Be("<xml/>");
        PumpSim.Scenarios.Files.FileNode.KindOf(fifo, followLinks: false).Should().Be(PumpSim.Scenarios.Files.NodeKind.Fifo);
    }

    [Fact]
    public void WriteFile_onto_a_folder_is_refused_and_the_folder_kept()
    {
        var dir = Path.Combine(_root, "d");
        Directory.CreateDirectory(dir);
        var act = () => OutputDirectory.WriteFile(dir, s => s.Write("x"u8));
        act.Should().Throw<IOException>().WithMessage("*folder*");
        Directory.Exists(dir).Should().BeTrue();
        Directory.GetFileSystemEntries(_root).Should().Equal(dir);
    }

    private static string[] Ours(string folder) =>
        Directory.GetDirectories(folder, OutputDirectory.StagePrefix + OutputDirectory.HostTag + "-" + Environment.ProcessId + "-*");

    private static bool IsMountPoint(string path) =>
        File.Exists("/proc/self/mountinfo") && File.ReadLines("/proc/self/mountinfo").Any(l => l.Split(' ') is { Length: > 4 } f && f[4] == path);
}
