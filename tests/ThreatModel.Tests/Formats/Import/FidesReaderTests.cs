using ThreatModel.Analysis;
using ThreatModel.Findings;
using ThreatModel.Formats;
using ThreatModel.Formats.Import.Fides;
using ThreatModel.Knowledge;
using ThreatModel.Model;
using ThreatModel.Validation;

namespace ThreatModel.Tests.Formats.Import;

/// <summary>Fides (fideslang) manifests read into the model: mapping, folders, gaps, errors and an analysis end to end.</summary>
public sealed class FidesReaderTests : IDisposable
{
    private readonly ManifestFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    /// <summary>A shop that collects <paramref name="categories"/> from its customers to run the service.</summary>
    private static string ShopCollecting(params string[] categories) => $$"""
        system:
          - fides_key: shop
            name: Shop
            system_type: Service
            ingress:
              - fides_key: user
                type: user
                data_categories: [{{string.Join(", ", categories)}}]
            privacy_declarations:
              - name: Run the shop
                data_use: essential.service
                data_categories: [user]
                data_subjects: [customer]
        """;

    private DesignReadResult Read(string yaml, string name = "fides.yml") => FidesReader.ReadPath(_folder.Write(name, yaml));

    private static SystemModel ModelOf(DesignReadResult result)
    {
        result.Errors.Should().BeEmpty();
        return result.Model!;
    }

    [Theory]
    [InlineData("user.contact.email", DataItemKind.DirectIdentifier, null)]
    [InlineData("user.contact.phone_number", DataItemKind.DirectIdentifier, null)]
    [InlineData("user.name.first", DataItemKind.DirectIdentifier, null)]
    [InlineData("user.government_id.passport_number", DataItemKind.DirectIdentifier, null)]
    [InlineData("user.demographic.date_of_birth", DataItemKind.QuasiIdentifier, "birth-date")]
    [InlineData("user.demographic.gender", DataItemKind.QuasiIdentifier, "gender")]
    [InlineData("user.contact.address.postal_code", DataItemKind.QuasiIdentifier, "postcode")]
    [InlineData("user.job_title", DataItemKind.QuasiIdentifier, "occupation")]
    [InlineData("user.device.cookie_id", DataItemKind.PseudonymousIdentifier, null)]
    [InlineData("user.device.device_id", DataItemKind.PseudonymousIdentifier, null)]
    [InlineData("user.financial.credit_card", DataItemKind.Financial, null)]
    [InlineData("user.biometric.fingerprint", DataItemKind.Biometric, null)]
    [InlineData("user.health_and_medical", DataItemKind.SpecialCategory, null)]
    [InlineData("user.behavior.browsing_history", DataItemKind.Behavioural, null)]
    [InlineData("user.social", DataItemKind.SocialGraph, null)]
    public void DefaultTaxonomyCategories_BecomeItemsOfTheMatchingKind(string category, DataItemKind kind, string? preset)
    {
        var model = ModelOf(Read(ShopCollecting(category)));

        var item = model.Item($"customer:{category}");
        item.Kind.Should().Be(kind);
        item.SubjectId.Should().Be("customer");
        item.QuasiIdentifier?.Preset.Should().Be(preset);
        if (preset is null)
            item.QuasiIdentifier.Should().BeNull();
    }

    [Fact]
    public void PreciseLocation_IsExact_AndImpreciseLocation_IsKnownToFiveHundredMetres()
    {
        var model = ModelOf(Read(ShopCollecting("user.location.precise", "user.location.imprecise")));

        model.Item("customer:user.location.precise").Location.Should().BeNull();
        model.Item("customer:user.location.imprecise").Location!.PrecisionMetres.Should().Be(500);
        model.Item("customer:user.location.imprecise").Kind.Should().Be(DataItemKind.Location);
    }

    [Fact]
    public void SensitiveCategories_NameTheirSpecialCategory()
    {
        var model = ModelOf(Read(ShopCollecting("user.demographic.religious_belief", "user.criminal_history")));

        model.Item("customer:user.demographic.religious_belief").SpecialCategory.Should().Be("religion");
        model.Item("customer:user.criminal_history").Stigmatizing.Should().BeTrue();
    }

