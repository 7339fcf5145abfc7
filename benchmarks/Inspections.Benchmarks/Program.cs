using Inspections.Benchmarks;

// Benchmarks: dotnet run -c Release --project benchmarks/Inspections.Benchmarks -- <command> [options]
// Each command is one IBenchmark; add new ones (planning, tiles, sync…) to this table.
IBenchmark[] benchmarks =
[
    new NoticeBenchmark(),
    new DocumentSamplesCommand(),
    new PlanBenchmark(),
    new TilesBenchmark(),
    new DashboardBenchmark(),
    new SyncBenchmark(),
];

if (args.Length == 0 || args[0] is "-h" or "--help" or "help")
{
    Console.WriteLine("usage: Inspections.Benchmarks <command> [options]");
    Console.WriteLine();
    foreach (var b in benchmarks)
    {
        Console.WriteLine($"  {b.Name,-10} {b.Description}");
        Console.WriteLine($"  {"",-10} options: {b.Usage}");
    }

    return args.Length == 0 ? 2 : 0;
}

var benchmark = benchmarks.FirstOrDefault(b => b.Name == args[0]);
if (benchmark is null)
{
    Console.Error.WriteLine($"unknown command '{args[0]}' (known: {string.Join(", ", benchmarks.Select(b => b.Name))})");
    return 2;
}

try
{
    return benchmark.Run(BenchmarkArgs.Parse(args.Skip(1)));
}
catch (ArgumentException e)
{
    Console.Error.WriteLine($"{benchmark.Name}: {e.Message}");
    Console.Error.WriteLine($"options: {benchmark.Usage}");
    return 2;
}
