using PumpSim.Core.Plant;
using PumpSim.Core.Units;

namespace PumpSim.Core.Tests;

/// <summary>Parcels, the plug-flow catheter and the ledger on their own, in picolitres and
/// attograms small enough to follow by hand.</summary>
public class PlugFlowTests
{
    private static readonly Concentration Drug = Concentration.FromMcgPerMl(500);   // 500 000 ag/pL
    private static readonly Concentration Saline = Concentration.Zero;
    private static Parcel P(long pl, long ag) => new(Volume.FromPicolitres(pl), Mass.FromAttograms(ag));

    [Fact]
    public void Parcel_KnowsWhenItIsUniform()
    {
        var one = Parcel.Of(Volume.FromMl(1), Drug);
        (one.Volume, one.Mass).Should().Be((Volume.FromMl(1), Mass.FromMcg(500)));
        one.ExactConcentration.Should().Be(500_000);
        one.ConcentrationMcgPerMl.Should().Be(500);
        one.ToString().Should().Be("1 mL carrying 500 mcg");
        P(2, 6).ExactConcentration.Should().Be(3);       // 6 ag / 2 pL divides exactly
        P(2, 7).ExactConcentration.Should().Be(-1);      // 3.5: mixed
        P(2, -6).ExactConcentration.Should().Be(-1);     // a negative mass (an imbalance) is never uniform
        P(0, 0).ExactConcentration.Should().Be(-1);      // empty
        P(0, 0).IsEmpty.Should().BeTrue();
        P(0, 0).ConcentrationMcgPerMl.Should().Be(0);
        P(1, 0).IsEmpty.Should().BeFalse();
    }

    [Fact]
    public void Take_SplitsExactly_AndNeverMoreThanThereIs()
    {
        var p = P(10, 30);                               // 3 ag/pL
        var part = p.Take(Volume.FromPicolitres(4));
        (part.Volume.Picolitres, part.Mass.Attograms).Should().Be((4, (Int128)12));
        (p.Volume.Picolitres, p.Mass.Attograms).Should().Be((6, (Int128)18));
        part.ExactConcentration.Should().Be(3);
        p.Take(Volume.Zero).IsEmpty.Should().BeTrue();
        p.Take(Volume.FromPicolitres(-1)).IsEmpty.Should().BeTrue();
        p.Volume.Picolitres.Should().Be(6);
        var rest = p.Take(Volume.FromPicolitres(100));  // asks for more: gets all
        (rest.Volume.Picolitres, rest.Mass.Attograms).Should().Be((6, (Int128)18));
        p.IsEmpty.Should().BeTrue();
        p.Mass.IsZero.Should().BeTrue();

        // Mixed: 10 ag in 3 pL; 1 pL carries floor(10 × 1 / 3) = 3 ag, 7 ag stay.
        var mixed = P(3, 10);
        var m = mixed.Take(Volume.FromPicolitres(1));
        (m.Mass.Attograms, mixed.Mass.Attograms, mixed.Volume.Picolitres).Should().Be(((Int128)3, (Int128)7, 2));
    }

    [Fact]
    public void Add_MixesOnlyDifferentConcentrations()
    {
        var a = P(2, 6);
        a.Add(P(1, 3));                                  // same 3 ag/pL
        (a.Volume.Picolitres, a.Mass.Attograms, a.ExactConcentration).Should().Be((3, (Int128)9, 3));
        a.Add(P(1, 5));                                  // 5 ag/pL: mixed now
        (a.Volume.Picolitres, a.Mass.Attograms, a.ExactConcentration).Should().Be((4, (Int128)14, -1));
        a.Add(default);
        a.Volume.Picolitres.Should().Be(4);
        var empty = default(Parcel);
        empty.Add(P(2, 6));
        empty.ExactConcentration.Should().Be(3);
    }

