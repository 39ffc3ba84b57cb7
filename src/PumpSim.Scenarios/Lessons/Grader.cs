using System.Globalization;
using PumpSim.Core.Engine;
using PumpSim.Core.Events;
using PumpSim.Core.Plant;
using PumpSim.Core.Programmer;
using PumpSim.Core.Therapy;
using PumpSim.Core.Units;

namespace PumpSim.Scenarios.Lessons;

/// <summary><c>pumpsim grade</c>: a trainee's session against its lesson's target and against what
/// the simulation shows it did. The rules are in README ("Lessons and grading"); the numbers come
/// from Core's programmer calculations (<see cref="RateCalculator"/>, <see cref="BolusCalculator"/>).</summary>
public static class Grader
{
    /// <summary>A programmed volume within this of the target is right (a syringe's reading).</summary>
    public static readonly Volume VolumeTolerance = Volume.FromMl(0.1);
    /// <summary>A ratio within 2 % of 10, 1/10, 1000 or 1/1000 is that slip.</summary>
    public const double SlipTolerance = 0.02;

    /// <param name="run">Runs a plan (the CLI's bounded run); the grader adds the probes it needs.</param>
    public static GradeReport Grade(Lesson lesson, LoadedScenario session, Func<SimulationPlan, SimulationResult> run)
    {
        SessionCheck.SameWorld(lesson, session);
        var plan = session.Plan;
        var trainee = new TraineeSession(plan);
        var from = trainee.LastChange(plan.Start);
        var result = run(plan with { Probes = SimulationPlan.SortedDistinct([.. plan.Probes, from, plan.End]) });
        var target = lesson.Target;
        var findings = new List<Finding>();
        findings.AddRange(Concentration(target, trainee, plan.Profile));
        findings.AddRange(Programs(target, trainee, plan.Profile));
        findings.AddRange(Volumes(target, trainee, result, plan.Profile));
        findings.AddRange(Boluses(lesson, trainee, result));
        findings.AddRange(Alarm(lesson, trainee, plan.Profile));
        findings.AddRange(CatheterEntry(lesson, trainee, plan));
        return new GradeReport(plan.Id, findings, Receive(target, plan, result, from));
    }

    /// <summary>A ratio's slip: 1000× or 1/1000 a unit error (mg for mcg), 10× or 1/10 a decimal
    /// error, anything else <paramref name="otherwise"/>.</summary>
    public static string Classify(double ratio, string otherwise) =>
        Near(ratio, 1000) || Near(ratio, 0.001) ? FindingKinds.UnitError
        : Near(ratio, 10) || Near(ratio, 0.1) ? FindingKinds.DecimalError
        : otherwise;

    private static bool Near(double ratio, double slip) => Math.Abs(ratio / slip - 1) <= SlipTolerance;

    private static IEnumerable<Finding> Concentration(LessonTarget target, TraineeSession s, PumpProfile profile)
    {
        if (s.Entered != target.Concentration)
        {
            var ratio = s.Entered.McgPerMl / target.Concentration.McgPerMl;
            // The pump converts with the entry and runs the nearest flow it can (PUMP.md §3); the body gets the real drug.
            var flow = Clamp(RateCalculator.Mean(s.Program, s.Entered, profile).Flow, profile);
            var believed = (flow * s.Entered).McgPerDay;
            var gets = (flow * s.Real).McgPerDay;
            yield return new Finding(Classify(ratio, FindingKinds.WrongConcentration),
                $"concentration entered as {N(s.Entered.McgPerMl)} mcg/mL; the drug is {N(s.Real.McgPerMl)} mcg/mL and the entry should be " +
                $"{N(target.Concentration.McgPerMl)} ({N(ratio)}×): the pump runs {N(flow.MlPerDay)} mL/day, believes it gives {N(believed)} mcg/day, " +
                $"and the patient gets {N(gets)} mcg/day",
                Numbers(("entered_mcg_per_ml", s.Entered.McgPerMl), ("target_mcg_per_ml", target.Concentration.McgPerMl), ("real_mcg_per_ml", s.Real.McgPerMl),
                    ("ratio", ratio), ("pump_ml_per_day", flow.MlPerDay), ("believed_mcg_per_day", believed), ("patient_mcg_per_day", gets)));
        }
        else if (s.Real != target.Concentration)
        {
            yield return new Finding(FindingKinds.WrongConcentration,
                $"the reservoir holds {N(s.Real.McgPerMl)} mcg/mL; the lesson's drug is {N(target.Concentration.McgPerMl)} mcg/mL",
                Numbers(("real_mcg_per_ml", s.Real.McgPerMl), ("target_mcg_per_ml", target.Concentration.McgPerMl)));
        }
    }

