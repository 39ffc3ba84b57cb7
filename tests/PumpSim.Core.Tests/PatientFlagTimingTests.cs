using PumpSim.Core.Engine;
using PumpSim.Core.Events;
using PumpSim.Core.Patient;
using PumpSim.Core.Plant;
using PumpSim.Core.Units;
using static PumpSim.Core.Tests.Plans;

namespace PumpSim.Core.Tests;

/// <summary>The seconds at which the illustrative patient's flags are raised, worked by hand.</summary>
public class PatientFlagTimingTests
{
    [Fact]
    public void AfterAFullKink_UnderdoseAndWithdrawalRiskComeAtTheirWorkedSeconds()
    {
        // Maintained at 500 mcg/day, CSF half-life 1 h, effect half-life 2 h (k = 2·ke0). A full kink
        // at 1 d stops the input: from the steady state Ce/c0 = 2x − x² with x = e^(−ke0·t).
        //   60 %: x = 1 − √0.4 = 0.367544, t = ln(1/x) · 7200 / ln 2 = 10 396.87 s → second 10 397.
        //   30 %: x = 1 − √0.7 = 0.163340, t = 18 821.16 s → second 18 822; withdrawal risk 6 h later,
        //   at 18 822 + 21 600 = 40 422 s.
        var plan = OneMlPerDay(2, "1h") with
        {
            Patient = new PatientParameters
            {
                MaintenanceMcgPerDay = 500,
                CsfHalfLife = SimDuration.FromHours(1),
                EffectHalfLife = SimDuration.FromHours(2),
            },
        };
        var r = Simulation.Run(plan.WithActions(Act("1d", new CatheterFaultAction(CatheterFaultKind.Kink))));
        var raised = r.Events.OfType<PatientFlagRaised>().Select(e => (e.Flag, e.At)).ToArray();
        raised.Should().Equal(
            (Simulation.Underdose, Day(1) + SimDuration.FromSeconds(10_397)),
            (Simulation.WithdrawalRisk, Day(1) + SimDuration.FromSeconds(40_422)));
    }

    [Fact]
    public void WithdrawalRisk_IsAtItsWorkedSecond_WhateverTheSampleInterval()
    {
        // As above (30 % at 1 d + 18 822 s, withdrawal risk 21 600 s later), with one sample a day.
        var plan = OneMlPerDay(3, "1h") with
        {
            Sample = SimDuration.FromDays(1),
            Patient = new PatientParameters
            {
                MaintenanceMcgPerDay = 500,
                CsfHalfLife = SimDuration.FromHours(1),
                EffectHalfLife = SimDuration.FromHours(2),
            },
        };
        var r = Simulation.Run(plan.WithActions(Act("1d", new CatheterFaultAction(CatheterFaultKind.Kink))));
        r.Events.OfType<PatientFlagRaised>().Select(e => (e.Flag, e.At)).Should().Equal(
            (Simulation.Underdose, Day(1) + SimDuration.FromSeconds(10_397)),
            (Simulation.WithdrawalRisk, Day(1) + SimDuration.FromSeconds(40_422)));
    }
}
