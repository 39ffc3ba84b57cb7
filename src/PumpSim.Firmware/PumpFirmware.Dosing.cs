using PumpSim.Core.Events;
using PumpSim.Core.Therapy;
using PumpSim.Core.Units;

namespace PumpSim.Core.Firmware;

/// <summary>The firmware's dosing: program rates, the prescription's ledger, boluses, bridge and PTM.</summary>
public sealed partial class PumpFirmware
{
    /// <summary>A running bolus. Its dose is fixed: <see cref="WorkLeft"/> starts at its nominal rate ×
    /// duration (pL·s/day) and falls by the flow it is actually given, so a bolus held back by the
    /// maximum flow runs longer and still delivers its whole volume (PUMP.md §3).</summary>
    private sealed class ActiveBolus(string kind, long ratePerDay, long seconds, bool replacesBasal, double doseMcg, Volume volume, SimInstant started)
    {
        public string Kind { get; } = kind;
        public long RatePerDay { get; } = ratePerDay;
        public bool ReplacesBasal { get; } = replacesBasal;
        public double DoseMcg { get; } = doseMcg;
        public Volume Volume { get; } = volume;
        public SimInstant Started { get; } = started;
        public Int128 WorkLeft { get; set; } = (Int128)ratePerDay * seconds;
        /// <summary>The flow it is given now (pL/day): its rate, or less when the sum is capped.</summary>
        public long Given { get; set; }
        public bool Capped { get; set; }
        public bool Done => WorkLeft <= 0;
        public SimInstant EndAt(SimInstant now) =>
            Done ? now : Given <= 0 ? SimInstant.MaxValue : now + SimDuration.FromSeconds((long)Int128.Min((WorkLeft + Given - 1) / Given, 1L << 40));
    }

    private ActiveBolus? _bolus, _ptmBolus;
    private readonly List<SimInstant> _ptmAccepted = [];
    private Concentration? _previousConcentration;
    /// <summary>Nominal volume of the strokes seen complete since the last concentration change: with
    /// its programmed catheter volume, the firmware knows how much old drug is left to bridge.</summary>
    private Volume _pumpedSinceChange;

    // Programmed dose = the prescription (the active program and boluses, whatever the pump falls
    // back to) × the firmware's concentration, summed per concentration epoch (closed at each
    // concentration change) so the per-step path adds a volume only. A bridge bolus keeps the dose
    // right with the old drug, so its share is priced at the old concentration (PUMP.md §3).
    private Volume _commandedThisEpoch, _bridgeCommanded;
    private Concentration _bridgePrice;
    private Mass _programmedEarlierEpochs;
    public Mass ProgrammedMass => _programmedEarlierEpochs + _commandedThisEpoch * _concentration + _bridgeCommanded * _bridgePrice;

    private void CloseProgrammedEpoch()
    {
        _programmedEarlierEpochs = ProgrammedMass;
        _commandedThisEpoch = Volume.Zero;
        _bridgeCommanded = Volume.Zero;
    }

    private void CloseBridgePricing()
    {
        _programmedEarlierEpochs += _bridgeCommanded * _bridgePrice;
        _bridgeCommanded = Volume.Zero;
    }

    /// <summary>The program's mean flow over its cycle: the "current program" of the ERI rule and
    /// of battery days remaining, so a flex step change does not make ERI flicker.</summary>
    public FlowRate AverageProgramFlow() => FlowRate.FromPicolitresPerDay(MeanProgramFlow());

    private long MeanProgramFlow()
    {
        switch (_program.Mode)
        {
            case ProgramMode.Continuous: return RunnableFlow(_program.Rate!.Value);
            case ProgramMode.MinimumRate: return _s.Profile.MinimumRate.PicolitresPerDay;
            case ProgramMode.Stopped: return 0;
        }
        var period = _program.Repeat == FlexRepeat.Daily ? SimDuration.SecondsPerDay : 7 * SimDuration.SecondsPerDay;
        Int128 sum = 0;
        for (var i = 0; i < _program.Steps.Count; i++)
        {
            var start = _program.Steps[i].StartSecond;
            var end = i + 1 < _program.Steps.Count ? _program.Steps[i + 1].StartSecond : _program.Steps[0].StartSecond + period;
            sum += (Int128)RunnableFlow(_program.Steps[i].Rate) * (end - start);
        }
        return (long)(sum / period);
    }

