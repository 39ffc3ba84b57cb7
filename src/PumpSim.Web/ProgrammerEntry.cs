using System.Text.Json;
using PumpSim.Core.Programmer;
using PumpSim.Core.Therapy;
using PumpSim.Core.Units;
using static PumpSim.Web.ProgrammerApi;

namespace PumpSim.Web;

/// <summary>One workflow's entries as the programmer page sends them (untrusted JSON): checked
/// here, priced by Core's programmer calculations, and turned into the scenario event a YAML author
/// would write. Workflows: refill, dose, priming, bridge, bolus, alarms (alarm_settings), ptm (ptm_settings).</summary>
internal sealed class ProgrammerEntry
{
    public static readonly string[] Workflows = ["refill", "dose", "priming", "bridge", "bolus", "alarms", "ptm"];
    private const int MaxSteps = TherapyProgram.MaxFlexSteps;

    private readonly JsonElement _body;
    private ProgrammerEntry(string workflow, JsonElement body) { Workflow = workflow; _body = body; }

    public string Workflow { get; }

    public static ProgrammerEntry Read(JsonElement body)
    {
        if (body.ValueKind != JsonValueKind.Object || !body.TryGetProperty("workflow", out var w) || w.ValueKind != JsonValueKind.String
            || !Workflows.Contains(w.GetString()))
            throw new ControlException($"the entry must be a JSON object with 'workflow': one of {string.Join(", ", Workflows)}.");
        return new ProgrammerEntry(w.GetString()!, body);
    }

    /// <summary>The scenario event: its action key and its settings as a flow mapping.</summary>
    public (string Action, string Settings) Event() => Workflow switch
    {
        "refill" => ("refill", Map(
            ("add_ml", N(Number("add_ml"))),
            ("concentration_mcg_per_ml", N(Number("drug_concentration_mcg_per_ml"))),
            ("programmed_concentration_mcg_per_ml", Entered() == Number("drug_concentration_mcg_per_ml") ? null : N(Entered())),
            ("program_volume_ml", N(Number("program_volume_ml"))),
            ("bridge_bolus", Bool("bridge") ? "true" : null))),
        "dose" => ("program", ProgramYaml()),
        "priming" => ("priming_bolus", "{}"),
        "bridge" => ("bridge_bolus", "{}"),
        "alarms" => ("alarm_settings", Map(("low_reservoir_alarm_ml", N(Number("low_reservoir_alarm_ml"))))),
        "ptm" => ("ptm_settings", Map(("dose_mcg", N(Number("dose_mcg"))), ("duration", Duration("duration").ToString()),
            ("lockout", Duration("lockout").ToString()), ("max_per_day", N(Number("max_per_day"))))),
        _ => ("bolus", Map(("dose_mcg", N(Number("dose_mcg"))), ("duration", Duration("duration").ToString()))),
    };

    /// <summary>The settings after this entry, for the Finish screen.</summary>
    public ProgrammerSettings Pending(Current c)
    {
        var s = c.Settings;
        switch (Workflow)
        {
            case "refill":
                return s with
                {
                    Entered = Concentration.FromMcgPerMl(Entered()),
                    Reservoir = Volume.FromMl(Number("program_volume_ml")),
                    Boluses = Bool("bridge") ? ["bridge"] : [],
                };
            case "dose":
                var program = Program();
                if (!RateCalculator.Mean(program, c.Pump.Entered, c.Plan.Profile).InRange)
                    throw new ControlException($"outside the pump's flow range ({N(c.Plan.Profile.MinFlow.MlPerDay)}–{N(c.Plan.Profile.MaxFlow.MlPerDay)} mL/day at {c.Pump.Entered}): the programmer refuses it.");
                return s with { Program = program };
            case "alarms":
                var alarm = Alarm(c);
                if (!alarm.InRange)
                    throw new ControlException($"the low-reservoir alarm must be {alarm.Min} to {alarm.Max} for the {c.Plan.Profile.Model}: the programmer refuses {alarm.LowReservoirAlarm}.");
                return s with { LowReservoirAlarm = alarm.LowReservoirAlarm };
            case "ptm":
                return s with { Ptm = Ptm() };
            default:
                return s with { Boluses = [Workflow == "bolus" ? "single" : Workflow] };
        }
    }

    /// <summary>What was entered, as read here (the class's mirror shows it beside the Finish review).</summary>
    public IEnumerable<(string Label, string Value)> Entries(Current c) => Workflow switch
    {
        "refill" =>
        [
            ("withdrawn", Has("withdrawn_ml") ? $"{N(Number("withdrawn_ml"))} mL" : $"{c.Estimate} (the estimate)"),
            ("added", $"{N(Number("add_ml"))} mL"),
            ("drug concentration", $"{N(Number("drug_concentration_mcg_per_ml"))} mcg/mL"),
            ("concentration entered into the pump", $"{N(Entered())} mcg/mL"),
            ("reservoir volume to program", $"{N(Number("program_volume_ml"))} mL"),
            ("bridge bolus", Bool("bridge") ? "yes" : "no"),
        ],
        "dose" => [("program", FinishReview.Describe(Program(), c.Pump.Entered, c.Plan.Profile))],
        "bolus" => [("dose", $"{N(Number("dose_mcg"))} mcg"), ("duration", Duration("duration").ToString())],
        "alarms" => [("low-reservoir alarm", $"{N(Number("low_reservoir_alarm_ml"))} mL")],
        "ptm" => [("patient bolus", Ptm().Describe())],
        _ => [],
    };

