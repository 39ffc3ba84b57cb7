using PumpSim.Core.Engine;
using PumpSim.Core.Patient;
using PumpSim.Core.Plant;
using PumpSim.Core.Therapy;
using PumpSim.Core.Units;
using PumpSim.Scenarios.Errors;
using PumpSim.Scenarios.Format;
using PumpSim.Scenarios.Reading;
using PumpSim.Scenarios.Yaml;

namespace PumpSim.Scenarios.Loading;

/// <summary>Reads the top level of a scenario into a <see cref="SimulationPlan"/>. Each section is
/// read under <see cref="Diagnostics.Guard"/>, so one bad section does not hide the next one's errors.</summary>
internal sealed partial class ScenarioReader(Diagnostics diagnostics, string fileName, CatalogFormat format)
{
    private SimulationPlan _plan = new() { Profile = format.Catalog.DefaultModel, Drug = format.Catalog.DefaultDrug };
    private PumpCatalog Catalog => format.Catalog;

    public LoadedScenario? Read(YMap root)
    {
        _plan = WithModelDefaults(_plan, Catalog.DefaultModel) with { Concentration = Catalog.DefaultDrug.DefaultConcentration };
        var top = new MapReader(root, format.Root, "scenario file", diagnostics);

        var id = DefaultId(fileName);
        string? title = null;
        var description = "";
        IReadOnlyList<string> covers = [];
        diagnostics.Guard(() => id = Kebab(top, "scenario") ?? id);
        diagnostics.Guard(() => title = top.Text("title"));
        diagnostics.Guard(() => description = top.Text("description")?.Trim() ?? "");
        diagnostics.Guard(() => covers = Covers(top));
        // Evidence keys (issue 22): checked for form here, against requirements.yaml by ScenarioLoader.Load.
        var references = new List<TraceReference>();
        IReadOnlyList<string> verifies = [], hazards = [];
        IReadOnlyList<int> codes = [];
        diagnostics.Guard(() => verifies = EvidenceReader.Ids(top, "verifies", ReferenceKind.Requirement, references));
        diagnostics.Guard(() => hazards = EvidenceReader.Ids(top, "hazards", ReferenceKind.Hazard, references));
        diagnostics.Guard(() => codes = EvidenceReader.Codes(top, references));

        var timeOk = true;
        diagnostics.Guard(() =>
        {
            timeOk = false;
            var start = top.Get("start") is { } s ? Values.Timestamp(s, "start") : PlanLimits.DefaultStart;
            var duration = top.Duration("duration")!.Value;
            if (!PlanLimits.IsDuration(duration))
                throw new NodeError(top.PositionOf("duration"), $"'duration' must be {PlanLimits.MinDuration} to {PlanLimits.MaxDurationText}, got {duration}");
            if (start.UnixSeconds > SimulationPlan.LatestEnd.UnixSeconds - duration.Seconds)
                throw new NodeError(top.Get("start")?.At ?? top.PositionOf("duration"),
                    $"the scenario would end after {SimulationPlan.LatestEnd}, the last instant PumpSim can show; start it earlier or shorten 'duration'");
            _plan = _plan with { Id = id, Start = start, Duration = duration };
            timeOk = true;
        });
        diagnostics.Guard(() =>
        {
            var step = top.Duration("step") ?? _plan.Step;
            if (!PlanLimits.IsStep(step))
                throw new NodeError(top.PositionOf("step"), $"'step' must be {PlanLimits.StepRange}, got {step}");
            _plan = _plan with { Step = step };
        });
        diagnostics.Guard(() =>
        {
            var sample = top.Duration("sample") ?? _plan.Sample;
            if (sample < PlanLimits.MinSample) throw new NodeError(top.PositionOf("sample"), $"'sample' must be at least {PlanLimits.MinSample}");
            _plan = _plan with { Sample = sample };
        });
        diagnostics.Guard(() =>
        {
            var seed = top.Integer("seed") ?? 0;
            if (seed < 0) throw new NodeError(top.PositionOf("seed"), $"'seed' must be a whole number from 0 to {long.MaxValue}, got {seed}");
            _plan = _plan with { Seed = (ulong)seed };
        });

        diagnostics.Guard(() => ReadPump(top));
        diagnostics.Guard(() => ReadDrug(top));
        diagnostics.Guard(() => ReadReservoir(top));
        diagnostics.Guard(() => ReadTherapy(top));
        diagnostics.Guard(() => ReadPtm(top));
        diagnostics.Guard(() => ReadPatient(top));

        if (!timeOk) return null; // events and expectations are offsets from a start we could not read
        var frame = new TimeFrame(_plan.Start, _plan.End);
        var actions = new EventReader(diagnostics, frame, _plan, format.Event).Read(top);
        _plan = _plan with { Id = id, Actions = actions };
        var expectations = new ExpectationReader(diagnostics, frame, _plan, references).Read(top);

        if (diagnostics.HasErrors) return null;
        // Bounded work: a few lines must not ask for gigabytes (docs/scenario-format.md, Limits).
        if (ScenarioLimits.CheckWork(_plan) is { } over)
        {
            var at = over.Key switch
            {
                "sample" => top.Has("sample") ? top.PositionOf("sample") : top.PositionOf("duration"),
                "pump.tone_repeat" => top.Has("pump") ? top.PositionOf("pump") : top.PositionOf("duration"),
                _ => top.Has("events") ? top.PositionOf("events") : root.At,
            };
            diagnostics.Add(at, $"'{over.Key}': {over.Message}");
            return null;
        }
        // Backstop: the plan's own checks, for anything the sections above did not already catch.
        Located.At(root.At, _plan.Validate);
        var asked = new List<SimInstant>();
        foreach (var e in expectations) asked.AddRange(e.Probes(_plan));
        var probes = SimulationPlan.SortedDistinct(asked);
        return new LoadedScenario(_plan with { Probes = probes }, title ?? id, description, covers, expectations, fileName)
        {
            Verifies = verifies,
            Hazards = hazards,
            Codes = codes,
            References = references,
        };
    }

