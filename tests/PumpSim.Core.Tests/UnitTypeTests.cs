using PumpSim.Core.Units;

namespace PumpSim.Core.Tests;

/// <summary>The unit types carry every figure of the engine, so their conversions, rounding,
/// limits and printed forms are pinned here with numbers worked by hand.</summary>
public class UnitTypeTests
{
    [Fact]
    public void Concentration_IsKeptInMcgPerLitre_AndRoundsToTheNearestThousandth()
    {
        Concentration.FromMcgPerMl(500).McgPerLitre.Should().Be(500_000);    // 500 × 1000
        Concentration.FromMcgPerMl(0.0014).McgPerLitre.Should().Be(1);       // 1.4 → 1
        Concentration.FromMcgPerMl(0.0016).McgPerLitre.Should().Be(2);       // 1.6 → 2
        Concentration.FromMcgPerMl(0.001).McgPerLitre.Should().Be(1);        // the lower limit is allowed
        Concentration.FromMcgPerMl(100_000).McgPerLitre.Should().Be(100_000_000); // so is the upper
        Concentration.FromMcgPerMl(1234.5678).McgPerMl.Should().Be(1234.568); // 1 234 567.8 → 1 234 568 mcg/L
        Concentration.FromMcgPerMl(0.5).ToString().Should().Be("0.5 mcg/mL");
        Concentration.FromMcgPerMl(2000).ToString().Should().Be("2000 mcg/mL");

        var low = () => Concentration.FromMcgPerMl(0.0009);
        low.Should().Throw<ArgumentOutOfRangeException>()
            .WithMessage("concentration must be between 0.001 and 100000 mcg/mL, got 0.0009.*");
        var high = () => Concentration.FromMcgPerMl(100_000.01);
        high.Should().Throw<ArgumentOutOfRangeException>();
        var nan = () => Concentration.FromMcgPerMl(double.NaN);
        nan.Should().Throw<ArgumentOutOfRangeException>().WithMessage("concentration must be a finite number of mcg/mL.*");
        var inf = () => Concentration.FromMcgPerMl(double.PositiveInfinity);
        inf.Should().Throw<ArgumentOutOfRangeException>().WithMessage("concentration must be a finite number*");

        Concentration.FromMcgPerMl(1).CompareTo(Concentration.FromMcgPerMl(2)).Should().BeNegative();
        Concentration.FromMcgPerMl(2).CompareTo(Concentration.FromMcgPerMl(1)).Should().BePositive();
    }

    [Fact]
    public void VolumeTimesConcentration_IsAnExactMass()
    {
        // 2 mL = 2e9 pL; 500 mcg/mL = 500 000 mcg/L; 2e9 × 5e5 = 1e15 ag = 1000 mcg.
        var m = Volume.FromMl(2) * Concentration.FromMcgPerMl(500);
        m.Attograms.Should().Be((Int128)1_000_000_000_000_000);
        m.Mcg.Should().Be(1000);
    }

    [Fact]
    public void DoseRate_IsKeptInNanogramsPerDay()
    {
        DoseRate.FromMcgPerDay(100).NanogramsPerDay.Should().Be(100_000);
        DoseRate.FromMcgPerDay(1.2346).NanogramsPerDay.Should().Be(1235);   // 1234.6 → 1235
        DoseRate.FromMcgPerDay(1.2344).NanogramsPerDay.Should().Be(1234);   // 1234.4 → 1234
        DoseRate.FromMcgPerDay(0).NanogramsPerDay.Should().Be(0);           // zero is a valid rate
        DoseRate.FromMcgPerDay(1e8).NanogramsPerDay.Should().Be(100_000_000_000);
        DoseRate.FromNanogramsPerDay(1235).McgPerDay.Should().Be(1.235);
        DoseRate.FromNanogramsPerDay(1235).ToString().Should().Be("1.235 mcg/day");

        var negative = () => DoseRate.FromMcgPerDay(-0.001);
        negative.Should().Throw<ArgumentOutOfRangeException>().WithMessage("rate must be between 0 and 100000000 mcg/day, got -0.001.*");
        var high = () => DoseRate.FromMcgPerDay(1e8 + 1);
        high.Should().Throw<ArgumentOutOfRangeException>();

        DoseRate.FromNanogramsPerDay(1).CompareTo(DoseRate.FromNanogramsPerDay(2)).Should().BeNegative();
        DoseRate.FromNanogramsPerDay(2).CompareTo(DoseRate.FromNanogramsPerDay(1)).Should().BePositive();
    }