    /// <summary>The numbers the programmer shows for this entry.</summary>
    public IEnumerable<(string Label, string Value)> Calculations(Current c)
    {
        var profile = c.Plan.Profile;
        switch (Workflow)
        {
            case "refill":
                {
                    var withdrawn = Has("withdrawn_ml") ? Number("withdrawn_ml") : c.Estimate!.Value.Ml;
                    var v = RefillCalculator.Calculate(c.Reading, new RefillEntry(Volume.FromMl(withdrawn), Volume.FromMl(Number("add_ml")), Concentration.FromMcgPerMl(Entered())));
                    yield return ("expected residual (estimate)", c.Estimate!.Value.ToString());
                    yield return ("discrepancy (withdrawn − expected)", v.Discrepancy + (v.DiscrepancyOverLimit ? " — over the limit: the pump logs it" : ""));
                    yield return ("reservoir volume to program", v.NewVolume + (v.Excess.IsZero ? "" : $" ({v.Excess} will not fit)"));
                    yield return ("rate at the entered concentration", $"{v.Rate.Dose} = {v.Rate.Flow}" + (v.Rate.InRange ? "" : " — outside the flow range"));
                    yield return ("days to the low-reservoir alarm", Days(v.Forecast.DaysToLowReservoirAlarm));
                    yield return ("days to empty", Days(v.Forecast.DaysToEmpty));
                    if (v.Bridge is { } b)
                        yield return ("bridge bolus", $"{b.Volume} of the old drug at {b.Rate} for {b.Duration} ({N(Math.Round(b.Dose.Mcg, 3))} mcg)");
                    if (v.WithoutBridge is { } f)
                        yield return ("without a bridge", $"{f.DoseDuringFlush} for {f.Duration}: {N(Math.Round(f.Shortfall.Mcg, 3))} mcg missing");
                    break;
                }
            case "dose":
                {
                    var program = Program();
                    var mean = RateCalculator.Mean(program, c.Pump.Entered, profile);
                    yield return ("program", FinishReview.Describe(program, c.Pump.Entered, profile));
                    yield return ("mean", $"{mean.Dose} = {mean.Flow}" + (mean.InRange ? "" : " — outside the flow range: refused"));
                    if (c.Estimate is { } est)
                    {
                        var f = ReservoirForecast.Of(est, c.Plan.LowReservoirAlarm, mean.Flow);
                        yield return ("days to the low-reservoir alarm", Days(f.DaysToLowReservoirAlarm));
                        yield return ("days to empty", Days(f.DaysToEmpty));
                    }
                    break;
                }
            case "priming":
                {
                    var b = BolusCalculator.Priming(c.Plan.CatheterVolume, c.Pump.Entered, profile);
                    yield return ("priming bolus", $"{b.Volume} at {b.Rate} for {b.Duration} ({N(Math.Round(b.Dose.Mcg, 3))} mcg if the catheter holds drug)");
                    break;
                }
            case "bridge":
                yield return ("bridge bolus", "the old drug the pump knows is left in the catheter, at the old concentration's rate for the current dose (refused if there is none)");
                break;
            case "alarms":
                {
                    var a = Alarm(c);
                    yield return ("allowed for this pump", $"{a.Min} to {a.Max}" + (a.InRange ? "" : " — outside: refused"));
                    yield return ("days from the alarm to empty", Days(a.DaysFromAlarmToEmpty));
                    if (c.Estimate is { } est)
                        yield return ("days to the low-reservoir alarm", Days(ReservoirForecast.Of(est, a.LowReservoirAlarm, Mean(c).Flow).DaysToLowReservoirAlarm));
                    break;
                }
            case "ptm":
                {
                    var (one, most) = BolusCalculator.Ptm(Ptm(), c.Pump.Entered, Mean(c).Flow, profile);
                    yield return ("one patient bolus", $"{one.Volume} at {one.Rate} for {one.Duration}" + (one.Capped ? " — capped at the maximum flow: it runs longer" : ""));
                    yield return ("the most a day", $"{N(Math.Round(most.Mcg, 3))} mcg on top of {Mean(c).Dose}");
                    break;
                }
            default:
                {
                    var b = BolusCalculator.Single(Number("dose_mcg"), Duration("duration"), c.Pump.Entered, RateCalculator.Mean(c.Pump.Program, c.Pump.Entered, profile).Flow, profile);
                    yield return ("single bolus", $"{b.Volume} at {b.Rate} for {b.Duration}" + (b.Capped ? " — capped at the maximum flow: it runs longer" : ""));
                    break;
                }
        }
    }