    private long EriThreshold() => 90 * _s.Profile.Battery.DrainPerDay(AverageProgramFlow().PicolitresPerDay);

    /// <summary>The flow the pump can run for a programmed rate: the program's flow, held inside the
    /// flow range. Only a concentration change can put a standing mcg/day program outside it (a
    /// `program` outside it is rejected); the pump then runs the nearest rate it can, and the log
    /// says so (program-rejected, then program-changed with what it runs).</summary>
    private long RunnableFlow(ProgramRate rate)
    {
        var flow = rate.ToFlow(_concentration).PicolitresPerDay;
        return flow <= 0 ? 0 : Math.Clamp(flow, _s.Profile.MinFlow.PicolitresPerDay, _s.Profile.MaxFlow.PicolitresPerDay);
    }

    /// <summary>Basal, bolus and PTM flows for a basal flow, capped at the maximum flow in that order:
    /// the basal first, then the bolus (priming and bridge boluses replace the basal), then PTM.</summary>
    private (long Basal, long Bolus, long Ptm) Parts(long basal, long roomBasal)
    {
        var max = _s.Profile.MaxFlow.PicolitresPerDay;
        var room = Math.Max(0, max - Math.Min(roomBasal, max));
        long bolus = 0, ptm = 0;
        if (_bolus is { } b)
        {
            if (b.ReplacesBasal) { basal = 0; room = max; }
            bolus = Math.Min(b.RatePerDay, room);
            room -= bolus;
        }
        if (_ptmBolus is { } p) ptm = Math.Min(p.RatePerDay, room);
        return (basal, bolus, ptm);
    }

    /// <summary>The flows the prescription calls for now: the program's rate whatever the therapy
    /// state (not held to the flow range: it is the clinician's mcg/day), with the boluses that run.
    /// What `programmed` means in every output; the boluses' progress follows it.</summary>
    private (long Basal, long Bolus, long Ptm) PrescribedParts()
    {
        var rate = _program.Mode is ProgramMode.Continuous or ProgramMode.Flex ? _program.RateAt(Now) : null;
        long basal = rate is { } r ? r.ToFlow(_concentration).PicolitresPerDay
            : _program.Mode == ProgramMode.MinimumRate ? _s.Profile.MinimumRate.PicolitresPerDay : 0;
        return Parts(basal, rate is { } rr ? RunnableFlow(rr) : basal);
    }

    /// <summary>The flow the firmware commands now: basal by therapy state, boluses on top, capped.</summary>
    private long CommandedRate()
    {
        long basal = _therapy.State switch
        {
            TherapyState.Infusing => _program.RateAt(Now) is { } r ? RunnableFlow(r) : 0,
            TherapyState.MinimumRate or TherapyState.SafeState => _s.Profile.MinimumRate.PicolitresPerDay,
            _ => 0,
        };
        if (_therapy.State != TherapyState.Infusing) return basal;
        var (b, bolus, ptm) = Parts(basal, basal);
        return b + bolus + ptm;
    }

    private bool CanBolus(string kind)
    {
        string? reason = _therapy.State != TherapyState.Infusing ? $"therapy is {TherapyMachine.Name(_therapy.State)}"
            : _bolus is not null ? $"a {_bolus.Kind} bolus is already running" : null;
        if (reason is null) return true;
        _emit(new BolusDenied(kind, reason));
        return false;
    }

    public void StartBolus(string kind, double doseMcg, SimDuration duration)
    {
        if (!CanBolus(kind)) return;
        var volume = Volume.FromMl(doseMcg / _concentration.McgPerMl);
        _bolus = StartFlowBolus(kind, volume, duration, replacesBasal: false, doseMcg);
    }

