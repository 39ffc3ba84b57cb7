using System.Globalization;
using System.Text;
using CsCheck;
using PumpSim.Core.Engine;
using PumpSim.Core.Patient;
using PumpSim.Core.Plant;
using PumpSim.Core.Therapy;
using PumpSim.Core.Units;

namespace PumpSim.Core.Tests.Properties;

/// <summary>A generated plan that prints itself as scenario YAML (SCENARIOS.md §1), so a failing
/// (shrunk) case can be pasted into a file and run with `pumpsim run`.</summary>
public sealed record PlanCase(SimulationPlan Plan)
{
    public override string ToString() => "\n" + PlanYaml.Print(Plan);
}

/// <summary>CsCheck generators of <see cref="SimulationPlan"/>s within the domain limits of PUMP.md §2.
/// Every case stays fast: at most <see cref="MaxSteps"/> engine steps.</summary>
public static class PlanGen
{
    public const long MaxSteps = 12_000;
    /// <summary>The scenario default start (also Plans.Start); here so the file can be linked into other test projects.</summary>
    public static readonly SimInstant Start = SimInstant.FromDateTimeOffset(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
    private const long Day = SimDuration.SecondsPerDay;

    private static double R3(double x) => Math.Round(x, 3);

    /// <summary>Step sizes 1 s .. 1 h, biased to the usual ones.</summary>
    public static readonly Gen<long> Step = Gen.Frequency(
        (3, Gen.OneOf(1L, 10L, 60L, 300L, 420L, 900L, 3600L)),
        (1, Gen.Long[1, 3600]));

    public static readonly Gen<Concentration> Conc =
        Gen.Frequency((3, Gen.OneOf(50.0, 500.0, 1000.0, 2000.0)), (1, Gen.Int[50, 4000].Select(i => (double)i)))
           .Select(Concentration.FromMcgPerMl);

    /// <summary>A flow in mL/day, log-uniform over the pump's range, kept just inside it.</summary>
    private static readonly Gen<double> FlowMl = Gen.Double[Math.Log(0.05), Math.Log(23.9)].Select(x => R3(Math.Exp(x)));

    private static Gen<ProgramRate> Rate(Concentration c) =>
        Gen.Select(FlowMl, Gen.Bool).Select(t => t.Item2
            ? ProgramRate.MlPerDay(t.Item1)
            : ProgramRate.McgPerDay(Math.Clamp(R3(t.Item1 * c.McgPerMl), Math.Ceiling(0.05 * c.McgPerMl), Math.Floor(23.9 * c.McgPerMl))));

    public static Gen<TherapyProgram> Program(Concentration c) => Gen.Frequency(
        (5, Rate(c).Select(TherapyProgram.Continuous)),
        (3, Gen.Select(Gen.Bool, Gen.Int[1, 4]).SelectMany(t =>
        {
            var weekly = t.Item1;
            var slots = weekly ? 7 * 24 * 4 : 24 * 4;   // quarter hours
            return Gen.Int[0, slots - 1].HashSet[t.Item2, t.Item2]
                .SelectMany(starts => Rate(c).Array[starts.Count, starts.Count].Select(rates =>
                    TherapyProgram.Flex(weekly ? FlexRepeat.Weekly : FlexRepeat.Daily,
                        starts.Order().Select((s, i) => new FlexStep(s * 900L, rates[i])))));
        })),
        (1, Gen.OneOf(TherapyProgram.MinimumRate(), TherapyProgram.Stopped())));

    private static Gen<Volume> Ml(double lo, double hi) => Gen.Double[lo, hi].Select(x => Volume.FromMl(R3(x)));
    private static readonly Gen<SimDuration> Minutes = Gen.Long[1, 12 * 60].Select(SimDuration.FromMinutes);

    private static Gen<ScenarioAction> CatheterFault(bool withRevision) => Gen.Frequency(
        (2, from k in Gen.OneOf(CatheterFaultKind.Kink, CatheterFaultKind.Occlusion, CatheterFaultKind.Leak, CatheterFaultKind.Tear)
            from f in Gen.Frequency((1, Gen.Const((double?)null)), (2, Gen.Double[0, 1].Select(f => (double?)R3(f))))
            select (ScenarioAction)new CatheterFaultAction(k, f)),
        (2, Gen.OneOf(CatheterFaultKind.Disconnect, CatheterFaultKind.Migration, CatheterFaultKind.None, CatheterFaultKind.Repair)
            .Select(k => (ScenarioAction)new CatheterFaultAction(k))),
        (withRevision ? 1 : 0, Gen.Frequency((1, Gen.Const((Volume?)null)), (2, Ml(0, 1).Select(v => (Volume?)v)))
            .Select(v => (ScenarioAction)new CatheterFaultAction(CatheterFaultKind.Revision, null, v))));

    private static Gen<ScenarioAction> Refill(Volume capacity) =>
        Gen.Select(Ml(0, capacity.Ml), // up to a full pump: with a residual that still overfills
                   Gen.Frequency((3, Gen.Const((Volume?)null)), (1, Ml(0, capacity.Ml).Select(v => (Volume?)v))),
                   Gen.Frequency((3, Gen.Const((Volume?)null)), (1, Ml(0, capacity.Ml).Select(v => (Volume?)v))),
                   Gen.Frequency((3, Gen.Const((Concentration?)null)), (1, Conc.Select(c => (Concentration?)c))),
                   Gen.Int[0, 9], Gen.Bool)
           .Select(t => (ScenarioAction)(t.Item5 == 0
               ? new RefillAction(t.Item1, null, t.Item3, t.Item4, RefillTarget.Pocket, t.Item6)
               : new RefillAction(t.Item1, t.Item2, t.Item3, t.Item4, RefillTarget.Reservoir, t.Item6)));

    /// <summary>One random action. <paramref name="firmwareOnly"/> leaves out what legitimately reads the
    /// plant's truth (refills) and what changes the plant only (catheter faults, accuracy).</summary>
    public static Gen<ScenarioAction> Action(Concentration c, Volume capacity, bool firmwareOnly = false) => Gen.Frequency(
        (firmwareOnly ? 0 : 4, Refill(capacity)),
        (firmwareOnly ? 0 : 4, CatheterFault(withRevision: true)),
        (firmwareOnly ? 0 : 1, Gen.Int[-20, 20].Select(a => (ScenarioAction)new AccuracyAction(a))),
        (2, Program(c).Select(p => (ScenarioAction)new ProgramAction(p))),
        (2, Gen.Select(Gen.Int[1, 500], Minutes).Select(t => (ScenarioAction)new BolusAction(t.Item1, t.Item2))),
        (1, Gen.OneOf<ScenarioAction>(new PrimingBolusAction(), new BridgeBolusAction())),
        (2, Gen.Const<ScenarioAction>(new PtmRequestAction())),
        (1, Gen.Select(Gen.Long[1, 120], Gen.Long[0, 24 * 60]).Select(t =>
            (ScenarioAction)new MriAction(SimDuration.FromMinutes(t.Item1), SimDuration.FromMinutes(t.Item2)))),
        (2, Gen.Const<ScenarioAction>(new InterrogateAction())),
        (2, Gen.Long[1, 180].Select(m => (ScenarioAction)new SilenceAction(SimDuration.FromMinutes(m)))),
        (2, Gen.Frequency(
            (3, Minutes.Select(d => new MotorStallAction(d))),
            (1, Gen.Const(new MotorStallAction(SimDuration.Zero, Permanent: true))),
            (2, Gen.Select(Gen.Long[1, 60], Gen.Long[2, 6], Gen.Int[2, 5]).Select(t =>
                new MotorStallAction(SimDuration.FromMinutes(t.Item1), false, SimDuration.FromMinutes(t.Item1 * t.Item2), t.Item3))))
            .Select(a => (ScenarioAction)a)),
        (1, Gen.Bool.Select(b => (ScenarioAction)new MemoryErrorAction(b))),
        (1, Gen.Const<ScenarioAction>(new BatteryResetAction())),
        (1, Gen.Frequency((1, Gen.Const((Volume?)null)), (1, Ml(0, capacity.Ml).Select(v => (Volume?)v)))
            .Select(v => (ScenarioAction)new ReplacePumpAction(v))));

    /// <param name="patient">Include the illustrative patient sometimes.</param>
    /// <param name="firmwareOnly">No refills, catheter faults or accuracy changes among the actions.</param>
    public static Gen<PlanCase> Plan(bool patient = true, bool firmwareOnly = false) =>
        from step in Step
        from profile in Gen.OneOf(PumpProfile.SynchroMedII20, PumpProfile.SynchroMedII40)
        from days in Gen.Frequency((2, Gen.Long[3600, 3 * Day]), (2, Gen.Long[3 * Day, 30 * Day]))
        let duration = Math.Min(days, step * MaxSteps)
        from conc in Conc
        from program in Program(conc)
        from reservoir in Gen.Frequency((3, Ml(0, profile.Capacity.Ml)), (1, Ml(0, 3)))
        from lra in Ml(0.5, profile.Capacity.Ml / 2)
        from accuracy in Gen.Frequency((2, Gen.Const(0.0)), (3, Gen.Double[-20, 20].Select(a => Math.Round(a, 1))))
        from catheter in Ml(0, 1)
        from saline in Gen.Int[0, 4]
        from battery in Gen.Frequency((3, Gen.Const((double?)null)), (1, Gen.Double[0, 400].Select(d => (double?)Math.Round(d, 1))))
        from ptm in Gen.Frequency((1, Gen.Const((PtmSettings?)null)),
            (1, Gen.Select(Gen.Int[1, 200], Gen.Long[1, 60], Gen.Long[0, 6 * 60], Gen.Int[1, 24])
                .Select(t => (PtmSettings?)PtmSettings.Create(t.Item1, SimDuration.FromMinutes(t.Item2), SimDuration.FromMinutes(t.Item3), t.Item4))))
        from withPatient in Gen.Int[0, patient ? 3 : 0]
        from maintenance in Gen.Int[50, 1500]
        from actions in Gen.Select(Gen.Frequency((1, Gen.Const(0L)), (6, Gen.Long[0, duration])), Action(conc, profile.Capacity, firmwareOnly)).Array[0, 12]
        select new PlanCase(new SimulationPlan
        {
            Id = "generated",
            Start = Start,
            Duration = SimDuration.FromSeconds(duration),
            Step = SimDuration.FromSeconds(step),
            Profile = profile,
            Concentration = conc,
            Program = program,
            Reservoir = reservoir,
            LowReservoirAlarm = lra,
            AccuracyPct = accuracy,
            CatheterVolume = catheter,
            CatheterContents = saline == 0 ? CatheterContents.Saline : CatheterContents.Drug,
            BatteryLifeRemainingDays = battery,
            Ptm = ptm,
            Patient = withPatient == 1 ? new PatientParameters { MaintenanceMcgPerDay = maintenance } : null,
            Actions = actions
                .Select((a, i) => new TimedAction(Start + SimDuration.FromSeconds(a.Item1), i, a.Item2))
                .OrderBy(a => a.At).ThenBy(a => a.Order).ToArray(),
        });
}

/// <summary>Prints a plan as scenario YAML in the format of SCENARIOS.md §1.</summary>
public static class PlanYaml
{
    private static string N(double x) => x.ToString("0.#########", CultureInfo.InvariantCulture);
    private static string Ml(Volume v) => N(v.Ml);

