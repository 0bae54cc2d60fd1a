using System.Text;
using System.Text.Json.Nodes;
using IOC.Domain.Events;
using IOC.Ingestion.Parsing;
using IOC.Tests.Shared;
using static IOC.Ingestion.Tests.SampleEvents;

namespace IOC.Ingestion.Tests.Parsing;

/// <summary>The bounds of issue 15: every timestamp in a range, ids and codes in a format, no field the type does not have.</summary>
public sealed class EventBoundsTests
{
    [Theory]
    [InlineData("0001-01-01T00:00:00Z")]
    [InlineData("1999-12-31T23:59:59Z")]
    [InlineData("0001-01-01T00:00:00+07:00")]
    public void AnAtBeforeTheYear2000IsRejectedEvenWhenReplayingTheInbox(string at)
    {
        var live = Parse(Valid("hotline.call").With("at", at), Now);
        var replay = Parse(Valid("hotline.call").With("at", at), now: null);

        live.Error!.Field.Should().Be("at");
        replay.Error!.Field.Should().Be("at");
    }

    [Fact]
    public void AnEventOlderThanMaxEventAgeDaysIsRejectedAndOneJustYoungerIsKept()
    {
        var tooOld = Parse(Valid("survey.response").With("at", Now.AddDays(-400).AddSeconds(-1).ToString("O")), Now);
        var justInside = Parse(Valid("survey.response").With("at", Now.AddDays(-400).ToString("O")), Now);

        tooOld.Error.Should().Be(new ItemError(0, "e1", "at", "is more than 400 days old (Ingestion:MaxEventAgeDays)"));
        justInside.Error.Should().BeNull();
    }

    [Fact]
    public void TheAgeLimitFollowsTheSetting()
    {
        var options = new IngestionOptions { MaxEventAgeDays = 30 };

        var result = Parse(Valid("survey.response").With("at", Now.AddDays(-31).ToString("O")), Now, options);

        result.Error!.Reason.Should().Be("is more than 30 days old (Ingestion:MaxEventAgeDays)");
    }

    [Fact]
    public void ReplayingTheInboxKeepsEventsOlderThanTheAgeLimit()
    {
        var result = Parse(Valid("survey.response").With("at", Now.AddYears(-3).ToString("O")), now: null);

        result.Error.Should().BeNull();
    }

    [Theory]
    [InlineData("dossier.received", "9999-12-31T23:59:59+07:00", "9999-12-31T23:59:59+07:00 is outside the years 2000 to 2099")]
    [InlineData("dossier.received", "2027-07-03T09:00:00+07:00", "is more than 730 days from 'at'")]
    [InlineData("dossier.completed", "2023-07-01T09:00:00+07:00", "is more than 730 days from 'at'")]
    [InlineData("hotline.ticket.resolved", "2100-01-01T00:00:00Z", "2100-01-01T00:00:00Z is outside the years 2000 to 2099")]
    [InlineData("hotline.ticket.opened", "2025-07-02T08:59:00+07:00", "is before the ticket was opened ('at')")]
    public void ADueTimeFarFromAtIsRejected(string type, string dueAt, string reason)
    {
        var result = Parse(Valid(type).With("dueAt", dueAt), Now);

        result.Error.Should().Be(new ItemError(0, "e1", "dueAt", reason));
    }

    [Theory]
    [InlineData("dossier.completed", "completedAt")]
    [InlineData("hotline.ticket.resolved", "resolvedAt")]
    public void ACompletionInYearOneOrTwoYearsBeforeAtOrAfterAtIsRejected(string type, string field)
    {
        var yearOne = Parse(Valid(type).With(field, "0001-01-01T00:00:00+07:00"), Now);
        var longBefore = Parse(Valid(type).With(field, Now.AddDays(-731).ToString("O")), Now);
        var after = Parse(Valid(type).With("at", Now.AddHours(-1).ToString("O")).With(field, Now.AddMinutes(-54).ToString("O")), Now);

        yearOne.Error!.Field.Should().Be(field);
        longBefore.Error.Should().Be(new ItemError(0, "e1", field, "is more than 730 days before 'at'"));
        after.Error.Should().Be(new ItemError(0, "e1", field, "is more than 5 minutes after 'at', the time of the event that reports it"));
    }

