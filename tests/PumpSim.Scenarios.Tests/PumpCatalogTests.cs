using FluentAssertions;
using Json.Schema;
using PumpSim.Core.Engine;
using PumpSim.Core.Events;
using PumpSim.Core.Therapy;
using PumpSim.Core.Units;
using Xunit;

namespace PumpSim.Scenarios.Tests;

/// <summary>A new pump model is one descriptor: registered in a catalog here, it is offered by the
/// loader, bounded by the schema and run by the engine, with its own capacity, alarm range and
/// battery, and no other list to edit (issue 20).</summary>
public class PumpCatalogTests
{
    // A 10 mL pump whose battery lasts 1000 days at 0.5 mL/day and 500 at 2 mL/day.
    private static readonly PumpProfile Ten = PumpProfile.SynchroMedII("test-pump-10", 10) with { Battery = new BatteryModel(1000, 500) };
    private static readonly PumpCatalog Catalog = PumpCatalog.Standard.With(Ten);

    private const string Scenario = """
        duration: 8d
        pump: { model: test-pump-10 }
        reservoir_ml: 10
        therapy: { mode: continuous, rate_mcg_per_day: 500 }
        """;

    [Fact]
    public void ARegisteredModel_LoadsRunsAndRaisesItsAlarmsOnItsOwnNumbers()
    {
        var plan = ScenarioLoader.Parse(Scenario, "ten.yaml", Catalog).Plan;
        plan.Profile.Should().BeSameAs(Ten);
        plan.LowReservoirAlarm.Should().Be(Volume.FromMl(2), "the model's default LRA");

        var r = Simulation.Run(plan);
        // 500 mcg/day at 500 mcg/mL = 1 mL/day: the estimate reaches the 2 mL LRA after 10 − 2 = 8 days.
        r.Alarms.Should().ContainSingle(a => a.Id == "low-reservoir").Which.Raised.Should().Be(plan.Start + SimDuration.FromDays(8));
        // Battery: per mL (1/500 − 1/1000)/1.5 = 1/1500, base 1/1000 − 0.5/1500 = 1/1500 of a charge a
        // day, so 1 mL/day drains 2/1500 a day: 750 days new, 742 left after 8 days.
        r.Final.BatteryDaysRemaining.Should().BeApproximately(742, 0.01);
        r.Events.OfType<SimulationStarted>().Single().Model.Should().Be("test-pump-10");
    }

    [Fact]
    public void ARegisteredModel_BoundsTheFillInTheLoaderAndTheSchemaAlike()
    {
        var overfull = Scenario.Replace("reservoir_ml: 10", "reservoir_ml: 11", StringComparison.Ordinal);
        var error = FluentActions.Invoking(() => ScenarioLoader.Parse(overfull, "ten.yaml", Catalog)).Should().Throw<ScenarioException>().Which;
        (error.Line, error.Reason).Should().Be((3, "'reservoir_ml' is 11 mL but test-pump-10 holds at most 10 mL; use pump: model: synchromed-ii-20"));

        var schema = JsonSchema.FromText(ScenarioSchema.JsonFor(Catalog));
        YamlJson.Errors(Scenario, schema).Should().BeEmpty();
        YamlJson.Errors(overfull, schema).Should().NotBeEmpty("the schema bounds the fill by the model named, as the loader does");
        YamlJson.Errors(Scenario.Replace("model: test-pump-10 }", "model: test-pump-10, low_reservoir_alarm_ml: 6 }", StringComparison.Ordinal), schema)
            .Should().NotBeEmpty("6 mL is over half of 10 mL");
    }

    [Fact]
    public void TheBuiltInCatalog_DoesNotKnowATestModel()
    {
        var error = FluentActions.Invoking(() => ScenarioLoader.Parse(Scenario, "ten.yaml")).Should().Throw<ScenarioException>().Which;
        error.Reason.Should().Contain("test-pump-10").And.Contain("synchromed-ii-20");
        ScenarioSchema.Json.Should().NotContain("test-pump-10");
    }

    [Fact]
    public void TheFormatAndSchema_ListExactlyTheCatalogsModelsAndDrugs()
    {
        var format = Format.ScenarioFormat.For(Catalog);
        var model = (Format.ScalarShape)format.Pump.Find("model")!.Shape;
        model.Choices.Should().Equal(Catalog.Models.Select(m => m.Model));
        var drug = (Format.ScalarShape)format.Drug.Find("name")!.Shape;
        drug.Choices.Should().Equal(Catalog.Drugs.Select(d => d.Name));
    }

    [Fact]
    public void ADrugTheCatalogDoesNotKnow_IsALocatedError()
    {
        var error = FluentActions.Invoking(() => ScenarioLoader.Parse("duration: 1d\ndrug: { name: morphine }\n", "d.yaml")).Should().Throw<ScenarioException>().Which;
        (error.Line, error.Column).Should().Be((2, 15)); // "drug: { name: " is 14 characters
        error.Reason.Should().Contain("baclofen");
    }
}
