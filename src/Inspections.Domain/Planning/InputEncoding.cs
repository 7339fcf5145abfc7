using System.Buffers.Binary;
using System.Text;
using Inspections.Domain.Common;
using Inspections.Domain.Registry;

namespace Inspections.Domain.Planning;

/// <summary>
/// A plan's recorded input: the canonical binary encoding that <see cref="InputFingerprint"/> hashes (version
/// <c>inspections.planning.input/1</c>). It is a few bytes per fact instead of a JSON document, it costs nothing extra
/// to produce (the fingerprint needs it anyway), and anyone can check a recording against the published fingerprint
/// by hashing it as it is. The seed is not part of it; a replay takes it from the plan.
/// </summary>
public static class InputEncoding
{
    private static readonly byte[] Header = Preamble();

    /// <summary>The encoding of <paramref name="input"/> (canonicalised first, like the planner does).</summary>
    public static byte[] Encode(PlanningInput input) => InputFingerprint.Encode(CanonicalInput.Create(input));

    /// <summary>Whether <paramref name="data"/> starts like an encoding of this version.</summary>
    public static bool IsEncoding(ReadOnlySpan<byte> data) => data.StartsWith(Header);

    /// <summary>The input back from its encoding, with <paramref name="seed"/>; throws on anything else.</summary>
    public static PlanningInput Decode(ReadOnlySpan<byte> data, ulong seed)
    {
        if (!IsEncoding(data))
        {
            throw new DomainException("planning.input.encoding", $"The recorded input is not an {InputFingerprint.Version} encoding.");
        }
        var r = new Reader(data[Header.Length..]);
        try
        {
            var month = new PlanningMonth(r.Int(), r.Int());
            var settings = ReadSettings(ref r);

            var jurisdictions = new PlanningJurisdiction[r.Count()];
            for (var i = 0; i < jurisdictions.Length; i++)
            {
                jurisdictions[i] = new PlanningJurisdiction(r.Guid(), r.String(), r.String(), r.Guid(), r.Double(), r.Double());
            }

            var venues = new PlanningVenue[r.Count()];
            var hours = new Dictionary<(long, long), OpeningHours>();
            for (var i = 0; i < venues.Length; i++)
            {
                var id = r.Guid();
                var jurisdiction = r.Guid();
                var type = r.Name<VenueType>();
                var risk = r.Name<RiskClass>();
                var longitude = r.Double();
                var latitude = r.Double();
                OpeningHours? opening = null;
                if (r.Bool())
                {
                    var key = (r.Long(), r.Long());
                    if (!hours.TryGetValue(key, out opening))
                    {
                        hours[key] = opening = new OpeningHours(new TimeOnly(key.Item1), new TimeOnly(key.Item2));
                    }
                }
                var night = r.Bool();
                var status = r.Name<VenueStatus>();
                var inspected = r.Bool();
                var inspectedOn = r.Int();
                var open = r.Bool();
                var overdue = r.Bool();
                var complaints = r.Int();
                var breach = r.Bool();
                var hasNearest = r.Bool();
                var nearest = r.Double();
                venues[i] = new PlanningVenue(id, jurisdiction, type, risk, longitude, latitude)
                {
                    OpeningHours = opening,
                    IsNightVenue = night,
                    Status = status,
                    LastInspectedOn = inspected ? DateOnly.FromDayNumber(inspectedOn) : null,
                    HasOpenRectification = open,
                    HasOverdueDeadline = overdue,
                    ComplaintCount = complaints,
                    BreachesSchoolDistanceRule = breach,
                    NearestSchoolMetres = hasNearest ? nearest : null,
                };
            }

            var officers = new PlanningOfficer[r.Count()];
            for (var i = 0; i < officers.Length; i++)
            {
                var id = r.Guid();
                var department = r.Name<DepartmentKind>();
                var street = r.Guid();
                var dates = new DateOnly[r.Count()];
                for (var d = 0; d < dates.Length; d++)
                {
                    dates[d] = DateOnly.FromDayNumber(r.Int());
                }
                officers[i] = new PlanningOfficer(id, department, street) { UnavailableDates = dates };
            }

            var conflicts = new OfficerConflict[r.Count()];
            for (var i = 0; i < conflicts.Length; i++)
            {
                conflicts[i] = new OfficerConflict(r.Guid(), r.Guid());
            }
            if (!r.AtEnd)
            {
                throw new FormatException("Bytes left over after the conflicts.");
            }
            return new PlanningInput(month, seed, settings, jurisdictions, venues, officers, conflicts);
        }
        catch (Exception ex) when (ex is FormatException or ArgumentException)
        {
            throw new DomainException("planning.input.encoding", $"The recorded input is damaged: {ex.Message}");
        }
    }

