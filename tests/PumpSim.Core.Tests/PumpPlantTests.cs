using PumpSim.Core.Plant;
using PumpSim.Core.Therapy;
using PumpSim.Core.Units;
using static PumpSim.Core.Tests.Plans;

namespace PumpSim.Core.Tests;

/// <summary>The plant on its own, driven by a hand-held clock: routing by fault, the integrators,
/// the dry reservoir, the battery, stalls and MRI, fills, revision and replacement.</summary>
public class PumpPlantTests
{
    private static readonly Concentration Drug = Concentration.FromMcgPerMl(500);
    private SimInstant _now = Start;

    private PumpPlant Plant(double reservoirMl = 20, double catheterMl = 0.2, double accuracyPct = 0, CatheterContents contents = CatheterContents.Drug) =>
        new(() => _now, Volume.FromMl(20), Volume.FromMl(reservoirMl), Drug, Volume.FromMl(catheterMl), contents, accuracyPct);

    private Mass Run(PumpPlant p, long seconds)
    {
        var m = p.Advance(seconds);
        _now += SimDuration.FromSeconds(seconds);
        return m;
    }

    private static readonly FlowRate OneMl = FlowRate.FromMlPerDay(1);

    [Fact]
    public void ADayAtOneMlPerDay_MovesOneMlAndFiveHundredMcg_AndBalances()
    {
        var p = Plant();
        p.Ledger.PutIn.Mass.Should().Be(Mass.FromMcg(10_100));   // (20 + 0.2) mL × 500
        p.Recompute(OneMl, false);
        (p.PumpedMlPerDay, p.CsfMcgPerDay).Should().Be((1.0, 500.0));
        Run(p, 86_400).Should().Be(Mass.FromMcg(500));
        (p.Reservoir, p.Pumped).Should().Be((Volume.FromMl(19), Volume.FromMl(1)));
        p.Ledger.ToCsf.Volume.Should().Be(Volume.FromMl(1));
        p.Imbalance.Volume.IsZero.Should().BeTrue();
        p.Imbalance.Mass.IsZero.Should().BeTrue();
        p.ReservoirMcgPerMl.Should().Be(500);
    }

    [Fact]
    public void Accuracy_ScalesTheTrueFlow()
    {
        var p = Plant(accuracyPct: 10);
        p.Recompute(OneMl, false);
        p.PumpedMlPerDay.Should().Be(1.1);
        Run(p, 86_400).Should().Be(Mass.FromMcg(550));
        p.SetAccuracy(-50);
        p.Recompute(OneMl, false);
        p.PumpedMlPerDay.Should().Be(0.5);
        p.Recompute(FlowRate.Zero, false);
        p.PumpedMlPerDay.Should().Be(0);
    }

    [Theory]
    // fault, fraction, to CSF, to tissue, to pocket (mL after a day at 1 mL/day), left in reservoir
    [InlineData(CatheterFaultKind.Kink, null, 0, 0, 0, 20)]          // default fraction 1: all held back
    [InlineData(CatheterFaultKind.Occlusion, 0.25, 0.75, 0, 0, 19.25)]
    [InlineData(CatheterFaultKind.Leak, null, 0.5, 0.5, 0, 19)]       // default leak fraction 0.5
    [InlineData(CatheterFaultKind.Tear, 0.2, 0.8, 0.2, 0, 19)]
    [InlineData(CatheterFaultKind.Disconnect, null, 0, 0, 1, 19)]
    [InlineData(CatheterFaultKind.Migration, null, 0, 1, 0, 19)]
    [InlineData(CatheterFaultKind.Repair, null, 1, 0, 0, 19)]
    public void Faults_RouteTheFlow(CatheterFaultKind fault, double? fraction, double csf, double tissue, double pocket, double left)
    {
        var p = Plant();
        p.ApplyCatheter(fault, fraction, null).Should().BeNull();
        p.Recompute(OneMl, false);
        var reached = Run(p, 86_400);
        reached.Should().Be(Mass.FromMcg(csf * 500));
        p.CsfMcgPerDay.Should().BeApproximately(csf * 500, 1e-9);
        (p.Ledger.ToCsf.Volume, p.Ledger.ToTissue.Volume, p.Ledger.ToPocket.Volume, p.Reservoir)
            .Should().Be((Volume.FromMl(csf), Volume.FromMl(tissue), Volume.FromMl(pocket), Volume.FromMl(left)));
        p.PumpedMlPerDay.Should().BeApproximately(csf + tissue + pocket, 1e-12);
        p.Imbalance.Mass.IsZero.Should().BeTrue();
    }

