using System.Text;

namespace PumpSim.Reports;

/// <summary>HTML escaping for every piece of user text (scenario titles, narration, expectation
/// details). Our own escaper rather than WebUtility.HtmlEncode: that one rewrites some non-ASCII
/// letters as numeric entities, and the page is UTF-8, so only the five markup characters need it.</summary>
internal static class Html
{
    public static string Escape(string? text)
    {
        if (string.IsNullOrEmpty(text)) return "";
        var sb = new StringBuilder(text.Length + 16);
        foreach (var c in text)
        {
            switch (c)
            {
                case '&': sb.Append("&amp;"); break;
                case '<': sb.Append("&lt;"); break;
                case '>': sb.Append("&gt;"); break;
                case '"': sb.Append("&quot;"); break;
                case '\'': sb.Append("&#39;"); break;
                default: sb.Append(c); break;
            }
        }
        return sb.ToString();
    }
}