    [Fact]
    public void FlowIntegrator_CarriesTheRemainder_SoSplitsGiveTheFloorOfTheWhole()
    {
        var i = new FlowIntegrator();
        // 1000 units/day for 100 s = 100 000 unit·s/day = 1 unit, 13 600 left.
        i.Advance(1000, 100).Should().Be(1);
        // 100 000 + 13 600 = 113 600 → 1 unit, 27 200 left; 2 in all = floor(200 000 / 86 400).
        i.Advance(1000, 100).Should().Be(1);
        // A zero rate or a zero span moves nothing and keeps the remainder.
        i.Advance(0, 500).Should().Be(0);
        i.Advance(1000, 0).Should().Be(0);
        // 27 200 + 1000 × 60 = 87 200 → 1 unit (the remainder was kept).
        i.Advance(1000, 60).Should().Be(1);

        var whole = new FlowIntegrator();
        whole.Advance(1000, 260).Should().Be(3); // 260 000 / 86 400 = 3.009 → 3, the same total

        var overflow = () => new FlowIntegrator().Advance(long.MaxValue, 2);
        overflow.Should().Throw<OverflowException>();
    }

    [Fact]
    public void FlowIntegrator_SecondsUntil_IsTheFewestSecondsThatProduceTheAmount()
    {
        var i = new FlowIntegrator();
        // 1 unit at 1000/day needs 86 400 / 1000 = 86.4 s → 87 (86 s gives only 86 000 < 86 400).
        i.SecondsUntil(1000, 1).Should().Be(87);
        // 2 units need 172 800 / 1000 = 172.8 → 173.
        i.SecondsUntil(1000, 2).Should().Be(173);
        // Exactly divisible: 1 unit at 86 400/day takes 1 s.
        i.SecondsUntil(86_400, 1).Should().Be(1);
        i.SecondsUntil(1000, 0).Should().Be(0);
        i.SecondsUntil(0, 0).Should().Be(0);        // nothing wanted: no wait, even at zero rate
        i.SecondsUntil(1000, -5).Should().Be(0);
        i.SecondsUntil(0, 1).Should().Be(long.MaxValue);
        i.SecondsUntil(-1, 1).Should().Be(long.MaxValue);

        i.Advance(1000, 50).Should().Be(0); // 50 000 carried
        // (86 400 − 50 000) / 1000 = 36.4 → 37.
        i.SecondsUntil(1000, 1).Should().Be(37);
        i.Advance(1000, 37).Should().Be(1);  // 50 000 + 37 000 = 87 000 ≥ 86 400

        i.Advance(1000, 50);                  // 600 + 50 000 carried
        i.Reset();
        i.SecondsUntil(1000, 1).Should().Be(87); // back to a clean start
        i.Advance(1000, 86).Should().Be(0);      // 86 000 < 86 400
    }

