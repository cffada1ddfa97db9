using ThreatModel.Analysis;
using ThreatModel.Reporting;

namespace ThreatModel.Tests.Reporting;

internal static class WriterHarness
{
    public static string Render(IReportWriter writer, AnalysisResult result, ReportOptions? options = null)
    {
        using var output = new StringWriter { NewLine = "\r\n" }; // writers must not depend on the writer's NewLine
        writer.Write(result, output, options ?? ReportOptions.Default);
        return output.ToString();
    }
}
