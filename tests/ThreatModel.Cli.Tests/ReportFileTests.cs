using System.Text;

namespace ThreatModel.Cli.Tests;

/// <summary>
/// Where reports go (issue 10, "Files and resources"): never through a symbolic link, never onto a file the command
/// reads, atomically over a previous report, straight into a stream such as /dev/null; a failed write is exit 2.
/// </summary>
public class ReportFileTests
{
    private const string Executable = "#!/bin/sh\necho deploy\n";

    [Fact]
    public void CheckOut_RefusesASymbolicLink_AndLeavesWhatItPointsAtUntouched()
    {
        // A pull request commits reports/threatmodel.txt as a link to a script that CI runs later.
        using var temp = new TempFolder();
        var script = temp.File("deploy.sh", Executable);
        var link = temp.File("reports/threatmodel.txt");
        File.CreateSymbolicLink(link, script);

        var run = CliHarness.Run("check", temp.File("s.yaml", "scoring"), "--out", link);

        run.ExitCode.Should().Be(2, run.ToString());
        run.Err.Should().Contain($"'{link}' is a symbolic link").And.Contain("never writes through a symbolic link").And.NotContain("internal error");
        File.ReadAllText(script).Should().Be(Executable);
        new FileInfo(link).LinkTarget.Should().Be(script);
    }

    [Fact]
    public void CheckOutput_RefusesAReportNameThatIsASymbolicLink_InTheOutputFolder()
    {
        using var temp = new TempFolder();
        var script = temp.File("deploy.sh", Executable);
        File.CreateSymbolicLink(temp.File("out/s.sarif"), script);

        var run = CliHarness.Run("check", temp.File("s.yaml", "scoring"), "--format", "text", "--format", "sarif", "--output", Path.Combine(temp.Path, "out"));

        run.ExitCode.Should().Be(2, run.ToString());
        run.Err.Should().Contain("is a symbolic link");
        File.ReadAllText(script).Should().Be(Executable);
        File.Exists(temp.File("out/s.txt")).Should().BeFalse("no report is written when one of the targets is refused");
    }

    [Fact]
    public void DiagramOut_RefusesASymbolicLink()
    {
        using var temp = new TempFolder();
        var script = temp.File("deploy.sh", Executable);
        var link = temp.File("diagram.mmd");
        File.CreateSymbolicLink(link, script);

        var run = CliHarness.Run("diagram", temp.File("s.yaml", "scoring"), "--out", link);

        run.ExitCode.Should().Be(2, run.ToString());
        File.ReadAllText(script).Should().Be(Executable);
    }

    [Fact]
    public void CheckOut_RefusesTheDesignBeingChecked()
    {
        using var temp = new TempFolder();
        var design = temp.File("design.yaml", "scoring");

        var run = CliHarness.Run("check", design, "--format", "text", "--out", design);

        run.ExitCode.Should().Be(2, run.ToString());
        run.Err.Should().Contain("a report never overwrites its input");
        File.ReadAllText(design).Should().Be("scoring");
    }

    [Fact]
    public void CheckOut_RefusesTheDesign_WhenAnotherPathNamesIt()
    {
        using var temp = new TempFolder();
        var design = temp.File("docs/design.yaml", "scoring");
        var roundabout = Path.Combine(temp.Path, "docs", "..", "docs", ".", "design.yaml");

        var run = CliHarness.Run("check", design, "--format", "text", "--out", roundabout);

        run.ExitCode.Should().Be(2, run.ToString());
        File.ReadAllText(design).Should().Be("scoring");
    }

    [SkippableOnWindowsFact]
    public void CheckOut_RefusesAHardLinkToTheDesign()
    {
        using var temp = new TempFolder();
        var design = temp.File("design.yaml", "scoring");
        var other = Path.Combine(temp.Path, "report.txt");
        ProcessRunner.Run("ln", [design, other], temp.Path, TimeSpan.FromSeconds(10)).ExitCode.Should().Be(0);

        var run = CliHarness.Run("check", design, "--out", other);

        run.ExitCode.Should().Be(2, run.ToString());
        run.Err.Should().Contain($"'{other}' is a file this command reads ('{design}')");
        File.ReadAllText(design).Should().Be("scoring");
    }

