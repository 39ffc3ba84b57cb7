using System.Text;

namespace PumpSim.Reports.Tests;

/// <summary>Runs a writer into memory and returns the UTF-8 text, the way the files are written.</summary>
internal static class Render
{
    public static string Stream(Action<Stream> write)
    {
        using var ms = new MemoryStream();
        write(ms);
        return Encoding.UTF8.GetString(ms.ToArray());
    }

    public static byte[] Bytes(Action<Stream> write)
    {
        using var ms = new MemoryStream();
        write(ms);
        return ms.ToArray();
    }

    public static string Text(Action<TextWriter> write) => Stream(OutputFile.Text("x", write).Write);
}
