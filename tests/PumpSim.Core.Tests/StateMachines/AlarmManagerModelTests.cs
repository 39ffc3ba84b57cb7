using CsCheck;
using PumpSim.Core.Events;
using PumpSim.Core.Firmware;
using PumpSim.Core.Tests.Properties;
using PumpSim.Core.Units;

namespace PumpSim.Core.Tests.StateMachines;

/// <summary>The alarm manager against a reference model of PUMP.md §5: raise, clear by condition,
/// interrogation, procedure and replacement; silence that never lasts past a new alarm; tones.</summary>
public class AlarmManagerModelTests
{
    private sealed class Model
    {
        public readonly Dictionary<string, (AlarmState State, bool Condition, bool Critical)> A =
            AlarmIds.All.ToDictionary(a => a.Id, a => (AlarmState.Inactive, false, a.Priority == AlarmPriority.Critical));
        public SimInstant? SilenceUntil;
        public int Raised, Cleared;

        public void Set(string id, AlarmState s, bool? cond = null)
        {
            var a = A[id];
            if (a.State != AlarmState.Inactive && s == AlarmState.Inactive) Cleared++;
            A[id] = (s, cond ?? a.Condition, a.Critical);
        }
        public bool Active(string id) => A[id].State != AlarmState.Inactive;
        public void EndSilence()
        {
            SilenceUntil = null;
            foreach (var id in A.Keys.ToArray()) if (A[id].State == AlarmState.Silenced) Set(id, AlarmState.Sounding);
        }
    }

    private enum Op { Raise, ConditionGone, ClearByProcedure, Interrogate, ResetAll, Silence, Wait }

    [Fact]
    public void AlarmManager_FollowsItsModel()
    {
        var ids = AlarmIds.All.Select(a => a.Id).ToArray();
        var gen = Gen.Select(Gen.Enum<Op>(), Gen.Int[0, ids.Length - 1], Gen.Int[1, 180]).Array[0, 60];
        var reachedSilenced = false;
        PropertyRun.Sample(gen, ops =>
        {
            var events = new List<(string Type, string? Alarm)>();
            var now = SimInstant.FromUnixSeconds(1_767_225_600);
            var mgr = new AlarmManager(SimDuration.FromHours(1), SimDuration.FromMinutes(10),
                e => events.Add((e.Type, EventSubjects.Alarm(e))));
            var m = new Model();
            var trail = new List<string>();
            foreach (var (op, i, minutes) in ops)
            {
                var id = ids[i];
                trail.Add(op is Op.Raise or Op.ConditionGone or Op.ClearByProcedure ? $"{op}({id})" : op is Op.Silence or Op.Wait ? $"{op}({minutes}m)" : op.ToString());
                switch (op)
                {
                    case Op.Raise:
                        mgr.Raise(id, now);
                        if (!m.Active(id))
                        {
                            m.Raised++;
                            m.Set(id, AlarmState.Sounding, true);
                            if (m.SilenceUntil is not null) m.EndSilence();   // a silence never lasts past a new alarm
                        }
                        else m.Set(id, m.A[id].State, true);
                        break;
                    case Op.ConditionGone:
                        mgr.ConditionGone(id, now);
                        if (m.A[id].Condition) m.Set(id, m.A[id].Critical ? m.A[id].State : AlarmState.Inactive, false);
                        break;
                    case Op.ClearByProcedure:
                        mgr.ClearByProcedure(id, now, "reprogrammed");
                        if (m.Active(id)) m.Set(id, AlarmState.Inactive, false);
                        break;
                    case Op.Interrogate:
                        mgr.Interrogated(now);
                        foreach (var k in ids) if (m.Active(k) && !m.A[k].Condition) m.Set(k, AlarmState.Inactive);
                        break;
                    case Op.ResetAll:
                        mgr.ResetAll(now);
                        foreach (var k in ids) m.Set(k, AlarmState.Inactive, false);
                        m.SilenceUntil = null;
                        break;
                    case Op.Silence:
                        mgr.Silence(now, SimDuration.FromMinutes(minutes));
                        var any = false;
                        foreach (var k in ids) if (m.A[k].State == AlarmState.Sounding) { m.Set(k, AlarmState.Silenced); any = true; }
                        if (any) m.SilenceUntil = now + SimDuration.FromMinutes(minutes);
                        break;
                    case Op.Wait:
                        // The engine calls OnTime at every breakpoint, NextDue among them.
                        var target = now + SimDuration.FromMinutes(minutes);
                        while (true)
                        {
                            var due = mgr.NextDue();
                            if (due > target) break;
                            if (due < now) throw new Xunit.Sdk.XunitException($"after [{string.Join(", ", trail)}]: NextDue {due} is in the past ({now})");
                            now = due;
                            mgr.OnTime(now);
                            if (m.SilenceUntil is { } u && now >= u) m.EndSilence();
                        }
                        now = target;
                        mgr.OnTime(now);
                        if (m.SilenceUntil is { } u2 && now >= u2) m.EndSilence();
                        break;
                }
                foreach (var a in mgr.Alarms)
                {
                    if (a.State != m.A[a.Id].State)
                        throw new Xunit.Sdk.XunitException($"after [{string.Join(", ", trail)}]: {a.Id} is {a.State}, model {m.A[a.Id].State}");
                    if (a.IsSounding && a.NextTone <= now)
                        throw new Xunit.Sdk.XunitException($"after [{string.Join(", ", trail)}]: {a.Id} sounding with a tone overdue");
                    if (a.State == AlarmState.Silenced) reachedSilenced = true;
                }
                mgr.ActiveIds().Should().BeEquivalentTo(ids.Where(m.Active));
                events.Count(e => e.Type == EventTypes.AlarmRaised).Should().Be(m.Raised, "one alarm-raised per new occurrence");
                events.Count(e => e.Type == EventTypes.AlarmCleared).Should().Be(m.Cleared, "one alarm-cleared per occurrence ended");
                mgr.Records().Count.Should().Be(m.Raised);
            }
        }, ciIter: 300, print: ops => string.Join(", ", ops.Select(o => $"{o.Item1}({ids[o.Item2]},{o.Item3}m)")));
        reachedSilenced.Should().BeTrue("the walk must reach the silenced state");
    }
}