    [Fact]
    public void CheckOut_RefusesTheBaselineBeingRead()
    {
        using var temp = new TempFolder();
        var design = temp.File("s.yaml", "scoring");
        var baseline = temp.File("baseline.json");
        CliHarness.Run("baseline", design, "-o", baseline, "--justification", "reviewed", "--accepted-by", "privacy").ExitCode.Should().Be(0);
        var before = File.ReadAllText(baseline);

        var run = CliHarness.Run("check", design, "--baseline", baseline, "--format", "json", "--out", baseline);

        run.ExitCode.Should().Be(2, run.ToString());
        run.Err.Should().Contain("a report never overwrites its input");
        File.ReadAllText(baseline).Should().Be(before);
    }

    [Fact]
    public void DiffOut_RefusesTheNewDesign()
    {
        using var temp = new TempFolder();
        var old = temp.File("old.yaml", "clean");
        var @new = temp.File("new.yaml", "scoring");

        var run = CliHarness.Run("diff", old, @new, "--out", @new);

        run.ExitCode.Should().Be(2, run.ToString());
        File.ReadAllText(@new).Should().Be("scoring");
    }

    [Fact]
    public void BaselineOut_RefusesTheDesign_ButRewritesItsOwnBaseline()
    {
        using var temp = new TempFolder();
        var design = temp.File("s.yaml", "scoring");
        var baseline = temp.File("baseline.json");

        CliHarness.Run("baseline", design, "-o", design, "-j", "reviewed", "--accepted-by", "privacy").ExitCode.Should().Be(2);
        File.ReadAllText(design).Should().Be("scoring");
        CliHarness.Run("baseline", design, "-o", baseline, "-j", "reviewed", "--accepted-by", "privacy").ExitCode.Should().Be(0);
        CliHarness.Run("baseline", design, "-o", baseline, "-j", "again", "--accepted-by", "privacy").ExitCode.Should().Be(0);
    }

    [Fact]
    public void CheckOut_ReplacesThePreviousReport_AndLeavesNoTemporaryFile()
    {
        using var temp = new TempFolder();
        var report = temp.File("report.txt", "the previous report");

        var run = CliHarness.Run("check", temp.File("s.yaml", "scoring"), "--out", report);

        run.ExitCode.Should().Be(1, run.ToString());
        File.ReadAllText(report).Should().StartWith("scoring: 1 finding");
        Directory.GetFiles(temp.Path).Select(Path.GetFileName).Should().BeEquivalentTo(["report.txt", "s.yaml"]);
    }

    [Fact]
    public void AReportThatFailsMidWrite_LeavesTheLastGoodReport_AndNoTemporaryFile()
    {
        using var temp = new TempFolder();
        var report = temp.File("report.sarif", "{\"the\": \"last good report\"}");

        var write = () => ReportFile.Write(report, [], stream =>
        {
            stream.Write(Encoding.UTF8.GetBytes("{\"runs\": [ {\"results\": ["));
            throw new IOException("the disk went away");
        });

        write.Should().Throw<UsageException>().WithMessage($"Cannot write '{report}': the disk went away");
        File.ReadAllText(report).Should().Be("{\"the\": \"last good report\"}");
        Directory.GetFiles(temp.Path).Should().ContainSingle();
    }

    [Fact]
    public void AReportThatCrashesMidWrite_LeavesNoTemporaryFile_AndStaysAnInternalError()
    {
        using var temp = new TempFolder();
        var report = temp.File("report.md", "last good");

        var write = () => ReportFile.Write(report, [], _ => throw new InvalidOperationException("a bug in a writer"));

        write.Should().Throw<InvalidOperationException>();
        File.ReadAllText(report).Should().Be("last good");
        Directory.GetFiles(temp.Path).Should().ContainSingle();
    }

