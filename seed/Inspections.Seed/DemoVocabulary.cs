using Inspections.Domain.Registry;

namespace Inspections.Seed;

/// <summary>Word lists for names and addresses. Most are real-looking Longhua place names; businesses are fictional.</summary>
internal static class DemoVocabulary
{
    public const string City = "深圳市";
    public const string District = "龙华区";
    public const string DistrictShort = "龙华";
    public const string RegionCode = "440309";

    public static readonly string[] StreetNames =
    [
        "民治", "龙华", "大浪", "观湖", "福城", "观澜", "清湖", "景龙",
        "松和", "上塘", "新石", "梅林", "桂花", "章阁", "鹭湖", "华富",
    ];

    public static readonly string[] CommunityNames =
    [
        "民治", "民强", "民泰", "民新", "民乐", "民康", "白石龙", "大岭", "龙塘", "上芬",
        "樟坑", "北站", "新牛", "民丰", "尚游", "横岭", "牛栏前", "沙吓", "龙胜", "油松",
        "清华", "景华", "富康", "三联", "玉翠", "水斗", "华联", "龙园", "元芬", "浪口",
        "高峰", "陶元", "赤岭头", "龙军", "下横朗", "同胜", "新围", "茜坑", "竹村", "福民",
        "库坑", "大水坑", "新澜", "君子布", "黎光", "樟坑径", "大富", "松元", "横坑", "观城",
        "环城", "大布头", "狮径", "桂香", "樟阁", "金龙", "瓦窑", "田背", "岗头", "塘水围",
    ];

    public static readonly string[] NameHeads = ["新", "东", "西", "南", "北", "龙", "华", "清", "景", "福", "安", "和", "泰", "康", "宝", "兴", "锦", "翠", "松", "梅"];

    public static readonly string[] NameTails = ["湖", "岭", "田", "园", "山", "坪", "岗", "塘", "桥", "湾", "围", "坑"];

    public static readonly string[] MajorRoads =
    [
        "民治大道", "人民路", "梅龙路", "布龙路", "龙华大道", "东环一路", "民塘路", "腾龙路", "新区大道", "留仙大道",
        "工业东路", "和平路", "建设东路", "华清大道", "观澜大道", "大浪南路", "华荣路", "福龙路", "环观中路", "五和大道",
        "民宝路", "民乐路", "民旺路", "锦绣路", "星河路", "金龙路", "景龙大道", "清泉路", "龙观大道", "观平路",
        "梅观路", "新澜路", "高峰路", "浪荣路", "华盛路", "同胜路", "布新路", "白龙路", "致远路", "书香路",
    ];

    public static readonly string[] LocalRoadSuffixes = ["路", "一路", "二路", "中路", "南路", "北路", "街", "大街"];

    public static readonly string[] Buildings =
    [
        "金龙大厦", "华润广场", "星河商业中心", "天虹购物中心", "宝龙广场", "卓越大厦", "锦绣花园", "鸿荣源中心", "书香门第商业街", "东环工业园",
        "龙华汇", "壹方天地", "红山六九七九", "民治商业广场", "优城大厦", "颐丰华创新产业园", "嘉熙业广场", "金地广场", "莱蒙大厦", "世纪春城商业街",
    ];

    public static readonly string[] InternetCafeBrands = ["星际", "极速", "网鱼", "天空", "蓝海", "飞扬", "火焰", "零度", "超越", "新干线", "启点", "云端", "逐鹿", "巅峰", "雷霆", "银河", "战神", "疾风", "王者", "未来"];

    public static readonly string[] InternetCafeSuffixes = ["网咖", "网吧", "网络会所", "电竞网咖"];

    public static readonly string[] EsportsSuffixes = ["电竞馆", "电竞中心", "电竞俱乐部"];

    public static readonly string[] KtvBrands = ["金嗓子", "星光", "麦霸", "音乐盒", "纯享", "唱响", "好声音", "乐迪", "欢乐颂", "银座", "天籁", "金色年华", "红歌坊", "声动"];