    [Theory]
    [InlineData("id", "=cmd|' /C calc'!A0")]
    [InlineData("dossierId", "=cmd|' /C calc'!A0")]
    [InlineData("dossierId", "+1")]
    [InlineData("dossierId", "@SUM(A1)")]
    [InlineData("dossierId", "-2")]
    [InlineData("dossierId", "HS 001")]
    [InlineData("dossierId", "HS-001\t")]
    [InlineData("dossierId", "Hồ-sơ-1")]
    public void AnIdOutsideTheSafeCharacterSetIsRejected(string field, string value)
    {
        var result = Parse(Valid("dossier.received").With(field, value), Now);

        result.Error!.Errors.Should().ContainSingle(e => e.Field == field)
            .Which.Reason.Should().Be($"'{value}' is not an id: letters, digits and . _ - : / starting with a letter or digit");
    }

    [Theory]
    [InlineData("000.00.53.H48-220921-0099")]
    [InlineData("urn:uuid:0f8fad5b-d9cb-469f-a165-70867728950e")]
    [InlineData("sim-2025-1795107600-D1")]
    [InlineData("HS_2025/001")]
    public void IdsOfOneStopSystemsAreAccepted(string value)
    {
        var result = Parse(Valid("dossier.received").With("id", value).With("dossierId", value), Now);

        result.Error.Should().BeNull();
    }

    [Fact]
    public void ATicketIdWithAFormulaIsRejected()
    {
        var result = Parse(Valid("hotline.ticket.opened").With("ticketId", "=1+1"), Now);

        result.Error!.Field.Should().Be("ticketId");
    }

    [Theory]
    [InlineData("1.001612")]
    [InlineData("2.000815")]
    [InlineData("1.001612.000.00.00.H26")]
    public void NationalProcedureCodesAreAccepted(string code)
    {
        var result = Parse(Valid("dossier.received").With("procedure", code), Now);

        ((DossierReceived)result.Event!).Procedure.Should().Be(code);
    }

    [Theory]
    [InlineData("=HYPERLINK(\"http://evil\",\"x\")")]
    [InlineData("1.1612")]
    [InlineData("Đăng ký khai sinh")]
    [InlineData("1.001612.H26")]
    [InlineData("１.００１６１２")]
    public void AProcedureOutsideTheNationalFormatIsRejected(string code)
    {
        var result = Parse(Valid("dossier.received").With("procedure", code), Now);

        result.Error!.Field.Should().Be("procedure");
    }

    [Fact]
    public void AProcedureNameIsKeptOnTheReceipt()
    {
        var result = Parse(Valid("dossier.received").With("procedureName", "Đăng ký khai sinh"), Now);

        ((DossierReceived)result.Event!).ProcedureName.Should().Be("Đăng ký khai sinh");
    }

    [Theory]
    [InlineData("=HYPERLINK(\"http://evil\")", "must start with a letter or digit and hold no control characters")]
    [InlineData("Đăng ký\u0007", "must start with a letter or digit and hold no control characters")]
    public void AProcedureNameThatIsNotANameIsRejected(string name, string reason)
    {
        var result = Parse(Valid("dossier.received").With("procedureName", name), Now);

        result.Error.Should().Be(new ItemError(0, "e1", "procedureName", reason));
    }

    [Fact]
    public void AProcedureNameOver500CharactersIsRejected()
    {
        var result = Parse(Valid("dossier.received").With("procedureName", new string('a', 501)), Now);

        result.Error.Should().Be(new ItemError(0, "e1", "procedureName", "is longer than 500 characters"));
    }

    [Fact]
    public void ACompletionMayNameItsProcedure()
    {
        var result = Parse(Valid("dossier.completed").With("procedure", "1.001193"), Now);

        ((DossierCompleted)result.Event!).Procedure.Should().Be("1.001193");
    }

