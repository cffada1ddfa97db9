using ThreatModel.Findings;
using ThreatModel.Formats;
using ThreatModel.Model;

namespace ThreatModel.Tests.Analysis;

/// <summary>Small YAML designs for the gate tests, read through the real reader so spans and ids are as a user writes them.</summary>
internal static class GateDesigns
{
    /// <summary>
    /// A payment provider publishes "anonymised" transactions keeping birth date, 5-digit postcode and gender: a high
    /// re-identification finding (TM002) at the public. <paramref name="settings"/> is inserted as the design's settings block.
    /// </summary>
    public static string PaymentsRelease(string settings = "") => $$"""
        name: Anonymised payments
        {{settings}}
        subjects:
          - id: customers
            population: 1100000
        items:
          - { id: card-number, kind: direct-identifier, subject: customers }
          - { id: birth-date, kind: quasi-identifier, subject: customers, quasiIdentifier: birth-date }
          - { id: postcode, kind: quasi-identifier, subject: customers, quasiIdentifier: zip5 }
          - { id: gender, kind: quasi-identifier, subject: customers, quasiIdentifier: gender }
          - { id: amounts, kind: financial, subject: customers }
        elements:
          - { id: customer, type: person, subject: customers }
          - { id: ledger, type: store, organization: payco }
          - { id: public, type: public }
        flows:
          - id: f-pay
            from: customer
            to: ledger
            items: [card-number, birth-date, postcode, gender, amounts]
            purpose: payment
          - id: f-publish
            from: ledger
            to: public
            items: [birth-date, postcode, gender, amounts]
            purpose: research
        """;

    /// <summary>
    /// A bank and a social network each collect the national ID and send it, with their records, to a scoring bureau
    /// of another organization: a cross-context linkage (TM001) that lands at the bureau. <paramref name="bankFlowAccepts"/>
    /// <paramref name="scoringAccepts"/>, <paramref name="bankAccepts"/> and <paramref name="bankScoreAccepts"/> are inserted as
    /// accepts blocks on the bank's own payment flow, the bureau, the bank, and the bank's flow to the bureau.
    /// </summary>
    public static string Scoring(string bankFlowAccepts = "", string scoringAccepts = "", string bankAccepts = "", string bankScoreAccepts = "") => $$"""
        name: Scoring
        subjects:
          - id: citizens
            population: 10000000
        items:
          - { id: national-id, kind: direct-identifier, subject: citizens }
          - { id: loans, kind: financial, subject: citizens }
          - { id: posts, kind: behavioural, subject: citizens, context: social }
        elements:
          - { id: citizen, type: person, subject: citizens }
          - id: bank
            type: process
            organization: bank-co
            {{Indent(bankAccepts, 4)}}
          - { id: social-app, type: process, organization: social-co }
          - id: scoring
            type: process
            organization: city
            {{Indent(scoringAccepts, 4)}}
        flows:
          - id: f-bank-in
            from: citizen
            to: bank
            items: [national-id, loans]
            purpose: payment
            {{Indent(bankFlowAccepts, 4)}}
          - { id: f-social-in, from: citizen, to: social-app, items: [national-id, posts], purpose: social-networking }
          - id: f-bank-score
            from: bank
            to: scoring
            items: [national-id, loans]
            purpose: social-scoring
            {{Indent(bankScoreAccepts, 4)}}
          - { id: f-social-score, from: social-app, to: scoring, items: [national-id, posts], purpose: social-scoring }
        """;

    public static SystemModel Read(string yaml, string file = "design.yaml")
    {
        var result = DesignReader.Parse(yaml, file, DesignFormat.Yaml);
        result.Model.Should().NotBeNull(string.Join("\n", result.Diagnostics));
        return result.Model!;
    }

    private static string Indent(string block, int spaces) =>
        block.Length == 0 ? string.Empty : string.Join("\n" + new string(' ', spaces), block.Split('\n'));
}