    private static FlowRate Clamp(FlowRate f, PumpProfile p) => f.IsZero ? f : FlowRate.Max(p.MinFlow, FlowRate.Min(f, p.MaxFlow));

    private static IEnumerable<Finding> Programs(LessonTarget target, TraineeSession s, PumpProfile profile) =>
        ComparePrograms(target.Program, s.Program, target.Concentration, target.DoseTolerancePct,
            RateCalculator.Mean(s.Program, s.Entered, profile).InRange, profile);

    /// <summary>The program against the target, each rate in mcg/day at the target concentration (a
    /// rate typed in mL/day means that flow of the lesson's drug).</summary>
    public static IEnumerable<Finding> ComparePrograms(TherapyProgram target, TherapyProgram actual, Concentration c, double tolerancePct, bool accepted, PumpProfile profile)
    {
        var refused = accepted ? "" : "; the pump refuses it (outside its flow range) and keeps the previous program";
        var sameShape = target.Mode == actual.Mode && target.Repeat == actual.Repeat && target.Steps.Count == actual.Steps.Count
            && target.Steps.Zip(actual.Steps).All(p => p.First.StartSecond == p.Second.StartSecond);
        if (!sameShape)
        {
            var a = RateCalculator.Mean(actual, c, profile).Dose.McgPerDay;
            var t = RateCalculator.Mean(target, c, profile).Dose.McgPerDay;
            yield return new Finding(FindingKinds.DoseOffTarget,
                $"the program is {FinishReview.Describe(actual, c, profile)}; the target is {FinishReview.Describe(target, c, profile)}{refused}",
                Numbers(("programmed_mcg_per_day", a), ("target_mcg_per_day", t)));
            yield break;
        }
        IEnumerable<(string Where, ProgramRate Target, ProgramRate Actual)> pairs = target.Mode switch
        {
            ProgramMode.Continuous => [("the rate", target.Rate!.Value, actual.Rate!.Value)],
            ProgramMode.Flex => target.Steps.Zip(actual.Steps).Select(p =>
                ($"the step at {FinishReview.Clock(p.First.StartSecond, target.Repeat)}", p.First.Rate, p.Second.Rate)),
            _ => [],
        };
        foreach (var (where, t, a) in pairs)
        {
            var want = t.ToDose(c).McgPerDay;
            var got = a.ToDose(c).McgPerDay;
            var ratio = want == 0 ? (got == 0 ? 1 : double.PositiveInfinity) : got / want;
            if (Math.Abs(ratio - 1) * 100 <= tolerancePct) continue;
            yield return new Finding(Classify(ratio, FindingKinds.DoseOffTarget),
                $"{where} is {N(got)} mcg/day; the target is {N(want)} mcg/day ({N(ratio)}×){refused}",
                Numbers(("programmed_mcg_per_day", got), ("target_mcg_per_day", want), ("ratio", ratio)));
        }
    }

