using Inspections.Domain.Planning;
using Inspections.Domain.Registry;

namespace Inspections.Domain.Tests.Planning;

/// <summary>A synthetic 民治街道 (Longhua, Shenzhen): communities, venues and officers generated from a fixed data seed.</summary>
internal sealed class PlanningScenario
{
    private static readonly (string Code, string Name, double Longitude, double Latitude)[] CommunityData =
    [
        ("440309005001", "白石龙社区", 114.0365, 22.6015),
        ("440309005002", "民强社区", 114.0400, 22.6170),
        ("440309005003", "民乐社区", 114.0470, 22.6080),
        ("440309005004", "上塘社区", 114.0300, 22.6250),
        ("440309005005", "大岭社区", 114.0520, 22.6200),
    ];

    private static readonly Dictionary<VenueType, string[]> NameData = new()
    {
        [VenueType.Ktv] = ["金嗓子KTV", "星光量贩KTV", "麦霸KTV", "欢唱时代KTV"],
        [VenueType.InternetCafe] = ["网鱼网咖", "极速网吧", "星际网咖", "龙华网吧"],
        [VenueType.EsportsVenue] = ["战旗电竞馆", "巅峰电竞"],
        [VenueType.GameArcade] = ["大玩家电玩城", "欢乐岛游艺厅"],
        [VenueType.Bar] = ["蓝调酒吧", "深夜小酒馆", "老地方清吧"],
        [VenueType.Hotel] = ["民治商务酒店", "如家快捷酒店", "锦江之星", "白石龙宾馆", "悦居民宿"],
        [VenueType.EsportsHotel] = ["竞界电竞酒店"],
        [VenueType.TattooShop] = ["墨客文身", "刺青工坊"],
        [VenueType.TobaccoRetail] = ["好又多便利店", "民乐烟酒行", "美宜佳", "天虹烟酒", "红旗便利店", "福彩投注站", "嘉荣超市", "7-Eleven"],
        [VenueType.TutoringCentre] = ["学而思托管", "小太阳晚托", "新东方培训", "启明星托管中心"],
        [VenueType.EscapeRoom] = ["迷城密室", "剧本杀研究所"],
    };

    private static readonly (VenueType Type, int Count)[] Mix =
    [
        (VenueType.Ktv, 4), (VenueType.InternetCafe, 4), (VenueType.Bar, 3), (VenueType.GameArcade, 2), (VenueType.EsportsVenue, 1),
        (VenueType.Hotel, 5), (VenueType.EsportsHotel, 1), (VenueType.TobaccoRetail, 8), (VenueType.TutoringCentre, 4),
        (VenueType.TattooShop, 2), (VenueType.EscapeRoom, 2),
    ];

    private readonly Xoshiro256StarStar _rng;

    public PlanningScenario(ulong dataSeed = 7)
    {
        _rng = new Xoshiro256StarStar(dataSeed);
        StreetId = NewId();
    }

    public Guid StreetId { get; }

    public List<PlanningJurisdiction> Jurisdictions { get; } = [];

    public List<PlanningVenue> Venues { get; } = [];

    public List<PlanningOfficer> Officers { get; } = [];

    public List<OfficerConflict> Conflicts { get; } = [];

    public Dictionary<Guid, string> Names { get; } = [];

    public PlanningSettings Settings { get; set; } = PlanningSettings.Default;

    /// <summary>Four communities of 36 venues each and a street of 36 officers, some on leave.</summary>
    public static PlanningScenario Standard(PlanningMonth month, ulong dataSeed = 7, int communities = 4, bool withLeave = true)
    {
        var s = new PlanningScenario(dataSeed);
        for (var i = 0; i < communities; i++)
        {
            var j = s.AddCommunity(i);
            foreach (var (type, count) in Mix)
            {
                for (var k = 0; k < count; k++)
                {
                    var last = s.Uniform() < 0.1 ? (DateOnly?)null : month.FirstDay.AddDays(-10 - s.Next(140));
                    s.AddVenue(j, type, (RiskClass)s.Next(4), last);
                }
            }
        }
        s.AddOfficers(DepartmentKind.Police, 10, month, withLeave);
        s.AddOfficers(DepartmentKind.MarketSupervision, 10, month, withLeave);
        s.AddOfficers(DepartmentKind.Culture, 6, month, withLeave);
        s.AddOfficers(DepartmentKind.Tobacco, 3, month, withLeave);
        s.AddOfficers(DepartmentKind.Education, 3, month, withLeave);
        s.AddOfficers(DepartmentKind.Health, 2, month, withLeave);
        s.AddOfficers(DepartmentKind.Fire, 2, month, withLeave);
        return s;
    }