    [Fact]
    public void ARevision_FillsANewCatheterWithSaline_AndTheOldOneLeaves()
    {
        var p = Plant();
        p.ApplyCatheter(CatheterFaultKind.Kink, null, null);
        p.ApplyCatheter(CatheterFaultKind.Revision, null, Volume.FromMl(0.5)).Should().Be(Volume.FromMl(0.5));
        p.CatheterState.Should().Be("patent");
        p.Ledger.Withdrawn.Mass.Should().Be(Mass.FromMcg(100));           // the old 0.2 mL of drug
        p.Recompute(OneMl, false);
        p.CsfMcgPerDay.Should().Be(0);                                     // saline at the tip
        // A day at 1 mL/day: 0.5 mL saline then 0.5 mL drug reach the CSF, 250 mcg.
        Run(p, 86_400).Should().Be(Mass.FromMcg(250));
        p.Imbalance.Mass.IsZero.Should().BeTrue();
        p.ApplyCatheter(CatheterFaultKind.Revision, null, null).Should().Be(Volume.FromMl(0.5)); // keeps its volume
    }

    [Fact]
    public void TheTrueReservoirRunsDryOnTime_AndSaysSoOnce()
    {
        var p = Plant(reservoirMl: 2);
        p.SetCharge(BatteryModel.FullCharge);
        p.Recompute(OneMl, false);
        // 2 mL at 1 mL/day: dry after exactly 2 days (the battery is years away).
        p.NextDue(0, false).Should().Be(Day(2));
        p.TrueEmptyNews(true).Should().BeFalse();
        Run(p, 3 * 86_400).Should().Be(Mass.FromMcg(1000));              // only the 2 mL there were
        p.Reservoir.IsZero.Should().BeTrue();
        p.ReservoirMcgPerMl.Should().Be(500);                             // the last drug, when empty
        p.TrueEmptyNews(false).Should().BeFalse();                        // not driven: no news
        p.TrueEmptyNews(true).Should().BeTrue();
        p.TrueEmptyNews(true).Should().BeFalse();                         // once
        Run(p, 86_400).Should().Be(Mass.Zero);
        p.Fill(Volume.FromMl(1), Drug);
        p.TrueEmptyNews(true).Should().BeFalse();
        Run(p, 86_400);
        p.TrueEmptyNews(true).Should().BeTrue();                          // dry again: news again
    }

    [Fact]
    public void DryTime_CountsBothIntegrators()
    {
        // A 50 % leak splits 1 mL/day into two halves that round separately; together they still
        // empty 1 mL in exactly a day.
        var p = Plant(reservoirMl: 1);
        p.ApplyCatheter(CatheterFaultKind.Leak, null, null);
        p.Recompute(OneMl, false);
        p.NextDue(0, false).Should().Be(Day(1));
        // 3 pL at 1 mL/day: 3 × 86 400 / 10^9 s = 0.26 s → the first whole second.
        var tiny = new PumpPlant(() => _now, Volume.FromMl(20), Volume.FromPicolitres(3), Drug, Volume.Zero, CatheterContents.Drug, 0);
        tiny.Recompute(OneMl, false);
        tiny.NextDue(0, false).Should().Be(_now + SimDuration.FromSeconds(1));
        Plant().NextDue(0, false).Should().Be(SimInstant.MaxValue);      // nothing driven: nothing due
    }

    [Fact]
    public void TheBattery_DrainsByTheModel_AndItsInstantsAreDue()
    {
        var p = Plant();
        var drain = BatteryModel.SynchroMedII.DrainPerDay(OneMl.PicolitresPerDay);      // units per day at 1 mL/day
        p.SetCharge(10 * drain);
        p.Recompute(OneMl, false);
        // ERI at 6 days' charge left: due in 4 days; empty in 10 (the reservoir lasts 20).
        p.NextDue(6 * drain, false).Should().Be(Day(4));
        Run(p, 86_400);
        p.BatteryCharge.Should().Be(9 * drain);
        p.NextDue(9 * drain, false).Should().Be(Day(10));                  // at ERI already: only empty is left
        p.Recompute(OneMl, true);                                          // end of service: no more drain
        Run(p, 86_400);
        p.BatteryCharge.Should().Be(9 * drain);
        p.Recompute(FlowRate.Zero, false);
        Run(p, 86_400);
        p.BatteryCharge.Should().Be(9 * drain - BatteryModel.SynchroMedII.DrainPerDay(0)); // the base drain with no flow
        p.SetCharge(10);
        p.Recompute(OneMl, false);
        Run(p, 86_400);
        p.BatteryCharge.Should().Be(0);                                    // never below empty
    }