    private static IEnumerable<Finding> Volumes(LessonTarget target, TraineeSession s, SimulationResult result, PumpProfile profile)
    {
        if (target.Reservoir is not { } want) yield break;
        var refill = result.Events.OfType<Refill>().LastOrDefault(e => s.Refills.Any(r => r.At == e.At));
        if (refill is null)
        {
            var pocket = result.Events.OfType<PocketFill>().LastOrDefault(e => s.Refills.Any(r => r.At == e.At));
            yield return new Finding(FindingKinds.WrongVolume,
                pocket is not null
                    ? $"the refill went into the pocket ({N(pocket.InjectedMl)} mL, {N(pocket.InjectedMcg)} mcg); the reservoir still holds {N(pocket.ReservoirTrueMl)} mL, the target is {N(want.Ml)} mL"
                    : $"no refill: the reservoir should hold {N(want.Ml)} mL after the visit",
                Numbers(("target_ml", want.Ml), ("reservoir_ml", pocket?.ReservoirTrueMl ?? result.Final.ReservoirTrueMl)));
            yield break;
        }
        var programmed = Volume.FromMl(refill.ProgrammedMl);
        var held = Volume.FromMl(refill.ReservoirTrueMl);
        if (Off(programmed, want) || Off(held, want))
        {
            var flow = RateCalculator.Mean(s.Program, s.Entered, profile).Flow;
            var days = ReservoirForecast.Days(Volume.FromPicolitres(Math.Abs((programmed - held).Picolitres)), flow);
            var alarm = programmed == held ? ""
                : $"; the pump believes {N(programmed.Ml)} mL but holds {N(held.Ml)} mL, so its low-reservoir alarm comes {N(days)} days " +
                  (programmed > held
                      ? "late: the reservoir can run dry before the pump warns"
                      : $"early, and after {N(ReservoirForecast.Days(programmed, flow))} days it believes the reservoir empty and drops to the minimum rate with drug still in it");
            yield return new Finding(FindingKinds.WrongVolume,
                $"the refill programs {N(programmed.Ml)} mL and the reservoir holds {N(held.Ml)} mL; the target is {N(want.Ml)} mL{alarm}",
                Numbers(("programmed_ml", programmed.Ml), ("reservoir_ml", held.Ml), ("target_ml", want.Ml), ("alarm_error_days", programmed == held ? 0 : days)));
        }
    }

    private static bool Off(Volume a, Volume b) => Math.Abs((a - b).Picolitres) > VolumeTolerance.Picolitres;

    private static IEnumerable<Finding> Boluses(Lesson lesson, TraineeSession s, SimulationResult result)
    {
        var target = lesson.Target;
        var wanted = target.Boluses.ToList();
        foreach (var (at, kind) in s.Boluses)
        {
            if (wanted.Remove(kind)) continue;
            var started = result.Events.OfType<BolusStarted>().FirstOrDefault(e => e.At >= at && e.Kind == kind);
            var denied = result.Events.OfType<BolusDenied>().FirstOrDefault(e => e.At == at && e.Kind == kind);
            yield return denied is not null && (started is null || started.At > denied.At)
                ? new Finding(FindingKinds.UnneededBolus, $"a {kind} bolus the task does not ask for (the pump refused it: {denied.Reason})", Numbers(("dose_mcg", 0)))
                : new Finding(FindingKinds.UnneededBolus, $"a {kind} bolus the task does not ask for: {N(started?.DoseMcg ?? 0)} mcg ({N(started?.VolumeMl ?? 0)} mL) more than prescribed",
                    Numbers(("dose_mcg", started?.DoseMcg ?? 0), ("volume_ml", started?.VolumeMl ?? 0)));
        }
        var plan = lesson.Scenario.Plan;
        var dose = RateCalculator.Mean(target.Program, target.Concentration, plan.Profile);
        foreach (var kind in wanted)
        {
            if (kind == "bridge")
            {
                var old = plan.ProgrammedConcentration ?? plan.Concentration;
                var flush = BolusCalculator.WithoutBridge(plan.CatheterVolume, dose.Dose, old, target.Concentration);
                yield return new Finding(FindingKinds.MissingBridge,
                    $"no bridge bolus after the change from {N(old.McgPerMl)} to {N(target.Concentration.McgPerMl)} mcg/mL: for {N(flush.Duration.TotalHours)} h the catheter's " +
                    $"{N(plan.CatheterVolume.Ml)} mL of old drug comes out at {N(flush.DoseDuringFlush.McgPerDay)} mcg/day instead of {N(dose.Dose.McgPerDay)}: {N(flush.Shortfall.Mcg)} mcg missing",
                    Numbers(("flush_hours", flush.Duration.TotalHours), ("mcg_per_day_during_flush", flush.DoseDuringFlush.McgPerDay),
                        ("prescribed_mcg_per_day", dose.Dose.McgPerDay), ("shortfall_mcg", flush.Shortfall.Mcg)));
            }
            else if (kind == "priming")
            {
                var catheter = CatheterVolume(plan);
                var hours = ReservoirForecast.Days(catheter, dose.Flow) * 24;
                yield return new Finding(FindingKinds.DoseOffTarget,
                    $"no priming bolus: the new catheter's {N(catheter.Ml)} mL of saline delays the drug by {N(hours)} h at {N(dose.Flow.MlPerDay)} mL/day",
                    Numbers(("catheter_ml", catheter.Ml), ("delay_hours", hours)));
            }
            else
            {
                yield return new Finding(FindingKinds.DoseOffTarget, $"the {kind} bolus the task asks for was not given", Numbers());
            }
        }
    }

