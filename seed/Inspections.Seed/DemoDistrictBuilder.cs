using System.Globalization;
using Bogus;
using Inspections.Domain.Identifiers;
using Inspections.Domain.Registry;
using NetTopologySuite.Geometries;
using static Inspections.Seed.DemoVocabulary;

namespace Inspections.Seed;

/// <summary>One generation run: owns the randomizer and the uniqueness sets, so a run is reproducible on its own.</summary>
internal sealed class DemoDistrictBuilder
{
    private const double CafeSchoolMetres = 200;
    private const double TobaccoSchoolMetres = 50;

    private static readonly DateTimeOffset IdEpoch = new(2025, 6, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly SchoolKind[] CafeRuleKinds = [SchoolKind.Primary, SchoolKind.Middle, SchoolKind.NineYear];

    private readonly DemoDistrictOptions _options;
    private readonly Faker _faker;
    private readonly Randomizer _r;
    private readonly HashSet<string> _venueNames = new(StringComparer.Ordinal);
    private readonly HashSet<string> _schoolNames = new(StringComparer.Ordinal);
    private readonly HashSet<string> _officerNames = new(StringComparer.Ordinal);
    private readonly HashSet<string> _enforcementIds = new(StringComparer.Ordinal);
    private readonly HashSet<string> _creditCodes = new(StringComparer.Ordinal);
    private readonly SchoolIndex _schoolIndex = new();
    private readonly List<CommunityPlan> _communities = [];
    private readonly List<VenueSite> _venueSites = [];
    private double[] _communityCumulative = [];
    private DemoGeography? _geography;
    private long _idClock;

    public DemoDistrictBuilder(DemoDistrictOptions options)
    {
        _options = options;
        _faker = new Faker("zh_CN") { Random = new Randomizer(options.Seed) };
        _r = _faker.Random;
        _idClock = IdEpoch.ToUnixTimeMilliseconds();
    }

    public DemoDistrict Build()
    {
        var perStreet = SplitEven(_options.Communities, _options.Streets);
        var geography = _geography = DemoGeography.Create(_r, perStreet);
        var streetNames = UniqueNames(StreetNames, _options.Streets, []);
        var communityNames = UniqueNames(CommunityNames, _options.Communities, []);

        var streets = new List<Jurisdiction>(_options.Streets);
        var departments = new List<Department>(_options.Streets * 8);
        var next = 0;
        foreach (var area in geography.Streets)
        {
            var streetShort = streetNames[area.Index];
            var streetCode = RegionCode + (area.Index + 1).ToString("D3", CultureInfo.InvariantCulture);
            var street = new Jurisdiction(NextId(), streetCode, streetShort + "街道", JurisdictionLevel.Street, null, area.Boundary);
            streets.Add(street);
            var majors = _r.Shuffle(MajorRoads).Take(6).ToArray();
            foreach (var communityArea in area.Communities)
            {
                var name = communityNames[next++];
                var code = streetCode + (communityArea.Ordinal + 1).ToString("D3", CultureInfo.InvariantCulture);
                var community = new Jurisdiction(NextId(), code, name + "社区", JurisdictionLevel.Community, street.Id, communityArea.Boundary);
                _communities.Add(NewPlan(communityArea, community, street, name, majors));
            }
            foreach (var kind in Enum.GetValues<DepartmentKind>())
            {
                var (deptName, shortName, kindCode) = Department(kind, streetShort);
                departments.Add(new Department(NextId(), $"{streetCode}-{kindCode}", deptName, shortName, kind, street.Id));
            }
        }
        _communityCumulative = Cumulative(_communities.Select(c => c.Density));

        var officers = CreateOfficers(streets, departments);
        var schools = CreateSchools();
        var venues = CreateVenues();

        return new DemoDistrict
        {
            Options = _options,
            Streets = streets,
            Communities = [.. _communities.Select(c => c.Jurisdiction)],
            Departments = departments,
            Officers = officers,
            Schools = schools,
            Venues = venues,
        };
    }

    private CommunityPlan NewPlan(CommunityArea area, Jurisdiction community, Jurisdiction street, string name, string[] majors)
    {
        var horizontal = majors[_r.Int(0, 2)];
        var vertical = majors[_r.Int(3, 5)];
        var local = name + _r.ArrayElement(LocalRoadSuffixes);
        var localOffset = _r.Bool() ? _r.Double(0.08, 0.22) : _r.Double(0.78, 0.92);
        Road[] roads =
        [
            new(horizontal, true, _r.Double(0.3, 0.7)),
            new(vertical, false, _r.Double(0.25, 0.75)),
            new(local, true, localOffset),
        ];
        return new CommunityPlan(area, community, street.Name, name, roads, _r.Double(0.3, 0.7), _r.Double(0.3, 0.7), _r.Double(0.4, 1.6));
    }

    private List<Officer> CreateOfficers(List<Jurisdiction> streets, List<Department> departments)
    {
        var officers = new List<Officer>(_options.Officers);
        var mayLeave = new List<int>();
        var perStreet = SplitEven(_options.Officers, streets.Count);
        for (var s = 0; s < streets.Count; s++)
        {
            var streetDepartments = departments.Where(d => d.JurisdictionId == streets[s].Id).ToList();
            var baseline = Math.Min(2, perStreet[s] / streetDepartments.Count);
            var counts = streetDepartments.Select(_ => baseline).ToArray();
            var weights = streetDepartments.Select(d => OfficerWeights.First(w => w.Kind == d.Kind).Weight).ToArray();
            var cumulative = Cumulative(weights);
            for (var k = perStreet[s] - baseline * streetDepartments.Count; k > 0; k--)
            {
                counts[PickIndex(cumulative)]++;
            }
            for (var d = 0; d < streetDepartments.Count; d++)
            {
                for (var i = 0; i < counts[d]; i++)
                {
                    var officer = new Officer(NextId(), UniquePersonName(_officerNames), streetDepartments[d].Id, EnforcementId(), streets[s].Id);
                    officer.Update(officer.Name, officer.DepartmentId, officer.EnforcementIdNumber, officer.JurisdictionId, OfficerStatus.Active, MobilePhone());
                    if (_r.Double() < 0.7)
                    {
                        officer.SetResidentIdNumber(ResidentIdNumber(1970, 1998));
                    }
                    if (i >= baseline)
                    {
                        mayLeave.Add(officers.Count);
                    }
                    officers.Add(officer);
                }
            }
        }
        var onLeave = (int)Math.Round(officers.Count * 0.05, MidpointRounding.AwayFromZero);
        foreach (var index in _r.Shuffle(mayLeave).Take(onLeave).Order())
        {
            var o = officers[index];
            o.Update(o.Name, o.DepartmentId, o.EnforcementIdNumber, o.JurisdictionId, OfficerStatus.OnLeave, o.Phone);
        }
        return officers;
    }

    private List<School> CreateSchools()
    {
        var schools = new List<School>(_options.Schools);
        var firstRound = _r.Shuffle(_communities).ToList();
        for (var i = 0; i < _options.Schools; i++)
        {
            var plan = i < firstRound.Count ? firstRound[i] : PickCommunity();
            var kind = Pick(SchoolKindWeights);
            var position = plan.Area.At(_r.Double(0.1, 0.9), _r.Double(0.1, 0.9));
            for (var attempt = 0; attempt < 10 && _schoolIndex.AnyWithin(position, 120, null); attempt++)
            {
                position = plan.Area.At(_r.Double(0.1, 0.9), _r.Double(0.1, 0.9));
            }
            var road = _r.ArrayElement(plan.Roads);
            var school = new School(NextId(), SchoolName(kind, plan), kind, Address(plan, road.Name, _r.Int(1, 400), null), ToPoint(position));
            school.AssignJurisdiction(plan.Jurisdiction.Id);
            schools.Add(school);
            _schoolIndex.Add(new SchoolSite(position, kind, plan));
        }
        return schools;
    }

    private List<Venue> CreateVenues()
    {
        var total = _options.Venues;
        var duplicates = total >= 50 ? Math.Max(2, total / 750) : 0;
        var regular = total - duplicates;
        var types = new VenueType[regular];
        for (var i = 0; i < regular; i++)
        {
            types[i] = Pick(VenueTypeWeights);
        }
        var nearSchool = new HashSet<int>();
        var cafes = Enumerable.Range(0, regular).Where(i => types[i] is VenueType.InternetCafe or VenueType.EsportsVenue).ToList();
        var tobacco = Enumerable.Range(0, regular).Where(i => types[i] == VenueType.TobaccoRetail).ToList();
        nearSchool.UnionWith(_r.Shuffle(cafes).Take(Math.Min(cafes.Count, Math.Max(2, (int)Math.Round(cafes.Count * 0.04)))));
        nearSchool.UnionWith(_r.Shuffle(tobacco).Take(Math.Min(tobacco.Count, Math.Max(1, (int)Math.Round(tobacco.Count * 0.01)))));

        var venues = new List<Venue>(total);
        for (var i = 0; i < regular; i++)
        {
            var placement = (nearSchool.Contains(i) ? PlaceNearSchool(types[i]) : null) ?? Place(types[i]);
            venues.Add(CreateVenue(types[i], placement, VenueName(types[i], placement), null));
        }
        for (var i = 0; i < duplicates && _venueSites.Count > 0; i++)
        {
            venues.Add(CreateNearDuplicate(_venueSites[_r.Int(0, _venueSites.Count - 1)]));
        }
        return venues;
    }

    private Venue CreateVenue(VenueType type, Placement p, string name, string? creditCode)
    {
        var hasRepresentative = _r.Double() < 0.95;
        var details = new VenueDetails(
            name,
            type,
            creditCode ?? CreditCodeFor(type),
            Licences(type),
            Address(p.Plan, p.Road.Name, p.Number, _r.Double() < 0.35 ? BuildingSuffix() : null),
            ToPoint(p.Position),
            Hours(type, out var night),
            night,
            Status(),
            Risk(),
            hasRepresentative ? PersonName() : null,
            hasRepresentative && _r.Double() < 0.4 ? ResidentIdNumber(1960, 2000) : null,
            ContactPhone(),
            p.Plan.Jurisdiction.Id);
        var venue = new Venue(NextId(), details);
        _venueSites.Add(new VenueSite(venue, p));
        return venue;
    }

    /// <summary>A second record of an existing venue a few metres away, as happens when two officers register the same place.</summary>
    private Venue CreateNearDuplicate(VenueSite original)
    {
        var name = original.Venue.Name.Contains('(', StringComparison.Ordinal)
            ? original.Venue.Name.Replace('(', '（').Replace(')', '）')
            : $"{original.Venue.Name}({original.Placement.Plan.Name})";
        if (!_venueNames.Add(name))
        {
            name = UniqueBranch(name, original.Placement.Plan.Name);
        }
        var offset = new Coordinate(original.Placement.Position.X + _r.Double(-25, 25), original.Placement.Position.Y + _r.Double(-25, 25));
        var position = original.Placement.Plan.Area.ContainsWithMargin(offset, 2) ? offset : original.Placement.Position;
        var placement = original.Placement with { Position = position };
        var sameCode = _r.Bool() ? original.Venue.CreditCode : null;
        return CreateVenue(original.Venue.Type, placement, name, sameCode);
    }

    private Placement Place(VenueType type)
    {
        var plan = PickCommunity();
        Placement? last = null;
        for (var attempt = 0; attempt < 60; attempt++)
        {
            if (attempt > 0 && attempt % 15 == 0)
            {
                plan = PickCommunity();
            }
            var mode = _r.Double();
            double u, v;
            Road road;
            int number;
            if (mode < 0.45)
            {
                var t = _r.Double(0.02, 0.98);
                var noise = Normalish(0.012);
                road = plan.Roads[_r.Double() < 0.8 ? _r.Int(0, 1) : 2];
                (u, v) = road.Horizontal ? (t, road.Offset + noise) : (road.Offset + noise, t);
                number = HouseNumber(t, noise > 0);
            }
            else
            {
                (u, v) = mode < 0.9
                    ? (plan.CentreU + Normalish(0.13), plan.CentreV + Normalish(0.13))
                    : (_r.Double(), _r.Double());
                road = plan.NearestRoad(u, v);
                number = _r.Int(1, 800);
            }
            var position = plan.Area.At(Math.Clamp(u, 0.02, 0.98), Math.Clamp(v, 0.02, 0.98));
            last = new Placement(plan, position, road, number);
            if (KeepsDistance(type, position))
            {
                break;
            }
        }
        return last!;
    }

    /// <summary>Places a venue deliberately inside a distance rule so the derived-facts and warning paths have cases to show.</summary>
    private Placement? PlaceNearSchool(VenueType type)
    {
        var cafe = type != VenueType.TobaccoRetail;
        var candidates = _schoolIndex.All.Where(s => !cafe || CafeRuleKinds.Contains(s.Kind)).ToList();
        if (candidates.Count == 0)
        {
            return null;
        }
        var (min, max) = cafe ? (60.0, 170.0) : (15.0, 40.0);
        for (var attempt = 0; attempt < 40; attempt++)
        {
            var school = candidates[_r.Int(0, candidates.Count - 1)];
            var dx = _r.Double(-max, max);
            var dy = _r.Double(-max, max);
            var d = Math.Sqrt(dx * dx + dy * dy);
            if (d < min || d > max)
            {
                continue;
            }
            var position = new Coordinate(school.Position.X + dx, school.Position.Y + dy);
            var plan = _communities.FirstOrDefault(c => c.Area.Street == school.Plan.Area.Street && c.Area.ContainsWithMargin(position, 3));
            if (plan is not null)
            {
                return new Placement(plan, position, plan.NearestRoad(0.5, 0.5), _r.Int(1, 400));
            }
        }
        return null;
    }

    private bool KeepsDistance(VenueType type, Coordinate p) => type switch
    {
        VenueType.InternetCafe or VenueType.EsportsVenue => !_schoolIndex.AnyWithin(p, CafeSchoolMetres + 30, CafeRuleKinds),
        VenueType.TobaccoRetail => !_schoolIndex.AnyWithin(p, TobaccoSchoolMetres + 10, null),
        _ => true,
    };

    private string VenueName(VenueType type, Placement p)
    {
        for (var attempt = 0; attempt < 12; attempt++)
        {
            var candidate = BaseVenueName(type, p);
            if (_venueNames.Add(candidate))
            {
                return candidate;
            }
        }
        return UniqueBranch(BaseVenueName(type, p), p.Plan.Name);
    }

    /// <summary>Numbers further branches of a taken name: 星际网咖(民康二店), 星际网咖(民康三店)…</summary>
    private string UniqueBranch(string name, string branch)
    {
        var cut = name.IndexOfAny(['(', '（']);
        var stem = cut > 0 ? name[..cut] : name;
        for (var n = 2; ; n++)
        {
            var candidate = $"{stem}({branch}{ChineseNumber(n)}店)";
            if (_venueNames.Add(candidate))
            {
                return candidate;
            }
        }
    }

    private string BaseVenueName(VenueType type, Placement p)
    {
        string Branch(double chance) => _r.Double() < chance
            ? $"({(_r.Bool() ? p.Plan.Name : p.Road.Name)}店)"
            : string.Empty;

        return type switch
        {
            VenueType.InternetCafe => _r.ArrayElement(InternetCafeBrands) + _r.ArrayElement(InternetCafeSuffixes) + Branch(0.5),
            VenueType.EsportsVenue => _r.ArrayElement(InternetCafeBrands) + _r.ArrayElement(EsportsSuffixes) + Branch(0.4),
            VenueType.Ktv => _r.ArrayElement(KtvBrands) + _r.ArrayElement(KtvSuffixes) + Branch(0.5),
            VenueType.GameArcade => _r.ArrayElement(ArcadeBrands) + _r.ArrayElement(ArcadeSuffixes) + Branch(0.5),
            VenueType.Bar => _r.ArrayElement(BarBrands) + _r.ArrayElement(BarSuffixes) + Branch(0.2),
            VenueType.Hotel => _r.Double() < 0.55
                ? $"{_r.ArrayElement(HotelChains)}(深圳{(_r.Bool() ? p.Plan.Name : p.Road.Name)}店)"
                : _r.ArrayElement(HotelWords) + _r.ArrayElement(HotelSuffixes) + Branch(0.2),
            VenueType.EsportsHotel => _r.ArrayElement(EsportsHotelBrands) + _r.ArrayElement(EsportsHotelSuffixes) + Branch(0.5),
            VenueType.TattooShop => _r.ArrayElement(TattooBrands) + _r.ArrayElement(TattooSuffixes) + Branch(0.2),
            VenueType.TobaccoRetail => TobaccoName(p),
            VenueType.TutoringCentre => _r.ArrayElement(TutoringBrands) + _r.ArrayElement(TutoringSuffixes) + Branch(0.3),
            VenueType.EscapeRoom => _r.ArrayElement(EscapeBrands) + _r.ArrayElement(EscapeSuffixes) + Branch(0.3),
            _ => throw new ArgumentOutOfRangeException(nameof(type), type, null),
        };
    }

    private string TobaccoName(Placement p)
    {
        var roll = _r.Double();
        if (roll < 0.25)
        {
            return $"{_r.ArrayElement(ConvenienceChains)}({p.Plan.Name}{_r.ArrayElement(new[] { p.Road.Name, string.Empty })}店)";
        }
        if (roll < 0.35)
        {
            return _r.Bool()
                ? $"中国福利彩票第{RegionCode}{_r.Replace("###")}号投注站"
                : $"中国体育彩票{RegionCode[2..]}{_r.Replace("####")}号网点";
        }
        if (roll < 0.7)
        {
            var surname = _faker.Name.LastName();
            return (_r.Bool() ? $"老{surname}" : $"{surname}记") + _r.ArrayElement(ShopSuffixes);
        }
        return _r.ArrayElement(ShopWords) + _r.ArrayElement(ShopSuffixes) + (_r.Double() < 0.4 ? $"({p.Road.Name}店)" : string.Empty);
    }

    private string SchoolName(SchoolKind kind, CommunityPlan plan)
    {
        var street = plan.StreetName[..^2];
        var community = plan.Name;
        for (var attempt = 0; attempt < 12; attempt++)
        {
            var n = ChineseNumber(_r.Int(1, 12));
            var candidate = kind switch
            {
                SchoolKind.Kindergarten => _r.Double() < 0.8
                    ? $"{community}{_r.ArrayElement(KindergartenWords)}幼儿园"
                    : $"{District}{community}{_r.ArrayElement(KindergartenWords)}幼儿园",
                SchoolKind.Primary => _r.ArrayElement(new[] { $"{community}小学", $"{street}第{n}小学", $"{street}中心小学", $"{District}{community}实验小学" }),
                SchoolKind.Middle => _r.ArrayElement(new[] { $"{street}中学", $"{street}第{n}中学", $"{community}初级中学", $"{District}{community}实验中学" }),
                SchoolKind.NineYear => _r.ArrayElement(new[] { $"{community}学校", $"{street}外国语学校", $"{District}{community}实验学校", $"{community}九年一贯制学校" }),
                SchoolKind.HighSchool => _r.ArrayElement(new[] { $"{District}{community}高级中学", $"{City}{community}高级中学", $"{street}高级中学" }),
                SchoolKind.Vocational => _r.ArrayElement(new[] { $"{District}{community}职业技术学校", $"{City}{community}技工学校" }),
                _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
            };
            if (_schoolNames.Add(candidate))
            {
                return candidate;
            }
        }
        var suffix = kind switch
        {
            SchoolKind.Kindergarten => "幼儿园",
            SchoolKind.Primary => "小学",
            SchoolKind.Middle => "中学",
            SchoolKind.NineYear => "学校",
            SchoolKind.HighSchool => "高级中学",
            _ => "职业技术学校",
        };
        for (var n = 1; ; n++)
        {
            var candidate = $"{community}第{ChineseNumber(n)}{suffix}";
            if (_schoolNames.Add(candidate))
            {
                return candidate;
            }
        }
    }

    private static string Address(CommunityPlan plan, string road, int number, string? building) =>
        $"{City}{District}{plan.StreetName}{plan.Name}社区{road}{number.ToString(CultureInfo.InvariantCulture)}号{building}";

    private string BuildingSuffix()
    {
        var building = _r.ArrayElement(Buildings);
        return _r.Int(0, 3) switch
        {
            0 => $"{building}{_r.Int(1, 12).ToString(CultureInfo.InvariantCulture)}楼",
            1 => $"{building}{_r.ArrayElement(new[] { "A", "B", "C", "D" })}栋{_r.Int(1, 20).ToString(CultureInfo.InvariantCulture)}楼",
            2 => $"{building}L{_r.Int(1, 5).ToString(CultureInfo.InvariantCulture)}层",
            _ => $"{building}{_r.Int(101, 130).ToString(CultureInfo.InvariantCulture)}号铺",
        };
    }

    private static int HouseNumber(double t, bool odd)
    {
        var n = 1 + (int)(t * 400);
        return n % 2 == 1 == odd ? n : n + 1;
    }

    private string? CreditCodeFor(VenueType type)
    {
        var roll = _r.Double();
        if (roll < 0.01)
        {
            return null;
        }
        var individualShare = type switch
        {
            VenueType.TobaccoRetail => 0.8,
            VenueType.TattooShop => 0.7,
            VenueType.Bar or VenueType.EscapeRoom => 0.4,
            _ => 0.15,
        };
        var kind = _r.Double() < individualShare ? '2' : '1';
        var regionRoll = _r.Double();
        var region = regionRoll < 0.85 ? RegionCode : regionRoll < 0.95 ? "440300" : "440306";
        string code;
        do
        {
            var body = kind == '2' && _r.Double() < 0.4
                ? "L" + _r.String2(7, CreditCode.Alphabet)
                : "MA5" + _r.String2(5, CreditCode.Alphabet);
            code = CreditCode.Compose('9', kind, region, body);
        }
        while (!_creditCodes.Add(code));
        if (roll < 0.03)
        {
            var check = CreditCode.Alphabet.IndexOf(code[17], StringComparison.Ordinal);
            code = code[..17] + CreditCode.Alphabet[(check + _r.Int(1, 30)) % 31];
        }
        return code;
    }

    private string? Licences(VenueType type)
    {
        if (_r.Double() < 0.05)
        {
            return null;
        }
        var year = _r.Int(2016, 2025).ToString(CultureInfo.InvariantCulture);
        return type switch
        {
            VenueType.InternetCafe or VenueType.EsportsVenue => $"粤网文〔{year}〕{_r.Replace("####")}-{_r.Replace("###")}号",
            VenueType.Ktv or VenueType.GameArcade => $"娱经字〔{year}〕第{RegionCode}{_r.Replace("####")}号",
            VenueType.Bar => $"JY1{RegionCode}{_r.Replace("#######")}",
            VenueType.Hotel or VenueType.EsportsHotel =>
                $"深公特旅字〔{year}〕第{_r.Replace("####")}号；粤卫公证字〔{year}〕第0309A{_r.Replace("#####")}号",
            VenueType.TobaccoRetail => $"烟草专卖零售许可证{RegionCode}{_r.Replace("######")}",
            VenueType.TutoringCentre => _r.Double() < 0.7 ? $"教民1{RegionCode}7{_r.Replace("#######")}号" : null,
            VenueType.EscapeRoom => _r.Bool() ? $"深龙消安检字〔{year}〕第{_r.Replace("####")}号" : null,
            _ => null,
        };
    }

    private OpeningHours? Hours(VenueType type, out bool? night)
    {
        night = null;
        if (_r.Double() < 0.02)
        {
            return null;
        }
        var roll = _r.Double();
        var (opens, closes) = type switch
        {
            VenueType.InternetCafe => roll < 0.95 ? ("08:00", "00:00") : roll < 0.98 ? ("09:00", "00:00") : ("08:00", "02:00"),
            VenueType.EsportsVenue => roll < 0.9 ? ("08:00", "00:00") : ("10:00", "00:00"),
            VenueType.Ktv => roll < 0.7 ? ("12:00", "02:00") : roll < 0.9 ? ("18:00", "02:00") : ("11:00", "01:00"),
            VenueType.GameArcade => roll < 0.6 ? ("10:00", "22:00") : ("10:00", "00:00"),
            VenueType.Bar => roll < 0.7 ? ("19:00", "02:00") : ("18:00", "02:00"),
            VenueType.Hotel or VenueType.EsportsHotel => ("00:00", "00:00"),
            VenueType.TattooShop => roll < 0.6 ? ("11:00", "21:00") : ("12:00", "22:00"),
            VenueType.TobaccoRetail => roll < 0.6 ? ("07:00", "23:00") : roll < 0.85 ? ("00:00", "00:00") : ("08:00", "22:00"),
            VenueType.TutoringCentre => roll < 0.7 ? ("09:00", "21:00") : ("14:00", "20:30"),
            VenueType.EscapeRoom => roll < 0.5 ? ("10:00", "02:00") : ("13:00", "00:00"),
            _ => ("09:00", "21:00"),
        };
        if (type == VenueType.EscapeRoom && closes == "02:00")
        {
            night = true;
        }
        return new OpeningHours(TimeOnly.ParseExact(opens, "HH:mm", CultureInfo.InvariantCulture), TimeOnly.ParseExact(closes, "HH:mm", CultureInfo.InvariantCulture));
    }

    private VenueStatus Status()
    {
        var roll = _r.Double();
        return roll < 0.05 ? VenueStatus.Suspended : roll < 0.08 ? VenueStatus.Closed : VenueStatus.Operating;
    }

    private RiskClass Risk()
    {
        var roll = _r.Double();
        return roll < 0.3 ? RiskClass.A : roll < 0.7 ? RiskClass.B : roll < 0.9 ? RiskClass.C : RiskClass.D;
    }

    private string? ContactPhone()
    {
        var roll = _r.Double();
        return roll < 0.8 ? MobilePhone()
            : roll < 0.92 ? $"0755-{_r.ArrayElement(new[] { "2", "8" })}{_r.Replace("#######")}"
            : null;
    }

    private string MobilePhone() => _r.ArrayElement(MobilePrefixes) + _r.Replace("########");

    private string PersonName() => _faker.Name.LastName() + _faker.Name.FirstName();

    private string UniquePersonName(HashSet<string> used)
    {
        var name = PersonName();
        for (var attempt = 0; attempt < 20 && !used.Add(name); attempt++)
        {
            name = PersonName();
        }
        return name;
    }

    private string EnforcementId()
    {
        string id;
        do
        {
            id = "44" + _r.Replace("######");
        }
        while (!_enforcementIds.Add(id));
        return id;
    }

    private string ResidentIdNumber(int fromYear, int toYear)
    {
        var first = new DateOnly(fromYear, 1, 1);
        var days = new DateOnly(toYear, 12, 31).DayNumber - first.DayNumber;
        var birth = first.AddDays(_r.Int(0, days));
        var first17 = _r.ArrayElement(ShenzhenRegions) + birth.ToString("yyyyMMdd", CultureInfo.InvariantCulture) + _r.Replace("###");
        return first17 + ResidentId.ComputeCheck(first17);
    }

    /// <summary>Deterministic UUIDv7: a fixed clock that ticks once per id, and random bits from the run's randomizer.</summary>
    private Guid NextId()
    {
        Span<byte> bytes = stackalloc byte[16];
        _r.Bytes(10).CopyTo(bytes[6..]);
        var ms = _idClock++;
        for (var k = 5; k >= 0; k--)
        {
            bytes[k] = (byte)(ms & 0xFF);
            ms >>= 8;
        }
        bytes[6] = (byte)(0x70 | (bytes[6] & 0x0F));
        bytes[8] = (byte)(0x80 | (bytes[8] & 0x3F));
        return new Guid(bytes, bigEndian: true);
    }

    private Point ToPoint(Coordinate metres) =>
        (_geography ?? throw new InvalidOperationException("Geography is laid out first.")).ToPoint(metres.X, metres.Y);

    private CommunityPlan PickCommunity() => _communities[PickIndex(_communityCumulative)];

    private T Pick<T>((T Item, double Weight)[] items)
    {
        var x = _r.Double() * items.Sum(i => i.Weight);
        foreach (var (item, weight) in items)
        {
            x -= weight;
            if (x < 0)
            {
                return item;
            }
        }
        return items[^1].Item;
    }

    private int PickIndex(double[] cumulative)
    {
        var x = _r.Double() * cumulative[^1];
        var index = Array.BinarySearch(cumulative, x);
        return Math.Min(cumulative.Length - 1, index < 0 ? ~index : index + 1);
    }

    /// <summary>Roughly normal with the given standard deviation: a sum of three uniforms, which needs no transcendental maths.</summary>
    private double Normalish(double sd) => sd * (_r.Double(-1, 1) + _r.Double(-1, 1) + _r.Double(-1, 1));

    private static double[] Cumulative(IEnumerable<double> weights)
    {
        var sum = 0.0;
        return [.. weights.Select(w => sum += w)];
    }

    private static int[] SplitEven(int total, int parts)
    {
        var result = new int[parts];
        for (var k = 0; k < parts; k++)
        {
            result[k] = total / parts + (k < total % parts ? 1 : 0);
        }
        return result;
    }

    private List<string> UniqueNames(string[] curated, int count, HashSet<string> taken)
    {
        var names = new List<string>(count);
        foreach (var name in curated)
        {
            if (names.Count == count)
            {
                return names;
            }
            if (taken.Add(name))
            {
                names.Add(name);
            }
        }
        for (var attempt = 0; names.Count < count && attempt < count * 20; attempt++)
        {
            var name = _r.ArrayElement(NameHeads) + _r.ArrayElement(NameTails);
            if (taken.Add(name))
            {
                names.Add(name);
            }
        }
        for (var n = 1; names.Count < count; n++)
        {
            var name = _r.ArrayElement(NameHeads) + _r.ArrayElement(NameTails) + ChineseNumber(n % 99 + 1);
            if (taken.Add(name))
            {
                names.Add(name);
            }
        }
        return names;
    }

    private sealed record Road(string Name, bool Horizontal, double Offset);

    private sealed record CommunityPlan(CommunityArea Area, Jurisdiction Jurisdiction, string StreetName, string Name, Road[] Roads, double CentreU, double CentreV, double Density)
    {
        public Road NearestRoad(double u, double v) =>
            Roads.MinBy(r => r.Horizontal ? Math.Abs(v - r.Offset) : Math.Abs(u - r.Offset))!;
    }

    private sealed record Placement(CommunityPlan Plan, Coordinate Position, Road Road, int Number);

    private sealed record VenueSite(Venue Venue, Placement Placement);

    private sealed record SchoolSite(Coordinate Position, SchoolKind Kind, CommunityPlan Plan);

    /// <summary>Schools bucketed in 250 m squares so distance checks stay cheap for 100,000 venues.</summary>
    private sealed class SchoolIndex
    {
        private const double Bucket = 250;
        private readonly Dictionary<(int, int), List<SchoolSite>> _buckets = [];

        public List<SchoolSite> All { get; } = [];

        public void Add(SchoolSite site)
        {
            All.Add(site);
            var key = Key(site.Position.X, site.Position.Y);
            if (!_buckets.TryGetValue(key, out var list))
            {
                _buckets[key] = list = [];
            }
            list.Add(site);
        }

        public bool AnyWithin(Coordinate p, double metres, SchoolKind[]? kinds)
        {
            var reach = (int)Math.Ceiling(metres / Bucket);
            var (bx, by) = Key(p.X, p.Y);
            for (var i = bx - reach; i <= bx + reach; i++)
            {
                for (var j = by - reach; j <= by + reach; j++)
                {
                    if (!_buckets.TryGetValue((i, j), out var list))
                    {
                        continue;
                    }
                    foreach (var s in list)
                    {
                        var dx = s.Position.X - p.X;
                        var dy = s.Position.Y - p.Y;
                        if (dx * dx + dy * dy <= metres * metres && (kinds is null || kinds.Contains(s.Kind)))
                        {
                            return true;
                        }
                    }
                }
            }
            return false;
        }

        private static (int, int) Key(double x, double y) => ((int)Math.Floor(x / Bucket), (int)Math.Floor(y / Bucket));
    }
}