    [Fact]
    public void CheckOut_ExitsTwo_WithTheOsMessageAndThePath_WhenTheFolderCannotBeMade()
    {
        using var temp = new TempFolder();
        var blocker = temp.File("reports", "a file where the folder should be");
        var target = Path.Combine(blocker, "threatmodel.txt");

        var run = CliHarness.Run("check", temp.File("s.yaml", "scoring"), "--out", target);

        run.ExitCode.Should().Be(2, run.ToString());
        run.Err.Should().Contain("threatmodel: error: Cannot write").And.Contain(target).And.NotContain("internal error").And.NotContain("   at ");
    }

    [SkippableOnWindowsFact]
    public void CheckOut_DevFull_IsAnIoErrorWithTheOsMessage_NotABug()
    {
        var run = CliHarness.Run("check", ScoringDesign(), "--format", "text", "--out", "/dev/full");

        run.ExitCode.Should().Be(2, run.ToString());
        run.Err.Should().Contain("Cannot write '/dev/full'").And.Contain("No space left on device").And.NotContain("this is a bug");
    }

    [SkippableOnWindowsFact]
    public void CheckOut_DevNull_IsWrittenStraight_AndNotReplaced()
    {
        var run = CliHarness.Run("check", ScoringDesign(), "--format", "sarif", "--out", "/dev/null");

        run.ExitCode.Should().Be(1, run.ToString());
        run.Err.Should().Contain("wrote sarif report to /dev/null");
        FileKinds.Of("/dev/null").Should().Be(FileKind.Stream);
    }

    [SkippableOnWindowsFact]
    public void CheckOut_AFifo_IsWrittenStraight_AndStaysAFifo()
    {
        using var temp = new TempFolder();
        var fifo = Path.Combine(temp.Path, "report.txt");
        ProcessRunner.Run("mkfifo", [fifo], temp.Path, TimeSpan.FromSeconds(10)).ExitCode.Should().Be(0);
        var reader = Task.Run(() => File.ReadAllText(fifo));

        var run = CliHarness.Run("check", temp.File("s.yaml", "scoring"), "--out", fifo);

        run.ExitCode.Should().Be(1, run.ToString());
        reader.Wait(TimeSpan.FromSeconds(10)).Should().BeTrue();
        reader.Result.Should().StartWith("scoring: 1 finding");
        FileKinds.Of(fifo).Should().Be(FileKind.Stream);
    }

    private static string ScoringDesign()
    {
        var temp = Directory.CreateTempSubdirectory("threatmodel-cli-").FullName;
        var path = Path.Combine(temp, "s.yaml");
        File.WriteAllText(path, "scoring");
        return path;
    }
}

/// <summary>A fact about Unix files and devices (/dev/full, /dev/zero, FIFOs): skipped on Windows.</summary>
internal sealed class SkippableOnWindowsFactAttribute : FactAttribute
{
    public SkippableOnWindowsFactAttribute()
    {
        if (OperatingSystem.IsWindows())
            Skip = "Unix devices and FIFOs";
    }
}

/// <summary>Standard output that fails like a full disk: every write throws the operating system's error.</summary>
internal sealed class FullDiskWriter : TextWriter
{
    public override Encoding Encoding => Encoding.UTF8;

    public override void Write(char value) => throw new IOException("No space left on device");

    public override void Write(string? value) => throw new IOException("No space left on device");

    public override void Flush() => throw new IOException("No space left on device");
}

public class StandardOutputErrorTests
{
    [Theory]
    [InlineData("check")]
    [InlineData("validate")]
    [InlineData("diagram")]
    public void AStandardOutputOnAFullDisk_IsExitTwoWithTheOsMessage_NotABug(string command)
    {
        using var temp = new TempFolder();
        using var error = new StringWriter();
        using var output = new FullDiskWriter();

        var code = CliApplication.Run([command, temp.File("s.yaml", "scoring")], output, error, CliHarness.Environment());

        code.Should().Be(2, error.ToString());
        error.ToString().Should().Contain("No space left on device").And.StartWith("threatmodel: error: ").And.NotContain("this is a bug");
    }

    [Fact]
    public void RulesOnAFullDisk_IsExitTwo()
    {
        using var error = new StringWriter();
        using var output = new FullDiskWriter();

        var code = CliApplication.Run(["rules"], output, error, CliHarness.Environment());

        code.Should().Be(2, error.ToString());
        error.ToString().Should().Contain("No space left on device");
    }
}