    private static string DefaultId(string file)
    {
        // The id names the output folder (out/<id>), so a derived id must be as safe as a given
        // one: "...yaml" would give "..". Derived ids are made kebab-case instead of refused, so
        // files written by others keep running: lower case, runs of anything but a-z0-9 become
        // one '-', and a name left with nothing is "scenario".
        var name = Path.GetFileNameWithoutExtension(file).ToLowerInvariant();
        var kebab = new System.Text.StringBuilder();
        foreach (var c in name)
        {
            if (c is (>= 'a' and <= 'z') or (>= '0' and <= '9')) kebab.Append(c);
            else if (kebab.Length > 0 && kebab[^1] != '-') kebab.Append('-');
        }
        var id = kebab.ToString().Trim('-');
        if (id.Length > ScenarioLimits.MaxIdLength) id = id[..ScenarioLimits.MaxIdLength].Trim('-');
        return id.Length == 0 ? "scenario" : id;
    }

    private static string? Kebab(MapReader m, string key)
    {
        var value = m.Text(key);
        if (value is not null && !IsKebab(value))
            throw new NodeError(m.PositionOf(key), $"'{key}' expects a kebab-case id such as 'kinked-catheter', got '{value}'");
        // The id names output folders (out/<id>-sweep): keep it well inside a file name's 255 bytes.
        if (value is not null && value.Length > ScenarioLimits.MaxIdLength)
            throw new NodeError(m.PositionOf(key), $"'{key}' is {value.Length} characters; ids are limited to {ScenarioLimits.MaxIdLength} (docs/scenario-format.md, Limits)");
        return value;
    }

    private IReadOnlyList<string> Covers(MapReader top)
    {
        if (top.List("covers") is not { } list) return [];
        var result = new List<string>();
        foreach (var item in list.Items)
        {
            var v = Values.Text(item, "covers");
            if (!IsKebab(v)) throw new NodeError(item.At, $"'covers' expects kebab-case topics such as 'catheter-kink', got '{v}'");
            result.Add(v);
        }
        return result;
    }