    public static OpeningHours? HoursFor(VenueType type) => type switch
    {
        VenueType.Ktv => new(new TimeOnly(12, 0), new TimeOnly(2, 0)),
        VenueType.InternetCafe or VenueType.EsportsVenue => new(new TimeOnly(8, 0), new TimeOnly(0, 0)),
        VenueType.Bar => new(new TimeOnly(18, 0), new TimeOnly(2, 0)),
        VenueType.GameArcade => new(new TimeOnly(10, 0), new TimeOnly(23, 0)),
        VenueType.TobaccoRetail => new(new TimeOnly(8, 0), new TimeOnly(22, 0)),
        VenueType.TutoringCentre => new(new TimeOnly(9, 0), new TimeOnly(20, 0)),
        VenueType.TattooShop => new(new TimeOnly(11, 0), new TimeOnly(21, 0)),
        VenueType.EscapeRoom => new(new TimeOnly(13, 0), new TimeOnly(23, 0)),
        _ => null,
    };

    public PlanningJurisdiction AddCommunity(int index)
    {
        var (code, name, lon, lat) = CommunityData[index];
        var j = new PlanningJurisdiction(NewId(), code, name, StreetId, lon, lat);
        Jurisdictions.Add(j);
        return j;
    }

    public PlanningVenue AddVenue(PlanningJurisdiction j, VenueType type, RiskClass risk, DateOnly? lastInspected, Func<PlanningVenue, PlanningVenue>? adjust = null)
    {
        var venue = new PlanningVenue(NewId(), j.Id, type, risk, j.Longitude + ((Uniform() - 0.5) * 0.018), j.Latitude + ((Uniform() - 0.5) * 0.018))
        {
            OpeningHours = HoursFor(type),
            LastInspectedOn = lastInspected,
        };
        venue = adjust?.Invoke(venue) ?? venue;
        Venues.Add(venue);
        var names = NameData[type];
        Names[venue.Id] = $"{names[Venues.Count % names.Length]}（{j.Name}{Venues.Count}号）";
        return venue;
    }

    public void AddOfficers(DepartmentKind kind, int count, PlanningMonth month, bool withLeave = false)
    {
        for (var i = 0; i < count; i++)
        {
            var leave = withLeave && Uniform() < 0.25
                ? Enumerable.Range(0, 3).Select(_ => month.FirstDay.AddDays(Next(month.DayCount))).ToList()
                : [];
            Officers.Add(new PlanningOfficer(NewId(), kind, StreetId) { UnavailableDates = leave });
        }
    }

    public PlanningInput Input(PlanningMonth month, ulong seed = 20260301) =>
        new(month, seed, Settings, [.. Jurisdictions], [.. Venues], [.. Officers], [.. Conflicts]);

    public Guid NewId()
    {
        Span<byte> bytes = stackalloc byte[16];
        BitConverter.TryWriteBytes(bytes, _rng.NextUInt64());
        BitConverter.TryWriteBytes(bytes[8..], _rng.NextUInt64());
        return new Guid(bytes);
    }

    public double Uniform() => (_rng.NextUInt64() >> 11) * (1.0 / (1UL << 53));

    public int Next(int bound) => _rng.NextInt(bound);

    public List<T> Shuffled<T>(IEnumerable<T> items)
    {
        var list = items.ToList();
        for (var i = list.Count - 1; i > 0; i--)
        {
            var j = Next(i + 1);
            (list[i], list[j]) = (list[j], list[i]);
        }
        return list;
    }
}

internal static class PlanAssertions
{
    public static Dictionary<Guid, PlanningVenue> VenuesById(this PlanningInput input) => input.Venues.ToDictionary(v => v.Id);

    public static Dictionary<Guid, PlanningOfficer> OfficersById(this PlanningInput input) => input.Officers.ToDictionary(o => o.Id);
}
