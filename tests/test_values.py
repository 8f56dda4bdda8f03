"""Table-driven tests of the indicator-value parser over every value string in the four seeds."""

from decimal import Decimal

import pytest

from xlsrc.domain.values import (
    Deadline,
    Descriptive,
    Empty,
    NotApplicable,
    NotUnderstood,
    OnTime,
    Op,
    Qualitative,
    Quantity,
    parse_number,
    parse_value,
)

D = Decimal

# (text as printed, expected).  Quantities are (op, number, unit).
SEED_000 = [
    ("≥300亿", (Op.GE, D(300), "亿")),
    ("≥50亿", (Op.GE, D(50), "亿")),
    ("通关时效提升≥90%", (Op.GE, D(90), "%")),
    ("≥99%", (Op.GE, D(99), "%")),
    ("≥95%", (Op.GE, D(95), "%")),
    ("≥100%", (Op.GE, D(100), "%")),
    ("≥500亿元", (Op.GE, D(500), "亿元")),
    ("≥429亿元", (Op.GE, D(429), "亿元")),
    ("≥2万人", (Op.GE, D(2), "万人")),
    ("≥1万人", (Op.GE, D(1), "万人")),
    ("\n带动周边产业发展", Descriptive),
    ("\n≥95%\n", (Op.GE, D(95), "%")),
    ("\n≥90%\n", (Op.GE, D(90), "%")),
]
SEED_002 = [
    ("≥80个", (Op.GE, D(80), "个")),
    ("84个", (None, D(84), "个")),
    ("≥8个", (Op.GE, D(8), "个")),
    ("19个", (None, D(19), "个")),
    ("　≥30次", (Op.GE, D(30), "次")),
    ("30次", (None, D(30), "次")),
    ("　　＝100%", (Op.EQ, D(100), "%")),
    ("＝100%", (Op.EQ, D(100), "%")),
    ("2024年12月31日前", Deadline("2024年12月31日前", 2024, 12, 31)),
    ("2024年12月20日前", Deadline("2024年12月20日前", 2024, 12, 20)),
    ("≦100%", (Op.LE, D(100), "%")),
    ("　≦100%", (Op.LE, D(100), "%")),
    ("定性", Qualitative),
    ("有效推进", Descriptive),
    ("无生态效益", NotApplicable),
    ("　无可持续影响", NotApplicable),
    ("　≥90%", (Op.GE, D(90), "%")),
]
# 2021 forms: 绩效目标 / 完成情况 are sentences; a few carry a readable value.
SEED_003 = [
    ("指标1：口岸疫情防控零风险", Descriptive),
    ("城陵矶口岸进口冻品疫情防控零风险。", Descriptive),
    ("指标2：积极牵头优化跨境贸易营商环境。", Descriptive),
    ("指标3：在全省打击走私综合治理考评中排名前列", Descriptive),
    ("2021年在全省打击走私综合治理考评中排名第一。连续五年获省打击走私综合治理桂冠。", Descriptive),
    ("指标4：保障直航常态运营", Descriptive),
    ("指标1：集装箱吞吐量", Descriptive),
    ("2021年，城陵矶口岸集装箱吞吐量突破60.06万标箱", (Op.GT, D("60.06"), "万标箱")),
    ("指标2：牵头组织打击走私综合治理行动1次", Descriptive),
    ("指标3：牵头组织优化营商环境培训1次。", Descriptive),
    (
        "2021年10月9日，口岸办联合市商务粮食局组织开展了“2021年岳阳市优化营商环境促进开放型经济发展”培训1次。",
        Descriptive,
    ),
    ("指标1：办公室整体搬迁", Descriptive),
    ("2022年3月31日完成由琵琶王路223号搬迁至新港区国际集装箱口岸大楼的搬迁。", Descriptive),
    ("指标2：目标完成时效", Descriptive),
    ("2021年12月31日前完成", Deadline("2021年12月31日前完成", 2021, 12, 31)),
    ("指标1：项目经费", Descriptive),
    ("政策补贴资金及时足额拨付；建设资金按工期、招标合同金额拨付。", Descriptive),
    ("指标2：预算指标", Descriptive),
    ("全年支出没超预算。", Descriptive),
    (
        "指标1：提高口岸国际竞争力\n\n指标2：改善岳阳投资环境\n\n指标3：加强国际贸易交流",
        Descriptive,
    ),
    ("指标1：招商引资\n\n指标2：惠及企业", Descriptive),
    ("指标1：口岸联检单位\n\n指标2：进出口相关企业\n\n指标3：帮扶单位及个人", Descriptive),
]
SEED_004 = [
    ("1、进一步优化工作机制，推行全员“店小二”模式。", Descriptive),
    ("完成了服务模式。", Descriptive),
    ("4、进一步加强研究，提升服务企业能力。", Descriptive),
    ("完成，发布问题清单6次，涉及问题55项，已办结41项，持续推进14项。", Descriptive),
    ("1、新开工产业项目38个以上，新投产产业项目38个以上；", Descriptive),
    ("完成，新开工项目65个，新投产项目44个。", Descriptive),
    (
        "2、抓好传统制造业的自动化改造，以数字经济赋能传统制造业，新增国家级、省级“专精特新”小巨人企业3家以上；",
        (Op.GE, D(3), "家"),
    ),
    ("完成6906、钟鼎热工、凯门水剂等三家“小巨人”获批。", Descriptive),
    ("指标2：要求各联点干部定期走访企业（项目）。", Descriptive),
    ("各联点干部完成了定期走访。", Descriptive),
    ("完成全部财政预算安排资金支出目标，不超范围、超预算支出。", Descriptive),
    ("完成支出目标，不超范围、超预算支出。", Descriptive),
    (
        "1.全年规模规模工业总产值400亿元以上；\n2.全年工业增加值136亿元以上；\n3.全年完成社零总额33亿元以上。",
        Descriptive,
    ),
    ("完成，数据增速均为全市第一。", Descriptive),
    ("完成沿江化工关停任务要求。", Descriptive),
    ("完成，兴盛复合肥和中远化工关停。", Descriptive),
    ("指服务对象满意率高于95%", (Op.GT, D(95), "%")),
    ("完成", Descriptive),
]
# Spellings seen on other published forms and in RULES.md.
OTHER = [
    ("12月底前", Deadline("12月底前", None, 12, None)),
    ("年底前完成", Deadline("年底前完成", None, 12, 31)),
    ("2024年底前完成", Deadline("2024年底前完成", 2024, 12, 31)),
    ("2024年年底前", Deadline("2024年年底前", 2024, 12, 31)),
    ("2024年内完成", Deadline("2024年内完成", 2024, 12, 31)),
    ("按时完成", OnTime),
    ("＞90%", (Op.GT, D(90), "%")),
    ("＜5天", (Op.LT, D(5), "天")),
    ("≤3个工作日", (Op.LE, D(3), "个工作日")),
    ("≥1,200万元", (Op.GE, D(1200), "万元")),
    ("95%以上", (Op.GE, D(95), "%")),
    ("控制在100%以内", (Op.LE, D(100), "%")),
    ("≥90%以下", NotUnderstood),
    ("不低于98％", (Op.GE, D(98), "%")),
    ("≥5千标箱", (Op.GE, D(5), "千标箱")),
    ("＝100%", (Op.EQ, D(100), "%")),
    ("≥abc", NotUnderstood),
    ("abc", NotUnderstood),
    ("", Empty),
    ("   ", Empty),
    (None, Empty),
    (95, (None, D(95), "")),
    (0.95, (None, D("0.95"), "")),
    ("/", NotApplicable),
    ("不适用", NotApplicable),
    ("无", NotApplicable),
    ("定性指标", Qualitative),
    # Look-alike and typed spellings of the operators.
    ("≧90%", (Op.GE, D(90), "%")),
    (">=90%", (Op.GE, D(90), "%")),
    ("<=5天", (Op.LE, D(5), "天")),
    ("==100%", (Op.EQ, D(100), "%")),
    # Dates typed with separators; "12.31" alone is a number, not a date.
    ("2024.12.31", Deadline("2024.12.31", 2024, 12, 31)),
    ("2024-12-31", Deadline("2024-12-31", 2024, 12, 31)),
    ("12.31", (None, D("12.31"), "")),
    ("2025年1月15日前", Deadline("2025年1月15日前", 2025, 1, 15)),
    ("13月1日前", Descriptive),
    ("12月32日前", Descriptive),
    # A known unit followed by words is that unit; two targets on one line are not one value.
    ("3家单位", (None, Decimal(3), "家")),
    ("产值≥400亿元，增加值≥136亿元", NotUnderstood),
    ("新开工产业项目38个\n新投产产业项目38个以上", Descriptive),
]