    [Fact]
    public void AMisspeltFieldIsRejectedWithTheFieldItProbablyMeant()
    {
        var result = Parse(Valid("hotline.call").Without("unit").With("unti", "00082"), Now);

        result.Error!.Errors.Should().Equal(
            new FieldError("unit", "is required (a 5-digit ward code) unless 'agency' is given"),
            new FieldError("unti", "is not a field of hotline.call events; did you mean 'unit'?"));
    }

    [Fact]
    public void AFieldOfAnotherTypeIsRejected()
    {
        var result = Parse(Valid("survey.response").With("dossierId", "D-1"), Now);

        result.Error.Should().Be(new ItemError(0, "e1", "dossierId", "is not a field of survey.response events"));
    }

    [Fact]
    public void ProcedureNameIsAFieldOfTheReceiptOnly()
    {
        var result = Parse(Valid("dossier.completed").With("procedureName", "Đăng ký khai sinh"), Now);

        result.Error!.Field.Should().Be("procedureName");
    }

    [Fact]
    public void AFieldSentTwiceIsRejected()
    {
        var json = Valid("hotline.call").ToJsonString().Replace("\"at\":", "\"at\":\"2025-07-02T08:00:00+07:00\",\"at\":", StringComparison.Ordinal);

        var result = ParseText(json, Now);

        result.Error.Should().Be(new ItemError(0, "e1", "at", "appears more than once"));
    }

    [Fact]
    public void TextWithALoneSurrogateEscapeIsRejectedNotThrown()
    {
        var json = Valid("dossier.received").ToJsonString().Replace("\"D-1\"", "\"D-\\ud800\"", StringComparison.Ordinal);

        var result = ParseText(json, Now);

        result.Error.Should().Be(new ItemError(0, "e1", "dossierId", "is not valid Unicode text (a \\u escape of a lone surrogate)"));
    }

    [Fact]
    public void AFieldNameWithALoneSurrogateEscapeIsRejectedNotThrown()
    {
        var json = Valid("survey.response").ToJsonString().Replace("{", "{\"\\udc00\":1,", StringComparison.Ordinal);

        var result = ParseText(json, Now);

        result.Error!.Field.Should().Be("(item)");
    }

    [Theory]
    [InlineData("")]
    [InlineData("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")]
    public void AFieldWithAnEmptyOrEndlessNameIsReportedOnTheItemNotUnderThatName(string name)
    {
        // Found by the fuzzer: an empty name was reported as field "", which no producer can find.
        var json = Valid("document.processed").ToJsonString().Replace("{", $"{{\"{name}\":false,", StringComparison.Ordinal);

        var result = ParseText(json, Now);

        result.Error!.Field.Should().Be("(item)");
        result.Error.Reason.Should().StartWith(name.Length == 0 ? "has a field with an empty name" : "has a field name longer than 64 characters");
    }

    [Fact]
    public void AnItemWithManyProblemsListsThemAllInFieldOrder()
    {
        var json = new JsonObject
        {
            ["id"] = "=x", ["type"] = "dossier.completed", ["at"] = "0001-01-01T00:00:00Z", ["unit"] = "1",
            ["dossierId"] = "", ["dueAt"] = "9999-12-31T00:00:00Z", ["completedAt"] = 5, ["resultDigitized"] = "yes",
            ["feePaidOnline"] = "no", ["colour"] = "red",
        };

        var result = Parse(json, Now);

        result.Error!.Id.Should().Be("=x");
        result.Error.Errors.Select(e => e.Field).Should().Equal(
            "id", "at", "unit", "colour", "dossierId", "dueAt", "completedAt", "resultDigitized", "feePaidOnline");
    }

    private static ParseResult Parse(JsonNode json, DateTimeOffset? now, IngestionOptions? options = null) =>
        ParseText(json.ToJsonString(), now, options);

    private static ParseResult ParseText(string json, DateTimeOffset? now, IngestionOptions? options = null)
    {
        using var items = BatchReader.Read(Encoding.UTF8.GetBytes(json), ndjson: false, maxEvents: 10);
        return new EventParser(Seed.Units, options).Parse(items[0], now);
    }
}