    [Fact]
    public void ChildrensData_MakesItsSubjectVulnerable()
    {
        var model = ModelOf(Read(ShopCollecting("user.childrens", "user.contact.email")));

        model.Subject("customer").Vulnerable.Should().BeTrue();
    }

    [Fact]
    public void FideslangOneKeys_ReadAsTheirCurrentForm_WithoutWarning()
    {
        var result = Read(ShopCollecting("user.provided.identifiable.contact.email", "user.derived.identifiable.device.cookie_id"));

        var model = ModelOf(result);
        model.Item("customer:user.provided.identifiable.contact.email").Kind.Should().Be(DataItemKind.DirectIdentifier);
        model.Item("customer:user.derived.identifiable.device.cookie_id").Kind.Should().Be(DataItemKind.PseudonymousIdentifier);
        result.Diagnostics.Should().NotContain(d => d.Code == FidesDiagnosticCodes.UnknownCategory);
    }

    [Fact]
    public void DeclaredCategoryExtension_ReadsAsItsParent_WithoutWarning()
    {
        var result = Read(ShopCollecting("user.contact.email.work") + """

            data_category:
              - fides_key: user.contact.email.work
                name: Work e-mail
                parent_key: user.contact.email
            """);

        var item = ModelOf(result).Item("customer:user.contact.email.work");
        item.Kind.Should().Be(DataItemKind.DirectIdentifier);
        item.Name.Should().StartWith("Work e-mail");
        result.Diagnostics.Should().NotContain(d => d.Code == FidesDiagnosticCodes.UnknownCategory);
    }

    [Fact]
    public void UnknownCategory_IsReadAsItsNearestKnownParent_WithAWarningAtItsLine()
    {
        var result = Read(ShopCollecting("user.contact.emial"));

        ModelOf(result).Item("customer:user.contact.emial").Kind.Should().Be(DataItemKind.DirectIdentifier);
        var warning = result.Diagnostics.Should().ContainSingle(d => d.Code == FidesDiagnosticCodes.UnknownCategory).Subject;
        warning.Span.Line.Should().Be(8);
        warning.Message.Should().Contain("Did you mean 'user.contact.email'?");
    }

    [Theory]
    [InlineData("essential.service.payment_processing", "payment")]
    [InlineData("essential.fraud_detection", "fraud-prevention")]
    [InlineData("essential.service.authentication", "identity-verification")]
    [InlineData("marketing.advertising.third_party.targeted", "advertising")]
    [InlineData("analytics.reporting.ad_performance", "analytics")]
    [InlineData("functional.service.improve", "analytics")]
    [InlineData("employment.recruitment", "employment")]
    [InlineData("finance", "accounting")]
    [InlineData("essential.service.operations.support", "customer-support")]
    [InlineData("personalize.profiling", "personalization")]
    [InlineData("train_ai_system", "ai-training")]
    public void DataUses_BecomePurposesThePurposeTableKnows(string use, string purpose)
    {
        var model = ModelOf(Read(ShopCollecting("user.contact.email").Replace("essential.service", use, StringComparison.Ordinal)));

        var flow = model.Flows.Should().ContainSingle().Subject;
        flow.Purpose.Should().Be(purpose);
        PurposeCompatibility.For(model).IsKnown(flow.Purpose).Should().BeTrue();
    }

    [Fact]
    public void EssentialService_MayFeedPayment_ButNotAdvertising()
    {
        var model = ModelOf(Read(ShopCollecting("user.contact.email")));
        var table = PurposeCompatibility.For(model);

        table.Compare("essential-service", "payment").Should().NotBe(PurposeVerdict.Incompatible);
        table.Compare("essential-service", "advertising").Should().Be(PurposeVerdict.Incompatible);
    }

