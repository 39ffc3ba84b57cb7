namespace PumpSim.Reports;

/// <summary>One file of a run's output: its name inside the output directory and the code that
/// writes its bytes. <see cref="OutputDirectory"/> decides where those bytes go first.</summary>
public sealed record OutputFile(string Name, Action<Stream> Write)
{
    /// <summary>A text file written through a UTF-8 (no BOM) writer with "\n" newlines.</summary>
    public static OutputFile Text(string name, Action<TextWriter> write) =>
        new(name, stream =>
        {
            using var w = Utf8NoBom.Writer(stream);
            write(w);
            w.Flush();
        });
}