    [Fact]
    public void CatheterTip_IsABreakpointWhenWatched()
    {
        // After a revision to 0.5 mL of saline, drug reaches the tip after 0.5 days at 1 mL/day.
        var p = Plant();
        p.ApplyCatheter(CatheterFaultKind.Revision, null, Volume.FromMl(0.5));
        p.Recompute(OneMl, false);
        Run(p, 3600);
        // After an hour drug has entered behind the saline, so the tip will change: when the 0.5 mL
        // of saline is out, 0.5 mL ÷ 1 mL/day = 0.5 d from the start.
        p.NextDue(0, true).Should().Be(Day(0.5));
        p.NextDue(0, false).Should().Be(Day(20));                          // only the dry reservoir then
    }

    [Fact]
    public void Stalls_HoldTheRotor_ForTheirEpisodes()
    {
        var p = Plant();
        p.RotorFree.Should().BeTrue();
        // Three 1-h stalls, every 2 h, from now.
        p.Stall(SimDuration.FromHours(1), false, SimDuration.FromHours(2), 3);
        p.RotorFree.Should().BeFalse();
        p.StallNote.Should().Be("injected");
        p.NextDue(0, false).Should().Be(At("1h"));
        _now = At("1h");
        p.RotorFree.Should().BeTrue();
        p.NextDue(0, false).Should().Be(At("2h"));                         // the next episode starts
        _now = At("2h");
        p.HandleStallEpisodes();
        p.RotorFree.Should().BeFalse();
        _now = At("4h");
        p.HandleStallEpisodes();
        _now = At("5h");
        p.RotorFree.Should().BeTrue();
        p.NextDue(0, false).Should().Be(SimInstant.MaxValue);
        // A longer stall inside a running one extends it; a shorter one does not shorten it.
        p.Stall(SimDuration.FromHours(2), false, null, 0);
        p.Stall(SimDuration.FromMinutes(30), false, null, 1);
        _now = At("6h59m59s");
        p.RotorFree.Should().BeFalse();
        _now = At("7h");
        p.RotorFree.Should().BeTrue();
        p.Stall(SimDuration.Zero, true, null, 1);
        p.StallNote.Should().Be("permanent");
        p.RotorFree.Should().BeFalse();
        p.DamageMotor();
        p.StallNote.Should().Be("diathermy");
    }

    [Fact]
    public void AnMriScan_StopsTheRotorUntilRecovery_AndEndsOnce()
    {
        var p = Plant();
        p.StartMri(SimDuration.FromMinutes(30), SimDuration.FromHours(1));
        p.MriRecoveryAt.Should().Be(At("1h30m"));
        (p.RotorFree, p.StallNote).Should().Be((false, "mri"));
        p.NextDue(0, false).Should().Be(At("30m"));
        p.ScanEnds().Should().BeFalse();
        _now = At("30m");
        p.ScanEnds().Should().BeTrue();
        p.ScanEnds().Should().BeFalse();
        p.NextDue(0, false).Should().Be(At("1h30m"));
        _now = At("1h29m59s");
        p.RotorFree.Should().BeFalse();
        _now = At("1h30m");
        p.RotorFree.Should().BeTrue();
    }

    [Fact]
    public void Fills_Withdrawals_PocketFills_AndReplacement()
    {
        var p = Plant(reservoirMl: 2);
        p.Accepts(Volume.FromMl(30)).Should().Be(Volume.FromMl(18));       // 20 − 2 free
        p.Accepts(Volume.FromMl(5)).Should().Be(Volume.FromMl(5));
        p.Withdraw(Volume.FromMl(0.5)).Volume.Should().Be(Volume.FromMl(0.5));
        p.Withdraw(Volume.FromMl(5)).Volume.Should().Be(Volume.FromMl(1.5)); // no more than there is
        p.Withdraw(null).IsEmpty.Should().BeTrue();
        p.Ledger.Withdrawn.Mass.Should().Be(Mass.FromMcg(1000));
        p.Fill(Volume.FromMl(1), Drug);
        p.Fill(Volume.FromMl(1), Concentration.FromMcgPerMl(1000));
        p.ReservoirMcgPerMl.Should().Be(750);                               // (500 + 1000) mcg in 2 mL
        p.Drug.Should().Be(Concentration.FromMcgPerMl(1000));
        p.Withdraw(null).Volume.Should().Be(Volume.FromMl(2));
        var pocket = p.PocketFill(Volume.FromMl(2), Drug);
        pocket.Mass.Should().Be(Mass.FromMcg(1000));
        // 2 mL × 500 mcg/mL = 1000 mcg into the pocket; the reservoir's drug (last filled: 1000 mcg/mL)
        // is untouched by a needle that missed it.
        (p.Ledger.ToPocket.Mass, p.Drug).Should().Be((Mass.FromMcg(1000), Concentration.FromMcgPerMl(1000)));
        p.Imbalance.Mass.IsZero.Should().BeTrue();

        p.Fill(Volume.FromMl(3), Drug);
        p.SetAccuracy(30);
        p.Stall(SimDuration.Zero, true, null, 1);
        p.Flip(true);
        p.Flipped.Should().BeTrue();
        p.ReplacePump(Volume.FromMl(25));                                   // capped at 20 mL
        (p.Reservoir, p.BatteryCharge, p.RotorFree, p.Flipped).Should().Be((Volume.FromMl(20), BatteryModel.FullCharge, true, false));
        p.Recompute(OneMl, false);
        p.PumpedMlPerDay.Should().Be(1);                                     // nominal accuracy again
        p.Imbalance.Mass.IsZero.Should().BeTrue();
    }

