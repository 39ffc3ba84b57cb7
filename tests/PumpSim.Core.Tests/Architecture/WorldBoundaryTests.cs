using System.Reflection;
using PumpSim.Core.Firmware;

namespace PumpSim.Core.Tests.Architecture;

/// <summary>PUMP.md §1: the firmware never reads the truth. Its types may not hold, take or return
/// anything of the plant (or of the patient): it sees the plant only through <see cref="IPumpSensors"/>.</summary>
public class WorldBoundaryTests
{
    private const BindingFlags All = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;

    private static IEnumerable<Type> Mentioned(Type t)
    {
        foreach (var f in t.GetFields(All)) yield return f.FieldType;
        foreach (var p in t.GetProperties(All)) yield return p.PropertyType;
        foreach (var m in t.GetMethods(All))
        {
            yield return m.ReturnType;
            foreach (var p in m.GetParameters()) yield return p.ParameterType;
        }
        foreach (var c in t.GetConstructors(All))
            foreach (var p in c.GetParameters()) yield return p.ParameterType;
    }

    private static IEnumerable<Type> Unwrap(Type t)
    {
        yield return t;
        if (t.HasElementType) foreach (var e in Unwrap(t.GetElementType()!)) yield return e;
        if (t.IsGenericType) foreach (var a in t.GetGenericArguments()) foreach (var e in Unwrap(a)) yield return e;
    }

    [Fact]
    public void FirmwareTypes_NameNoPlantOrPatientType()
    {
        var firmware = typeof(PumpFirmware).Assembly.GetTypes()
            .Where(t => t.Namespace == "PumpSim.Core.Firmware").ToList();
        firmware.Should().Contain(typeof(PumpFirmware));
        var leaks = firmware
            .SelectMany(t => Mentioned(t).SelectMany(Unwrap).Select(m => (Owner: t, Type: m)))
            .Where(x => x.Type.Namespace is "PumpSim.Core.Plant" or "PumpSim.Core.Patient" or "PumpSim.Core.Engine")
            .Select(x => $"{x.Owner.Name} → {x.Type.FullName}")
            .Distinct()
            .ToList();
        leaks.Should().BeEmpty("the firmware must be built from its settings and sensors alone");
    }
}