@pytest.mark.parametrize("text, expected", SEED_000 + SEED_002 + SEED_003 + SEED_004 + OTHER)
def test_parse_value(text, expected):
    got = parse_value(text)
    if isinstance(expected, tuple):
        assert isinstance(got, Quantity), got
        assert (got.op, got.number, got.unit) == expected
    elif isinstance(expected, type):
        assert type(got) is expected, got
    else:
        assert got == expected


def test_quantity_keeps_label_before_operator():
    got = parse_value("通关时效提升≥90%")
    assert isinstance(got, Quantity) and got.label == "通关时效提升"


def test_not_understood_says_what_was_read():
    got = parse_value("≥5xyz")
    assert isinstance(got, NotUnderstood)
    assert got.text == "≥5xyz" and "xyz" in got.reason


@pytest.mark.parametrize(
    "raw, expected",
    [
        (10, D(10)),
        ("　10", D(10)),
        ("\n5\n", D(5)),
        ("1,200.50", D("1200.50")),
        ("83.55%", D("0.8355")),
        ("362.83万元", D("362.83")),
        ("10分", D(10)),
        ("1200元", D(1200)),
        (None, Empty()),
        ("", Empty("")),
        ("十", NotUnderstood),
        ("12a", NotUnderstood),
        (True, NotUnderstood),
        (float("nan"), NotUnderstood),
    ],
)
def test_parse_number(raw, expected):
    got = parse_number(raw)
    if isinstance(expected, type):
        assert isinstance(got, expected)
    else:
        assert got == expected