    [Fact]
    public void FlowRate_ConvertsRoundsScalesAndCompares()
    {
        FlowRate.FromMlPerDay(0.5).PicolitresPerDay.Should().Be(500_000_000);
        FlowRate.FromMlPerDay(0).IsZero.Should().BeTrue();
        FlowRate.FromMlPerDay(1e6).PicolitresPerDay.Should().Be(1_000_000_000_000_000);
        FlowRate.FromPicolitresPerDay(1).IsZero.Should().BeFalse();
        FlowRate.FromPicolitresPerDay(250_000_000).MlPerDay.Should().Be(0.25);
        var negative = () => FlowRate.FromMlPerDay(-1);
        negative.Should().Throw<ArgumentOutOfRangeException>().WithMessage("rate must be between 0 and 1000000 mL/day, got -1.*")
            .Which.ParamName.Should().Be("rate");
        var high = () => FlowRate.FromMlPerDay(1e6 + 1);
        high.Should().Throw<ArgumentOutOfRangeException>();

        // 100 mcg/day at 500 mcg/mL = 0.2 mL/day = 2e8 pL/day.
        FlowRate.From(DoseRate.FromMcgPerDay(100), Concentration.FromMcgPerMl(500)).PicolitresPerDay.Should().Be(200_000_000);
        // 1 ng/day at 3 mcg/L: 1e9 / 3 = 333 333 333.3 → 333 333 333; 2 ng/day: 666 666 666.7 → 666 666 667.
        var c3 = Concentration.FromMcgPerMl(0.003);
        FlowRate.From(DoseRate.FromNanogramsPerDay(1), c3).PicolitresPerDay.Should().Be(333_333_333);
        FlowRate.From(DoseRate.FromNanogramsPerDay(2), c3).PicolitresPerDay.Should().Be(666_666_667);
        var zero = () => FlowRate.From(DoseRate.FromMcgPerDay(1), Concentration.Zero);
        zero.Should().Throw<ArgumentOutOfRangeException>().WithMessage("concentration must be positive.*");

        // Back again: 2e8 pL/day × 500 000 mcg/L / 1e9 = 100 000 ng/day.
        (FlowRate.FromPicolitresPerDay(200_000_000) * Concentration.FromMcgPerMl(500)).NanogramsPerDay.Should().Be(100_000);

        FlowRate.FromPicolitresPerDay(1000).Scale(1.5).PicolitresPerDay.Should().Be(1500);
        FlowRate.FromPicolitresPerDay(3).Scale(0.5).PicolitresPerDay.Should().Be(2);   // 1.5 → 2 (away from zero)
        FlowRate.FromPicolitresPerDay(3).Scale(0.1).PicolitresPerDay.Should().Be(0);   // 0.3 → 0
        FlowRate.FromPicolitresPerDay(3).Scale(0).IsZero.Should().BeTrue();
        var badFactor = () => FlowRate.FromPicolitresPerDay(3).Scale(-0.1);
        badFactor.Should().Throw<ArgumentOutOfRangeException>();

        var a = FlowRate.FromPicolitresPerDay(3);
        var b = FlowRate.FromPicolitresPerDay(2);
        var same = a; // an equal value, to test the boundaries
        (a + b).PicolitresPerDay.Should().Be(5);
        (a - b).PicolitresPerDay.Should().Be(1);
        var sum = () => FlowRate.FromPicolitresPerDay(long.MaxValue) + a;
        sum.Should().Throw<OverflowException>();
        var diff = () => FlowRate.FromPicolitresPerDay(long.MinValue) - a;
        diff.Should().Throw<OverflowException>();
        (a > b).Should().BeTrue(); (b > a).Should().BeFalse(); (a > same).Should().BeFalse();
        (b < a).Should().BeTrue(); (a < b).Should().BeFalse(); (a < same).Should().BeFalse();
        (a >= same).Should().BeTrue(); (b >= a).Should().BeFalse(); (a >= b).Should().BeTrue();
        (a <= same).Should().BeTrue(); (a <= b).Should().BeFalse(); (b <= a).Should().BeTrue();
        FlowRate.Min(a, b).Should().Be(b); FlowRate.Min(b, a).Should().Be(b);
        FlowRate.Max(a, b).Should().Be(a); FlowRate.Max(b, a).Should().Be(a);
        a.CompareTo(b).Should().BePositive(); b.CompareTo(a).Should().BeNegative();

        FlowRate.FromPicolitresPerDay(200_000_000).ToString().Should().Be("0.2 mL/day");
        FlowRate.FromPicolitresPerDay(1_234_567).ToString().Should().Be("0.001235 mL/day"); // 0.001234567 to 6 places
    }

    [Fact]
    public void Mass_IsKeptInAttograms()
    {
        Mass.FromMcg(1.5).Attograms.Should().Be((Int128)1_500_000_000_000);
        Mass.FromMcg(-2).Attograms.Should().Be((Int128)(-2_000_000_000_000));
        Mass.FromMcg(1e9).Mcg.Should().Be(1e9);
        Mass.FromMcg(1.5).Mcg.Should().Be(1.5);
        Mass.AttogramsPerMcg.Should().Be((Int128)1_000_000_000_000);
        var high = () => Mass.FromMcg(1e9 + 1);
        high.Should().Throw<ArgumentOutOfRangeException>().WithMessage("mcg must be between -1000000000 and 1000000000 mcg, got 1000000001.*");
        var low = () => Mass.FromMcg(-1e9 - 1);
        low.Should().Throw<ArgumentOutOfRangeException>();
        Mass.Zero.IsZero.Should().BeTrue();
        Mass.FromAttograms(1).IsZero.Should().BeFalse();

        var a = Mass.FromAttograms(3);
        var b = Mass.FromAttograms(2);
        var same = a; // an equal value, to test the boundaries
        (a + b).Attograms.Should().Be((Int128)5);
        (a - b).Attograms.Should().Be((Int128)1);
        (a > b).Should().BeTrue(); (b > a).Should().BeFalse(); (a > same).Should().BeFalse();
        (b < a).Should().BeTrue(); (a < b).Should().BeFalse(); (a < same).Should().BeFalse();
        (a >= same).Should().BeTrue(); (b >= a).Should().BeFalse();
        (a <= same).Should().BeTrue(); (a <= b).Should().BeFalse();
        a.CompareTo(b).Should().BePositive(); b.CompareTo(a).Should().BeNegative();

        Mass.FromMcg(1.5).ToString().Should().Be("1.5 mcg");
        Mass.FromAttograms(1_234_567).ToString().Should().Be("0.000001 mcg"); // 1.234567e-6 mcg to 6 places
    }

