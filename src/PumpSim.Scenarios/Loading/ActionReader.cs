using PumpSim.Core.Engine;
using PumpSim.Core.Plant;
using PumpSim.Core.Therapy;
using PumpSim.Core.Units;
using PumpSim.Scenarios.Errors;
using PumpSim.Scenarios.Reading;
using PumpSim.Scenarios.Yaml;

namespace PumpSim.Scenarios.Loading;

/// <summary>One event action's settings → the engine's <see cref="ScenarioAction"/> record.</summary>
internal static class ActionReader
{
    private static readonly SimDuration MaxMriRecovery = SimDuration.FromHours(24);

    public static ScenarioAction Read(string name, MapReader m, Diagnostics diagnostics) => name switch
    {
        "catheter" => Catheter(m),
        "refill" => Refill(m),
        "program" => new ProgramAction(ProgramReader.Read(m, diagnostics), ConcentrationAt(m, "programmed_concentration_mcg_per_ml")),
        "bolus" => new BolusAction(m.RequiredNumber("dose_mcg"), Positive(m, "duration", null)),
        "priming_bolus" => new PrimingBolusAction(),
        "bridge_bolus" => new BridgeBolusAction(),
        "ptm_request" => new PtmRequestAction(),
        "mri" => Mri(m),
        "interrogate" => new InterrogateAction(),
        "silence" => new SilenceAction(Positive(m, "duration", SimDuration.FromHours(1))),
        "alarm_settings" => new AlarmSettingsAction(Volume.FromMl(m.RequiredNumber("low_reservoir_alarm_ml"))),
        "ptm_settings" => new PtmSettingsAction(Located.At(m.At, () => PtmSettings.Create(
            m.RequiredNumber("dose_mcg"), m.Duration("duration")!.Value, m.Duration("lockout")!.Value, checked((int)m.Integer("max_per_day")!.Value)))),
        "motor_stall" => MotorStall(m),
        "memory_error" => new MemoryErrorAction(m.Bool("critical")!.Value),
        "battery_reset" => new BatteryResetAction(),
        "replace_pump" => new ReplacePumpAction(m.Number("reservoir_ml") is { } v ? Volume.FromMl(v) : null),
        "accuracy" => new AccuracyAction(m.RequiredNumber("accuracy_pct")),
        "diathermy" => new DiathermyAction(m.Bool("motor_damage") ?? true),
        "pump_flip" => new PumpFlipAction(m.Bool("corrected") ?? false),
        _ => throw new InvalidOperationException($"action '{name}' is in the format table but has no reader."),
    };

    private static SimDuration Positive(MapReader m, string key, SimDuration? fallback)
    {
        var d = m.Duration(key) ?? fallback ?? throw m.Missing(key);
        if (d.Seconds > ScenarioLimits.MaxEventDurationSeconds)
            throw new NodeError(m.PositionOf(key), $"'{key}' must be at most 50 years (the longest scenario), got {d}");
        return d.Seconds >= 1 ? d : throw new NodeError(m.PositionOf(key), $"'{key}' must be at least 1s, got {d}");
    }

    private static CatheterFaultAction Catheter(MapReader m)
    {
        var fault = m.Text("fault")!;
        // The format offers only descriptor names, so the lookup cannot fail here.
        var type = CatheterFaultType.Find(fault)!;
        var fraction = m.Number("fraction");
        if (fraction is not null && !type.TakesFraction)
            throw new NodeError(m.PositionOf("fraction"), $"'fraction' applies to {And(CatheterFaultType.All.Where(f => f.TakesFraction).Select(f => f.Name).ToList())}, not to {fault}");
        var volume = m.Number("volume_ml");
        var programmed = m.Number("programmed_volume_ml");
        foreach (var (key, value) in new[] { ("volume_ml", volume), ("programmed_volume_ml", programmed) })
            if (value is not null && !type.ReplacesCatheter)
                throw new NodeError(m.PositionOf(key), $"'{key}' applies only to fault: {CatheterFaultType.All.First(f => f.ReplacesCatheter).Name} (a new catheter), not to {fault}");
        return new CatheterFaultAction(type.Kind, fraction, volume is { } v ? Volume.FromMl(v) : null,
            programmed is { } p ? Volume.FromMl(p) : null);
    }