    [Fact]
    public void ThirdPartySystem_IsAnExternalPartyInItsOwnOrganization()
    {
        var model = ModelOf(Read("""
            system:
              - fides_key: shop
                system_type: Service
                egress:
                  - fides_key: ads
                    type: system
                    data_categories: [user.device.cookie_id]
                privacy_declarations:
                  - data_use: marketing.advertising
                    data_categories: [user.device.cookie_id]
                    data_subjects: [customer]
              - fides_key: ads
                system_type: Third Party
                legal_name: Ads Ltd
            """));

        model.Element("shop").Type.Should().Be(ElementType.Process);
        model.Element("shop").OrganizationId.Should().Be("default_organization");
        model.Element("ads").Type.Should().Be(ElementType.ExternalParty);
        model.Element("ads").OrganizationId.Should().Be("ads");
        model.Organization("ads").Name.Should().Be("Ads Ltd");
    }

    [Fact]
    public void EgressAndTheMatchingIngress_AreOneFlow_NamedAtTheEgressEntry()
    {
        var model = ModelOf(Read("""
            system:
              - fides_key: shop
                egress:
                  - fides_key: crm
                    type: system
                    data_categories: [user.contact.email]
                privacy_declarations:
                  - data_use: essential.service.operations.support
                    data_categories: [user.contact, user.name]
                    data_subjects: [customer]
              - fides_key: crm
                ingress:
                  - fides_key: shop
                    type: system
                    data_categories: [user.name]
            """));

        var flow = model.Flows.Should().ContainSingle().Subject;
        flow.Id.Should().Be("shop->crm");
        flow.Items.Should().Equal("customer:user.contact.email", "customer:user.name");
        flow.Purpose.Should().Be("customer-support");
        flow.Span.Line.Should().Be(4);
    }

    [Fact]
    public void OneLink_ServingTwoDeclaredUses_BecomesOneFlowPerPurpose()
    {
        var model = ModelOf(Read("""
            system:
              - fides_key: shop
                ingress:
                  - fides_key: user
                    type: user
                    data_categories: [user.contact.email, user.financial.credit_card]
                privacy_declarations:
                  - data_use: essential.service.payment_processing
                    data_categories: [user.financial]
                    data_subjects: [customer]
                    ingress: [user]
                  - data_use: marketing.communications.email
                    data_categories: [user.contact.email]
                    data_subjects: [customer]
                    ingress: [user]
            """));

        model.Flows.Select(f => (f.Id, f.Purpose, string.Join(" ", f.Items))).Should().Equal(
            ("customer->shop", "payment", "customer:user.financial.credit_card"),
            ("customer->shop:advertising", "advertising", "customer:user.contact.email"));
    }

    [Fact]
    public void DeclarationsStateLegalBasisAndRetention_OnTheFlowsIntoTheirSystem()
    {
        var model = ModelOf(Read(ShopCollecting("user.contact.email").Replace(
            "data_subjects: [customer]",
            "data_subjects: [customer]\n        legal_basis_for_processing: Consent\n        retention_period: 6 months",
            StringComparison.Ordinal)));

        var protections = model.Flows.Single().Protections;
        protections.LegalBasis.Should().Be("consent");
        protections.Consent.Should().BeTrue();
        protections.RetentionDays.Should().Be(180);
    }

    [Fact]
    public void Dataset_IsAStore_HoldingItsFieldsCategories_ForAFlowThatStatesNone()
    {
        var model = ModelOf(Read("""
            system:
              - fides_key: shop
                egress:
                  - fides_key: orders
                    type: dataset
                privacy_declarations:
                  - data_use: essential.service
                    data_categories: [user]
                    data_subjects: [customer]
            dataset:
              - fides_key: orders
                retention: 3 years
                collections:
                  - name: customers
                    fields:
                      - name: email
                        data_categories: [user.contact.email]
                      - name: address
                        fields:
                          - name: zip
                            data_categories: [user.contact.address.postal_code]
                      - name: id
                        data_categories: [system.operations]
            """));

        model.Element("orders").Type.Should().Be(ElementType.Store);
        model.Element("orders").Retention!.Days.Should().Be(1095);
        model.Flow("shop->orders").Items.Should().Equal("customer:user.contact.email", "customer:user.contact.address.postal_code");
    }

