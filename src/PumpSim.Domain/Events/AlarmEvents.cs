using PumpSim.Core.Firmware;
using PumpSim.Core.Units;

namespace PumpSim.Core.Events;

// The alarm manager's announcements (PUMP.md §5).

public sealed record AlarmRaised(string Alarm, AlarmPriority Priority) : PumpEvent;

public sealed record AlarmTone(string Alarm, AlarmPriority Priority) : PumpEvent
{
    /// <summary>The tone the priority sounds.</summary>
    public string Tone => AlarmIds.Tone(Priority);
}

public sealed record AlarmSilenced(IReadOnlyList<string> Alarms, SimInstant Until) : PumpEvent;

public sealed record AlarmSilenceEnded(IReadOnlyList<string> Alarms, string Reason) : PumpEvent;

public sealed record AlarmCleared(string Alarm, AlarmPriority Priority, string Reason) : PumpEvent;
