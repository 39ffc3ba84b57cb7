using PumpSim.Core.Events;
using PumpSim.Core.Firmware;

namespace PumpSim.Core.Tests;

/// <summary>What an event is about, for tests that trace or filter events of several types at once.</summary>
internal static class EventSubjects
{
    public static string? Alarm(PumpEvent e) => e switch
    {
        AlarmRaised a => a.Alarm,
        AlarmTone a => a.Alarm,
        AlarmCleared a => a.Alarm,
        _ => null,
    };

    public static string? Alarms(PumpEvent e) => e switch
    {
        AlarmSilenced s => string.Join(';', s.Alarms),
        AlarmSilenceEnded s => string.Join(';', s.Alarms),
        _ => null,
    };

    public static string? To(PumpEvent e) => e is TherapyStateChanged t ? TherapyMachine.Name(t.To) : null;
}
