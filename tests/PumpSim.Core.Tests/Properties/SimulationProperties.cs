using System.Text;
using CsCheck;
using PumpSim.Core.Engine;
using PumpSim.Core.Events;
using PumpSim.Core.Firmware;
using PumpSim.Core.Plant;
using PumpSim.Core.Units;

namespace PumpSim.Core.Tests.Properties;

/// <summary>The laws of PUMP.md §4, §5 and §8 over generated plans (see docs/testing.md).</summary>
public partial class SimulationProperties
{
    /// <summary>Walks the plan one engine step at a time, calling <paramref name="check"/> after each AdvanceTo.</summary>
    private static void Walk(SimulationPlan plan, Action<Simulation> check)
    {
        using var sim = new Simulation(plan);
        var t = plan.Start;
        sim.AdvanceTo(t);
        check(sim);
        while (t < plan.End)
        {
            t = SimInstant.Min(t + plan.Step, plan.End);
            sim.AdvanceTo(t);
            check(sim);
        }
    }

    private static void Fail(Simulation sim, string what) =>
        throw new Xunit.Sdk.XunitException($"at {sim.Now} (+{sim.Now - sim.Plan.Start}): {what}");

    [Fact]
    public void Conservation_OfVolumeAndMass_IsExact_AfterEveryStep()
    {
        PropertyRun.Sample(PlanGen.Plan(), c => Walk(c.Plan, sim =>
        {
            var imbalance = sim.ConservationImbalance;
            if (!imbalance.Volume.IsZero || !imbalance.Mass.IsZero) Fail(sim, $"conservation imbalance {imbalance.Volume.Picolitres} pL, {imbalance.Mass.Attograms} ag");
        }), ciIter: 60);
    }

    private static string Trace(SimulationResult r) =>
        string.Join('\n', r.Events.Select(e => $"{e.At} {e.Type} {EventSubjects.Alarm(e)}"));

    [Fact]
    public void EveryOutput_PatientIncluded_IsTheSameAtEveryStep()
    {
        // The clock jumps between breakpoints and the step never enters the arithmetic, so every
        // event, sample (patient columns and flags included), total and alarm must be identical
        // at 1 s, 5 min, 7 min and 1 h, with concentration changes and the patient on (PUMP.md §7, §8).
        PropertyRun.Sample(PlanGen.Plan(), c =>
        {
            var plan = c.Plan.Patient is null ? c.Plan with { Patient = new Patient.PatientParameters() } : c.Plan;
            var steps = new[] { 1L, 300L, 420L, 3600L };
            var reference = Bytes(Simulation.Run(plan with { Step = SimDuration.FromSeconds(steps[0]) }));
            foreach (var s in steps.Skip(1))
                Bytes(Simulation.Run(plan with { Step = SimDuration.FromSeconds(s) }))
                    .Should().Be(reference, "outputs at a {0}-s step must equal those at 1 s", s);
        }, ciIter: 40);
    }

    private static string Bytes(SimulationResult r)
    {
        var sb = new StringBuilder();
        foreach (var e in r.Events) sb.Append(e).Append('\n');
        foreach (var s in r.Telemetry)
            sb.Append(s with { ActiveAlarms = [] }).Append(" alarms=").AppendJoin(';', s.ActiveAlarms).Append('\n');
        sb.Append(r.Totals).Append(r.Final);
        foreach (var a in r.Alarms) sb.Append(a).Append('\n');
        return sb.ToString();
    }

    [Fact]
    public void TwoRunsOfOnePlan_AreByteIdentical()
    {
        PropertyRun.Sample(PlanGen.Plan(), c =>
        {
            var a = Bytes(Simulation.Run(c.Plan));
            var b = Bytes(Simulation.Run(c.Plan));
            if (a != b) throw new Xunit.Sdk.XunitException("two runs differ:\n" + FirstDifference(a, b));
        }, ciIter: 40);
    }

    private static string FirstDifference(string a, string b)
    {
        var la = a.Split('\n'); var lb = b.Split('\n');
        for (var i = 0; i < Math.Min(la.Length, lb.Length); i++)
            if (la[i] != lb[i]) return $"line {i + 1}:\n  {la[i]}\n  {lb[i]}";
        return $"lengths {la.Length} vs {lb.Length}";
    }

    private static (List<long> Estimates, string Alarms) FirmwareView(SimulationPlan plan)
    {
        var estimates = new List<long>();
        Walk(plan, sim => estimates.Add(sim.EstimatedReservoir.Picolitres));
        var r = Simulation.Run(plan);
        var alarms = string.Join('\n', r.Events
            .Where(e => e.Type.StartsWith("alarm-", StringComparison.Ordinal) || e.Type is EventTypes.TherapyStateChanged or EventTypes.MotorStall)
            .Select(e => $"{e.At} {e.Type} {EventSubjects.Alarm(e)} {EventSubjects.Alarms(e)} {EventSubjects.To(e)}"));
        return (estimates, alarms);
    }

    /// <summary>PUMP.md §1 and §4: the firmware counts nominal strokes; the pump's true accuracy and
    /// the catheter's faults change nothing it sees. Plans without refills (which legitimately read
    /// the true residual), varied in accuracy_pct and with every kind of catheter fault inserted.</summary>
    [Fact]
    public void FirmwareEstimateAndAlarms_DoNotDependOnAccuracyOrCatheterFaults()
    {
        var gen =
            from c in PlanGen.Plan(firmwareOnly: true)
            from accuracy in Gen.Double[-20, 20].Select(a => Math.Round(a, 1))
            from faults in Gen.Select(Gen.Long[0, c.Plan.Duration.Seconds],
                    Gen.OneOf(CatheterFaultKind.Kink, CatheterFaultKind.Occlusion, CatheterFaultKind.Leak, CatheterFaultKind.Tear,
                                   CatheterFaultKind.Disconnect, CatheterFaultKind.Migration, CatheterFaultKind.Repair,
                                   CatheterFaultKind.None, CatheterFaultKind.Revision))
                .Array[1, 5]
            select (c, new PlanCase(c.Plan with
            {
                AccuracyPct = accuracy,
                Actions = c.Plan.Actions
                    .Concat(faults.Select((f, i) => new TimedAction(c.Plan.Start + SimDuration.FromSeconds(f.Item1), 1000 + i,
                        new CatheterFaultAction(f.Item2))))
                    .OrderBy(a => a.At).ThenBy(a => a.Order).ToArray(),
            }));
        PropertyRun.Sample(gen, t =>
        {
            var (a, b) = (FirmwareView(t.Item1.Plan), FirmwareView(t.Item2.Plan));
            b.Alarms.Should().Be(a.Alarms, "the firmware's alarms cannot see the plant");
            b.Estimates.Should().Equal(a.Estimates, "the firmware's estimate counts nominal strokes only");
        }, ciIter: 30, print: t => "\n--- base plan ---" + t.Item1 + "--- varied plan ---" + t.Item2);
    }
}