    [Fact]
    public void DatasetReference_WithoutADataFlow_IsReadAsTheSystemStoringInTheDataset()
    {
        var model = ModelOf(Read("""
            system:
              - fides_key: shop
                dataset_references: [orders]
                privacy_declarations:
                  - data_use: essential.service
                    data_categories: [user]
                    data_subjects: [customer]
            dataset:
              - fides_key: orders
                collections:
                  - name: customers
                    fields:
                      - name: email
                        data_categories: [user.contact.email]
            """));

        model.Flow("shop->orders").Items.Should().Equal("customer:user.contact.email");
    }

    [Fact]
    public void SharingWithThirdParties_IsAFlowToAnExternalParty_CarryingTheSharedCategories()
    {
        var model = ModelOf(Read("""
            system:
              - fides_key: shop
                privacy_declarations:
                  - data_use: third_party_sharing
                    data_categories: [user.contact.email, user.behavior.purchase_history]
                    data_subjects: [customer]
                    data_shared_with_third_parties: true
                    third_parties: Data brokers
                    shared_categories: [user.behavior.purchase_history]
            """));

        model.Element("shop:third-parties").Type.Should().Be(ElementType.ExternalParty);
        model.Element("shop:third-parties").Name.Should().Be("Data brokers");
        var flow = model.Flow("shop->shop:third-parties");
        flow.Items.Should().Equal("customer:user.behavior.purchase_history");
        flow.Purpose.Should().Be("third-party-sharing");
    }

    [Fact]
    public void SharingAndTransfers_OfADeclarationWithoutSubjects_DescribeUnnamedPeople()
    {
        var result = Read("""
            system:
              - fides_key: shop
                third_country_transfers: [USA]
                privacy_declarations:
                  - data_use: third_party_sharing
                    data_categories: [user.contact.email]
                    data_shared_with_third_parties: true
            """);

        var model = ModelOf(result);
        model.Flow("shop->shop:third-parties").Items.Should().Equal("unspecified:user.contact.email");
        model.Flow("shop->shop:recipients-USA").Items.Should().Equal("unspecified:user.contact.email");
        result.Diagnostics.Should().Contain(d => d.Code == FidesDiagnosticCodes.NoSubject);
    }

    [Fact]
    public void ThirdCountryTransfer_IsAFlowToRecipientsInThatJurisdiction()
    {
        var model = ModelOf(Read("""
            system:
              - fides_key: shop
                third_country_transfers: [USA]
                privacy_declarations:
                  - data_use: essential.service
                    data_categories: [user.contact.email]
                    data_subjects: [customer]
            """));

        model.Organization("shop:recipients-USA").JurisdictionId.Should().Be("USA");
        model.Flow("shop->shop:recipients-USA").Items.Should().Equal("customer:user.contact.email");
    }

    [Fact]
    public void Folder_IsReadAsOneManifest_WithEveryPositionInItsOwnFile()
    {
        _folder.Write("b-datasets/orders.yaml", """
            dataset:
              - fides_key: orders
                collections:
                  - name: c
                    fields:
                      - name: email
                        data_categories: [user.contact.email]
            """);
        _folder.Write("a-systems.yml", """
            system:
              - fides_key: shop
                egress:
                  - fides_key: orders
                    type: dataset
                privacy_declarations:
                  - data_use: essential.service
                    data_categories: [user.contact]
                    data_subjects: [customer]
            """);
        _folder.Write("notes.txt", "not a manifest");

        var model = ModelOf(FidesReader.ReadPath(_folder.Path));

        model.Element("orders").Span.File.Should().EndWith(Path.Combine("b-datasets", "orders.yaml"));
        model.Element("orders").Span.Line.Should().Be(2);
        model.Element("shop").Span.File.Should().EndWith("a-systems.yml");
        model.Flow("shop->orders").Span.Line.Should().Be(4);
        model.Item("customer:user.contact.email").Span.File.Should().EndWith("orders.yaml");
    }

