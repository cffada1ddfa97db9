using ThreatModel.Analysis;
using ThreatModel.Findings;
using ThreatModel.Formats;
using ThreatModel.Graph;
using ThreatModel.Model;
using ThreatModel.Rules;

namespace ThreatModel.Tests.Rules;

/// <summary>
/// The scale of the people who never consented (issue 13): "data about 87 million friends of 270,000 app users, taken
/// through an API, rates only medium". The design retells the 2014 personality quiz whose data reached a political
/// consultancy.
/// </summary>
public class NonConsentingScaleTests
{
    private static SystemModel Read(string yaml) => DesignReader.Parse(yaml, "design.yaml", DesignFormat.Yaml).GetModelOrThrow();

    private static IReadOnlyList<Finding> Run(string yaml) => new Analyzer(BuiltInRules.Create()).Analyze(Read(yaml)).Findings;

    /// <summary>
    /// About 270,000 people installed a personality quiz and allowed it to read their profile and likes - and, through the
    /// social network's API, those of their friends, who were never asked. The quiz's developer passed everything to a
    /// political consultancy.
    /// </summary>
    private static string Quiz(long friends = 87_000_000, string consent = "{ legalBasis: consent, consent: true, consentOf: [quiz-takers] }") => $$"""
        name: Personality quiz
        subjects:
          - { id: quiz-takers, name: Quiz takers, population: 270000 }
          - { id: friends, name: Friends of quiz takers, population: {{friends}} }
        items:
          - { id: taker-likes, kind: behavioural, subject: quiz-takers }
          - { id: friend-likes, kind: behavioural, subject: friends }
        elements:
          - { id: social-api, type: process, organization: social-network }
          - { id: quiz, type: process, organization: quiz-developer }
          - { id: consultancy, type: process, organization: political-consultancy }
        flows:
          - { id: f-api, from: social-api, to: quiz, items: [taker-likes, friend-likes], purpose: research, protections: {{consent}} }
          - { id: f-sold, from: quiz, to: consultancy, items: [taker-likes, friend-likes], purpose: political-campaigning, protections: {{consent}} }
        """;

    [Fact]
    public void ConsentOfTheQuizTakers_IsNoLegalGroundForTheirFriends()
    {
        var findings = Run(Quiz()).Where(f => f.RuleId == "TM012").ToList();

        findings.Should().HaveCount(2).And.OnlyContain(f => f.Subjects.SequenceEqual(new[] { "friends" }));
        findings.Select(f => f.Elements.Single()).Should().BeEquivalentTo("quiz", "consultancy");
        findings.Should().OnlyContain(f => f.Message.Contains("the consent they record is other people's", StringComparison.Ordinal));
    }

    [Fact]
    public void EightySevenMillionFriendsWhoNeverConsented_RaiseTheTransferToHigh()
    {
        var finding = Run(Quiz()).First(f => f.RuleId == "TM012");

        finding.Likelihood.Should().Be(Likelihood.Likely);
        finding.Impact.Should().Be(Impact.Major);
        finding.Severity.Should().Be(Severity.High);
        finding.Message.Should().Contain("about 87 million people who never consented");
    }

    [Fact]
    public void AFewThousandFriendsWhoNeverConsented_LeaveTheTransferAtMedium()
    {
        var finding = Run(Quiz(friends: 5_000)).First(f => f.RuleId == "TM012");

        finding.Impact.Should().Be(Impact.Moderate);
        finding.Severity.Should().Be(Severity.Medium);
        finding.Message.Should().NotContain("never consented to it");
    }

    [Fact]
    public void ThePoliticalUseOfTheFriendsData_IsNotExcusedByTheQuizTakersConsent()
    {
        var finding = Run(Quiz()).Should().ContainSingle(f => f.RuleId == "TM006").Subject;

        finding.Likelihood.Should().Be(Likelihood.Certain);
        finding.Severity.Should().Be(Severity.High);
    }

    [Fact]
    public void ConsentOfEveryoneTheDataIsAbout_LowersThePurposeChangeAndGivesTheTransferAGround()
    {
        var findings = Run(Quiz(consent: "{ legalBasis: consent, consent: true }"));

        findings.Should().NotContain(f => f.RuleId == "TM012");
        findings.Should().ContainSingle(f => f.RuleId == "TM006").Which.Likelihood.Should().Be(Likelihood.Rare);
    }

    [Fact]
    public void TheGraph_CountsOnlyThePeopleWhoseDataAFlowCarriesWithoutTheirConsent()
    {
        var graph = DataFlowGraph.Build(Read(Quiz()));
        var api = graph.Model.Flow("f-api");

        graph.PeopleWithoutConsent([api], ["quiz-takers", "friends"]).Should().Be(87_000_000);
        graph.FactsOf(api).ConsentedBy("quiz-takers").Should().BeTrue();
        graph.FactsOf(api).ConsentedBy("friends").Should().BeFalse();
    }

    [Fact]
    public void ADesignWrittenBack_KeepsWhoseConsentAFlowRecords_AndItsExclusionZones()
    {
        var model = Read(Quiz(consent: "{ legalBasis: consent, consent: true, consentOf: [quiz-takers], exclusionZones: true }"));

        var again = DesignReader.Parse(DesignWriter.ToYaml(model), "again.yaml", DesignFormat.Yaml).GetModelOrThrow();

        var api = again.Flow("f-api");
        api.Protections.ConsentOf.Should().Equal("quiz-takers");
        api.Protections.ExclusionZones.Should().BeTrue();
    }

    [Fact]
    public void ARecordOfConsentFromAnUndeclaredSubject_IsAnErrorAtItsLine()
    {
        var result = DesignReader.Parse(Quiz(consent: "{ consent: true, consentOf: [quiz-taker] }"), "design.yaml", DesignFormat.Yaml);

        result.Diagnostics.Should().Contain(d => d.Code == "TM1006" && d.Message.Contains("'quiz-taker'", StringComparison.Ordinal)
            && d.Message.Contains("quiz-takers", StringComparison.Ordinal) && d.Span.Line == 13 && d.Span.Column > 80);
    }
}
