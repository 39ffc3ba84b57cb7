using Spectre.Console.Cli;

namespace PumpSim.Cli.Infrastructure;

/// <summary>The smallest registrar Spectre.Console.Cli needs: it lets commands take the console and
/// the error writer in their constructors, so tests swap both. Spectre also asks for
/// IEnumerable&lt;T&gt; of a service, so every registration of a service is kept, in order.</summary>
internal sealed class TypeRegistrar : ITypeRegistrar
{
    private readonly Dictionary<Type, List<Func<object>>> _factories = [];

    public void Register(Type service, Type implementation) => Add(service, () => Create(implementation));
    public void RegisterInstance(Type service, object implementation) => Add(service, () => implementation);
    public void RegisterLazy(Type service, Func<object> factory) => Add(service, factory);
    public ITypeResolver Build() => new Resolver(this);

    private void Add(Type service, Func<object> factory)
    {
        if (!_factories.TryGetValue(service, out var list)) _factories[service] = list = [];
        list.Add(factory);
    }

    private object Create(Type type)
    {
        var ctor = type.GetConstructors().OrderByDescending(c => c.GetParameters().Length).First();
        var args = ctor.GetParameters().Select(p => Resolve(p.ParameterType)).ToArray();
        return ctor.Invoke(args);
    }

    private object? Resolve(Type type)
    {
        if (_factories.TryGetValue(type, out var list)) return list[^1]();
        if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(IEnumerable<>))
        {
            var item = type.GetGenericArguments()[0];
            var all = _factories.TryGetValue(item, out var l) ? l.Select(f => f()).ToArray() : [];
            var array = Array.CreateInstance(item, all.Length);
            for (var i = 0; i < all.Length; i++) array.SetValue(all[i], i);
            return array;
        }
        if (type.IsInterface || type.IsAbstract) return null;
        return Create(type);
    }

    private sealed class Resolver(TypeRegistrar registrar) : ITypeResolver
    {
        public object? Resolve(Type? type) => type is null ? null : registrar.Resolve(type);
    }
}
