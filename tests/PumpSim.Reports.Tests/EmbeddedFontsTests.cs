namespace PumpSim.Reports.Tests;

public class EmbeddedFontsTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void EmbeddedFonts_GiveDejaVuSansFromTheAssemblyItself(bool bold)
    {
        using var typeface = new EmbeddedFonts().CreateTypeface(EmbeddedFonts.Family, bold, italic: false);
        typeface.Should().NotBeNull();
        typeface!.FamilyName.Should().Be("DejaVu Sans");
        typeface.IsBold.Should().Be(bold);
        typeface.ContainsGlyphs("days from start µ±–").Should().BeTrue();
    }

    [Fact]
    public void EmbeddedFonts_LeaveOtherFamiliesToTheSystem() =>
        new EmbeddedFonts().CreateTypeface("Comic Sans MS", bold: false, italic: false).Should().BeNull();
}