    [Fact]
    public void ASalineCatheter_DeliversNothingUntilPrimed()
    {
        var p = Plant(contents: CatheterContents.Saline);
        p.Ledger.PutIn.Mass.Should().Be(Mass.FromMcg(10_000));              // only the reservoir's drug
        p.Recompute(OneMl, false);
        // 0.2 mL of saline first: 0.2 d at 1 mL/day = 17 280 s.
        Run(p, 17_280).IsZero.Should().BeTrue();
        Run(p, 86_400 - 17_280).Should().Be(Mass.FromMcg(400));            // the other 0.8 mL
    }

    [Fact]
    public void AnEmptyReservoir_PumpsNothing_ThoughTheMotorRuns()
    {
        var p = Plant(reservoirMl: 0);
        p.Recompute(OneMl, false);
        (p.PumpedMlPerDay, p.CsfMcgPerDay).Should().Be((0.0, 0.0));
    }

    [Fact]
    public void TheLastSecondBeforeDry_TakesOnlyWhatIsLeft()
    {
        // 1 mL + 1 pL, a 50 % leak of 1 mL/day: each half is 5·10^8 pL/day. After 86 400 s they have
        // drawn 10^9 pL (1 pL short); after 86 401 s, 2 × ⌊5·10^8 × 86 401 / 86 400⌋ = 2 × 500 005 787,
        // 11 573 pL more than there is. The leak takes its 500 005 787, the catheter the 499 994 214 left.
        var p = new PumpPlant(() => _now, Volume.FromMl(20), Volume.FromPicolitres(1_000_000_001), Drug, Volume.Zero, CatheterContents.Drug, 0);
        p.ApplyCatheter(CatheterFaultKind.Leak, null, null);
        p.Recompute(OneMl, false);
        p.NextDue(0, false).Should().Be(_now + SimDuration.FromSeconds(86_401));
        Run(p, 86_401).Should().Be(Mass.FromAttograms((Int128)499_994_214 * 500_000));
        p.Pumped.Should().Be(Volume.FromPicolitres(1_000_000_001));
        p.Ledger.ToTissue.Volume.Should().Be(Volume.FromPicolitres(500_005_787));
        p.Reservoir.IsZero.Should().BeTrue();
    }

    [Fact]
    public void AStallStartingNow_CountsThoughLaterEpisodesAreQueued()
    {
        var p = Plant();
        p.Stall(SimDuration.FromHours(1), false, SimDuration.FromHours(2), 3);   // 0–1 h, 2–3 h, 4–5 h
        _now = At("1h");
        p.Stall(SimDuration.FromMinutes(30), false, null, 1);                     // 1 h–1 h 30 m, queued after 4 h
        p.RotorFree.Should().BeFalse();
        p.NextDue(0, false).Should().Be(At("1h30m"));
    }

    [Fact]
    public void ANewPump_ForgetsTheOldOnesStallEpisodes()
    {
        var p = Plant();
        p.Stall(SimDuration.FromHours(1), false, SimDuration.FromHours(2), 3);   // 0–1 h, 2–3 h, 4–5 h
        p.ReplacePump(Volume.FromMl(20));
        p.RotorFree.Should().BeTrue();
        p.NextDue(0, false).Should().Be(SimInstant.MaxValue);
        _now = At("2h");
        p.HandleStallEpisodes();
        p.RotorFree.Should().BeTrue();
    }
}
