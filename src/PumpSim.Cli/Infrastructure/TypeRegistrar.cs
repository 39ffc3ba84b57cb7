using Spectre.Console.Cli;

namespace PumpSim.Cli.Infrastructure;

/// <summary>The smallest registrar Spectre.Console.Cli needs: it lets commands take the console and
/// the error writer in their constructors, so tests swap both.</summary>
internal sealed class TypeRegistrar : ITypeRegistrar
{
    private readonly Dictionary<Type, Func<object>> _factories = [];

    public void Register(Type service, Type implementation) => _factories[service] = () => Create(implementation);
    public void RegisterInstance(Type service, object implementation) => _factories[service] = () => implementation;
    public void RegisterLazy(Type service, Func<object> factory) => _factories[service] = factory;
    public ITypeResolver Build() => new Resolver(this);

    private object Create(Type type)
    {
        var ctor = type.GetConstructors().OrderByDescending(c => c.GetParameters().Length).First();
        var args = ctor.GetParameters().Select(p => Resolve(p.ParameterType)).ToArray();
        return ctor.Invoke(args);
    }

    private object Resolve(Type type) =>
        _factories.TryGetValue(type, out var f) ? f() : Create(type);

    private sealed class Resolver(TypeRegistrar registrar) : ITypeResolver
    {
        public object? Resolve(Type? type) => type is null ? null : registrar.Resolve(type);
    }
}
