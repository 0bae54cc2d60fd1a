using System.Text;
using System.Text.Json.Nodes;
using IOC.Domain.Events;
using IOC.Ingestion.Parsing;
using IOC.Tests.Shared;
using static IOC.Ingestion.Tests.SampleEvents;

namespace IOC.Ingestion.Tests.Parsing;

/// <summary>Every validation rule of the event schema, one at a time, through <see cref="BatchReader"/> and <see cref="EventParser"/>.</summary>
public sealed class EventParserTests
{
    private static readonly Dictionary<string, string[]> RequiredFields = new()
    {
        ["hotline.call"] = ["answered", "waitSeconds", "handleSeconds"],
        ["hotline.ticket.opened"] = ["ticketId", "dueAt"],
        ["hotline.ticket.resolved"] = ["ticketId", "dueAt", "resolvedAt"],
        ["dossier.received"] = ["dossierId", "procedure", "channel", "fullProcessOnline", "onDigitalPlatform", "dueAt"],
        ["dossier.completed"] = ["dossierId", "dueAt", "completedAt", "resultDigitized"],
        ["survey.response"] = ["subject", "rating"],
        ["document.processed"] = ["digital", "signedDigitally"],
    };

    public static TheoryData<string> AllTypes() => new(Types);

    public static TheoryData<string, string> EveryRequiredField()
    {
        var data = new TheoryData<string, string>();
        foreach (var type in Types)
        {
            foreach (var field in new[] { "id", "type", "at" }.Concat(RequiredFields[type]))
            {
                data.Add(type, field);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(AllTypes))]
    public void TheSampleOfEveryTypeIsValid(string type)
    {
        var result = Parse(Valid(type));

        result.Error.Should().BeNull();
        result.Event!.Type.ToWire().Should().Be(type);
        result.Event.Id.Should().Be("e1");
        result.Event.At.Should().Be(Now);
    }

    [Theory]
    [MemberData(nameof(EveryRequiredField))]
    public void AMissingRequiredFieldIsNamed(string type, string field)
    {
        var result = Parse(Valid(type).Without(field));

        ShouldReject(result, field, "is required");
        result.Error!.Id.Should().Be(field == "id" ? null : "e1");
    }

    [Theory]
    [MemberData(nameof(EveryRequiredField))]
    public void ANullRequiredFieldCountsAsMissing(string type, string field)
    {
        var result = Parse(Valid(type).With(field, null));

        ShouldReject(result, field, "is required");
    }

    [Fact]
    public void AnUnknownTypeIsRejectedOnTheTypeField()
    {
        var result = Parse(Valid("dossier.received").With("type", "dossier.deleted"));

        ShouldReject(result, "type", "unknown event type 'dossier.deleted'; expected one of *");
        result.Error!.Id.Should().Be("e1");
    }

    [Fact]
    public void AnUnknownUnitIsRejected()
    {
        var result = Parse(Valid("hotline.call").With("unit", "99999"));

        ShouldReject(result, "unit", "unknown unit code '99999'");
    }

    [Fact]
    public void ADistrictCodeFromBefore2025IsNotAWard()
    {
        var result = Parse(Valid("hotline.call").With("unit", "001"));

        ShouldReject(result, "unit", "unknown unit code '001': a ward code has 5 digits");
    }

    [Fact]
    public void AnUnknownAgencyIsRejected()
    {
        var result = Parse(Valid("document.processed").With("agency", "SO-TTTT"));

        ShouldReject(result, "agency", "unknown agency code 'SO-TTTT'");
    }

    [Fact]
    public void AnEventWithNeitherUnitNorAgencyIsRejectedOnUnit()
    {
        var result = Parse(Valid("document.processed").Without("agency"));

        ShouldReject(result, "unit", "is required (a 5-digit ward code) unless 'agency' is given");
    }

    [Fact]
    public void AnAgencyOnlyEventHasNoUnit()
    {
        var result = Parse(Valid("dossier.received").Without("unit").With("agency", "TTPVHCC"));

        result.Error.Should().BeNull();
        result.Event!.Unit.Should().BeNull();
        result.Event.Agency.Should().Be("TTPVHCC");
    }

    [Fact]
    public void AnIdLongerThan128CharactersIsRejected()
    {
        var result = Parse(Valid("hotline.call").With("id", new string('x', 129)));

        ShouldReject(result, "id", "is longer than 128 characters");
    }

    [Fact]
    public void AnIdOfExactly128CharactersIsAccepted()
    {
        var id = new string('x', 128);

        var result = Parse(Valid("hotline.call").With("id", id));

        result.Event!.Id.Should().Be(id);
    }

    [Theory]
    [InlineData("\"\"")]
    [InlineData("\"   \"")]
    public void AnEmptyIdIsRejected(string id)
    {
        var result = Parse(Valid("hotline.call").With("id", JsonNode.Parse(id)));

        ShouldReject(result, "id", "must not be empty");
    }

    [Theory]
    [InlineData("dossier.received", "dossierId", "42", "must be a string")]
    [InlineData("dossier.received", "unit", "82", "must be a string")]
    [InlineData("hotline.call", "id", "7", "must be a string")]
    [InlineData("hotline.ticket.opened", "dueAt", "1751421600", "must be a string")]
    [InlineData("survey.response", "rating", "5", "must be a string")]
    [InlineData("dossier.received", "fullProcessOnline", "\"true\"", "must be true or false")]
    [InlineData("hotline.call", "answered", "1", "must be true or false")]
    [InlineData("document.processed", "digital", "{}", "must be true or false")]
    [InlineData("hotline.call", "waitSeconds", "\"12\"", "must be a number of seconds")]
    [InlineData("hotline.call", "handleSeconds", "true", "must be a number of seconds")]
    [InlineData("dossier.completed", "feePaidOnline", "\"no\"", "must be true, false or null (no fee)")]
    public void AFieldOfTheWrongJsonTypeIsRejected(string type, string field, string json, string reason)
    {
        var result = Parse(Valid(type).With(field, JsonNode.Parse(json)));

        ShouldReject(result, field, reason);
    }

    [Theory]
    [InlineData("dossier.received", "channel", "email", "'email' is not one of online, in_person, postal")]
    [InlineData("dossier.received", "channel", "Online", "'Online' is not one of online, in_person, postal")]
    [InlineData("survey.response", "subject", "website", "'website' is not one of dossier, hotline")]
    [InlineData("survey.response", "rating", "very_happy", "'very_happy' is not one of very_satisfied, satisfied, neutral, dissatisfied, very_dissatisfied")]
    public void ABadEnumValueIsRejectedWithTheAllowedValues(string type, string field, string value, string reason)
    {
        var result = Parse(Valid(type).With(field, value));

        ShouldReject(result, field, reason);
    }

    [Theory]
    [InlineData("hotline.call", "at", "2025-07-02T09:00:00")]
    [InlineData("hotline.call", "at", "2025-07-02")]
    [InlineData("hotline.call", "at", "yesterday")]
    [InlineData("dossier.received", "dueAt", "2025-07-04T17:00:00")]
    [InlineData("dossier.completed", "completedAt", "2025-07-02 08:45")]
    [InlineData("hotline.ticket.resolved", "resolvedAt", "2025-07-02T08:30:00.000")]
    [InlineData("hotline.ticket.opened", "dueAt", "2025-07-32T08:30:00+07:00")]
    [InlineData("hotline.call", "at", "2025-07-02T09:00:00+0700")]
    [InlineData("hotline.call", "at", "7/2/2025 9:00 AM +07:00")]
    public void ATimestampWithoutAnOffsetOrNotATimestampIsRejected(string type, string field, string value)
    {
        var result = Parse(Valid(type).With(field, value));

        ShouldReject(result, field, "must be an ISO 8601 timestamp with an offset, e.g. 2025-07-01T08:30:00+07:00");
    }

    [Theory]
    [InlineData("2025-07-02T02:00:00Z")]
    [InlineData("2025-07-02T02:00:00z")]
    [InlineData("2025-07-01T22:00:00-04:00")]
    [InlineData("2025-07-02T09:00:00+07:00")]
    public void ATimestampInAnyOffsetIsReadAsItsInstant(string at)
    {
        var result = Parse(Valid("hotline.call").With("at", at));

        result.Event!.At.Should().Be(Now);
    }

    [Fact]
    public void AnEventMoreThanFiveMinutesInTheFutureIsRejected()
    {
        var at = Now.AddMinutes(5).AddSeconds(1).ToString("O");

        var result = Parse(Valid("hotline.call").With("at", at));

        ShouldReject(result, "at", "is more than 5 minutes in the future");
    }

    [Theory]
    [InlineData(4)]
    [InlineData(5)]
    public void AnEventUpToFiveMinutesAheadIsAccepted(int minutes)
    {
        var at = Now.AddMinutes(minutes);

        var result = Parse(Valid("hotline.call").With("at", at.ToString("O")));

        result.Error.Should().BeNull();
        result.Event!.At.Should().Be(at);
    }

    [Theory]
    [InlineData("dossier.completed", "completedAt")]
    [InlineData("hotline.ticket.resolved", "resolvedAt")]
    public void ACompletionOrResolutionInTheFutureIsRejected(string type, string field)
    {
        var result = Parse(Valid(type).With(field, Now.AddMinutes(6).ToString("O")));

        ShouldReject(result, field, "is more than 5 minutes in the future");
    }

    [Fact]
    public void ReplayingTheInboxDoesNotApplyTheFutureRule()
    {
        var json = Valid("dossier.completed").With("at", Now.AddHours(1).ToString("O")).With("completedAt", Now.AddHours(1).ToString("O"));

        var result = Parse(json, now: null);

        result.Error.Should().BeNull();
    }

    [Theory]
    [InlineData("waitSeconds")]
    [InlineData("handleSeconds")]
    public void NegativeSecondsAreRejected(string field)
    {
        var result = Parse(Valid("hotline.call").With(field, -0.5));

        ShouldReject(result, field, "must not be negative");
    }

    [Theory]
    [InlineData("waitSeconds", "7200.5", "is more than 7200 seconds (2 h); expected seconds")]
    [InlineData("handleSeconds", "14401", "is more than 14400 seconds (4 h); expected seconds")]
    [InlineData("waitSeconds", "1e400", "must be a number of seconds")]
    [InlineData("handleSeconds", "86400000", "is more than 14400 seconds (4 h); expected seconds")]
    public void SecondsBeyondTheirBoundAreRejectedAsNotSeconds(string field, string json, string reason)
    {
        var result = Parse(Valid("hotline.call").With(field, JsonNode.Parse(json)));

        ShouldReject(result, field, reason);
    }

    [Theory]
    [InlineData("waitSeconds", 7_200)]
    [InlineData("handleSeconds", 14_400)]
    public void SecondsAtTheirBoundAreAccepted(string field, double seconds)
    {
        var result = Parse(Valid("hotline.call").With(field, seconds));

        result.Error.Should().BeNull();
    }

    [Fact]
    public void AnAnsweredCallWithoutHandleSecondsIsRejected()
    {
        var result = Parse(Valid("hotline.call").Without("handleSeconds"));

        ShouldReject(result, "handleSeconds", "is required");
    }

    [Fact]
    public void AnUnansweredCallNeedsNoHandleSecondsAndKeepsNone()
    {
        var without = Parse(Valid("hotline.call").With("answered", false).Without("handleSeconds"));
        var with = Parse(Valid("hotline.call").With("answered", false).With("handleSeconds", 30));

        var calls = new[] { without, with }.Select(r => (HotlineCall)r.Event!);

        calls.Should().AllSatisfy(c =>
        {
            c.Answered.Should().BeFalse();
            c.WaitSeconds.Should().Be(12.5);
            c.HandleSeconds.Should().BeNull();
        });
    }

    [Theory]
    [InlineData("in_person")]
    [InlineData("postal")]
    public void AFullProcessOnlineDossierMustArriveOnline(string channel)
    {
        var result = Parse(Valid("dossier.received").With("channel", channel).With("fullProcessOnline", true));

        ShouldReject(result, "fullProcessOnline", "a full-process online dossier must be received through channel 'online'");
    }

    [Fact]
    public void ADossierDueBeforeItWasReceivedIsRejected()
    {
        var result = Parse(Valid("dossier.received").With("dueAt", "2025-07-02T08:59:59+07:00"));

        ShouldReject(result, "dueAt", "is before the dossier was received ('at')");
    }

    [Fact]
    public void ADossierDueTheMomentItIsReceivedIsAccepted()
    {
        var result = Parse(Valid("dossier.received").With("dueAt", "2025-07-02T02:00:00Z"));

        result.Error.Should().BeNull();
    }

    [Fact]
    public void ASignedDocumentMustBeDigital()
    {
        var result = Parse(Valid("document.processed").With("digital", false).With("signedDigitally", true));

        ShouldReject(result, "signedDigitally", "a digitally signed document is processed digitally; 'digital' must be true");
    }

    [Fact]
    public void ADigitalDocumentNeedNotBeSigned()
    {
        var result = Parse(Valid("document.processed").With("signedDigitally", false));

        ((DocumentProcessed)result.Event!).Should().Match<DocumentProcessed>(d => d.Digital && !d.SignedDigitally);
    }

    [Theory]
    [InlineData("null", null)]
    [InlineData(null, null)]
    [InlineData("false", false)]
    [InlineData("true", true)]
    public void FeePaidOnlineIsTrueFalseOrNullForNoFee(string? json, bool? expected)
    {
        var sample = Valid("dossier.completed");
        if (json is null)
        {
            sample.Remove("feePaidOnline");
        }
        else
        {
            sample["feePaidOnline"] = JsonNode.Parse(json);
        }

        var result = Parse(sample);

        result.Error.Should().BeNull();
        ((DossierCompleted)result.Event!).FeePaidOnline.Should().Be(expected);
    }

    [Fact]
    public void AnItemThatIsNotAnObjectIsRejected()
    {
        var items = BatchReader.Read(Encoding.UTF8.GetBytes("[5]"), ndjson: false, maxEvents: 10);

        var result = new EventParser(Seed.Units).Parse(items[0], Now);

        ShouldReject(result, "(item)", "must be a JSON object");
    }

    [Fact]
    public void EveryProblemOfAnItemIsReportedAndTheFirstIsAlsoItsFieldAndReason()
    {
        var json = Valid("dossier.received").With("unit", "99999").Without("dossierId").With("channel", "fax");

        var result = Parse(json);

        ShouldReject(result, "unit", "unknown unit code '99999'");
        result.Error!.Errors.Should().Equal(
            new FieldError("unit", "unknown unit code '99999'"),
            new FieldError("dossierId", "is required"),
            new FieldError("channel", "'fax' is not one of online, in_person, postal"));
    }

    [Fact]
    public void AnErrorCarriesTheItemsIndexInItsBatch()
    {
        var body = Array(Valid("hotline.call", "a"), Valid("hotline.call", "b").With("unit", "99999"), Valid("hotline.call", "c"));
        var parser = new EventParser(Seed.Units);

        var results = BatchReader.Read(body, ndjson: false, maxEvents: 10).Select(item => parser.Parse(item, Now)).ToArray();

        results.Select(r => r.Event?.Id).Should().Equal("a", null, "c");
        results[1].Error.Should().Be(new ItemError(1, "b", "unit", "unknown unit code '99999'"));
    }

    [Fact]
    public void ADossierReceiptParsesIntoItsRecord()
    {
        var json = Valid("dossier.received").With("agency", "TTPVHCC").With("channel", "in_person").With("fullProcessOnline", false);

        var result = Parse(json);

        result.Event.Should().Be(new DossierReceived
        {
            Id = "e1",
            At = Now,
            Unit = "00082",
            Agency = "TTPVHCC",
            DossierId = "D-1",
            Procedure = "1.001234",
            Channel = DossierChannel.InPerson,
            FullProcessOnline = false,
            OnDigitalPlatform = true,
            DueAt = DateTimeOffset.Parse("2025-07-04T17:00:00+07:00"),
        });
    }

    [Fact]
    public void ASurveyResponseParsesIntoItsRecord()
    {
        var json = Valid("survey.response").With("subject", "hotline").With("rating", "very_dissatisfied");

        var result = Parse(json);

        result.Event.Should().Be(new SurveyResponse
        {
            Id = "e1", At = Now, Unit = "00082", Subject = SurveySubject.Hotline, Rating = SatisfactionRating.VeryDissatisfied,
        });
    }

    [Fact]
    public void ATicketResolutionParsesIntoItsRecord()
    {
        var result = Parse(Valid("hotline.ticket.resolved"));

        result.Event.Should().Be(new TicketResolved
        {
            Id = "e1",
            At = Now,
            Unit = "00082",
            TicketId = "T-1",
            DueAt = DateTimeOffset.Parse("2025-07-05T17:00:00+07:00"),
            ResolvedAt = DateTimeOffset.Parse("2025-07-02T08:30:00+07:00"),
        });
    }

    private static ParseResult Parse(JsonNode json) => Parse(json, Now);

    /// <param name="now">Null: replaying the inbox.</param>
    private static ParseResult Parse(JsonNode json, DateTimeOffset? now)
    {
        var items = BatchReader.Read(Encoding.UTF8.GetBytes(json.ToJsonString()), ndjson: false, maxEvents: 10);
        items.Should().ContainSingle();
        return new EventParser(Seed.Units).Parse(items[0], now);
    }

    private static void ShouldReject(ParseResult result, string field, string reason)
    {
        result.Event.Should().BeNull();
        result.Error.Should().NotBeNull();
        result.Error!.Index.Should().Be(0);
        result.Error.Field.Should().Be(field);
        result.Error.Reason.Should().Match(reason);
    }
}
