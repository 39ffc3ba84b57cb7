using PumpSim.Core.Events;
using PumpSim.Core.Firmware;
using PumpSim.Core.Therapy;
using PumpSim.Core.Units;

namespace PumpSim.Core.Tests;

/// <summary>The firmware alone, driven the way Simulation drives it (timers, settle, tones at each
/// breakpoint; closed-form jumps to the firmware's own NextDue), with sensors the test sets by hand:
/// the rotor, the battery charge. No plant: what the firmware does is all these tests look at.
/// Defaults: SynchroMed II 20 mL, 500 mcg/mL, 20 mL in the reservoir, 2-mL alarm, 0.2-mL catheter.</summary>
internal sealed class FirmwareRig : IPumpSensors
{
    public bool RotorFree { get; set; } = true;
    public long BatteryCharge { get; set; } = BatteryModel.FullCharge;
    public string StallNote { get; set; } = "rotor-blocked";

    public SimInstant Now { get; private set; } = Plans.Start;
    public List<PumpEvent> Events { get; } = [];
    public PumpFirmware Fw { get; }

    /// <param name="toneRepeat">Both tone repeats; long by default so tones do not add breakpoints.</param>
    public FirmwareRig(TherapyProgram program, double mcgPerMl = 500, double reservoirMl = 20, double catheterMl = 0.2,
        PtmSettings? ptm = null, double lowReservoirAlarmMl = 2, SimDuration? toneRepeat = null, bool settle = true)
    {
        var repeat = toneRepeat ?? SimDuration.FromDays(1000);
        Fw = new PumpFirmware(new FirmwareSettings(PumpProfile.SynchroMedII20, Volume.FromMl(lowReservoirAlarmMl), repeat, repeat,
            program, Concentration.FromMcgPerMl(mcgPerMl), Volume.FromMl(reservoirMl), Volume.FromMl(catheterMl), ptm),
            this, () => Now, e => Events.Add(e with { At = Now }));
        if (settle) Settle();
    }

    public static FirmwareRig MlPerDay(double ml, double reservoirMl = 20, PtmSettings? ptm = null) =>
        new(TherapyProgram.Continuous(ProgramRate.MlPerDay(ml)), reservoirMl: reservoirMl, ptm: ptm);

    /// <summary>Simulation.Settle: rates, then the firmware's view of what changed, until stable.</summary>
    public void Settle()
    {
        Fw.Recompute();
        for (var i = 0; i < 4 && Fw.Evaluate(); i++) Fw.Recompute();
    }

    /// <summary>An action at <see cref="Now"/>, then a settle (as Simulation does after each action).</summary>
    public void Do(Action<PumpFirmware> action)
    {
        action(Fw);
        Settle();
    }

    public void RunFor(string offset) => RunTo(Now + Plans.Parse(offset));

    /// <summary>Jumps breakpoint to breakpoint (the firmware's NextDue, capped at <paramref name="end"/>).</summary>
    public void RunTo(SimInstant end)
    {
        while (Now < end)
        {
            var next = Fw.NextDue();
            if (next > end) next = end;
            Fw.Advance((next - Now).Seconds);
            Now = next;
            Fw.HandleTimers();
            Settle();
            Fw.Alarms.OnTime(Now);
        }
    }

    public IEnumerable<T> Of<T>() where T : PumpEvent => Events.OfType<T>();

    public static Volume Ml(double ml) => Volume.FromMl(ml);
    public static Concentration McgPerMl(double c) => Concentration.FromMcgPerMl(c);
}
