using System.Globalization;
using IOC.Domain.Events;

namespace IOC.Ingestion.Simulation;

/// <remarks>
/// Shares, all assumptions tuned to Hanoi's published targets and the rates a ward actually reports:
/// dossiers online ~65% (online is the only channel outside office hours), of which ~35% full-process;
/// postal ~3%; on a digital platform ~98%; ~5.5% planned to finish late (a third of those stay open for days, so the
/// overdue gauge is never empty); results digitized ~90%; no fee ~40%, otherwise paid online ~55%.
/// Hotline: ~92% answered, ~3% hang up within 5 s, the rest abandon after waiting; waits grow with load.
/// Tickets: due in 1–10 days, ~90% resolved by then. Surveys: ~93–97.5% satisfied, depending on the unit.
/// </remarks>
public sealed partial class TrafficGenerator
{
    private const double OfficeOnlineShare = 0.56;
    private const double PostalShareOfDesk = 0.086;
    private const double FullProcessShareOfOnline = 0.35;
    private const double OnPlatformShareOfDesk = 0.943;
    private const double LongLateShare = 0.015;
    private const double LateShare = 0.055;

    /// <summary>
    /// Work received before the start and finishing in the first days is older than average, so stragglers are
    /// over-represented in it; without this the first day (the sample file) would show almost no late work.
    /// </summary>
    private const double BacklogLateShare = 2 * LateShare;

    private const double TicketMinDays = 1;
    private const double TicketMaxDays = 10;
    private const double TicketOnTimeShare = 0.9;
    private const double TicketEarliestFraction = 0.1;
    private const double TicketLatestFraction = 0.97;

    private IocEvent Receive(long t, bool officeOpen)
    {
        var unitIndex = _random.Pick(_units.DossierDesks);
        var unit = _units.All[unitIndex];
        var procedure = Procedures.All[_random.Pick(Procedures.Cumulative)];
        var online = OfficeOnlineShare + unit.OnlineTilt;
        var draw = _random.NextDouble();
        var channel = !officeOpen || draw < online ? DossierChannel.Online
            : draw < online + ((1 - online) * PostalShareOfDesk) ? DossierChannel.Postal
            : DossierChannel.InPerson;
        var fullProcess = channel == DossierChannel.Online && _random.Chance(FullProcessShareOfOnline);
        var onPlatform = channel == DossierChannel.Online || _random.Chance(OnPlatformShareOfDesk);
        var due = t + procedure.ProcessingTime.Ticks;
        var (earliest, latest) = DossierWindow(t, due, unit.LateFactor);
        var finish = PlanWithin(earliest, latest);
        var number = ++_dossiers;
        Plan(new Planned(IsTicket: false, unitIndex, number, due), finish);

        return new DossierReceived
        {
            Id = NextId(), At = Local(t), Unit = WardOf(unit), Agency = AgencyOf(unit),
            DossierId = $"{_idPrefix}D{number.ToString(CultureInfo.InvariantCulture)}",
            Procedure = procedure.Code,
            Channel = channel,
            FullProcessOnline = fullProcess,
            OnDigitalPlatform = onPlatform,
            DueAt = Local(due),
        };
    }

    /// <summary>The window a dossier received at <paramref name="received"/> will be completed in: mostly on time, sometimes late, now and then days late.</summary>
    private (long Earliest, long Latest) DossierWindow(long received, long due, double lateFactor)
    {
        var processing = due - received;
        var fate = _random.NextDouble();
        return fate < LongLateShare * lateFactor ? (due + TimeSpan.TicksPerDay * 3, due + TimeSpan.TicksPerDay * 10)
            : fate < LateShare * lateFactor ? (due + TimeSpan.TicksPerHour, due + TimeSpan.TicksPerDay * 2)
            : (received + (long)(processing * Procedures.EarliestFraction), received + (long)(processing * Procedures.LatestFraction));
    }

    /// <summary>The window a ticket opened at <paramref name="opened"/>, <paramref name="span"/> before its due time, will be resolved in.</summary>
    private (long Earliest, long Latest) TicketWindow(long opened, long span, long due) =>
        _random.Chance(TicketOnTimeShare)
            ? (opened + (long)(span * TicketEarliestFraction), opened + (long)(span * TicketLatestFraction))
            : (due + (2 * TimeSpan.TicksPerHour), due + (4 * TimeSpan.TicksPerDay));

    /// <summary>A dossier received before the simulator started, so on-time rates have data from the first minute.</summary>
    private IocEvent CompleteBacklog(long t)
    {
        var unit = _units.All[_random.Pick(_units.DossierDesks)];
        var late = _random.Chance(BacklogLateShare * unit.LateFactor);
        var due = late ? t - (long)(TimeSpan.TicksPerDay * _random.Between(0.05, 5))
            : _random.Chance(0.3) ? t + (long)(TimeSpan.TicksPerHour * _random.Between(0.2, 6))
            : t + (long)(TimeSpan.TicksPerDay * _random.Between(1, 10));
        due -= due % TimeSpan.TicksPerMinute;
        return new DossierCompleted
        {
            Id = NextId(), At = Local(t), Unit = WardOf(unit), Agency = AgencyOf(unit),
            DossierId = $"{_idPrefix}DB{(++_backlog).ToString(CultureInfo.InvariantCulture)}",
            DueAt = Local(due),
            CompletedAt = Local(t),
            ResultDigitized = _random.Chance(0.9),
            FeePaidOnline = Fee(),
        };
    }