    [Fact]
    public void OtherYamlInAFolder_IsSkippedWithAWarning()
    {
        _folder.Write("shop.yml", ShopCollecting("user.contact.email"));
        var other = _folder.Write("docker-compose.yml", "services:\n  web:\n    image: nginx\n");

        var result = FidesReader.ReadPath(_folder.Path);

        result.Succeeded.Should().BeTrue();
        result.Diagnostics.Should().Contain(d => d.Code == FidesDiagnosticCodes.Ignored && d.Span.File == other);
    }

    [Fact]
    public void FlowWithoutDataCategories_IsKept_AndReportedOnce()
    {
        var result = Read("""
            system:
              - fides_key: shop
                egress:
                  - fides_key: crm
                    type: system
                privacy_declarations:
                  - data_use: essential.service
                    data_categories: [user.contact]
                    data_subjects: [customer]
                    egress: [crm]
              - fides_key: crm
            """);

        ModelOf(result).Flow("shop->crm").Items.Should().BeEmpty();
        var warning = result.Diagnostics.Should().ContainSingle(d => d.Code == FidesDiagnosticCodes.FlowWithoutData).Subject;
        warning.Span.Line.Should().Be(4);
        result.Diagnostics.Should().NotContain(d => d.Code == DiagnosticCodes.Suspicious);
    }

    [Fact]
    public void DeclarationWithoutSubjects_IsReported_AndItsDataDescribeUnnamedPeople()
    {
        var result = Read(ShopCollecting("user.contact.email").Replace("data_subjects: [customer]", "data_subjects: []", StringComparison.Ordinal));

        var model = ModelOf(result);
        model.Item("unspecified:user.contact.email").SubjectId.Should().Be("unspecified");
        result.Diagnostics.Where(d => d.Code == FidesDiagnosticCodes.NoSubject).Should().NotBeEmpty();
    }

    [Fact]
    public void EverySubject_IsReportedAsHavingNoPopulation_AndGetsTheStatedDefault()
    {
        var result = Read(ShopCollecting("user.contact.email"));

        ModelOf(result).Subject("customer").Population.Should().Be(FidesTaxonomy.DefaultPopulation);
        result.Diagnostics.Should().ContainSingle(d => d.Code == FidesDiagnosticCodes.NoPopulation)
            .Which.Message.Should().Contain("customer").And.Contain("1,000,000");
    }

    [Fact]
    public void FlowNoDeclarationCovers_HasTheUnspecifiedPurpose_AndAWarning()
    {
        var result = Read("""
            system:
              - fides_key: shop
                egress:
                  - fides_key: crm
                    type: system
                    data_categories: [user.contact.email]
              - fides_key: crm
            """);

        ModelOf(result).Flow("shop->crm").Purpose.Should().Be("unspecified");
        result.Diagnostics.Should().Contain(d => d.Code == FidesDiagnosticCodes.NoPurpose && d.Span.Line == 4);
        result.Diagnostics.Should().Contain(d => d.Code == FidesDiagnosticCodes.NoSubject);
        result.Diagnostics.Should().NotContain(d => d.Code == DiagnosticCodes.UnknownPurpose);
    }

    [Fact]
    public void DeclaredProcessingNoFlowBringsOrTakes_IsReadAsCollectedFromTheSubjects_WithAWarning()
    {
        var result = Read("""
            system:
              - fides_key: ad_pixel
                system_type: Third Party
                privacy_declarations:
                  - name: Track visitors
                    data_use: marketing.advertising.third_party.targeted
                    data_categories: [user.device.cookie_id, user.behavior.browsing_history]
                    data_subjects: [visitor]
            """);

        var flow = ModelOf(result).Flow("visitor->ad_pixel");
        flow.Items.Should().Equal("visitor:user.device.cookie_id", "visitor:user.behavior.browsing_history");
        flow.Purpose.Should().Be("advertising");
        result.Diagnostics.Should().ContainSingle(d => d.Code == FidesDiagnosticCodes.ImpliedCollection).Which.Span.Line.Should().Be(5);
    }