# Writings of published forms of other regions (tests/data/indicator_corpus.jsonl) and of
# clerks: look-alike signs, words, ranges, periods, Chinese numerals, units.
WIDER = [
    ("═100%", (Op.EQ, D(100), "%")),
    ("﹦72890元", (Op.EQ, D(72890), "元")),
    ("≧735人次", (Op.GE, D(735), "人次")),
    ("≦5天", (Op.LE, D(5), "天")),
    ("⩾90%", (Op.GE, D(90), "%")),
    ("≮95%", (Op.GE, D(95), "%")),
    ("≯3个工作日", (Op.LE, D(3), "个工作日")),
    (">=2個", (Op.GE, D(2), "个")),
    ("10萬元", (None, D(10), "万元")),
    ("＞90％", (Op.GT, D(90), "%")),
    ("≥100百分比", (Op.GE, D(100), "%")),
    (">=98%(百分比)", (Op.GE, D(98), "%")),
    ("不少于12 种", (Op.GE, D(12), "种")),
    ("100人以上", (Op.GE, D(100), "人")),
    ("5%以下", (Op.LE, D(5), "%")),
    ("3个工作日内", (Op.LE, D(3), "个工作日")),
    ("20天以内", (Op.LE, D(20), "天")),
    ("三家", (None, D(3), "家")),
    ("不少于十二个", (Op.GE, D(12), "个")),
    ("两次", (None, D(2), "次")),
    ("一百二十人", (None, D(120), "人")),
    ("三万五千人次", (None, D(35000), "人次")),
    ("≥50厘米", (Op.GE, D(50), "厘米")),
    ("8例", (None, D(8), "例")),
    ("≥2倍", (Op.GE, D(2), "倍")),
    ("550万粒", (None, D(550), "万粒")),
    (">=530元/人*月", (Op.GE, D(530), "元/人·月")),
    ("每亩300", (None, D(300), "/亩")),
    ("至少全年完成2次宣传", (Op.GE, D(2), "次")),
    ("已完成100%", (None, D(100), "%")),
    ("提高5个百分点", None),
]


