namespace PumpSim.Core.Plant;

/// <summary>Where every drop and every attogram went. With the reservoir and catheter contents it
/// makes the conservation law of PUMP.md §4 checkable at any instant.</summary>
public sealed class Ledger
{
    public Parcel PutIn;      // every fill of reservoir and catheter, and drug injected into the pocket
    public Parcel ToCsf;      // out of the catheter tip into the intrathecal space
    public Parcel ToTissue;   // leak, tear, migrated tip
    public Parcel ToPocket;   // disconnect at the connector, pocket fill
    public Parcel Withdrawn;  // residual taken out at refills, explanted reservoir and catheter contents

    /// <summary>Put-in minus everything accounted for: zero volume and zero mass when the law holds.</summary>
    public Parcel Imbalance(Parcel reservoir, Parcel catheter) => new(
        PutIn.Volume - reservoir.Volume - catheter.Volume - ToCsf.Volume - ToTissue.Volume - ToPocket.Volume - Withdrawn.Volume,
        PutIn.Mass - reservoir.Mass - catheter.Mass - ToCsf.Mass - ToTissue.Mass - ToPocket.Mass - Withdrawn.Mass);
}