    private AlarmSettingsView Alarm(Current c) => AlarmSettingsView.Of(Volume.FromMl(Number("low_reservoir_alarm_ml")), c.Plan.Profile, Mean(c).Flow);

    private static RateView Mean(Current c) => RateCalculator.Mean(c.Pump.Program, c.Pump.Entered, c.Plan.Profile);

    private PtmSettings Ptm()
    {
        var most = Number("max_per_day");
        if (most != Math.Floor(most)) throw new ControlException("'max_per_day' must be a whole number.");
        return PtmSettings.Create(Number("dose_mcg"), Duration("duration"), Duration("lockout"), (int)Math.Min(most, 1000));
    }

    private static string Days(double d) => double.IsInfinity(d) ? "never (nothing flows)" : $"{N(Math.Round(d, 2))} days";

    private double Entered() => Has("entered_concentration_mcg_per_ml") ? Number("entered_concentration_mcg_per_ml") : Number("drug_concentration_mcg_per_ml");

    private TherapyProgram Program()
    {
        var unit = Text("unit", 8);
        if (unit is not ("mcg" or "ml")) throw new ControlException("'unit' must be \"mcg\" (mcg/day) or \"ml\" (mL/day).");
        ProgramRate Rate(double v) => unit == "mcg" ? ProgramRate.McgPerDay(v) : ProgramRate.MlPerDay(v);
        if (Text("mode", 16) == "continuous") return TherapyProgram.Continuous(Rate(Number("rate")));
        if (Text("mode", 16) != "flex") throw new ControlException("'mode' must be \"continuous\" or \"flex\".");
        if (!_body.TryGetProperty("steps", out var steps) || steps.ValueKind != JsonValueKind.Array || steps.GetArrayLength() is 0 or > MaxSteps)
            throw new ControlException($"'steps' must be a list of 1 to {MaxSteps} steps.");
        var list = new List<FlexStep>();
        foreach (var step in steps.EnumerateArray())
        {
            var start = new ProgrammerEntry(Workflow, step).Text("start", 5);
            if (start.Length != 5 || start[2] != ':' || !int.TryParse(start[..2], out var h) || !int.TryParse(start[3..], out var m) || h > 23 || m > 59 || h < 0 || m < 0)
                throw new ControlException($"a step's 'start' must be \"HH:MM\", got \"{start}\".");
            list.Add(new FlexStep(h * 3600 + m * 60, Rate(new ProgrammerEntry(Workflow, step).Number("rate"))));
        }
        return TherapyProgram.Flex(FlexRepeat.Daily, list);
    }

    private string ProgramYaml()
    {
        var p = Program();
        var key = Text("unit", 8) == "mcg" ? "rate_mcg_per_day" : "rate_ml_per_day";
        string Rate(ProgramRate r) => N(r.Dose?.McgPerDay ?? r.Flow!.Value.MlPerDay);
        if (p.Mode == ProgramMode.Continuous) return Map(("mode", "continuous"), (key, Rate(p.Rate!.Value)));
        var steps = string.Join(", ", p.Steps.Select(s => $"{{ start: \"{FinishReview.Clock(s.StartSecond, FlexRepeat.Daily)}\", {key}: {Rate(s.Rate)} }}"));
        return $"{{ mode: flex, repeat: daily, steps: [ {steps} ] }}";
    }

    private static string Map(params (string Key, string? Value)[] fields) =>
        "{ " + string.Join(", ", fields.Where(f => f.Value is not null).Select(f => $"{f.Key}: {f.Value}")) + " }";

    private bool Has(string key) => _body.TryGetProperty(key, out var v) && v.ValueKind != JsonValueKind.Null;

    private double Number(string key) =>
        _body.TryGetProperty(key, out var v) && v.ValueKind == JsonValueKind.Number && v.TryGetDouble(out var d) && double.IsFinite(d) && d >= 0 && d <= 1e8
            ? d : throw new ControlException($"'{key}' must be a number from 0 to 100000000.");

    private bool Bool(string key) =>
        _body.TryGetProperty(key, out var v) && v.ValueKind is JsonValueKind.True or JsonValueKind.False ? v.GetBoolean()
        : !Has(key) ? false : throw new ControlException($"'{key}' must be true or false.");

    private string Text(string key, int max) =>
        _body.TryGetProperty(key, out var v) && v.ValueKind == JsonValueKind.String && v.GetString() is { } s && s.Length <= max
            ? s : throw new ControlException($"'{key}' must be text of at most {max} characters.");

    private SimDuration Duration(string key)
    {
        var text = Text(key, 32);
        if (!Scenarios.DurationParser.TryParse(text, out var d, out var error) || d.Seconds < 1)
            throw new ControlException($"'{key}': {error ?? "must be at least 1s"}.");
        return d;
    }
}
