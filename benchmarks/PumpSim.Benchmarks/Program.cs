using BenchmarkDotNet.Running;

// `dotnet run -c Release --project benchmarks/PumpSim.Benchmarks -- --filter '*'`
BenchmarkSwitcher.FromAssembly(typeof(PumpSim.Benchmarks.EngineBenchmarks).Assembly).Run(args);
