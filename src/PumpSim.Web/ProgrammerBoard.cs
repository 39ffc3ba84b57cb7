namespace PumpSim.Web;

/// <summary>What the programmer screen shows beyond the pump's own state, kept on the session so the
/// class's view can mirror it (<see cref="ProgrammerApi"/> writes it; only the trainer's token can):
/// the Finish review under way (nothing sent yet) and, once the lesson is finished, its grade. Both
/// are JSON the server wrote itself from checked entries, never text a page sent.</summary>
internal sealed class ProgrammerBoard
{
    private readonly object _gate = new();
    private string? _pending, _grade;

    /// <summary>The Finish review the trainer is looking at, or null.</summary>
    public string? Pending { get { lock (_gate) return _pending; } set { lock (_gate) _pending = value; } }

    /// <summary>The grade shown at the end of the lesson, or null while it runs.</summary>
    public string? Grade { get { lock (_gate) return _grade; } }

    /// <summary>The lesson is finished: the grade is shown and nothing more is sent to the pump.</summary>
    public bool Finished { get { lock (_gate) return _grade is not null; } }

    public void Finish(string grade)
    {
        lock (_gate) { _grade = grade; _pending = null; }
    }

    /// <summary>The lesson starts again (the trainer's reset).</summary>
    public void Clear()
    {
        lock (_gate) { _pending = null; _grade = null; }
    }
}