    /// <summary>"a, b and c".</summary>
    private static string And(IReadOnlyList<string> words) =>
        words.Count <= 1 ? string.Concat(words) : string.Join(", ", words.Take(words.Count - 1)) + " and " + words[^1];

    private static RefillAction Refill(MapReader m)
    {
        var add = Volume.FromMl(m.RequiredNumber("add_ml"));
        Volume? withdraw = null;
        if (m.Get("withdraw") is { } w && !(w is YScalar { Plain: true, Value: "all" }))
        {
            if (w is YScalar { Plain: true } s && s.Value.Length > 0 && char.IsLetter(s.Value[0]))
                throw new NodeError(w.At, $"'withdraw' expects 'all' or a volume in mL, got '{s.Value}'{Suggestions.Hint(s.Value, ["all"])}");
            var ml = Values.Number(w, "withdraw");
            if (ml < 0 || ml > 1000) throw new NodeError(w.At, $"'withdraw' must be between 0 and 1000 mL, got {Values.Format(ml)}");
            withdraw = Volume.FromMl(ml);
        }
        var into = m.Text("into") == "pocket" ? RefillTarget.Pocket : RefillTarget.Reservoir;
        if (into == RefillTarget.Pocket && withdraw is not null)
            throw new NodeError(m.PositionOf("withdraw"), "'withdraw' does not apply to a pocket fill: the needle never reaches the reservoir");
        var program = m.Number("program_volume_ml") is { } pv ? Volume.FromMl(pv) : (Volume?)null;
        var concentration = ConcentrationAt(m, "concentration_mcg_per_ml");
        return new RefillAction(add, withdraw, program, concentration, into, m.Bool("bridge_bolus") ?? false,
            ConcentrationAt(m, "programmed_concentration_mcg_per_ml"));
    }

    internal static Concentration? ConcentrationAt(MapReader m, string key) =>
        m.Number(key) is { } c ? Located.At(m.PositionOf(key), () => Concentration.FromMcgPerMl(c)) : null;

    private static MriAction Mri(MapReader m)
    {
        var duration = Positive(m, "duration", null);
        var recovery = m.Duration("recovery") ?? SimDuration.Zero;
        if (recovery > MaxMriRecovery)
            throw new NodeError(m.PositionOf("recovery"), $"'recovery' must be 0 to 24h, got {recovery}");
        return new MriAction(duration, recovery);
    }

    private static MotorStallAction MotorStall(MapReader m)
    {
        if (m.Bool("permanent") == true)
        {
            foreach (var key in new[] { "duration", "every", "count" })
                if (m.Has(key)) throw new NodeError(m.PositionOf(key), $"'{key}' does not apply to a permanent stall");
            return new MotorStallAction(SimDuration.Zero, Permanent: true);
        }
        if (!m.Has("duration")) throw new NodeError(m.At, "'motor_stall' needs 'duration' (or 'permanent: true')");
        var duration = Positive(m, "duration", null);
        var count = checked((int)(m.Integer("count") ?? 1));
        var every = m.Duration("every");
        if (count > 1 && every is null) throw new NodeError(m.PositionOf("count"), "a repeated stall ('count' above 1) needs 'every'");
        if (every is { } big && big.Seconds > ScenarioLimits.MaxEventDurationSeconds / Math.Max(1L, count - 1L))
            throw new NodeError(m.PositionOf("every"), $"'every' × ('count' − 1) must be at most 50 years (the longest scenario), got {big} × {count - 1}");
        if (every is { } e && e <= duration)
            throw new NodeError(m.PositionOf("every"), $"'every' ({e}) must be longer than the stall 'duration' ({duration})");
        return new MotorStallAction(duration, false, every, count);
    }
}
