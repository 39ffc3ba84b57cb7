using System.Reflection;
using System.Xml.Linq;
using PumpSim.Core.Engine;
using PumpSim.Core.Firmware;
using PumpSim.Core.Units;

namespace PumpSim.Core.Tests.Architecture;

/// <summary>PUMP.md §1: the firmware never reads the truth. The compiler is the real guard: the firmware
/// is the assembly PumpSim.Firmware, whose only PumpSim reference is PumpSim.Domain (units, programs,
/// events, alarm ids), and PumpSim.Core (plant, patient, engine) references it, so a reference back is a
/// cycle MSBuild refuses and a plant or patient type named in firmware code does not compile. These
/// tests pin the layout that makes that true, so a change that weakens it (a new reference, a plant or
/// patient type moved into an assembly the firmware sees) fails here with its reason.</summary>
public class WorldBoundaryTests
{
    private static readonly Assembly Firmware = typeof(PumpFirmware).Assembly;
    private static readonly Assembly Domain = typeof(Volume).Assembly;

    [Fact]
    public void Firmware_IsAnAssemblyOfItsOwn_WithItsDiagrams()
    {
        Firmware.GetName().Name.Should().Be("PumpSim.Firmware");
        Domain.GetName().Name.Should().Be("PumpSim.Domain");
        typeof(Simulation).Assembly.GetName().Name.Should().Be("PumpSim.Core");
        typeof(StateDiagrams).Assembly.Should().BeSameAs(Firmware, "the diagrams are drawn from the machines alone");
    }

    [Fact]
    public void FirmwareAssembly_ReferencesNoPumpSimAssemblyButDomain()
    {
        PumpSimReferences(Firmware).Should().Equal(["PumpSim.Domain"], "the built firmware uses nothing of Core");
        PumpSimReferences(Domain).Should().BeEmpty("what both worlds share depends on neither");
    }

    [Fact]
    public void FirmwareProject_ReferencesOnlyTheDomainProject()
    {
        ProjectReferences("PumpSim.Firmware").Should().Equal(["PumpSim.Domain"]);
        ProjectReferences("PumpSim.Domain").Should().BeEmpty();
    }

    [Fact]
    public void AssembliesTheFirmwareSees_HoldNoPlantPatientOrEngineType()
    {
        // The catheter's words (its fault kinds and their descriptor) travel in Domain because the
        // plant's events, the loader and the renderers carry them; every one of them must be in
        // src/PumpSim.Firmware/BannedSymbols.Firmware.txt, which keeps it out of firmware code (RS0030).
        var sharedWords = File.ReadAllLines(Path.Combine(FirmwareDiagramTests.RepoRoot(), "src", "PumpSim.Firmware", "BannedSymbols.Firmware.txt"))
            .Where(l => l.StartsWith("T:", StringComparison.Ordinal))
            .Select(l => l[2..l.IndexOf(';', StringComparison.Ordinal)]).ToArray();
        var leaks = Firmware.GetTypes().Concat(Domain.GetTypes())
            .Where(t => t.Namespace is "PumpSim.Core.Plant" or "PumpSim.Core.Patient" or "PumpSim.Core.Engine"
                or "PumpSim.Core.Accuracy" or "PumpSim.Core.Sweeps")
            .Select(t => Outermost(t).FullName!) // a lambda's closure class belongs to its type
            .Except(sharedWords);
        leaks.Should().BeEmpty("the plant, the patient and the engine belong to PumpSim.Core, which the firmware cannot reference");
    }

    private static string[] PumpSimReferences(Assembly a) =>
        a.GetReferencedAssemblies().Select(r => r.Name!).Where(n => n.StartsWith("PumpSim.", StringComparison.Ordinal)).Order(StringComparer.Ordinal).ToArray();

    private static string[] ProjectReferences(string project) =>
        XDocument.Load(Path.Combine(FirmwareDiagramTests.RepoRoot(), "src", project, project + ".csproj"))
            .Descendants("ProjectReference")
            .Select(r => Path.GetFileNameWithoutExtension(r.Attribute("Include")!.Value.Replace('\\', '/')))
            .Order(StringComparer.Ordinal).ToArray();

    private static Type Outermost(Type t) => t.DeclaringType is { } d ? Outermost(d) : t;
}
