using System.Runtime.InteropServices;
using System.Text.Json;

namespace PumpSim.Reports;

/// <summary>The build that wrote a folder: its version and the commit it was built from ("unknown" when the
/// build had none).</summary>
public sealed record ToolIdentity(string Version, string Commit)
{
    /// <summary>From an assembly's InformationalVersion "0.9.0+&lt;commit&gt;" (the SDK appends the source
    /// revision when it knows one).</summary>
    public static ToolIdentity Of(System.Reflection.Assembly assembly)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        var informational = assembly.GetCustomAttributes(typeof(System.Reflection.AssemblyInformationalVersionAttribute), false)
            .OfType<System.Reflection.AssemblyInformationalVersionAttribute>().FirstOrDefault()?.InformationalVersion ?? "0.0.0";
        var plus = informational.IndexOf('+', StringComparison.Ordinal);
        return plus < 0 ? new(informational, "unknown") : new(informational[..plus], informational[(plus + 1)..]);
    }
}

/// <summary>One scenario a folder's files came from: the file as named on the command line, the SHA-256 of
/// its bytes, its id, and the seed and step the run used (after --seed / --step).</summary>
public sealed record ManifestScenario(string File, string Sha256, string Id, ulong Seed, string Step);

/// <summary>What manifest.json records besides the files' own hashes.</summary>
/// <param name="Command">The verb that wrote the folder: run, verify or sweep.</param>
/// <param name="Options">Other settings that shape the outputs (sweep's runs, vary, shard), in a fixed order.</param>
public sealed record ManifestInfo(string Command, ToolIdentity Tool, IReadOnlyList<ManifestScenario> Scenarios,
    IReadOnlyList<KeyValuePair<string, string>>? Options = null);

/// <summary>manifest.json (issue 22): enough to say later which build, runtime, scenario bytes, seed and step
/// made a folder, and to check that not a byte of its files changed (<see cref="ManifestCheck"/>). No clock,
/// no host name, no absolute path the user did not type: the same command on the same build and machine
/// writes the same bytes. It is one more <see cref="OutputFile"/>, last in the list, so it is published
/// atomically with the files it describes; each of those is hashed while it is written.</summary>
public static class RunManifest
{
    public const string FileName = "manifest.json";

    /// <summary><paramref name="files"/>, each hashed as it is written, then manifest.json.</summary>
    public static IReadOnlyList<OutputFile> With(IReadOnlyList<OutputFile> files, ManifestInfo info)
    {
        ArgumentNullException.ThrowIfNull(files);
        ArgumentNullException.ThrowIfNull(info);
        var hashed = new (string Name, HashingStream? Stream)[files.Count];
        var result = new List<OutputFile>(files.Count + 1);
        for (var i = 0; i < files.Count; i++)
        {
            var index = i;
            var file = files[i];
            hashed[i] = (file.Name, null);
            result.Add(file with
            {
                Write = s =>
                {
                    var h = new HashingStream(s);
                    hashed[index] = (file.Name, h);
                    file.Write(h);
                },
            });
        }
        result.Add(new OutputFile(FileName, s => Write(s, info, hashed.Select(h => (h.Name, h.Stream
            ?? throw new InvalidOperationException($"{h.Name} was not written before the manifest"))).ToArray())));
        return result;
    }

    /// <summary>The runtime and OS as manifest.json names them.</summary>
    public static string Runtime => RuntimeInformation.FrameworkDescription;
    public static string OperatingSystem => $"{RuntimeInformation.OSDescription} ({RuntimeInformation.OSArchitecture})";

    /// <summary>SHA-256 of a file's bytes, lower-case hex.</summary>
    public static string Sha256(byte[] bytes) => Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(bytes)).ToLowerInvariant();

    private static void Write(Stream output, ManifestInfo info, IReadOnlyList<(string Name, HashingStream Stream)> files)
    {
        using (var json = new Utf8JsonWriter(output, JsonOptions.Pretty))
        {
            json.WriteStartObject();
            json.WriteNumber("manifest_version", 1);
            json.WriteString("command", info.Command);
            json.WriteStartObject("tool");
            json.WriteString("name", "pumpsim");
            json.WriteString("version", info.Tool.Version);
            json.WriteString("commit", info.Tool.Commit);
            json.WriteEndObject();
            json.WriteString("runtime", Runtime);
            json.WriteString("os", OperatingSystem);
            json.WriteStartArray("scenarios");
            foreach (var s in info.Scenarios)
            {
                json.WriteStartObject();
                json.WriteString("file", s.File.Replace('\\', '/'));
                json.WriteString("sha256", s.Sha256);
                json.WriteString("id", s.Id);
                json.WriteNumber("seed", s.Seed);
                json.WriteString("step", s.Step);
                json.WriteEndObject();
            }
            json.WriteEndArray();
            if (info.Options is { Count: > 0 } options)
            {
                json.WriteStartObject("options");
                foreach (var (key, value) in options) json.WriteString(key, value);
                json.WriteEndObject();
            }
            json.WriteStartArray("files");
            foreach (var (name, stream) in files)
            {
                json.WriteStartObject();
                json.WriteString("name", name);
                json.WriteNumber("bytes", stream.Bytes);
                json.WriteString("sha256", stream.Sha256());
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteEndObject();
        }
        output.Write("\n"u8);
    }
}