    /// <summary>The catheter in place after the lesson's own events (a revision replaces it).</summary>
    private static Volume CatheterVolume(SimulationPlan plan) =>
        plan.Actions.Select(a => a.Action).OfType<CatheterFaultAction>().LastOrDefault(a => a.Fault == CatheterFaultKind.Revision)?.NewVolume
            ?? plan.CatheterVolume;

    /// <summary>The alarm as the trainee left it: the session's header, or its last alarm_settings.</summary>
    private static IEnumerable<Finding> Alarm(Lesson lesson, TraineeSession s, PumpProfile profile)
    {
        var want = lesson.Target.LowReservoirAlarm ?? lesson.Scenario.Plan.LowReservoirAlarm;
        if (s.LowReservoirAlarm == want) yield break;
        var flow = RateCalculator.Mean(lesson.Target.Program, lesson.Target.Concentration, profile).Flow;
        var set = AlarmSettingsView.Of(s.LowReservoirAlarm, profile, flow);
        var target = AlarmSettingsView.Of(want, profile, flow);
        yield return new Finding(FindingKinds.AlarmSetting,
            $"the low-reservoir alarm is set to {N(set.LowReservoirAlarm.Ml)} mL ({N(set.DaysFromAlarmToEmpty)} days of warning before empty); " +
            $"it should be {N(want.Ml)} mL ({N(target.DaysFromAlarmToEmpty)} days)",
            Numbers(("set_ml", set.LowReservoirAlarm.Ml), ("target_ml", want.Ml), ("warning_days", set.DaysFromAlarmToEmpty), ("target_warning_days", target.DaysFromAlarmToEmpty)));
    }

    /// <summary>The catheter volume the programmer was given sizes priming and bridge boluses: an
    /// entry above the real volume pushes drug past the tip at once (the 2017 correction: 0.199 mL
    /// shown for a 0.140 mL tubing), one below leaves saline and delays the drug.</summary>
    private static IEnumerable<Finding> CatheterEntry(Lesson lesson, TraineeSession s, SimulationPlan session)
    {
        var real = CatheterVolume(lesson.Scenario.Plan);
        var entered = session.ProgrammedCatheterVolume ?? session.CatheterVolume;
        if (entered == real || !s.Boluses.Any(b => b.Kind is "priming" or "bridge")) yield break;
        var extra = entered - real;
        var mcg = Math.Abs(extra.Ml) * s.Entered.McgPerMl;
        yield return new Finding(FindingKinds.WrongVolume,
            $"the catheter volume is entered as {N(entered.Ml)} mL; the catheter holds {N(real.Ml)} mL: " +
            (extra > Volume.Zero
                ? $"the bolus pushes {N(extra.Ml)} mL of drug, {N(mcg)} mcg, past the tip at once"
                : $"the bolus leaves {N(-extra.Ml)} mL unprimed, {N(mcg)} mcg of drug short"),
            Numbers(("entered_ml", entered.Ml), ("catheter_ml", real.Ml), ("difference_ml", extra.Ml), ("mcg", mcg)));
    }

    private static Received Receive(LessonTarget target, SimulationPlan plan, SimulationResult result, SimInstant from)
    {
        var delivered = result.Snapshots[plan.End].DeliveredCsfMcg - result.Snapshots[from].DeliveredCsfMcg;
        var days = (plan.End - from).TotalDays;
        var perDay = days > 0 ? delivered / days : 0;
        var prescribed = RateCalculator.Mean(target.Program, target.Concentration, plan.Profile).Dose.McgPerDay;
        return new Received(from, plan.End, Math.Round(delivered, 3), Math.Round(perDay, 3), prescribed,
            prescribed > 0 ? Math.Round(perDay / prescribed * 100, 1) : 0);
    }

    private static IReadOnlyList<KeyValuePair<string, double>> Numbers(params (string Name, double Value)[] numbers) =>
        numbers.Select(n => KeyValuePair.Create(n.Name, Math.Round(n.Value, 6))).ToArray();

    /// <summary>A number as the messages show it: up to 3 decimals, invariant.</summary>
    public static string N(double v) => double.IsInfinity(v) ? "∞" : Math.Round(v, 3).ToString("0.###", CultureInfo.InvariantCulture);
}