    [Fact]
    public void Catheter_DeliversOldFluidBeforeNew()
    {
        // 0.2 mL of drug (100 mcg), pushed with saline.
        var c = new Catheter(Volume.FromMl(0.2), Drug);
        c.Contents.Mass.Should().Be(Mass.FromMcg(100));
        c.TipConcentrationMcgPerMl.Should().Be(500);
        c.HeadVolumeBeforeChange.Should().BeNull();
        var out1 = c.Push(Parcel.Of(Volume.FromMl(0.05), Saline));
        (out1.Volume, out1.Mass).Should().Be((Volume.FromMl(0.05), Mass.FromMcg(25)));     // 0.05 × 500
        c.HeadVolumeBeforeChange.Should().Be(Volume.FromMl(0.15));                          // drug left at the tip
        var out2 = c.Push(Parcel.Of(Volume.FromMl(0.15), Saline));
        out2.Mass.Should().Be(Mass.FromMcg(75));
        c.TipConcentrationMcgPerMl.Should().Be(0);                                          // all saline now
        c.HeadVolumeBeforeChange.Should().BeNull();
        // Drug in, saline out; the catheter holds 0.1 mL saline then 0.1 mL drug.
        c.Push(Parcel.Of(Volume.FromMl(0.1), Drug)).Mass.IsZero.Should().BeTrue();
        c.Contents.Mass.Should().Be(Mass.FromMcg(50));
        c.Contents.Volume.Should().Be(Volume.FromMl(0.2));
        c.Push(default).IsEmpty.Should().BeTrue();
    }

    [Fact]
    public void Catheter_WithNoDeadVolume_PassesEverythingThrough()
    {
        var c = new Catheter(Volume.Zero, Drug);
        c.Contents.IsEmpty.Should().BeTrue();
        c.TipConcentrationMcgPerMl.Should().Be(0);
        var input = Parcel.Of(Volume.FromMl(1), Saline);
        c.Push(input).Should().Be(input);
    }

    [Fact]
    public void Catheter_KeepsManyAlternatingParcelsInOrder()
    {
        // 1 mL of drug; 20 alternating pushes of 0.01 mL (saline first) push out 0.2 mL of the
        // original drug (100 mcg) and leave 20 parcels behind it (more than the ring's first 8).
        var c = new Catheter(Volume.FromMl(1), Drug);
        var outMass = Mass.Zero;
        for (var i = 0; i < 20; i++) outMass += c.Push(Parcel.Of(Volume.FromMl(0.01), i % 2 == 0 ? Saline : Drug)).Mass;
        outMass.Should().Be(Mass.FromMcg(100));
        // Held: 0.8 mL original (400) + 10 × 0.01 mL drug (50) = 450 mcg.
        c.Contents.Mass.Should().Be(Mass.FromMcg(450));
        // Push out the 0.8 mL of original drug: 400 mcg; the first small saline parcel is at the tip.
        c.Push(Parcel.Of(Volume.FromMl(0.8), Drug)).Mass.Should().Be(Mass.FromMcg(400));
        c.TipConcentrationMcgPerMl.Should().Be(0);
        c.HeadVolumeBeforeChange.Should().Be(Volume.FromMl(0.01));
        // The next 0.2 mL out are the alternating parcels: half drug, 50 mcg.
        c.Push(Parcel.Of(Volume.FromMl(0.2), Drug)).Mass.Should().Be(Mass.FromMcg(50));
        c.Contents.Should().Be(Parcel.Of(Volume.FromMl(1), Drug));
    }

