using PumpSim.Core.Engine;
using PumpSim.Core.Units;

namespace PumpSim.Core.Plant;

/// <summary>The catheter as plug flow (PUMP.md §4): an ordered queue of parcels, inlet at the tail,
/// tip at the head. Pushing V in pushes V out, so old drug leaves before new drug arrives and a
/// saline-filled catheter delivers nothing until primed.</summary>
public sealed class Catheter
{
    private Parcel[] _ring = new Parcel[8];
    private int _head, _count;

    public Catheter(Volume deadVolume, Concentration contents) => Reset(deadVolume, contents);

    public Volume DeadVolume { get; private set; }
    public CatheterFaultKind Fault { get; private set; } = CatheterFaultKind.None;
    public double Fraction { get; private set; }

    public Parcel Contents
    {
        get
        {
            var sum = default(Parcel);
            for (var i = 0; i < _count; i++) sum.Add(_ring[(_head + i) % _ring.Length]);
            return sum;
        }
    }

    /// <summary>Drug concentration (mcg/mL) of what the tip delivers next.</summary>
    public double TipConcentrationMcgPerMl => _count == 0 ? 0 : _ring[_head].ConcentrationMcgPerMl;

    /// <summary>The volume of the parcel at the tip while another, different one follows it (the
    /// instant it is used up the tip concentration changes); null for a uniform catheter.</summary>
    public Volume? HeadVolumeBeforeChange => _count > 1 ? _ring[_head].Volume : null;

    public string State => CatheterFaultType.Of(Fault).StateName;

    /// <summary>Where the flow goes now (the standing fault's behaviour).</summary>
    public CatheterRouting Routing { get; private set; } = CatheterRouting.Patent;

    /// <summary>Empties the catheter (returns what it held) and fills it anew: a revision.</summary>
    public Parcel Reset(Volume deadVolume, Concentration contents)
    {
        var old = Contents;
        _head = 0; _count = 0;
        DeadVolume = deadVolume;
        if (!deadVolume.IsZero) Enqueue(Parcel.Of(deadVolume, contents));
        Fault = CatheterFaultKind.None;
        Routing = CatheterRouting.Patent;
        Fraction = 0;
        return old;
    }

    public void SetFault(CatheterFaultKind fault, double fraction)
    {
        var type = CatheterFaultType.Of(fault);
        Fault = type.Repairs ? CatheterFaultKind.None : fault;
        Routing = type.Routing;
        Fraction = type.Repairs ? 0 : fraction;
    }

    /// <summary>Pushes a parcel in at the pump end and returns the same volume out of the tip.</summary>
    public Parcel Push(Parcel input)
    {
        if (input.IsEmpty) return default;
        if (DeadVolume.IsZero) return input;
        // Fast path: a uniform catheter fed the same fluid passes it straight through.
        if (_count == 1)
        {
            var c = _ring[_head].ExactConcentration;
            if (c >= 0 && c == input.ExactConcentration) return input;
        }
        Enqueue(input);
        var need = input.Volume;
        var output = default(Parcel);
        while (!need.IsZero)
        {
            ref var head = ref _ring[_head];
            var part = head.Take(need);
            output.Add(part);
            need -= part.Volume;
            if (head.IsEmpty) { _head = (_head + 1) % _ring.Length; _count--; }
        }
        return output;
    }

    private void Enqueue(Parcel p)
    {
        if (_count > 0)
        {
            ref var tail = ref _ring[(_head + _count - 1) % _ring.Length];
            var c = tail.ExactConcentration;
            if (c >= 0 && c == p.ExactConcentration) { tail.Add(p); return; }
        }
        if (_count == _ring.Length)
        {
            var bigger = new Parcel[_ring.Length * 2];
            for (var i = 0; i < _count; i++) bigger[i] = _ring[(_head + i) % _ring.Length];
            _ring = bigger; _head = 0;
        }
        _ring[(_head + _count) % _ring.Length] = p;
        _count++;
    }
}
