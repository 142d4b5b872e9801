using BenchmarkDotNet.Running;

namespace PrivacyDesk.Bench.Plans;

public static class Program
{
    public static void Main(string[] args) => BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
}
