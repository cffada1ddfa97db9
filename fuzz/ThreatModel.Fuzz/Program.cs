using SharpFuzz;
using ThreatModel.Fuzz;

// afl-fuzz (default): runs under AFL++'s fork server, input on the stream.
// --libfuzzer: runs under the libfuzzer-dotnet bridge.
// --replay FILE|DIR...: runs the target over files without a fuzzer (reproduce a crash, smoke-test the corpus).
if (args.Length > 0 && args[0] == "--replay")
{
    var files = args.Skip(1).SelectMany(p => Directory.Exists(p) ? Directory.GetFiles(p, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal) : (IEnumerable<string>)[p]).ToList();
    var failures = 0;
    foreach (var file in files)
    {
        try
        {
            FuzzTarget.Run(File.ReadAllBytes(file));
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            failures++;
            Console.Error.WriteLine($"{file}: {ex}");
        }
    }

    Console.WriteLine($"{files.Count} inputs, {failures} crashes");
    return failures == 0 ? 0 : 1;
}

if (args.Length > 0 && args[0] == "--libfuzzer")
{
    Fuzzer.LibFuzzer.Run(span => FuzzTarget.Run(span));
    return 0;
}

Fuzzer.OutOfProcess.Run(stream =>
{
    using var memory = new MemoryStream();
    stream.CopyTo(memory);
    FuzzTarget.Run(memory.ToArray());
});
return 0;
