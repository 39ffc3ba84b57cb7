using PumpSim.Cli.Infrastructure;
using Spectre.Console.Cli;
using Spectre.Console.Cli.Help;

namespace PumpSim.Cli.Tests;

/// <summary>The registrar builds Spectre's lists as typed arrays it names (no Array.CreateInstance,
/// which a native binary may lack the code for), and says which list it was asked for otherwise.</summary>
public class TypeRegistrarTests
{
    private sealed class Interceptor : ICommandInterceptor;

    [Fact]
    public void Resolve_ListOfInterceptors_IsATypedArrayOfEveryRegistration()
    {
        var registrar = new TypeRegistrar();
        var first = new Interceptor();
        var second = new Interceptor();
        registrar.RegisterInstance(typeof(ICommandInterceptor), first);
        registrar.RegisterInstance(typeof(ICommandInterceptor), second);
        var list = registrar.Build().Resolve(typeof(IEnumerable<ICommandInterceptor>));
        list.Should().BeOfType<ICommandInterceptor[]>().Which.Should().Equal(first, second);
    }

    [Fact]
    public void Resolve_ListOfHelpProviders_IsEmptyWhenNoneIsRegistered()
    {
        var list = new TypeRegistrar().Build().Resolve(typeof(IEnumerable<IHelpProvider>));
        list.Should().BeOfType<IHelpProvider[]>().Which.Should().BeEmpty();
    }

    [Fact]
    public void Resolve_ListOfAnotherType_SaysWhichList()
    {
        var act = () => new TypeRegistrar().Build().Resolve(typeof(IEnumerable<string>));
        act.Should().Throw<InvalidOperationException>().WithMessage("*System.String*");
    }
}