    /// <summary>The schema's <see cref="Schema.ScenarioSchema.IdPattern"/>, <c>^[a-z0-9]+(-[a-z0-9]+)*$</c>, as a
    /// JSON Schema validator reads it: words of lower-case letters and digits joined by single hyphens.
    /// A loop rather than a regex: .NET's <c>$</c> also matched before a final newline, so "abc\n" was an
    /// id here and not in the schema; and it keeps the regex engine's start-up out of every run.</summary>
    internal static bool IsKebab(string value)
    {
        if (value.Length == 0 || value[0] == '-' || value[^1] == '-') return false;
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (c is (>= 'a' and <= 'z') or (>= '0' and <= '9')) continue;
            if (c != '-' || value[i - 1] == '-') return false;
        }
        return true;
    }

    private void ReadPump(MapReader top)
    {
        if (top.Map("pump", diagnostics) is not { } pump) return;
        // The format offers only the catalog's models; the model's defaults come before the file's values.
        if (pump.Text("model") is { } model) _plan = WithModelDefaults(_plan, Catalog.Find(model)!);
        var profile = _plan.Profile;
        if (pump.Number("low_reservoir_alarm_ml") is { } lra)
        {
            // The format table's range is the widest over the catalog; this model's own is checked here.
            var (min, half) = (profile.MinLowReservoirAlarm.Ml, profile.MaxLowReservoirAlarm.Ml);
            if (lra > half || lra < min)
                throw new NodeError(pump.PositionOf("low_reservoir_alarm_ml"), $"'low_reservoir_alarm_ml' must be {Values.Format(min)} to {Values.Format(half)} mL (half the capacity of {profile.Model}), got {Values.Format(lra)}");
            _plan = _plan with { LowReservoirAlarm = Volume.FromMl(lra) };
        }
        if (pump.Number("accuracy_pct") is { } accuracy) _plan = _plan with { AccuracyPct = accuracy };
        if (pump.Map("battery", diagnostics) is { } battery && battery.Number("life_remaining_days") is { } days)
            _plan = _plan with { BatteryLifeRemainingDays = days };
        if (pump.Map("catheter", diagnostics) is { } catheter)
        {
            foreach (var key in new[] { "volume_ml", "programmed_volume_ml" })
                if (catheter.Number(key) is { } ml && ml > profile.MaxCatheterVolume.Ml)
                    throw new NodeError(catheter.PositionOf(key), $"'{key}' must be 0 to {Values.Format(profile.MaxCatheterVolume.Ml)} mL for {profile.Model}, got {Values.Format(ml)}");
            if (catheter.Number("volume_ml") is { } v) _plan = _plan with { CatheterVolume = Volume.FromMl(v) };
            if (catheter.Number("programmed_volume_ml") is { } entered) _plan = _plan with { ProgrammedCatheterVolume = Volume.FromMl(entered) };
            if (catheter.Text("contents") is { } c) _plan = _plan with { CatheterContents = c == "saline" ? CatheterContents.Saline : CatheterContents.Drug };
        }
        if (pump.Number("refill_discrepancy_limit_ml") is { } limit) _plan = _plan with { RefillDiscrepancyLimit = Volume.FromMl(limit) };
        if (pump.Map("tone_repeat", diagnostics) is { } tones)
        {
            if (tones.Duration("noncritical") is { } n) _plan = _plan with { NonCriticalToneRepeat = AtLeastOneSecond(tones, "noncritical", n) };
            if (tones.Duration("critical") is { } c) _plan = _plan with { CriticalToneRepeat = AtLeastOneSecond(tones, "critical", c) };
        }
    }

    /// <summary>A plan on <paramref name="model"/> with the model's defaults (LRA, dead volume,
    /// discrepancy limit); the file's own values are read after.</summary>
    private static SimulationPlan WithModelDefaults(SimulationPlan plan, PumpProfile model) => plan with
    {
        Profile = model,
        LowReservoirAlarm = model.DefaultLowReservoirAlarm,
        CatheterVolume = model.DefaultCatheterVolume,
        RefillDiscrepancyLimit = model.DefaultRefillDiscrepancyLimit,
    };

    public static SimDuration AtLeastOneSecond(MapReader m, string key, SimDuration d) =>
        d.Seconds >= 1 ? d : throw new NodeError(m.PositionOf(key), $"'{key}' must be at least 1s, got {d}");

    private void ReadDrug(MapReader top)
    {
        if (top.Map("drug", diagnostics) is not { } drug) return;
        // The format offers only the catalog's drugs; the drug sets the default concentration.
        if (drug.Text("name") is { } name)
        {
            var chosen = Catalog.FindDrug(name)!;
            _plan = _plan with { Drug = chosen, Concentration = chosen.DefaultConcentration };
        }
        foreach (var key in new[] { "concentration_mcg_per_ml", "programmed_concentration_mcg_per_ml" })
            if (drug.Number(key) is { } mcgPerMl && !_plan.Drug.Accepts(mcgPerMl))
                throw new NodeError(drug.PositionOf(key), $"'{key}' must be {Values.Format(_plan.Drug.MinConcentrationMcgPerMl)} to {Values.Format(_plan.Drug.MaxConcentrationMcgPerMl)} mcg/mL for {_plan.Drug.Name}, got {Values.Format(mcgPerMl)}");
        if (drug.Number("concentration_mcg_per_ml") is { } c)
            _plan = _plan with { Concentration = Located.At(drug.PositionOf("concentration_mcg_per_ml"), () => Concentration.FromMcgPerMl(c)) };
        if (ActionReader.ConcentrationAt(drug, "programmed_concentration_mcg_per_ml") is { } told)
            _plan = _plan with { ProgrammedConcentration = told };
    }

    private void ReadReservoir(MapReader top)
    {
        if (top.Number("reservoir_ml") is not { } ml) return;
        if (ml > _plan.Profile.Capacity.Ml)
        {
            var bigger = Catalog.Models.FirstOrDefault(p => p.Capacity.Ml >= ml);
            var hint = bigger is null ? "" : top.Get("pump") is YMap pumpNode && pumpNode.TryGet("model", out _, out _)
                ? $"; use pump: model: {bigger.Model}"
                : $"; the default pump is {_plan.Profile.Model} — set pump: model: {bigger.Model}";
            throw new NodeError(top.PositionOf("reservoir_ml"), $"'reservoir_ml' is {Values.Format(ml)} mL but {_plan.Profile.Model} holds at most {Values.Format(_plan.Profile.Capacity.Ml)} mL{hint}");
        }
        _plan = _plan with { Reservoir = Volume.FromMl(ml) };
    }

    private void ReadTherapy(MapReader top)
    {
        if (top.Map("therapy", diagnostics) is not { } therapy) return;
        var program = ProgramReader.Read(therapy, diagnostics);
        // The pump converts with what it was told (PUMP.md §3), so the flow range is checked at that.
        Located.At(therapy.At, () => _plan.Profile.Check(program, _plan.ProgrammedConcentration ?? _plan.Concentration));
        _plan = _plan with { Program = program };
    }

    private void ReadPtm(MapReader top)
    {
        if (top.Map("ptm", diagnostics) is not { } ptm) return;
        var settings = Located.At(ptm.At, () => PtmSettings.Create(
            ptm.RequiredNumber("dose_mcg"), ptm.Duration("duration")!.Value, ptm.Duration("lockout")!.Value, checked((int)ptm.Integer("max_per_day")!.Value)));
        _plan = _plan with { Ptm = settings };
    }

    private void ReadPatient(MapReader top)
    {
        if (top.Map("patient", diagnostics) is not { } p) return;
        var patient = new PatientParameters();
        if (p.Number("maintenance_mcg_per_day") is { } m) patient = patient with { MaintenanceMcgPerDay = m };
        if (p.Duration("csf_half_life") is { } csf) patient = patient with { CsfHalfLife = csf };
        if (p.Number("csf_volume_ml") is { } vol) patient = patient with { CsfVolumeMl = vol };
        if (p.Duration("effect_half_life") is { } eff) patient = patient with { EffectHalfLife = eff };
        if (p.Text("start") is { } start) patient = patient with { StartAtSteadyState = start == "steady-state" };
        Located.At(p.At, patient.Validate);
        _plan = _plan with { Patient = patient };
    }
}