    [Fact]
    public void CategoriesASystemSendsOn_AreNotReadAsCollected()
    {
        var result = Read("""
            system:
              - fides_key: shop
                egress:
                  - fides_key: crm
                    type: system
                    data_categories: [user.behavior.purchase_history]
                privacy_declarations:
                  - data_use: essential.service
                    data_categories: [user.behavior.purchase_history]
                    data_subjects: [customer]
              - fides_key: crm
            """);

        ModelOf(result).Flows.Select(f => f.Id).Should().Equal("shop->crm");
        result.Diagnostics.Should().NotContain(d => d.Code == FidesDiagnosticCodes.ImpliedCollection);
    }

    [Fact]
    public void RetentionInWords_IsReported_AndReadAsNoLimit()
    {
        var result = Read(ShopCollecting("user.contact.email").Replace(
            "data_subjects: [customer]", "data_subjects: [customer]\n        retention_period: until the account is closed", StringComparison.Ordinal));

        ModelOf(result).Flows.Single().Protections.RetentionDays.Should().BeNull();
        result.Diagnostics.Should().ContainSingle(d => d.Code == FidesDiagnosticCodes.RetentionNotUnderstood).Which.Span.Line.Should().Be(14);
    }

    [Fact]
    public void InternationalTransferWithoutCountry_IsReported()
    {
        var result = Read(ShopCollecting("user.contact.email").Replace("system_type: Service", "system_type: Service\n    does_international_transfers: true", StringComparison.Ordinal));

        ModelOf(result);
        result.Diagnostics.Should().ContainSingle(d => d.Code == FidesDiagnosticCodes.TransferWithoutCountry);
    }

    [Fact]
    public void MissingPath_IsAnErrorNamingIt()
    {
        var path = Path.Combine(_folder.Path, "nope.yml");

        var result = FidesReader.ReadPath(path);

        result.Succeeded.Should().BeFalse();
        result.Errors.Should().ContainSingle().Which.Should().Match<Diagnostic>(d => d.Code == DiagnosticCodes.UnreadableFile && d.Span.File == path && d.Message.Contains("does not exist"));
    }

    [Fact]
    public void EmptyFolder_IsAnError()
    {
        FidesReader.ReadPath(_folder.Path).Errors.Should().ContainSingle().Which.Code.Should().Be(FidesDiagnosticCodes.NoResources);
    }

    [Fact]
    public void BrokenYaml_IsASyntaxErrorAtItsLine()
    {
        var result = Read("system:\n  - fides_key: shop\n    name: [unclosed\n");

        var error = result.Errors.Should().ContainSingle().Subject;
        error.Code.Should().Be(DiagnosticCodes.Syntax);
        error.Span.File.Should().EndWith("fides.yml");
        error.Span.Line.Should().BeGreaterThan(1);
    }

    [Fact]
    public void ADesignFile_IsNotAFidesManifest()
    {
        var result = Read("name: Shop\nelements: []\nflows: []\n");

        result.Errors.Should().ContainSingle().Which.Code.Should().Be(FidesDiagnosticCodes.NoResources);
    }

    [Fact]
    public void EgressToAnUndeclaredSystem_IsAnErrorAtTheKey_WithASuggestion()
    {
        var result = Read("""
            system:
              - fides_key: shop
                egress:
                  - fides_key: analytcs
                    type: system
                    data_categories: [user.device.cookie_id]
              - fides_key: analytics
            """);

        var error = result.Errors.Should().ContainSingle().Subject;
        error.Code.Should().Be(FidesDiagnosticCodes.UndeclaredResource);
        (error.Span.Line, error.Span.Column).Should().Be((4, 20));
        error.Message.Should().Contain("Did you mean 'analytics'?");
    }

    [Fact]
    public void ResourceWithoutFidesKey_IsAnError()
    {
        var result = Read("system:\n  - name: Shop\n");

        result.Errors.Should().ContainSingle().Which.Code.Should().Be(FidesDiagnosticCodes.MissingField);
    }

    [Fact]
    public void ResourceListWrittenAsAMapping_IsAShapeError()
    {
        var result = Read("system:\n  fides_key: shop\n");

        var error = result.Errors.Should().ContainSingle().Subject;
        error.Code.Should().Be(FidesDiagnosticCodes.WrongShape);
        error.Span.Line.Should().Be(2);
    }