    [Fact]
    public void Volume_IsKeptInPicolitres()
    {
        Volume.FromMl(1.5).Picolitres.Should().Be(1_500_000_000);
        Volume.FromMl(-1.5).Picolitres.Should().Be(-1_500_000_000);
        Volume.FromMl(1e6).Picolitres.Should().Be(1_000_000_000_000_000);
        Volume.FromMl(0.0000000014).Picolitres.Should().Be(1);  // 1.4 pL → 1
        Volume.FromPicolitres(2_500_000_000).Ml.Should().Be(2.5);
        var high = () => Volume.FromMl(1e6 + 1);
        high.Should().Throw<ArgumentOutOfRangeException>().WithMessage("ml must be between -1000000 and 1000000 mL, got 1000001.*");
        var low = () => Volume.FromMl(-1e6 - 1);
        low.Should().Throw<ArgumentOutOfRangeException>();
        Volume.Zero.IsZero.Should().BeTrue();
        Volume.FromPicolitres(1).IsZero.Should().BeFalse();

        var a = Volume.FromPicolitres(3);
        var b = Volume.FromPicolitres(2);
        var same = a; // an equal value, to test the boundaries
        (a + b).Picolitres.Should().Be(5);
        (a - b).Picolitres.Should().Be(1);
        var sum = () => Volume.FromPicolitres(long.MaxValue) + a;
        sum.Should().Throw<OverflowException>();
        var diff = () => Volume.FromPicolitres(long.MinValue) - a;
        diff.Should().Throw<OverflowException>();
        (a > b).Should().BeTrue(); (b > a).Should().BeFalse(); (a > same).Should().BeFalse();
        (b < a).Should().BeTrue(); (a < b).Should().BeFalse(); (a < same).Should().BeFalse();
        (a >= same).Should().BeTrue(); (b >= a).Should().BeFalse();
        (a <= same).Should().BeTrue(); (a <= b).Should().BeFalse();
        Volume.Min(a, b).Should().Be(b); Volume.Min(b, a).Should().Be(b);
        Volume.Max(a, b).Should().Be(a); Volume.Max(b, a).Should().Be(a);
        a.CompareTo(b).Should().BePositive(); b.CompareTo(a).Should().BeNegative();

        Volume.FromMl(20).ToString().Should().Be("20 mL");
        Volume.FromPicolitres(1_234_567_800).ToString().Should().Be("1.234568 mL"); // 1.2345678 to 6 places
    }

    [Fact]
    public void SimDuration_BuildsFromEachUnit_AndPrintsCompactly()
    {
        SimDuration.FromMinutes(2).Seconds.Should().Be(120);
        SimDuration.FromHours(2).Seconds.Should().Be(7200);
        SimDuration.FromDays(2L).Seconds.Should().Be(172_800);
        SimDuration.FromDays(1.5).Seconds.Should().Be(129_600);        // 1.5 × 86 400
        SimDuration.FromDays(1.00001).Seconds.Should().Be(86_401);     // 86 400.864 → 86 401
        SimDuration.FromDays(1.000004).Seconds.Should().Be(86_400);    // 86 400.3456 → 86 400
        SimDuration.FromSeconds(129_600).TotalDays.Should().Be(1.5);
        SimDuration.FromSeconds(5400).TotalHours.Should().Be(1.5);
        var nan = () => SimDuration.FromDays(double.NaN);
        nan.Should().Throw<ArgumentOutOfRangeException>().WithMessage("days must be a finite number.*");
        var inf = () => SimDuration.FromDays(double.NegativeInfinity);
        inf.Should().Throw<ArgumentOutOfRangeException>();
        foreach (var tooLong in new Action[]
                 {
                     () => SimDuration.FromMinutes(long.MaxValue), () => SimDuration.FromHours(long.MaxValue),
                     () => SimDuration.FromDays(long.MaxValue), () => SimDuration.FromDays(1e300),
                     () => _ = SimDuration.FromSeconds(long.MaxValue) + SimDuration.FromSeconds(1),
                     () => _ = SimDuration.FromSeconds(long.MinValue) - SimDuration.FromSeconds(1),
                     () => _ = SimDuration.FromSeconds(long.MaxValue) * 2,
                 })
            tooLong.Should().Throw<OverflowException>();

        var a = SimDuration.FromSeconds(30);
        var b = SimDuration.FromSeconds(20);
        var same = a; // an equal value, to test the boundaries
        (a + b).Seconds.Should().Be(50);
        (a - b).Seconds.Should().Be(10);
        (a * 3).Seconds.Should().Be(90);
        (a > b).Should().BeTrue(); (b > a).Should().BeFalse(); (a > same).Should().BeFalse();
        (b < a).Should().BeTrue(); (a < b).Should().BeFalse(); (a < same).Should().BeFalse();
        (a >= same).Should().BeTrue(); (b >= a).Should().BeFalse();
        (a <= same).Should().BeTrue(); (a <= b).Should().BeFalse();
        SimDuration.Min(a, b).Should().Be(b); SimDuration.Min(b, a).Should().Be(b);
        a.CompareTo(b).Should().BePositive(); b.CompareTo(a).Should().BeNegative();

        SimDuration.Zero.ToString().Should().Be("0s");
        SimDuration.FromSeconds(194_400).ToString().Should().Be("2d6h");   // 2 × 86 400 + 6 × 3600
        SimDuration.FromSeconds(900).ToString().Should().Be("15m");
        SimDuration.FromSeconds(90).ToString().Should().Be("1m30s");
        SimDuration.FromSeconds(3600).ToString().Should().Be("1h");        // exactly one unit
        SimDuration.FromSeconds(86_401).ToString().Should().Be("1d1s");
        SimDuration.FromSeconds(1).ToString().Should().Be("1s");
        SimDuration.FromSeconds(-90).ToString().Should().Be("-1m30s");
    }