@pytest.mark.parametrize("text, expected", WIDER)
def test_wider_writings(text, expected):
    got = parse_value(text)
    if expected is None:
        assert not isinstance(got, Quantity), got
        return
    assert isinstance(got, Quantity), got
    assert (got.op, got.number, got.unit) == expected


@pytest.mark.parametrize(
    "text, approx, number",
    [("约100人", True, D(100)), ("100人左右", True, D(100)), ("大约3次", True, D(3))],
)
def test_about_is_a_bare_number_marked_approximate(text, approx, number):
    got = parse_value(text)
    assert isinstance(got, Quantity) and got.op is None
    assert (got.approx, got.number) == (approx, number)


@pytest.mark.parametrize("text", ["≥约90%", "约90%以上"])
def test_about_with_a_sign_is_contradictory(text):
    assert isinstance(parse_value(text), NotUnderstood)


@pytest.mark.parametrize(
    "text, low, high, unit",
    [
        ("95%-100%", D(95), D(100), "%"),
        ("3-5个", D(3), D(5), "个"),
        ("3～5天", D(3), D(5), "天"),
        ("18—54周岁", D(18), D(54), "周岁"),
        ("≥3个且≤5个", D(3), D(5), "个"),
        ("3至5万元", D(3), D(5), "万元"),
        ("500米-2公里", D("0.5"), D(2), "公里"),
    ],
)
def test_ranges(text, low, high, unit):
    from xlsrc.domain.values import Range

    got = parse_value(text)
    assert isinstance(got, Range), got
    assert (got.low, got.high) == (low, high)
    from xlsrc.domain import units as U

    assert U.convert(got.high, got.unit, unit) == high


@pytest.mark.parametrize("text", ["5-3个", "3个-5公里"])
def test_ranges_that_cannot_be(text):
    assert isinstance(parse_value(text), NotUnderstood)


@pytest.mark.parametrize(
    "text, year, month, day",
    [
        ("1-12月", None, 12, None),
        ("2021.1.1-12.31", 2021, 12, 31),
        ("2024年1月至12月", 2024, 12, None),
        ("2023年12月底", 2023, 12, None),
    ],
)
def test_periods_end_at_their_deadline(text, year, month, day):
    got = parse_value(text)
    assert isinstance(got, Deadline), got
    assert (got.year, got.month, got.day) == (year, month, day)


@pytest.mark.parametrize(
    "numeral, value",
    [
        ("十", 10),
        ("十二", 12),
        ("二十", 20),
        ("一百零五", 105),
        ("两千", 2000),
        ("三万五千", 35000),
    ],
)
def test_chinese_numerals(numeral, value):
    from xlsrc.domain.values import _chinese_number

    assert _chinese_number(numeral) == D(value)


@pytest.mark.parametrize("text", ["十分满意", "一定程度提升", "三公经费", "万一"])
def test_words_with_numeral_characters_stay_text(text):
    assert not isinstance(parse_value(text), Quantity)


