using CsCheck;
using PumpSim.Core.Tests.Properties;

namespace PumpSim.Scenarios.Tests.Fuzz;

/// <summary>The property tests print a failing plan as scenario YAML; that YAML must load, and load
/// as the same plan, or the printed case could not be replayed with `pumpsim run`. This also feeds
/// the loader thousands of valid, full-featured scenarios and checks it reads every field right.</summary>
public class PrintedPlanRoundTripTests
{
    [Fact]
    public void APrintedGeneratedPlan_LoadsAsTheSamePlan()
    {
        PropertyRun.Sample(PlanGen.Plan().Select(c => Expressible(c)), c =>
        {
            var yaml = PlanYaml.Print(c.Plan);
            LoadedScenario loaded;
            try { loaded = ScenarioLoader.Parse(yaml, "generated.yaml"); }
            catch (ScenarioException e) { throw new Xunit.Sdk.XunitException($"the printed plan does not load: {e.Message}"); }
            PlanYaml.Print(loaded.Plan).Should().Be(yaml);
            loaded.Plan.Actions.Select(a => a.Action).Should().Equal(c.Plan.Actions.Select(a => a.Action),
                (x, y) => PlanYaml.Action(x) == PlanYaml.Action(y));
        }, ciIter: 300);
    }

    /// <summary>What the loader refuses on purpose although the engine copes (it logs a denial or a
    /// rejected program): a PTM request with no PTM configured, and a program outside the flow range
    /// at the concentration in effect then (EventReader.CheckInContext).</summary>
    private static PlanCase Expressible(PlanCase c)
    {
        var concentration = c.Plan.Concentration;
        var kept = new List<Core.Engine.TimedAction>();
        foreach (var t in c.Plan.Actions)
        {
            switch (t.Action)
            {
                case Core.Engine.PtmRequestAction when c.Plan.Ptm is null: continue;
                case Core.Engine.RefillAction { NewConcentration: { } nc }: concentration = nc; break;
                case Core.Engine.ProgramAction p:
                    try { c.Plan.Profile.Check(p.Program, concentration); }
                    catch (Core.Therapy.ProgramRejectedException) { continue; }
                    break;
            }
            kept.Add(t);
        }
        return new PlanCase(c.Plan with { Actions = kept });
    }
}
