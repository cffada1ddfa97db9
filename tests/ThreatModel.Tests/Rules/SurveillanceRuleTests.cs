using ThreatModel.Analysis;
using ThreatModel.Findings;
using ThreatModel.Model;
using ThreatModel.Rules;

namespace ThreatModel.Tests.Rules;

public class SurveillanceRuleTests
{
    private static readonly CollectionSpec Continuous = new(Continuous: true, Covert: false);

    /// <summary>An employer's app that reports workers' positions.</summary>
    private static SystemModel Tracking(CollectionSpec? collection, string? kind = "employer") =>
        new SystemModelBuilder("worker tracking")
            .Subject("workers", 20_000)
            .Item("worker-id", DataItemKind.DirectIdentifier, "workers")
            .Item("gps", DataItemKind.Location, "workers", precisionMetres: 10)
            .Organization("employer", kind: kind)
            .Person("worker", "workers")
            .Process("tracker", "employer")
            .Flow("f-gps", "worker", "tracker", ["worker-id", "gps"], "employment", collection: collection)
            .Build();

    /// <summary>Alice messages Bob through a platform's relay.</summary>
    private static SystemModelBuilder Messenger(Protections? protections = null, CollectionSpec? collection = null) =>
        new SystemModelBuilder("messenger")
            .Subject("users", 1_000_000_000)
            .Item("message", DataItemKind.CommunicationContent, "users")
            .Item("envelope", DataItemKind.CommunicationMetadata, "users")
            .Organization("platform-co", kind: "platform")
            .Person("alice", "users")
            .Person("bob", "users")
            .Process("relay", "platform-co")
            .Flow("f-send", "alice", "relay", ["message", "envelope"], "messaging", protections, collection: collection)
            .Flow("f-deliver", "relay", "bob", ["message", "envelope"], "messaging", protections);

    private static IReadOnlyList<Finding> Run(SystemModel model) =>
        new Analyzer([new SurveillanceRule()]).Analyze(model).Findings;

    [Fact]
    public void Fires_WhenAnEmployerCollectsWorkersPositionsContinuously()
    {
        var finding = Run(Tracking(Continuous)).Should().ContainSingle().Subject;

        finding.RuleId.Should().Be("TM009");
        finding.Subjects.Should().Equal("workers");
        finding.Items.Should().Equal("gps");
        finding.Elements.Should().Equal("tracker");
        finding.EvidencePath.Should().Equal("f-gps");
        finding.Likelihood.Should().Be(Likelihood.Certain);
        finding.Impact.Should().Be(Impact.Major);
        finding.Severity.Should().Be(Severity.High);
        finding.Title.Should().Contain("whereabouts");
    }

    [Fact]
    public void IsQuiet_WhenPositionsAreSentOnlyWhenTheWorkerActs()
    {
        Run(Tracking(CollectionSpec.Ordinary)).Should().BeEmpty();
    }

    [Fact]
    public void IsQuiet_WhenTheCollectorHasNoPowerOverThePeople()
    {
        Run(Tracking(Continuous, kind: "company")).Should().BeEmpty();
    }

    [Fact]
    public void RatesSevere_WhenCollectionIsCovert()
    {
        var finding = Run(Tracking(new CollectionSpec(Continuous: true, Covert: true))).Should().ContainSingle().Subject;

        finding.Impact.Should().Be(Impact.Severe);
        finding.Mitigation.Should().Contain("overt");
    }

    [Fact]
    public void Fires_ForContentAndMetadata_WhenThePlatformRelaysMessagesItCanRead()
    {
        var findings = Run(Messenger().Build());

        findings.Should().HaveCount(2);
        var content = findings.Should().ContainSingle(f => f.Key == "platform-co|users|communication-content").Subject;
        content.Items.Should().Equal("message");
        content.EvidencePath.Should().Equal("f-send", "f-deliver");
        content.Likelihood.Should().Be(Likelihood.Certain);
        content.Severity.Should().Be(Severity.High);
        var metadata = findings.Should().ContainSingle(f => f.Key == "platform-co|users|communication-metadata").Subject;
        metadata.Severity.Should().Be(Severity.Medium);
    }

    [Fact]
    public void ReportsOnlyMetadata_WhenContentIsEndToEndEncrypted()
    {
        var e2e = Protections.None with { EndToEndEncrypted = true };

        var finding = Run(Messenger(e2e).Build()).Should().ContainSingle().Subject;

        finding.Key.Should().EndWith("communication-metadata");
    }

    [Fact]
    public void ReportsOneFinding_WhenTheSameContentIsBothCollectedCovertlyAndReadOnRelay()
    {
        var findings = Run(Messenger(collection: new CollectionSpec(Continuous: false, Covert: true)).Build());

        var content = findings.Should().ContainSingle(f => f.Key.EndsWith("communication-content", StringComparison.Ordinal)).Subject;
        content.Message.Should().Contain("message collected covertly").And.Contain("can read message it relays");
        content.Impact.Should().Be(Impact.Severe);
    }

    [Fact]
    public void Fires_AtTheGovernment_WhenAnAppVendorsContinuousTrackingFlowsOnToIt()
    {
        var model = new SystemModelBuilder("health code")
            .Subject("residents", 10_000_000)
            .Item("trace", DataItemKind.Location, "residents", precisionMetres: 30)
            .Organization("app-vendor", kind: "company")
            .Organization("city", kind: "government")
            .Person("resident", "residents")
            .Process("app-backend", "app-vendor")
            .Process("command-centre", "city")
            .Flow("f-track", "resident", "app-backend", ["trace"], "public-health", collection: Continuous)
            .Flow("f-hand-over", "app-backend", "command-centre", ["trace"], "public-health")
            .Build();

        var finding = Run(model).Should().ContainSingle().Subject;

        finding.Key.Should().Be("city|residents|location");
        finding.Elements.Should().Equal("command-centre");
        finding.EvidencePath.Should().Equal("f-track", "f-hand-over");
    }
}