    private static string Rate(ProgramRate r) =>
        r.Dose is { } d ? $"rate_mcg_per_day: {N(d.McgPerDay)}" : $"rate_ml_per_day: {N(r.Flow!.Value.MlPerDay)}";

    private static readonly string[] Days = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];

    public static string Program(TherapyProgram p) => p.Mode switch
    {
        ProgramMode.Continuous => $"{{ mode: continuous, {Rate(p.Rate!.Value)} }}",
        ProgramMode.MinimumRate => "{ mode: minimum-rate }",
        ProgramMode.Stopped => "{ mode: stopped }",
        _ => $"{{ mode: flex, repeat: {(p.Repeat == FlexRepeat.Daily ? "daily" : "weekly")}, steps: [" + string.Join(", ", p.Steps.Select(s =>
            (p.Repeat == FlexRepeat.Weekly ? $"{{ day: {Days[s.StartSecond / SimDuration.SecondsPerDay]}, " : "{ ")
            + $"start: \"{s.StartSecond % SimDuration.SecondsPerDay / 3600:00}:{s.StartSecond % 3600 / 60:00}\", {Rate(s.Rate)} }}")) + "] }",
    };

    public static string Action(ScenarioAction a) => a switch
    {
        CatheterFaultAction c => "catheter: { fault: " + c.Fault.ToString().ToLowerInvariant()
            + (c.Fraction is { } f ? $", fraction: {N(f)}" : "") + (c.NewVolume is { } v ? $", volume_ml: {Ml(v)}" : "") + " }",
        RefillAction r => $"refill: {{ add_ml: {Ml(r.Add)}"
            + (r.Withdraw is { } w ? $", withdraw: {Ml(w)}" : "")
            + (r.ProgramVolume is { } pv ? $", program_volume_ml: {Ml(pv)}" : "")
            + (r.NewConcentration is { } nc ? $", concentration_mcg_per_ml: {N(nc.McgPerMl)}" : "")
            + (r.Into == RefillTarget.Pocket ? ", into: pocket" : "")
            + (r.BridgeBolus ? ", bridge_bolus: true" : "") + " }",
        ProgramAction p => "program: " + Program(p.Program),
        BolusAction b => $"bolus: {{ dose_mcg: {N(b.DoseMcg)}, duration: {b.Duration} }}",
        PrimingBolusAction => "priming_bolus: {}",
        BridgeBolusAction => "bridge_bolus: {}",
        PtmRequestAction => "ptm_request: {}",
        MriAction m => $"mri: {{ duration: {m.Duration}, recovery: {m.Recovery} }}",
        InterrogateAction => "interrogate: {}",
        SilenceAction s => $"silence: {{ duration: {s.Duration} }}",
        MotorStallAction { Permanent: true } => "motor_stall: { permanent: true }",
        MotorStallAction m => $"motor_stall: {{ duration: {m.Duration}"
            + (m.Every is { } e ? $", every: {e}, count: {m.Count}" : "") + " }",
        MemoryErrorAction m => $"memory_error: {{ critical: {(m.Critical ? "true" : "false")} }}",
        BatteryResetAction => "battery_reset: {}",
        ReplacePumpAction r => "replace_pump: {" + (r.Reservoir is { } v ? $" reservoir_ml: {Ml(v)} " : "") + "}",
        AccuracyAction x => $"accuracy: {{ accuracy_pct: {N(x.AccuracyPct)} }}",
        NarrationAction n => $"narration: {n.Text}",
        _ => a.ToString(),
    };

