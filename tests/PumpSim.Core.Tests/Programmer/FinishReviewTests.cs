using PumpSim.Core.Programmer;
using PumpSim.Core.Therapy;
using PumpSim.Core.Units;

namespace PumpSim.Core.Tests.Programmer;

public class FinishReviewTests
{
    private static readonly ProgrammerSettings Current = new(Concentration.FromMcgPerMl(500), Volume.FromMl(3),
        TherapyProgram.Continuous(ProgramRate.McgPerDay(450)), Volume.FromMl(2), null, []);

    [Fact]
    public void Compare_NewConcentrationAndVolume_MarksThoseAndTheFlow()
    {
        var pending = Current with { Entered = Concentration.FromMcgPerMl(1000), Reservoir = Volume.FromMl(20), Boluses = ["bridge"] };
        var fields = FinishReview.Compare(Current, pending, PumpProfile.SynchroMedII20);
        fields.Where(f => f.Changed).Select(f => f.Name).Should().Equal("concentration", "reservoir volume", "program", "boluses");
        // Same 450 mcg/day, but the flow halves: 0.9 → 0.45 mL/day.
        var program = fields.Single(f => f.Name == "program");
        program.Current.Should().Be("continuous 450 mcg/day (0.9 mL/day)");
        program.Pending.Should().Be("continuous 450 mcg/day (0.45 mL/day)");
    }

    [Fact]
    public void Compare_NothingPending_MarksNothing() =>
        FinishReview.Compare(Current, Current, PumpProfile.SynchroMedII20).Should().OnlyContain(f => !f.Changed);

    [Fact]
    public void Describe_FlexListsEachStep()
    {
        var flex = TherapyProgram.Flex(FlexRepeat.Daily,
            [new FlexStep(7 * 3600, ProgramRate.McgPerDay(300)), new FlexStep(22 * 3600 + 30 * 60, ProgramRate.McgPerDay(600))]);
        FinishReview.Describe(flex, Concentration.FromMcgPerMl(500), PumpProfile.SynchroMedII20)
            .Should().Be("flex daily: 07:00 300 mcg/day (0.6 mL/day); 22:30 600 mcg/day (1.2 mL/day)");
    }
}