    private ActiveBolus StartFlowBolus(string kind, Volume volume, SimDuration duration, bool replacesBasal, double doseMcg)
    {
        var rate = (long)Math.Round(volume.Picolitres * (double)SimDuration.SecondsPerDay / duration.Seconds);
        var bolus = new ActiveBolus(kind, rate, duration.Seconds, replacesBasal, doseMcg, volume, Now);
        _emit(new BolusStarted(kind, Math.Round(doseMcg, 3), volume.Ml, duration, rate > _s.Profile.MaxFlow.PicolitresPerDay));
        return bolus;
    }

    /// <summary>A bolus ends when its volume is given; a capped one says how long it really took.</summary>
    private void FinishBolus(ActiveBolus b) =>
        _emit(new BolusFinished(b.Kind, Math.Round(b.DoseMcg, 3), b.Volume.Ml, Now - b.Started, b.Capped));

    /// <summary>Pushes the catheter's dead volume at the pump's highest rate (after implant or revision).</summary>
    public void StartPrimingBolus()
    {
        if (!CanBolus("priming")) return;
        var rate = _s.Profile.MaxFlow.PicolitresPerDay;
        var seconds = Math.Max(1, (_catheterVolume.Picolitres * SimDuration.SecondsPerDay + rate - 1) / rate);
        _bolus = StartFlowBolus("priming", _catheterVolume, SimDuration.FromSeconds(seconds), replacesBasal: true,
            _catheterVolume.Ml * _concentration.McgPerMl);
    }

    /// <summary>After a concentration change: runs the old-concentration fluid still in the tubing and
    /// catheter out at the rate that keeps the dose right, then the new program rate takes over. The
    /// firmware knows how much is left: its catheter volume minus what it pumped since the change.</summary>
    public void StartBridgeBolus()
    {
        if (_previousConcentration is not { } old || old == _concentration)
        {
            _emit(new BolusDenied("bridge", "no concentration change to bridge"));
            return;
        }
        var left = _catheterVolume - Volume.Min(_pumpedSinceChange, _catheterVolume);
        if (left.IsZero)
        {
            _emit(new BolusDenied("bridge",
                $"nothing to bridge: {_pumpedSinceChange.Ml:0.######} mL pumped since the concentration change already flushed the {_catheterVolume.Ml:0.######} mL catheter"));
            return;
        }
        if (!CanBolus("bridge")) return;
        var dose = _program.RateAt(Now)?.ToDose(_concentration) ?? DoseRate.Zero;
        if (dose.NanogramsPerDay == 0) { _emit(new BolusDenied("bridge", "no basal dose to bridge")); return; }
        var rate = FlowRate.From(dose, old).PicolitresPerDay;
        var seconds = Math.Max(1, (left.Picolitres * SimDuration.SecondsPerDay + rate - 1) / rate);
        CloseBridgePricing();
        _bridgePrice = old;
        _bolus = StartFlowBolus("bridge", left, SimDuration.FromSeconds(seconds), replacesBasal: true, left.Ml * old.McgPerMl);
    }

    public void RequestPtm()
    {
        var settings = _s.Ptm;
        _ptmAccepted.RemoveAll(t => t <= Now - SimDuration.FromDays(1));
        string? reason = settings is null ? "no PTM is configured"
            : _therapy.State != TherapyState.Infusing ? $"therapy is {TherapyMachine.Name(_therapy.State)}"
            : _ptmBolus is not null ? "a PTM bolus is running"
            : _ptmAccepted.Count > 0 && Now - _ptmAccepted[^1] < settings.Lockout ? "lockout"
            : _ptmAccepted.Count >= settings.MaxPerDay ? "daily maximum reached" : null;
        if (reason is not null)
        {
            _emit(new PtmRequestDenied(reason, _ptmAccepted.Count));
            return;
        }
        _ptmAccepted.Add(Now);
        var volume = Volume.FromMl(settings!.DoseMcg / _concentration.McgPerMl);
        var rate = (long)Math.Round(volume.Picolitres * (double)SimDuration.SecondsPerDay / settings.Duration.Seconds);
        _ptmBolus = new ActiveBolus("ptm", rate, settings.Duration.Seconds, replacesBasal: false, settings.DoseMcg, volume, Now);
        _emit(new PtmRequestAccepted(settings.DoseMcg, settings.Duration, _ptmAccepted.Count));
    }
}