    public static readonly string[] KtvSuffixes = ["KTV", "量贩式KTV", "歌城", "音乐会所"];

    public static readonly string[] ArcadeBrands = ["欢乐谷", "电玩巴士", "动漫星城", "玩酷", "奇幻", "超级玩家", "梦幻岛", "嘉年华"];

    public static readonly string[] ArcadeSuffixes = ["电玩城", "游艺中心", "动漫游戏城"];

    public static readonly string[] BarBrands = ["夜猫子", "蓝调", "醉仙", "时光", "麦芽", "半醺", "微醺", "老船长", "1987", "后海", "月光", "转角", "鹿角", "啤酒花"];

    public static readonly string[] BarSuffixes = ["酒吧", "清吧", "音乐酒吧", "精酿酒馆", "Live House"];

    public static readonly string[] HotelChains = ["如家酒店", "汉庭酒店", "7天连锁酒店", "锦江之星", "维也纳酒店", "城市便捷酒店", "格林豪泰酒店", "麗枫酒店", "全季酒店", "亚朵酒店", "希岸酒店", "尚客优酒店"];

    public static readonly string[] HotelWords = ["鸿运", "金海湾", "好再来", "客来居", "锦华", "福满楼", "悦来", "东方", "红树林", "帝豪", "君悦", "龙腾", "宜居", "望江", "四季"];

    public static readonly string[] HotelSuffixes = ["宾馆", "大酒店", "商务酒店", "公寓", "民宿", "旅馆", "精品酒店"];

    public static readonly string[] EsportsHotelBrands = ["竞界", "电竞狂人", "开黑", "五杀", "超神", "峡谷", "团战", "上分", "胜利者"];

    public static readonly string[] EsportsHotelSuffixes = ["电竞酒店", "电竞公寓", "电竞主题酒店"];

    public static readonly string[] TattooBrands = ["墨客", "刺青社", "纹艺", "黑羊", "针尖", "异画", "图腾", "一念", "浮世"];

    public static readonly string[] TattooSuffixes = ["纹身工作室", "刺青工作室", "纹身馆"];

    public static readonly string[] ConvenienceChains = ["美宜佳便利店", "天福便利店", "快客便利店", "好又多超市", "百佳便利店"];

    public static readonly string[] ShopWords = ["鑫源", "兴旺", "万家", "福临", "和顺", "新佳", "永发", "好运来", "金利", "宏达", "顺心", "惠民"];

    public static readonly string[] ShopSuffixes = ["烟酒商行", "烟酒行", "烟酒茶行", "士多店", "商店", "百货"];

    public static readonly string[] TutoringBrands = ["启航", "明德", "卓越", "育才", "博雅", "智慧树", "小橙子", "优学", "金钥匙", "书香", "阳光", "童画", "星空", "青苗", "励志"];

    public static readonly string[] TutoringSuffixes = ["教育培训中心", "托管中心", "学堂", "艺术培训学校", "课后托管中心", "学习中心", "美术培训中心", "英语培训中心"];

    public static readonly string[] EscapeBrands = ["迷雾", "谜境", "暗夜", "惊魂", "逃出生天", "异次元", "推理社", "剧本工坊", "悬疑", "黑猫", "第七感"];

    public static readonly string[] EscapeSuffixes = ["密室逃脱", "剧本杀", "密室剧本杀", "沉浸式剧场"];

    public static readonly string[] KindergartenWords = ["", "第一", "第二", "实验", "中心", "小天使", "阳光", "蓓蕾", "童乐", "启蒙", "星星", "贝贝", "英才", "育苗", "智慧"];

    /// <summary>Shenzhen district codes for resident IDs (罗湖, 福田, 南山, 宝安, 龙岗, 盐田, 龙华, 坪山, 光明).</summary>
    public static readonly string[] ShenzhenRegions = ["440303", "440304", "440305", "440306", "440307", "440308", "440309", "440310", "440311"];