    public static string Print(SimulationPlan p)
    {
        var sb = new StringBuilder();
        sb.Append("scenario: ").Append(p.Id).Append('\n');
        sb.Append("start: ").Append(p.Start).Append('\n');
        sb.Append("duration: ").Append(p.Duration).Append('\n');
        sb.Append("step: ").Append(p.Step).Append('\n');
        sb.Append("sample: ").Append(p.Sample).Append('\n');
        sb.Append("pump:\n");
        sb.Append("  model: ").Append(p.Profile.Model).Append('\n');
        sb.Append("  low_reservoir_alarm_ml: ").Append(Ml(p.LowReservoirAlarm)).Append('\n');
        sb.Append("  accuracy_pct: ").Append(N(p.AccuracyPct)).Append('\n');
        if (p.BatteryLifeRemainingDays is { } b) sb.Append("  battery: { life_remaining_days: ").Append(N(b)).Append(" }\n");
        sb.Append("  catheter: { volume_ml: ").Append(Ml(p.CatheterVolume)).Append(", contents: ")
          .Append(p.CatheterContents == CatheterContents.Drug ? "drug" : "saline").Append(" }\n");
        sb.Append("drug: { name: ").Append(p.DrugName).Append(", concentration_mcg_per_ml: ").Append(N(p.Concentration.McgPerMl)).Append(" }\n");
        sb.Append("reservoir_ml: ").Append(Ml(p.Reservoir)).Append('\n');
        sb.Append("therapy: ").Append(Program(p.Program)).Append('\n');
        if (p.Ptm is { } ptm)
            sb.Append($"ptm: {{ dose_mcg: {N(ptm.DoseMcg)}, duration: {ptm.Duration}, lockout: {ptm.Lockout}, max_per_day: {ptm.MaxPerDay} }}\n");
        if (p.Patient is { } pt) sb.Append("patient: { maintenance_mcg_per_day: ").Append(N(pt.MaintenanceMcgPerDay)).Append(" }\n");
        if (p.Actions.Count > 0)
        {
            sb.Append("events:\n");
            foreach (var a in p.Actions)
                sb.Append("  - { at: ").Append(a.At - p.Start).Append(", ").Append(Action(a.Action)).Append(" }\n");
        }
        return sb.ToString();
    }
}
