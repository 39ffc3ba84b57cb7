using CsCheck;
using PumpSim.Core.Tests.Properties;
using Stateless.Reflection;

namespace PumpSim.Core.Tests.StateMachines;

/// <summary>Drives a firmware machine with random sequences of its public verbs against a small
/// reference model, comparing after every verb; collects the states reached.</summary>
internal static class MachineHarness
{
    /// <summary>One verb: its name, what it does to the real machine, and to the model (returning the model's next state).</summary>
    public sealed record Verb<TReal, TModel>(string Name, Action<TReal> Real, Func<TModel, TModel> Model);

    public static HashSet<string> Run<TReal, TModel>(
        Gen<(Func<TReal> Real, TModel Model)> start,
        IReadOnlyList<Verb<TReal, TModel>> verbs,
        Func<TReal, TModel, string?> compare,
        Func<TReal, string> stateName,
        long ciIter = 300)
    {
        var reached = new HashSet<string>();
        var gen = Gen.Select(start, Gen.Int[0, verbs.Count - 1].Array[0, 40]);
        PropertyRun.Sample(gen, t =>
        {
            var real = t.Item1.Real();
            var model = t.Item1.Model;
            lock (reached) reached.Add(stateName(real));
            var trail = new List<string>();
            foreach (var i in t.Item2)
            {
                trail.Add(verbs[i].Name);
                try { verbs[i].Real(real); }
                catch (Exception e) { throw new Xunit.Sdk.XunitException($"after [{string.Join(", ", trail)}]: {e.GetType().Name}: {e.Message}"); }
                model = verbs[i].Model(model);
                if (compare(real, model) is { } diff) throw new Xunit.Sdk.XunitException($"after [{string.Join(", ", trail)}]: {diff}");
                lock (reached) reached.Add(stateName(real));
            }
        }, ciIter, print: t => $"start model {t.Item1.Model}, verbs [{string.Join(", ", t.Item2.Select(i => verbs[i].Name))}]");
        return reached;
    }

    /// <summary>The triggers of <paramref name="info"/> that some state neither permits nor ignores
    /// (counting what it inherits from its superstates). Stateless throws on those.</summary>
    public static IReadOnlyList<string> UnhandledTriggers(StateMachineInfo info)
    {
        var seen = info.States.SelectMany(s => s.FixedTransitions.Select(t => t.Trigger.UnderlyingTrigger)
                .Concat(s.DynamicTransitions.Select(t => t.Trigger.UnderlyingTrigger))
                .Concat(s.IgnoredTriggers.Select(t => t.Trigger.UnderlyingTrigger)))
            .Distinct().ToArray();
        // Every value of the trigger enum (the machines keep it private), or every trigger some state names.
        var all = seen[0].GetType().IsEnum ? Enum.GetValues(seen[0].GetType()).Cast<object>().ToArray() : seen;
        var missing = new List<string>();
        foreach (var s in info.States)
        {
            var handled = new HashSet<object>();
            for (var st = s; st is not null; st = st.Superstate)
            {
                foreach (var t in st.FixedTransitions) handled.Add(t.Trigger.UnderlyingTrigger);
                foreach (var t in st.DynamicTransitions) handled.Add(t.Trigger.UnderlyingTrigger);
                foreach (var t in st.IgnoredTriggers) handled.Add(t.Trigger.UnderlyingTrigger);
            }
            foreach (var t in all)
                if (!handled.Contains(t)) missing.Add($"{s.UnderlyingState} × {t}");
        }
        return missing;
    }
}
