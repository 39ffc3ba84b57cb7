namespace PumpSim.Reports;

/// <summary>One set of colours for every chart and the page's CSS, so a reader learns once that
/// blue is what really happened (true reservoir, dose reaching CSF) and dashed orange is what the
/// pump believes or was told (estimated reservoir, programmed dose).</summary>
internal static class ChartPalette
{
    public const string True = "#1f77b4";
    public const string Estimated = "#ff7f0e";
    /// <summary>The estimate's orange, darkened for text: #ff7f0e on white is 2.53:1, below WCAG AA's
    /// 4.5:1 (axe-core: serious); #b35900 is 6.6:1 (relative luminance 0.108: (1.05)/(0.158)).</summary>
    public const string EstimatedText = "#b35900";
    public const string Leaked = "#d62728";
    public const string Alarm = "#8c1c13";
    public const string Battery = "#2ca02c";
    public const string Patient = "#9467bd";
    public const string Capacity = "#7f7f7f";
    public const string RiskHigh = "#d62728";
    public const string RiskMedium = "#ff7f0e";
    /// <summary>Teal, so an overdose risk never reads as the red of withdrawal (both were pink when faded).</summary>
    public const string RiskOverdose = "#17becf";
    public const string Pocket = "#8c564b";
    public const string Critical = "#c0392b";
    public const string NonCritical = "#e6a117";
}