    [Fact]
    public void DataFlowOfAnUnknownType_IsAnError()
    {
        var result = Read(ShopCollecting("user.contact.email").Replace("type: user", "type: person", StringComparison.Ordinal));

        result.Errors.Should().ContainSingle().Which.Code.Should().Be(FidesDiagnosticCodes.UnknownFlowType);
    }

    [Fact]
    public void TwoSystemsWithOneKey_AreAnError()
    {
        var result = Read("system:\n  - fides_key: shop\n  - fides_key: shop\n");

        result.Errors.Should().ContainSingle().Which.Should().Match<Diagnostic>(d => d.Code == FidesDiagnosticCodes.DuplicateKey && d.Span.Line == 3);
    }

    [Fact]
    public void Sniffing_TellsAManifestFromADesignAndFromGarbage()
    {
        FidesReader.LooksLikeFides(ShopCollecting("user.contact.email")).Should().BeTrue();
        FidesReader.LooksLikeFides("dataset:\n  - fides_key: orders\n    collections: []\n").Should().BeTrue();
        FidesReader.LooksLikeFides("name: Shop\nelements: []\nflows: []\n").Should().BeFalse();
        FidesReader.LooksLikeFides("system: fides_key\n").Should().BeFalse();
        FidesReader.LooksLikeFides("{[ fides_key").Should().BeFalse();
    }

    [Fact]
    public void AnalysisOfAShopSellingItsCustomersToAnAdPartner_FindsPurposeCreepAndReidentification()
    {
        var model = ModelOf(Read("""
            system:
              - fides_key: shop
                system_type: Service
                ingress:
                  - fides_key: user
                    type: user
                    data_categories: [user.contact.email, user.contact.address.postal_code, user.demographic.date_of_birth, user.demographic.gender, user.behavior.browsing_history]
                egress:
                  - fides_key: ad_partner
                    type: system
                    data_categories: [user.contact.address.postal_code, user.demographic.date_of_birth, user.demographic.gender, user.behavior.browsing_history]
                privacy_declarations:
                  - name: Sell and deliver
                    data_use: essential.service
                    data_categories: [user.contact, user.demographic, user.behavior]
                    data_subjects: [customer]
                    ingress: [user]
                    legal_basis_for_processing: Contract
                  - name: Audience sharing
                    data_use: marketing.advertising.third_party.targeted
                    data_categories: [user.contact.address.postal_code, user.demographic, user.behavior]
                    data_subjects: [customer]
                    egress: [ad_partner]
              - fides_key: ad_partner
                system_type: Third Party
            """));

        var findings = Analyzer.CreateDefault().Analyze(model).Findings;

        findings.Should().Contain(f => f.RuleId == "TM006" && f.Elements[0] == "ad_partner" && f.Title.Contains("essential-service") && f.Title.Contains("advertising"));
        var reidentification = findings.Should().Contain(f => f.RuleId == "TM002" && f.Elements[0] == "ad_partner").Subject;
        reidentification.Items.Should().Contain("customer:user.demographic.date_of_birth");
        findings.Should().NotContain(f => f.Elements.Contains("customer") && f.RuleId == "TM006");
    }

    [Fact]
    public void BundledExample_ReadsWithoutErrors_AndGivesTheFindingsItsReadmePromises()
    {
        var result = FidesReader.ReadPath(RepositoryPaths.Path("examples", "imports", "fides"));

        var fired = Analyzer.CreateDefault().Analyze(ModelOf(result)).Findings.Select(f => f.RuleId).ToHashSet();
        var readme = File.ReadAllText(RepositoryPaths.Path("examples", "imports", "fides", "README.md"));
        foreach (var rule in new[] { "TM006", "TM007", "TM011", "TM012", "TM013" })
        {
            fired.Should().Contain(rule);
            readme.Should().Contain(rule);
        }

        fired.Should().NotContain("TM002", "the overlay sends the year of birth only, which the README says removes the re-identification");
        result.Diagnostics.Should().NotContain(d => d.Code == FidesDiagnosticCodes.NoPopulation, "the overlay gives both subjects' populations");
    }
}