    private static PlanningSettings ReadSettings(ref Reader r)
    {
        var minOperations = r.Int();
        var holidayMinOperations = r.Int();
        var maxOperations = r.Int();
        var maxTeams = r.Int();
        var minTeamSize = r.Int();
        var maxVisits = r.Int();
        var maxOperationsPerOfficer = r.Int();
        var holidayMonths = r.Ints();
        var dayWindow = r.Window();
        var nightWindow = r.Window();
        var dayDays = r.Names<DayOfWeek>();
        var nightDays = r.Names<DayOfWeek>();
        var avoid = r.Ints().Select(DateOnly.FromDayNumber).ToArray();
        var extra = r.Ints().Select(DateOnly.FromDayNumber).ToArray();
        var quarterly = r.Names<VenueType>();
        var sensitive = r.Names<VenueType>();
        var riskIntervals = r.Map<RiskClass>();
        var holidayRiskIntervals = r.Map<RiskClass>();
        var randomPercent = r.Int();
        var minRandom = r.Int();
        var nearSchool = r.Int();
        var visitMinutes = r.Map<VenueType>();
        var defaultVisitMinutes = r.Int();
        var detour = r.Double();
        var speed = r.Double();
        var closed = new Dictionary<VenueType, TimeWindow>();
        for (var n = r.Count(); n > 0; n--)
        {
            closed[r.Name<VenueType>()] = r.Window();
        }
        var w = r.Ints();
        if (w.Length != 11)
        {
            throw new FormatException($"Expected 11 priority weights, found {w.Length}.");
        }
        var always = r.Names<DepartmentKind>();
        var byType = new Dictionary<VenueType, IReadOnlyList<DepartmentKind>>();
        for (var n = r.Count(); n > 0; n--)
        {
            byType[r.Name<VenueType>()] = r.Names<DepartmentKind>();
        }
        return new PlanningSettings
        {
            MinOperationsPerJurisdiction = minOperations,
            HolidayMinOperationsPerJurisdiction = holidayMinOperations,
            MaxOperationsPerJurisdiction = maxOperations,
            MaxTeamsPerOperation = maxTeams,
            MinTeamSize = minTeamSize,
            MaxVisitsPerTeam = maxVisits,
            MaxOperationsPerOfficer = maxOperationsPerOfficer,
            HolidayMonths = holidayMonths,
            DayWindow = dayWindow,
            NightWindow = nightWindow,
            DayOperationDays = dayDays,
            NightOperationDays = nightDays,
            DatesToAvoid = avoid,
            ExtraWorkingDays = extra,
            QuarterlySpecialCheckTypes = quarterly,
            MinorsSensitiveTypes = sensitive,
            RiskIntervalMonths = riskIntervals,
            HolidayRiskIntervalMonths = holidayRiskIntervals,
            RandomVisitPercent = randomPercent,
            MinRandomVisitsPerJurisdiction = minRandom,
            NearSchoolMetres = nearSchool,
            VisitMinutes = visitMinutes,
            DefaultVisitMinutes = defaultVisitMinutes,
            DetourFactor = detour,
            SpeedKmh = speed,
            LegalClosedHours = closed.AsReadOnly(),
            Weights = new PriorityWeights
            {
                OverdueDeadline = w[0],
                OpenRectification = w[1],
                Complaint = w[2],
                ComplaintExtra = w[3],
                ComplaintExtraCap = w[4],
                QuarterlySpecialCheck = w[5],
                QuarterlySpecialCheckFinalMonth = w[6],
                RiskFrequency = w[7],
                RiskClassStep = w[8],
                NeverInspected = w[9],
                NearSchool = w[10],
            },
            DepartmentRules = new DepartmentRules(always, byType.AsReadOnly()),
        };
    }

    private static byte[] Preamble()
    {
        var version = Encoding.UTF8.GetBytes(InputFingerprint.Version);
        var header = new byte[4 + version.Length];
        BinaryPrimitives.WriteInt32LittleEndian(header, version.Length);
        version.CopyTo(header, 4);
        return header;
    }

    private ref struct Reader(ReadOnlySpan<byte> data)
    {
        private ReadOnlySpan<byte> _data = data;

        public readonly bool AtEnd => _data.IsEmpty;

        public int Int() => BinaryPrimitives.ReadInt32LittleEndian(Take(4));

        public long Long() => BinaryPrimitives.ReadInt64LittleEndian(Take(8));

        public double Double() => BitConverter.Int64BitsToDouble(Long());

        public bool Bool() => Take(1)[0] switch
        {
            0 => false,
            1 => true,
            var b => throw new FormatException($"{b} is not a boolean."),
        };

        public Guid Guid() => new(Take(16), bigEndian: true);

        /// <summary>A length or count: never negative, never more than the bytes left could hold.</summary>
        public int Count()
        {
            var n = Int();
            return n >= 0 && n <= _data.Length ? n : throw new FormatException($"{n} is not a valid count here.");
        }

        public string String() => Encoding.UTF8.GetString(Take(Count()));

        public T Name<T>()
            where T : struct, Enum => Enum.Parse<T>(String());

        public int[] Ints()
        {
            var values = new int[Count()];
            for (var i = 0; i < values.Length; i++)
            {
                values[i] = Int();
            }
            return values;
        }

        public T[] Names<T>()
            where T : struct, Enum
        {
            var values = new T[Count()];
            for (var i = 0; i < values.Length; i++)
            {
                values[i] = Name<T>();
            }
            return values;
        }

        public IReadOnlyDictionary<T, int> Map<T>()
            where T : struct, Enum
        {
            var map = new Dictionary<T, int>();
            for (var n = Count(); n > 0; n--)
            {
                map[Name<T>()] = Int();
            }
            return map.AsReadOnly();
        }

        public TimeWindow Window() => new(new TimeOnly(Long()), new TimeOnly(Long()));

        private ReadOnlySpan<byte> Take(int count)
        {
            if (count > _data.Length)
            {
                throw new FormatException("The encoding ends early.");
            }
            var taken = _data[..count];
            _data = _data[count..];
            return taken;
        }
    }
}