    /// <param name="finished">When the work was done; <paramref name="at"/> is later only when reported after a gap.</param>
    private IocEvent Finish(Planned work, long finished, long at)
    {
        var (ward, agency, itemId) = work.Adopted is { } adopted
            ? (adopted.Unit, adopted.Agency, adopted.Id)
            : (WardOf(_units.All[work.Unit]), AgencyOf(_units.All[work.Unit]),
               $"{_idPrefix}{(work.IsTicket ? "T" : "D")}{work.Number.ToString(CultureInfo.InvariantCulture)}");
        if (work.IsTicket)
        {
            return new TicketResolved
            {
                Id = NextId(), At = Local(at), Unit = ward, Agency = agency,
                TicketId = itemId,
                DueAt = Local(work.DueTicks),
                ResolvedAt = Local(finished),
            };
        }

        return new DossierCompleted
        {
            Id = NextId(), At = Local(at), Unit = ward, Agency = agency,
            DossierId = itemId,
            DueAt = Local(work.DueTicks),
            CompletedAt = Local(finished),
            ResultDigitized = _random.Chance(0.9),
            FeePaidOnline = Fee(),
        };
    }

    private IocEvent Call(long t)
    {
        var unit = _units.All[_random.Pick(_units.Wards)];
        var load = TrafficProfile.Load(t);
        var draw = _random.NextDouble();
        var answered = draw >= 0.08;
        var wait = draw < 0.03 ? _random.Between(0.5, 4.9)
            : !answered ? 8 + _random.Exponential(20 + (40 * load))
            : 5 + _random.Exponential(3 + (6 * load));
        double? handle = answered ? Math.Round(120 + (480 * (_random.NextDouble() + _random.NextDouble()) / 2)) : null;
        return new HotlineCall
        {
            Id = NextId(), At = Local(t), Unit = unit.Code,
            Answered = answered,
            WaitSeconds = Math.Round(Math.Min(wait, 900), 1),
            HandleSeconds = handle,
        };
    }

    private IocEvent OpenTicket(long t)
    {
        var unitIndex = _random.Pick(_units.Wards);
        var span = (long)(TimeSpan.TicksPerDay * _random.Between(TicketMinDays, TicketMaxDays));
        var due = t + span - ((t + span) % TimeSpan.TicksPerMinute);
        var (earliest, latest) = TicketWindow(t, span, due);
        var resolved = PlanWithin(earliest, latest);
        var number = ++_tickets;
        Plan(new Planned(IsTicket: true, unitIndex, number, due), resolved);
        return new TicketOpened
        {
            Id = NextId(), At = Local(t), Unit = _units.All[unitIndex].Code,
            TicketId = $"{_idPrefix}T{number.ToString(CultureInfo.InvariantCulture)}",
            DueAt = Local(due),
        };
    }

    /// <summary>A ticket opened before the simulator started, so the on-time resolution rate has data from the first minute.</summary>
    private IocEvent ResolveBacklog(long t)
    {
        var unit = _units.All[_random.Pick(_units.Wards)];
        var due = _random.Chance(TicketOnTimeShare)
            ? t + (long)(TimeSpan.TicksPerDay * _random.Between(0.05, 5))
            : t - (long)(TimeSpan.TicksPerDay * _random.Between(0.1, 4));
        due -= due % TimeSpan.TicksPerMinute;
        return new TicketResolved
        {
            Id = NextId(), At = Local(t), Unit = unit.Code,
            TicketId = $"{_idPrefix}TB{(++_backlogTickets).ToString(CultureInfo.InvariantCulture)}",
            DueAt = Local(due),
            ResolvedAt = Local(t),
        };
    }

    /// <summary>Share of tickets opened <paramref name="age"/> ago still unresolved (on-time plans, spans averaged over a grid).</summary>
    private static double TicketsStillOpen(TimeSpan age)
    {
        const int Steps = 20;
        var open = 0.0;
        for (var i = 0; i < Steps; i++)
        {
            var spanDays = TicketMinDays + ((TicketMaxDays - TicketMinDays) * (i + 0.5) / Steps);
            var fraction = age.TotalDays / spanDays;
            open += Math.Clamp((TicketLatestFraction - fraction) / (TicketLatestFraction - TicketEarliestFraction), 0, 1);
        }

        return open / Steps;
    }

    private IocEvent Survey(long t, bool officeOpen)
    {
        var unit = _units.All[_random.Pick(_units.DossierDesks)];
        var subject = unit.IsAgency || _random.Chance(officeOpen ? 0.7 : 0.5) ? SurveySubject.Dossier : SurveySubject.Hotline;
        var draw = _random.NextDouble();
        var unhappy = (draw - unit.Satisfied) / (1 - unit.Satisfied);
        var rating = draw < unit.Satisfied * 0.58 ? SatisfactionRating.VerySatisfied
            : draw < unit.Satisfied ? SatisfactionRating.Satisfied
            : unhappy < 0.6 ? SatisfactionRating.Neutral
            : unhappy < 0.9 ? SatisfactionRating.Dissatisfied
            : SatisfactionRating.VeryDissatisfied;
        return new SurveyResponse
        {
            Id = NextId(), At = Local(t), Unit = WardOf(unit), Agency = AgencyOf(unit),
            Subject = subject,
            Rating = rating,
        };
    }

    private IocEvent Document(long t)
    {
        var unit = _units.All[_random.Pick(_units.Agencies!)];
        var digital = _random.Chance(unit.Digital);
        return new DocumentProcessed
        {
            Id = NextId(), At = Local(t), Agency = unit.Code,
            Digital = digital,
            SignedDigitally = digital && _random.Chance(unit.SignedGivenDigital),
        };
    }

    private bool? Fee() => _random.Chance(0.4) ? null : _random.Chance(0.55);

    private static string? WardOf(SimUnit unit) => unit.IsAgency ? null : unit.Code;

    private static string? AgencyOf(SimUnit unit) => unit.IsAgency ? unit.Code : null;
}
