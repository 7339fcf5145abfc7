using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text;
using Inspections.Domain.Registry;

namespace Inspections.Domain.Planning;

/// <summary>
/// SHA-256 over a fixed binary encoding of the canonical input (everything but the seed): little-endian
/// integers, IEEE doubles, UTF-8 strings with a length prefix, ids in RFC 9562 byte order, enums by name.
/// Equal fingerprints prove two replays read the same facts and rules. The encoding is also what a plan records
/// as its input (<see cref="InputEncoding"/>): it holds every fact and rule the planner reads, so the recorded
/// bytes are decoded for a replay and hash to the published fingerprint as they are.
/// </summary>
public static class InputFingerprint
{
    internal const string Version = "inspections.planning.input/1";

    public static string Compute(PlanningInput input) => Compute(CanonicalInput.Create(input));

    internal static string Compute(CanonicalInput c) => Of(Encode(c));

    /// <summary>The fingerprint of an encoding (<see cref="Encode"/>): lowercase hex SHA-256.</summary>
    public static string Of(ReadOnlySpan<byte> encoded) => Convert.ToHexStringLower(SHA256.HashData(encoded));

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static byte[] Encode(CanonicalInput c)
    {
        var w = new EncodingWriter(64 + (c.Venues.Length * 140) + (c.Officers.Length * 48));
        w.String(Version);
        w.Int(c.Month.Year);
        w.Int(c.Month.Month);
        WriteSettings(w, c.Settings);

        w.Int(c.Jurisdictions.Length);
        foreach (var j in c.Jurisdictions)
        {
            w.Guid(j.Id);
            w.String(j.Code);
            w.String(j.Name);
            w.Guid(j.StreetId);
            w.Double(j.Longitude);
            w.Double(j.Latitude);
        }

        w.Int(c.Venues.Length);
        foreach (var v in c.Venues)
        {
            w.Guid(v.Id);
            w.Guid(v.JurisdictionId);
            w.String(Names<VenueType>.Of(v.Type));
            w.String(Names<RiskClass>.Of(v.RiskClass));
            w.Double(v.Longitude);
            w.Double(v.Latitude);
            w.Bool(v.OpeningHours is not null);
            if (v.OpeningHours is not null)
            {
                w.Long(v.OpeningHours.Opens.Ticks);
                w.Long(v.OpeningHours.Closes.Ticks);
            }
            w.Bool(v.IsNightVenue);
            w.String(Names<VenueStatus>.Of(v.Status));
            w.Bool(v.LastInspectedOn.HasValue);
            w.Int(v.LastInspectedOn?.DayNumber ?? 0);
            w.Bool(v.HasOpenRectification);
            w.Bool(v.HasOverdueDeadline);
            w.Int(v.ComplaintCount);
            w.Bool(v.BreachesSchoolDistanceRule);
            w.Bool(v.NearestSchoolMetres.HasValue);
            w.Double(v.NearestSchoolMetres ?? 0);
        }

        w.Int(c.Officers.Length);
        foreach (var o in c.Officers)
        {
            w.Guid(o.Id);
            w.String(Names<DepartmentKind>.Of(o.Department));
            w.Guid(o.StreetId);
            w.Int(o.UnavailableDates.Count);
            foreach (var d in o.UnavailableDates)
            {
                w.Int(d.DayNumber);
            }
        }

        w.Int(c.Conflicts.Length);
        foreach (var x in c.Conflicts)
        {
            w.Guid(x.OfficerId);
            w.Guid(x.VenueId);
        }
        return w.ToArray();
    }

