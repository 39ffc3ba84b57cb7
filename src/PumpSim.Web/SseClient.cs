using System.Threading.Channels;

namespace PumpSim.Web;

/// <summary>One browser watching a session: a bounded queue of Server-Sent-Event frames. A viewer
/// too slow to keep up is dropped rather than let the queue grow (or hold up anyone else); its
/// browser reconnects and starts again from a fresh snapshot.</summary>
internal sealed class SseClient
{
    public const int QueueLimit = 20_000;
    private readonly Channel<string> _queue = Channel.CreateBounded<string>(
        new BoundedChannelOptions(QueueLimit) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });

    public ChannelReader<string> Reader => _queue.Reader;

    /// <summary>False when the viewer is dropped (queue full or closed).</summary>
    public bool Send(string frame)
    {
        if (_queue.Writer.TryWrite(frame)) return true;
        _queue.Writer.TryComplete();
        return false;
    }

    public void Close() => _queue.Writer.TryComplete();

    public static string Frame(string eventName, string json) => $"event: {eventName}\ndata: {json}\n\n";
}