    [Fact]
    public void Catheter_FaultsAndRevision()
    {
        var c = new Catheter(Volume.FromMl(0.2), Drug);
        c.State.Should().Be("patent");
        c.SetFault(CatheterFaultKind.Kink, 0.3);
        (c.Fault, c.Fraction, c.State).Should().Be((CatheterFaultKind.Kink, 0.3, "kink"));
        c.SetFault(CatheterFaultKind.Repair, 0.5);
        (c.Fault, c.Fraction, c.State).Should().Be((CatheterFaultKind.None, 0.0, "patent"));
        c.SetFault(CatheterFaultKind.Migration, 1);
        c.State.Should().Be("migration");
        c.SetFault(CatheterFaultKind.Revision, 1);
        (c.Fault, c.Fraction).Should().Be((CatheterFaultKind.None, 0.0));
        c.SetFault(CatheterFaultKind.Tear, 0.4);
        var old = c.Reset(Volume.FromMl(0.5), Saline);
        old.Mass.Should().Be(Mass.FromMcg(100));
        (c.DeadVolume, c.Contents.Volume, c.Contents.Mass.IsZero, c.Fault, c.Fraction)
            .Should().Be((Volume.FromMl(0.5), Volume.FromMl(0.5), true, CatheterFaultKind.None, 0.0));
        c.Reset(Volume.Zero, Drug).Volume.Should().Be(Volume.FromMl(0.5));
        c.Contents.IsEmpty.Should().BeTrue();
    }

    [Fact]
    public void Ledger_ImbalanceSubtractsEveryDestination()
    {
        var l = new Ledger { PutIn = P(1000, 100_000), ToCsf = P(300, 3000), ToTissue = P(50, 500), ToPocket = P(20, 200), Withdrawn = P(10, 100) };
        // 1000 − 100 − 200 − 300 − 50 − 20 − 10 = 320 pL; 100 000 − 1000 − 2000 − 3000 − 500 − 200 − 100 = 93 200 ag.
        var i = l.Imbalance(P(100, 1000), P(200, 2000));
        (i.Volume.Picolitres, i.Mass.Attograms).Should().Be((320, (Int128)93_200));
    }

    [Fact]
    public void Parcel_ExactConcentration_AtItsEdges()
    {
        default(Parcel).ExactConcentration.Should().Be(-1);      // empty is not uniform (though its field holds 0)
        var emptied = P(4, 12);
        emptied.Take(Volume.FromPicolitres(4));
        emptied.ExactConcentration.Should().Be(-1);              // taken to nothing: empty again
        P(5, 0).ExactConcentration.Should().Be(0);               // saline: uniform at 0 ag/pL
        // The largest concentration a long holds is still exact; one attogram more is not.
        new Parcel(Volume.FromPicolitres(1), Mass.FromAttograms(long.MaxValue)).ExactConcentration.Should().Be(long.MaxValue);
        new Parcel(Volume.FromPicolitres(1), Mass.FromAttograms((Int128)long.MaxValue + 1)).ExactConcentration.Should().Be(-1);
        // Adding nothing leaves a uniform parcel uniform.
        var drug = P(2, 6);
        drug.Add(default);
        (drug.Volume.Picolitres, drug.Mass.Attograms, drug.ExactConcentration).Should().Be((2, (Int128)6, 3));
    }

    [Fact]
    public void Catheter_ResetToNoDeadVolume_HasNothingAtTheTip()
    {
        var c = new Catheter(Volume.FromPicolitres(10), Drug);
        c.TipConcentrationMcgPerMl.Should().BeApproximately(500, 1e-9);   // 5·10^6 ag / 10 pL, read as mcg/mL
        c.Reset(Volume.Zero, Drug);
        c.TipConcentrationMcgPerMl.Should().Be(0);               // the old parcel's slot is not read
    }

    [Fact]
    public void Catheter_HoldingOneMixedParcel_DeliversItBeforeANewMix()
    {
        // 2 pL of saline, then 2 pL of a mix (3.5 ag/pL) pushes the saline out and fills the catheter;
        // a second mix (4.5 ag/pL) pushes out the first: 7 ag, not its own 9.
        var c = new Catheter(Volume.FromPicolitres(2), Saline);
        c.Push(P(2, 7)).Mass.Attograms.Should().Be(0);
        var out2 = c.Push(P(2, 9));
        (out2.Volume.Picolitres, out2.Mass.Attograms).Should().Be((2, (Int128)7));
        c.Contents.Mass.Attograms.Should().Be(9);
    }
}