    public static readonly string[] MobilePrefixes =
    [
        "130", "131", "132", "133", "135", "136", "137", "138", "139", "150", "151", "152", "155", "157", "158", "159",
        "166", "173", "176", "177", "180", "181", "182", "183", "185", "186", "187", "188", "189", "191", "198", "199",
    ];

    /// <summary>Rough share of each venue type in a Shenzhen street: tobacco points and hotels dominate, escape rooms and tattoo shops are rare.</summary>
    public static readonly (VenueType Type, double Weight)[] VenueTypeWeights =
    [
        (VenueType.TobaccoRetail, 28),
        (VenueType.Hotel, 18),
        (VenueType.TutoringCentre, 12),
        (VenueType.InternetCafe, 9),
        (VenueType.Bar, 8),
        (VenueType.Ktv, 7),
        (VenueType.GameArcade, 4),
        (VenueType.EsportsHotel, 4),
        (VenueType.EsportsVenue, 3),
        (VenueType.EscapeRoom, 2),
        (VenueType.TattooShop, 2),
    ];

    public static readonly (SchoolKind Kind, double Weight)[] SchoolKindWeights =
    [
        (SchoolKind.Kindergarten, 42),
        (SchoolKind.Primary, 25),
        (SchoolKind.Middle, 13),
        (SchoolKind.NineYear, 8),
        (SchoolKind.HighSchool, 7),
        (SchoolKind.Vocational, 5),
    ];

    /// <summary>Officers per department: police and market supervision carry most inspections.</summary>
    public static readonly (DepartmentKind Kind, double Weight)[] OfficerWeights =
    [
        (DepartmentKind.Police, 30),
        (DepartmentKind.MarketSupervision, 25),
        (DepartmentKind.Culture, 12),
        (DepartmentKind.Tobacco, 8),
        (DepartmentKind.Education, 8),
        (DepartmentKind.Health, 6),
        (DepartmentKind.Fire, 6),
        (DepartmentKind.LeadOffice, 5),
    ];

    public static (string Name, string ShortName, string Code) Department(DepartmentKind kind, string street) => kind switch
    {
        DepartmentKind.Police => ($"深圳市公安局{DistrictShort}分局{street}派出所", $"{street}公", "POLICE"),
        DepartmentKind.MarketSupervision => ($"深圳市市场监督管理局{DistrictShort}监管局{street}市场监督管理所", $"{street}市监", "SAMR"),
        DepartmentKind.Culture => ($"{District}文化广电旅游体育局{street}文化综合执法中队", $"{street}文执", "CULTURE"),
        DepartmentKind.Tobacco => ($"深圳市烟草专卖局{DistrictShort}分局{street}烟草专卖管理所", $"{street}烟草", "TOBACCO"),
        DepartmentKind.Education => ($"{street}街道教育办", $"{street}教", "EDU"),
        DepartmentKind.Health => ($"{District}卫生健康监督所{street}监督站", $"{street}卫监", "HEALTH"),
        DepartmentKind.Fire => ($"{District}消防救援大队{street}消防救援站", $"{street}消", "FIRE"),
        DepartmentKind.LeadOffice => ($"{street}街道综治办（未成年人保护工作站）", $"{street}综治", "LEAD"),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    public static string ChineseNumber(int n)
    {
        const string digits = "零一二三四五六七八九";
        return n switch
        {
            < 1 or > 99 => n.ToString(System.Globalization.CultureInfo.InvariantCulture),
            < 10 => digits[n].ToString(),
            < 20 => "十" + (n % 10 == 0 ? string.Empty : digits[n % 10].ToString()),
            _ => digits[n / 10] + "十" + (n % 10 == 0 ? string.Empty : digits[n % 10].ToString()),
        };
    }
}
