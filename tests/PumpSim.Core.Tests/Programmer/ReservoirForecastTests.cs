using PumpSim.Core.Programmer;
using PumpSim.Core.Therapy;
using PumpSim.Core.Units;

namespace PumpSim.Core.Tests.Programmer;

public class ReservoirForecastTests
{
    [Fact]
    public void Of_DaysToTheAlarmAndToEmpty()
    {
        // 20 mL at 0.9 mL/day: (20 − 2) / 0.9 = 20 days to the alarm, 20 / 0.9 = 22.222 to empty.
        var f = ReservoirForecast.Of(Volume.FromMl(20), Volume.FromMl(2), FlowRate.FromMlPerDay(0.9));
        f.DaysToLowReservoirAlarm.Should().BeApproximately(20, 1e-9);
        f.DaysToEmpty.Should().BeApproximately(22.2222222, 1e-6);
    }

    [Fact]
    public void Of_BelowTheAlarmAlready_IsZeroDays()
    {
        ReservoirForecast.Of(Volume.FromMl(1.5), Volume.FromMl(2), FlowRate.FromMlPerDay(0.5)).DaysToLowReservoirAlarm.Should().Be(0);
    }

    [Fact]
    public void Of_NothingFlowing_IsForever() =>
        ReservoirForecast.Of(Volume.FromMl(20), Volume.FromMl(2), FlowRate.Zero).DaysToEmpty.Should().Be(double.PositiveInfinity);

    [Theory]
    [InlineData(2, true)]
    [InlineData(0.5, true)]
    [InlineData(0.4, false)]  // below 0.5 mL
    [InlineData(10, true)]    // half of 20 mL
    [InlineData(10.5, false)]
    public void AlarmSettings_RangeIsHalfTheCapacity(double ml, bool inRange) =>
        AlarmSettingsView.Of(Volume.FromMl(ml), PumpProfile.SynchroMedII20, FlowRate.FromMlPerDay(0.9)).InRange.Should().Be(inRange);

    [Fact]
    public void AlarmSettings_DaysFromTheAlarmToEmpty()
    {
        // 2 mL at 0.9 mL/day = 2.222 days of warning; 0.5 mL = 0.556.
        AlarmSettingsView.Of(Volume.FromMl(2), PumpProfile.SynchroMedII20, FlowRate.FromMlPerDay(0.9)).DaysFromAlarmToEmpty.Should().BeApproximately(2.2222222, 1e-6);
        AlarmSettingsView.Of(Volume.FromMl(0.5), PumpProfile.SynchroMedII20, FlowRate.FromMlPerDay(0.9)).DaysFromAlarmToEmpty.Should().BeApproximately(0.5555556, 1e-6);
    }
}