    private static void WriteSettings(EncodingWriter w, PlanningSettings s)
    {
        w.Int(s.MinOperationsPerJurisdiction);
        w.Int(s.HolidayMinOperationsPerJurisdiction);
        w.Int(s.MaxOperationsPerJurisdiction);
        w.Int(s.MaxTeamsPerOperation);
        w.Int(s.MinTeamSize);
        w.Int(s.MaxVisitsPerTeam);
        w.Int(s.MaxOperationsPerOfficer);
        w.Ints(s.HolidayMonths.Distinct().Order());
        w.Window(s.DayWindow);
        w.Window(s.NightWindow);
        w.Names(s.DayOperationDays.Distinct().Order());
        w.Names(s.NightOperationDays.Distinct().Order());
        w.Ints(s.DatesToAvoid.Distinct().Order().Select(d => d.DayNumber));
        w.Ints(s.ExtraWorkingDays.Distinct().Order().Select(d => d.DayNumber));
        w.Names(s.QuarterlySpecialCheckTypes.Distinct().Order());
        w.Names(s.MinorsSensitiveTypes.Distinct().Order());
        w.Map(s.RiskIntervalMonths);
        w.Map(s.HolidayRiskIntervalMonths);
        w.Int(s.RandomVisitPercent);
        w.Int(s.MinRandomVisitsPerJurisdiction);
        w.Int(s.NearSchoolMetres);
        w.Map(s.VisitMinutes);
        w.Int(s.DefaultVisitMinutes);
        w.Double(s.DetourFactor);
        w.Double(s.SpeedKmh);
        w.Int(s.LegalClosedHours.Count);
        foreach (var (type, window) in s.LegalClosedHours.OrderBy(kv => kv.Key))
        {
            w.String(Names<VenueType>.Of(type));
            w.Window(window);
        }
        var p = s.Weights;
        w.Ints([p.OverdueDeadline, p.OpenRectification, p.Complaint, p.ComplaintExtra, p.ComplaintExtraCap, p.QuarterlySpecialCheck,
            p.QuarterlySpecialCheckFinalMonth, p.RiskFrequency, p.RiskClassStep, p.NeverInspected, p.NearSchool]);
        w.Names(s.DepartmentRules.Always.Distinct().Order());
        w.Int(s.DepartmentRules.ByVenueType.Count);
        foreach (var (type, kinds) in s.DepartmentRules.ByVenueType.OrderBy(kv => kv.Key))
        {
            w.String(Names<VenueType>.Of(type));
            w.Names(kinds.Distinct().Order());
        }
    }

    private static class Names<T>
        where T : struct, Enum
    {
        private static readonly Dictionary<T, string> Cache = Enum.GetValues<T>().ToDictionary(v => v, v => v.ToString());

        public static string Of(T value) => Cache.TryGetValue(value, out var name) ? name : value.ToString();
    }

    /// <summary>Appends the encoding to a growing buffer.</summary>
    private sealed class EncodingWriter(int capacity)
    {
        private byte[] _buffer = new byte[Math.Max(256, capacity)];
        private int _position;

        public void Int(int value)
        {
            BinaryPrimitives.WriteInt32LittleEndian(Reserve(4), value);
        }

        public void Long(long value)
        {
            BinaryPrimitives.WriteInt64LittleEndian(Reserve(8), value);
        }

        public void Double(double value)
        {
            Long(BitConverter.DoubleToInt64Bits(value == 0 ? 0d : value));
        }

        public void Bool(bool value)
        {
            Reserve(1)[0] = value ? (byte)1 : (byte)0;
        }

        public void Guid(Guid value)
        {
            value.TryWriteBytes(Reserve(16), bigEndian: true, out _);
        }

        public void String(string? value)
        {
            var text = value ?? string.Empty;
            var length = Encoding.UTF8.GetByteCount(text);
            Int(length);
            Encoding.UTF8.GetBytes(text, Reserve(length));
        }

        public void Ints(IEnumerable<int> values)
        {
            var list = values.ToList();
            Int(list.Count);
            foreach (var v in list)
            {
                Int(v);
            }
        }

        public void Names<T>(IEnumerable<T> values)
            where T : struct, Enum
        {
            var list = values.ToList();
            Int(list.Count);
            foreach (var v in list)
            {
                String(InputFingerprint.Names<T>.Of(v));
            }
        }

        public void Map<T>(IReadOnlyDictionary<T, int> map)
            where T : struct, Enum
        {
            Int(map.Count);
            foreach (var (key, value) in map.OrderBy(kv => kv.Key))
            {
                String(InputFingerprint.Names<T>.Of(key));
                Int(value);
            }
        }

        public void Window(TimeWindow window)
        {
            Long(window.Start.Ticks);
            Long(window.End.Ticks);
        }

        public byte[] ToArray() => _buffer.AsSpan(0, _position).ToArray();

        private Span<byte> Reserve(int count)
        {
            if (_position + count > _buffer.Length)
            {
                Array.Resize(ref _buffer, Math.Max(_buffer.Length * 2, _position + count));
            }
            var span = _buffer.AsSpan(_position, count);
            _position += count;
            return span;
        }
    }
}