    [Fact]
    public void SimInstant_HasTheDayAndWeekClocks_AndPrintsIsoUtc()
    {
        var epoch = SimInstant.FromUnixSeconds(0);                      // Thursday 1970-01-01 00:00
        epoch.ToString().Should().Be("1970-01-01T00:00:00Z");
        epoch.SecondOfDay.Should().Be(0);
        epoch.SecondOfWeek.Should().Be(259_200);                         // Thursday = 3 days after Monday
        SimInstant.FromUnixSeconds(4 * 86_400).SecondOfWeek.Should().Be(0); // Monday 1970-01-05
        SimInstant.FromUnixSeconds(-1).SecondOfDay.Should().Be(86_399);   // 1969-12-31 23:59:59
        SimInstant.FromUnixSeconds(-1).SecondOfWeek.Should().Be(259_199);
        SimInstant.FromUnixSeconds(90_061).SecondOfDay.Should().Be(3661); // day 2, 01:01:01
        SimInstant.FromUnixSeconds(1_000_000_000).ToString().Should().Be("2001-09-09T01:46:40Z");

        var d = new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);
        var t = SimInstant.FromDateTimeOffset(d);
        t.ToDateTimeOffset().Should().Be(d);
        t.ToString().Should().Be("2026-03-01T12:00:00Z");
        // 2026-03-01 is a Sunday: 6 days and 12 h after Monday 00:00.
        t.SecondOfWeek.Should().Be(6 * 86_400 + 12 * 3600);
        SimInstant.MaxValue.Should().BeGreaterThan(SimInstant.FromUnixSeconds(4_102_444_800 * 1000L)); // far beyond any plan

        var a = SimInstant.FromUnixSeconds(100);
        var b = SimInstant.FromUnixSeconds(40);
        var same = a; // an equal value, to test the boundaries
        (a + SimDuration.FromSeconds(5)).UnixSeconds.Should().Be(105);
        (a - SimDuration.FromSeconds(5)).UnixSeconds.Should().Be(95);
        (a - b).Seconds.Should().Be(60);
        var late = () => SimInstant.FromUnixSeconds(long.MaxValue) + SimDuration.FromSeconds(1);
        late.Should().Throw<OverflowException>();
        var early = () => SimInstant.FromUnixSeconds(long.MinValue) - SimDuration.FromSeconds(1);
        early.Should().Throw<OverflowException>();
        var span = () => SimInstant.FromUnixSeconds(long.MaxValue) - SimInstant.FromUnixSeconds(-1);
        span.Should().Throw<OverflowException>();
        (a > b).Should().BeTrue(); (b > a).Should().BeFalse(); (a > same).Should().BeFalse();
        (b < a).Should().BeTrue(); (a < b).Should().BeFalse(); (a < same).Should().BeFalse();
        (a >= same).Should().BeTrue(); (b >= a).Should().BeFalse();
        (a <= same).Should().BeTrue(); (a <= b).Should().BeFalse();
        SimInstant.Min(a, b).Should().Be(b); SimInstant.Min(b, a).Should().Be(b);
        SimInstant.Max(a, b).Should().Be(a); SimInstant.Max(b, a).Should().Be(a);
        a.CompareTo(b).Should().BePositive(); b.CompareTo(a).Should().BeNegative();
    }
}
