namespace PumpSim.Reports.Tests;

public class TelemetryCsvWriterTests
{
    private static string[] Lines()
    {
        var text = Render.Text(w => TelemetryCsvWriter.Write(w, SampleRun.Result().Telemetry));
        text.Should().EndWith("\n").And.NotContain("\r");
        return text.Split('\n')[..^1];
    }

    [Fact]
    public void TelemetryCsv_HeaderIsExact_AndThereIsOneRowPerSample()
    {
        var lines = Lines();
        lines[0].Should().Be("t,therapy_state,programmed_mcg_per_day,pumped_ml_per_day,reservoir_true_ml,reservoir_estimated_ml,catheter_state,delivered_csf_mcg_cumulative,leaked_mcg_cumulative,battery_days_remaining,active_alarms,patient_spasticity,patient_effect_pct,concentration_mcg_per_ml,programmed_concentration_mcg_per_ml");
        lines.Should().HaveCount(1 + 100);
    }

    [Fact]
    public void TelemetryCsv_Numbers_HaveFixedDecimals_AndPatientColumnsAreEmptyWhenNull()
    {
        var lines = Lines();
        lines[1].Should().Be("2026-01-13T00:00:00Z,running,100.000,0.200000,20.000000,20.000000,patent,0.000,0.000,2000.00,,1.000,20.00,500.000,500.000");
        lines[1 + 3].Should().EndWith(",,,500.000,500.000");
    }

    [Fact]
    public void TelemetryCsv_FieldsWithCommas_AreQuoted_AndAlarmsJoinedWithSemicolons()
    {
        var lines = Lines();
        lines[1 + 50].Should().Contain(",\"leak, partial\",");
        lines[1 + 90].Should().Contain(",low-reservoir;motor-stall,");
    }

    [Fact]
    public void TelemetryCsv_Quotes_AreDoubled() => TelemetryCsvWriter.Field("a \"b\"").Should().Be("\"a \"\"b\"\"\"");
}