@pytest.mark.parametrize(
    "value, number_format, shown, number, unit",
    [
        (0.995, "0.0%", "99.5%", D("99.5"), "%"),
        (0.9, "0%", "90%", D(90), "%"),
        (1, "0.00%", "100.00%", D(100), "%"),
        (12, '0"个"', "12个", D(12), "个"),
        (362.83, '#,##0.00"万元"', "362.83万元", D("362.83"), "万元"),
        (0.5, "[Red]0.0%;-0.0%", "50.0%", D(50), "%"),
        (1180.4, "#,##0.00", "1,180.40", D("1180.4"), ""),
    ],
)
def test_typed_numbers_read_as_shown(value, number_format, shown, number, unit):
    from xlsrc.domain.values import Typed, typed

    cell = typed(value, number_format)
    assert isinstance(cell, Typed) and float(cell) == value
    got = parse_value(cell)
    assert (got.text, got.number, got.unit, got.typed) == (shown, number, unit, True)


@pytest.mark.parametrize("number_format", ["General", "0.00", "@", '"%"0', None, "0\\%"])
def test_formats_that_add_no_percent_keep_the_number(number_format):
    from xlsrc.domain.values import Typed, typed

    got = typed(0.5, number_format)
    if number_format == "0\\%":  # an escaped % is a literal percent sign after the number
        assert isinstance(got, Typed)
        assert parse_value(got).unit == "%" and parse_value(got).number == D("0.5")
    elif number_format == '"%"0':
        assert isinstance(got, Typed) and parse_value(got).unit == "%"
    elif number_format == "0.00":  # shown with two decimals, still the bare number
        assert isinstance(got, Typed) and parse_value(got).text == "0.50"
        assert parse_value(got).unit == "" and parse_value(got).number == D("0.5")
    else:
        assert got == 0.5 and not isinstance(got, Typed)


def test_typed_dates_are_deadlines():
    import datetime as dt

    got = parse_value(dt.datetime(2024, 12, 20))
    assert isinstance(got, Deadline) and (got.year, got.month, got.day) == (2024, 12, 20)
    got = parse_value(dt.date(2024, 6, 30))
    assert got.text == "2024年6月30日"


def test_a_formula_kept_as_text_says_so():
    got = parse_value("=B5*0.9")
    assert isinstance(got, NotUnderstood) and "文本" in got.reason


ALL_WRITINGS = [
    t for t, _ in SEED_000 + SEED_002 + SEED_003 + SEED_004 + OTHER + WIDER if isinstance(t, str)
] + [
    "≥约90%",
    "5-3个",
    "2021.1.1-12.32",
    "=B5*0.9",
    "≥90%以下",
    "3个-5公里",
    "无生态效益",
    "定性",
    "按时完成",
    "≥abc",
    "abc",
    "   ",
]


@pytest.mark.parametrize("text", ALL_WRITINGS)
def test_every_reading_keeps_the_text_it_read_and_says_why_it_failed(text):
    got = parse_value(text)
    assert got.text == text
    if isinstance(got, NotUnderstood):
        assert isinstance(got.reason, str) and got.reason


@pytest.mark.parametrize(
    "raw, text", [(True, "True"), (__import__("datetime").time(8, 30), "08:30:00")]
)
def test_a_boolean_or_a_time_is_not_a_value(raw, text):
    got = parse_value(raw)
    assert isinstance(got, NotUnderstood) and got.text == text and got.reason


@pytest.mark.parametrize(
    "text, expected",
    [
        ("2024.3.1-3.31", (2024, 3, 31)),
        ("2024.1.1-12.1", (2024, 12, 1)),
        ("12-1月", None),
        ("1-13月", None),
        ("2021.1.1-12.32", None),
    ],
)
def test_period_bounds(text, expected):
    got = parse_value(text)
    if expected is None:
        assert not isinstance(got, Deadline), got
    else:
        assert (got.year, got.month, got.day) == expected


@pytest.mark.parametrize(
    "text, unit", [("5台车", "台"), ("2次宣传", "次"), ("100人次参加", "人次"), ("3簇", "簇")]
)
def test_a_known_unit_followed_by_words(text, unit):
    assert parse_value(text).unit == unit


@pytest.mark.parametrize("text", ["约三次", "三次左右"])
def test_chinese_numerals_may_be_approximate(text):
    got = parse_value(text)
    assert (got.number, got.unit, got.approx) == (D(3), "次", True)


def test_a_multiplied_number_is_bounded_in_its_base_unit():
    assert isinstance(parse_value("≥100000000亿元"), NotUnderstood)
    assert parse_value("≥1000000亿元").number == D(1000000)


@pytest.mark.parametrize(
    "numeral, value", [("十三万", 130000), ("十万", 100000), ("一万", 10000), ("万", None)]
)
def test_chinese_numerals_with_wan(numeral, value):
    from xlsrc.domain.values import _chinese_number

    assert _chinese_number(numeral) == (None if value is None else D(value))


@pytest.mark.parametrize(
    "text, expected",
    [("5-5个", (D(5), D(5), "个")), ("3-5簇", (D(3), D(5), "簇")), ("3-5xyz", None)],
)
def test_range_edges(text, expected):
    from xlsrc.domain.values import Range

    got = parse_value(text)
    if expected is None:
        assert not isinstance(got, Range)
    else:
        assert (got.low, got.high, got.unit) == expected


@pytest.mark.parametrize(
    "number_format, percent, unit",
    [
        ("0.00;-0.00%", False, ""),
        ("0.0%;-0.0%", True, ""),
        ('0"%"', False, "%"),
        ("[%]0", False, ""),
        ("[Red]0.0%", True, ""),
        ("0.0\\%", False, "%"),
        ('0.0"个";-0.0"件"', False, "个"),
    ],
)
def test_format_unit(number_format, percent, unit):
    from xlsrc.domain.values import format_unit

    assert format_unit(number_format) == (percent, unit)


def test_units_table_lookups():
    from xlsrc.domain import units as U

    assert U.lookup("万") == U.Unit("", D(10000))
    assert U.lookup("万粒") == U.Unit("粒", D(10000))
    assert U.convert(D(550), "万粒", "粒") == D(5500000)
    assert U.lookup("万xyz") is None and U.lookup("xyz") is None
    assert U.lookup("元/人") == U.Unit("元/人", D(1))
    assert U.lookup("万元/人") == U.Unit("元/人", D(10000))
    assert U.lookup("/亩") == U.Unit("/亩", D(1))
    assert U.lookup("/") is None
    assert U.convert(D(1), "元/人", "元/户") is None
    assert U.lookup("千米") == U.Unit("米", D(1000)) and U.lookup("千克") == U.Unit("千克", D(1))
    assert U.base_factor("xyz") == 1 and U.base_factor("公里") == 1000
    assert U.known("") and U.known("个") and not U.known("xyz")
    assert U.canonical("百分比") == "%" and U.canonical("元/人*月") == "元/人·月"
    assert U.convert(D(3), "个", "个") == D(3)


def test_compound_units_keep_their_numerators_size_and_every_denominator():
    from xlsrc.domain import units as U

    # 公里/小时 is 1000 米/小时: the numerator's size carries over to the compound
    assert U.lookup("公里/小时") == U.Unit("米/小时", D(1000))
    assert U.convert(D(60), "公里/小时", "米/小时") == D(60000)
    # only the first "/" splits: 元/人/月 is 元 per 人/月, not an unknown "元/人" per 月
    assert U.lookup("元/人/月") == U.Unit("元/人/月", D(1))
    # × written by Excel's symbol dialog and * typed both mean the middle dot
    assert U.canonical("元/人×月") == "元/人·月" == U.canonical("元/人·月")
    assert U.convert(D(530), "元/人×月", "元/人*月") == D(530)


@pytest.mark.parametrize(("unit", "to"), [("xyz", "米"), ("米", "xyz"), ("xyz", "abc")])
def test_no_conversion_from_or_to_an_unknown_unit(unit, to):
    from xlsrc.domain import units as U

    assert U.convert(D(1), unit, to) is None
