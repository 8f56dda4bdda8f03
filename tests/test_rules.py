"""Rules files: every shipped one is valid and scores the seeds; a faulty one is refused with a
Chinese message that names the file and each wrong setting by its dotted path."""

from decimal import Decimal as D
from importlib import resources
from pathlib import Path

import pytest
import tomllib

from xlsrc import forms
from xlsrc.cli import EXIT_FAILED, main
from xlsrc.domain.rules import (
    DEFAULT_REQUIRED_FORMS,
    LATE_PENALTIES,
    MAX_PLACES,
    REVERSE_FORMULAS,
    Rules,
    RulesError,
    rules_from_mapping,
    rules_problems,
)
from xlsrc.domain.scoring import Budget, grade, score_budget
from xlsrc.errors import RulesFileError, RulesNotFoundError, XlsrcError
from xlsrc.rules import available, load_rules

SHIPPED = "yueyang-2024"


def shipped_text(name: str = SHIPPED) -> str:
    return (resources.files("xlsrc.rules") / f"{name}.toml").read_text(encoding="utf-8")


def shipped_data(name: str = SHIPPED) -> dict:
    return tomllib.loads(shipped_text(name))


# --- the shipped files -------------------------------------------------------------------------


def test_there_is_a_shipped_rules_file():
    assert SHIPPED in available()


@pytest.mark.parametrize("name", available())
def test_shipped_rules_file_is_valid_and_in_range(name):
    assert rules_problems(shipped_data(name)) == []
    rules = load_rules(name)
    assert isinstance(rules, Rules)
    assert rules.region.strip() and isinstance(rules.year, int)
    for places in (rules.rate_places, rules.budget_score_places, rules.indicator_score_places):
        assert type(places) is int and 0 <= places <= MAX_PLACES
    assert rules.category_weights and all(w >= 0 for _, w in rules.category_weights)
    assert all(isinstance(w, D) for _, w in rules.category_weights)
    mins = [low for low, _ in rules.grades]
    assert mins == sorted(mins, reverse=True) and mins[-1] == 0 and mins[0] <= 100
    assert len({name for _, name in rules.grades}) == len(rules.grades)
    assert rules.bands and all(0 <= b.low <= b.high <= 1 for b in rules.bands)
    assert 0 <= rules.exec_rate_warning <= 1 and rules.over_achievement_ratio >= 1
    assert rules.reverse_formula in REVERSE_FORMULAS and rules.late_penalty in LATE_PENALTIES
    assert type(rules.late_period_days) is int and rules.late_period_days > 0
    assert rules.required_forms and set(rules.required_forms) <= set(forms.OFFICIAL)
    assert len(set(rules.required_forms)) == len(rules.required_forms)
    # The grades it defines are the ones it gives: full marks the top grade, zero the lowest.
    assert grade(D(100), rules) == rules.grades[0][1]
    assert grade(D(0), rules) == rules.grades[-1][1]


def test_the_default_rules_reproduce_seed_000_budget_row():
    # Seed 000: 303.13 / 362.83 → 83.55%, 10 × 83.55% → 8.36.
    got = score_budget(Budget(total="362.83", spent="303.13"), load_rules(SHIPPED))
    assert got.score == D("8.36")


def test_the_default_rules_ask_for_the_forms_seed_002_submits():
    # Seed 002's report lists 基础数据表, 自评表, 考核评分表, headed 附件1, 附件2, 附件5.
    assert load_rules(SHIPPED).required_forms == ("附件1", "附件2", "附件5", "自评报告")


def test_forms_are_optional_with_a_default():
    data = shipped_data()
    del data["forms"]
    assert rules_from_mapping(data).required_forms == DEFAULT_REQUIRED_FORMS
    assert set(DEFAULT_REQUIRED_FORMS) <= set(forms.OFFICIAL)


def test_a_shipped_name_is_read_once():
    assert load_rules(SHIPPED) is load_rules(SHIPPED)


# --- validation, one fault at a time -----------------------------------------------------------


def _set(path, value):
    """An edit that sets `value` at `path` (keys and list indexes), or deletes it if DELETE."""

    def edit(data):
        *parents, last = path
        node = data
        for key in parents:
            node = node[key]
        if value is DELETE:
            del node[last]
        else:
            node[last] = value

    return edit


DELETE = object()


def _rename(old, new):
    def edit(data):
        data[new] = data.pop(old)

    return edit


CASES = [
    # unknown keys, with a close match
    (_rename("precision", "precison"), "未知的设置项“precison”（可能是“precision”）"),
    (
        _set(("precision", "rate_place"), 4),
        "未知的设置项“precision.rate_place”（可能是“precision.rate_places”）",
    ),
    (
        _set(("grades", 0, "minimum"), 90),
        "未知的设置项“grades[1].minimum”（可能是“grades[1].min”）",
    ),
    (_set(("colour",), "red"), "未知的设置项“colour”"),
    # missing keys
    (_set(("region",), DELETE), "缺少设置项 region"),
    (_set(("time", "period_days"), DELETE), "缺少设置项 time.period_days（应为正整数）"),
    (_set(("qualitative",), DELETE), "缺少设置项 qualitative"),
    (_set(("grades", 1, "name"), DELETE), "缺少设置项 grades[2].name"),
    # wrong types
    (
        _set(("precision", "rate_places"), "四"),
        "precision.rate_places 应为 0 到 6 的整数，现为“四”",
    ),
    (_set(("time", "period_days"), True), "time.period_days 应为正整数，现为 true"),
    (
        _set(("precision", "budget_score_places"), 2.0),
        "precision.budget_score_places 应为 0 到 6 的整数，现为 2.0",
    ),
    (_set(("precision", "indicator_score_places"), False), "precision.indicator_score_places"),
    (_set(("year",), "2024"), "year 应为年份（整数，如 2024），现为“2024”"),
    (_set(("year",), True), "year 应为年份"),
    (_set(("region",), " "), "region 应为非空的文字"),
    (_set(("budget", "exec_rate_warning"), "90%"), "budget.exec_rate_warning 应为 0 到 1"),
    (_set(("weights", "产出指标"), "五十"), "weights.产出指标 应为不小于 0 的数，现为“五十”"),
    (_set(("weights", "产出指标"), True), "weights.产出指标 应为不小于 0 的数，现为 true"),
    (_set(("weights", "产出指标"), float("nan")), "weights.产出指标 应为不小于 0 的数，现为 nan"),
    (_set(("precision",), 4), "precision 应为设置表 [precision]，现为 4"),
    (_set(("grades",), {"name": "优"}), "grades 应为一组设置表 [[grades]]，现为一个设置表"),
    # bad option values and ranges
    (_set(("quantitative", "reverse_formula"), "lin"), "quantitative.reverse_formula 应为"),
    (_set(("time", "late_penalty"), "none"), "time.late_penalty 应为“proportional”、“zero”之一"),
    (_set(("precision", "rate_places"), 7), "precision.rate_places 应为 0 到 6 的整数，现为 7"),
    (_set(("precision", "rate_places"), -1), "precision.rate_places 应为 0 到 6 的整数，现为 -1"),
    (_set(("budget", "exec_rate_warning"), 90), "budget.exec_rate_warning 应为 0 到 1"),
    (_set(("budget", "exec_rate_warning"), -0.1), "budget.exec_rate_warning 应为 0 到 1"),
    (_set(("qualitative", "bands", 0, "low"), 1.2), "qualitative.bands[1].low 应为 0 到 1"),
    (_set(("qualitative", "bands", 2, "high"), -1), "qualitative.bands[3].high 应为 0 到 1"),
    (
        _set(("qualitative", "bands", 1, "low"), 0.9),
        "qualitative.bands[2] 的下限 low（0.9）大于上限 high（0.8）",
    ),
    (_set(("qualitative", "bands"), []), "qualitative.bands 至少要有一项"),
    (
        _set(("qualitative", "bands", 1, "name"), "达成年度指标"),
        "qualitative.bands 中“达成年度指标”出现了不止一次",
    ),
    (_set(("grades", 1, "name"), "优"), "grades 中“优”出现了不止一次"),
    (_set(("grades", 0, "min"), 120), "grades[1].min 应为 0 到 100 之间的数，现为 120"),
    (_set(("grades", 3, "min"), 10), "grades 须有一个 min 为 0 的等次"),
    (_set(("grades", 1, "min"), 90), "grades 中有不止一个等次的 min 为 90"),
    (_set(("grades",), []), "grades 至少要有一项"),
    (_set(("weights", "产出指标"), -5), "weights.产出指标 应为不小于 0 的数，现为 -5"),
    (_set(("time", "period_days"), 0), "time.period_days 应为正整数，现为 0"),
    (_set(("time", "period_days"), 365.0), "time.period_days 应为正整数，现为 365.0"),
    (
        _set(("quantitative", "over_achievement_ratio"), 0.8),
        "quantitative.over_achievement_ratio 应为不小于 1 的数，现为 0.8",
    ),
    # [forms]
    (
        _set(("forms", "required", 1), "附件3"),
        "forms.required[2] 应为“附件1”、“附件2”、“附件4-1”、“附件5”、“自评报告”、“自评报告（2021）”之一，现为“附件3”",
    ),
    (_set(("forms", "required", 0), 1), "forms.required[1] 应为“附件1”"),
    (_set(("forms", "required"), "附件1"), "forms.required 应为表格编号的列表"),
    (_set(("forms", "required"), []), "forms.required 至少要有一项"),
    (_set(("forms", "required", 1), "附件1"), "forms.required 中“附件1”出现了不止一次"),
    (_set(("forms", "required"), DELETE), "缺少设置项 forms.required"),
    (
        _set(("forms", "requried"), ["附件1"]),
        "未知的设置项“forms.requried”（可能是“forms.required”）",
    ),
    (_set(("forms",), ["附件1"]), "forms 应为设置表 [forms]，现为一个列表"),
    # the optional locality settings (docs/rules.md §7)
    (_set(("budget", "full_marks_rate"), 99), "budget.full_marks_rate 应为 0 到 1 之间的数"),
    (_set(("budget", "full_marks_rate"), "99%"), "budget.full_marks_rate 应为 0 到 1"),
    (
        _set(("budget", "full_mark_rate"), 0.99),
        "未知的设置项“budget.full_mark_rate”（可能是“budget.full_marks_rate”）",
    ),
    (_set(("budget", "total_caps"), []), "budget.total_caps 至少要有一项"),
    (
        _set(("budget", "total_caps"), {"below": 0.8, "max": 89}),
        "budget.total_caps 应为一组设置表 [[budget.total_caps]]，现为一个设置表",
    ),
    (
        _set(("budget", "total_caps"), [{"below": 80, "max": 89}]),
        "budget.total_caps[1].below 应为 0 到 1 之间的数",
    ),
    (
        _set(("budget", "total_caps"), [{"below": 0.8, "max": 189}]),
        "budget.total_caps[1].max 应为 0 到 100 之间的分数，现为 189",
    ),
    (_set(("budget", "total_caps"), [{"below": 0.8}]), "缺少设置项 budget.total_caps[1].max"),
    (
        _set(("budget", "total_caps"), [{"below": 0.8, "max": 89, "maximum": 89}]),
        "未知的设置项“budget.total_caps[1].maximum”（可能是“budget.total_caps[1].max”）",
    ),
    (
        _set(("budget", "total_caps"), [{"below": 0.8, "max": 89}, {"below": 0.8, "max": 79}]),
        "budget.total_caps 中有不止一项的 below 为 0.8",
    ),
    (
        _set(("quantitative", "deviation_ratio"), 0.3),
        "quantitative.deviation_ratio 应为不小于 1 的数，现为 0.3",
    ),
    (
        _set(("quantitative", "deviation_ratio"), 1.3),
        "缺少设置项 quantitative.deviation_deduction（应为 0 到 100 之间的分数）：它须与 "
        "quantitative.deviation_ratio 一起设置",
    ),
    (
        _set(("quantitative", "deviation_deduction"), 2),
        "缺少设置项 quantitative.deviation_ratio（应为不小于 1 的数）",
    ),
]


@pytest.mark.parametrize(("edit", "expected"), CASES, ids=[c[1] for c in CASES])
def test_a_fault_is_refused_naming_its_key(edit, expected):
    data = shipped_data()
    edit(data)
    with pytest.raises(RulesError) as info:
        rules_from_mapping(data, "某地.toml")
    message = str(info.value)
    assert message.startswith("评分规则文件“某地.toml”有误：")
    assert expected in message, message


@pytest.mark.parametrize(
    "edit",
    [
        _set(("precision", "rate_places"), 0),
        _set(("precision", "budget_score_places"), 6),
        _set(("budget", "exec_rate_warning"), 1),
        _set(("budget", "exec_rate_warning"), 0),
        _set(("weights", "效益指标"), 0),
        _set(("weights", "绩效目标"), 80),  # other regions name other categories
        _set(("weights", "产出指标"), 50.5),
        _set(("quantitative", "over_achievement_ratio"), 1),
        _set(("qualitative", "bands", 0, "low"), 1.0),
        _set(("grades", 0, "min"), 100),
        _set(("grades", 0, "min"), 89.5),
        _set(("forms", "required"), ["附件4-1", "自评报告"]),
        _set(("budget", "full_marks_rate"), 1),
        _set(("budget", "full_marks_rate"), 0),
        _set(("budget", "total_caps"), [{"below": 1, "max": 100}]),
        _set(("budget", "total_caps"), [{"below": 0, "max": 0}]),
    ],
)
def test_values_at_the_edges_are_accepted(edit):
    data = shipped_data()
    edit(data)
    assert rules_problems(data) == []
    rules_from_mapping(data)


def test_the_error_is_a_value_error_even_without_a_file_name():
    data = shipped_data()
    data["year"] = "二〇二四"
    with pytest.raises(ValueError, match=r"^评分规则有误：year 应为年份"):
        rules_from_mapping(data)


def test_all_problems_are_reported_together():
    data = shipped_data()
    data["precison"] = data.pop("precision")
    data["time"]["period_days"] = True
    data["quantitative"]["reverse_formula"] = "linaer"
    data["grades"][0]["min"] = 200
    with pytest.raises(RulesError) as info:
        rules_from_mapping(data, "x.toml")
    assert info.value.problems == (
        "未知的设置项“precison”（可能是“precision”）",
        "grades[1].min 应为 0 到 100 之间的数，现为 200",
        "缺少设置项 precision（应为设置表 [precision]）",
        "quantitative.reverse_formula 应为“target_over_actual”、“linear”之一，现为“linaer”",
        "time.period_days 应为正整数，现为 true",
    )
    assert str(info.value) == "评分规则文件“x.toml”有误：" + "；".join(info.value.problems)


# --- the loader --------------------------------------------------------------------------------


def write(tmp_path, text, name="yueyang-2024.toml"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_a_faulty_file_names_the_file_and_is_an_xlsrc_error(tmp_path):
    text = shipped_text().replace("rate_places = 4", 'rate_places = "四"')
    text = text.replace("[budget]", "[budgte]")
    path = write(tmp_path, text)
    with pytest.raises(RulesFileError) as info:
        load_rules(str(path))
    assert isinstance(info.value, XlsrcError) and isinstance(info.value, ValueError)
    message = str(info.value)
    assert message.startswith(f"评分规则文件“{path}”有误：")
    assert "precision.rate_places 应为 0 到 6 的整数，现为“四”" in message
    assert "未知的设置项“budgte”（可能是“budget”）" in message
    assert len(info.value.problems) == 3  # and 缺少设置项 budget


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("rate_places = 4", "rate_places = "),
        ("[budget]", "[budget"),
        ('region = "岳阳市"', 'region = "岳阳市'),
        ("period_days = 365", "period_days = 365 days"),
    ],
)
def test_a_toml_syntax_error_names_the_file_and_line(tmp_path, old, new):
    text = shipped_text()
    line = text[: text.index(old)].count("\n") + 1
    path = write(tmp_path, text.replace(old, new))
    with pytest.raises(RulesFileError) as info:
        load_rules(str(path))
    assert isinstance(info.value, XlsrcError)
    assert str(info.value).startswith(f"评分规则文件“{path}”第 {line} 行格式有误"), info.value


def test_a_syntax_error_at_the_end_of_the_file_names_the_last_line(tmp_path):
    text = shipped_text().rstrip("\n") + '\nextra = "unterminated\n'
    last = text.rstrip("\n").count("\n") + 1
    path = write(tmp_path, text)
    with pytest.raises(RulesFileError, match=f"第 {last} 行格式有误"):
        load_rules(str(path))


def test_a_file_not_in_utf8_is_explained(tmp_path):
    path = tmp_path / "gbk.toml"
    path.write_bytes(shipped_text().encode("gb18030"))
    with pytest.raises(RulesFileError, match="不是 UTF-8 编码"):
        load_rules(str(path))


def test_a_file_saved_with_a_bom_is_read(tmp_path):
    path = tmp_path / "bom.toml"
    path.write_bytes(shipped_text().encode("utf-8-sig"))
    assert load_rules(str(path)).region == "岳阳市"


@pytest.mark.parametrize("name", ["yueyang-2042", "no/such/file.toml"])
def test_a_missing_rules_file_is_an_xlsrc_error(name):
    with pytest.raises(RulesNotFoundError) as info:
        load_rules(name)
    assert isinstance(info.value, XlsrcError) and isinstance(info.value, FileNotFoundError)
    assert str(info.value) == f"找不到评分规则“{name}”，可选：{'、'.join(available())}"


def test_an_edited_rules_file_is_read_again(tmp_path):
    text = shipped_text()
    assert "exec_rate_warning = 0.90" in text
    path = write(tmp_path, text, "mine.toml")
    assert load_rules(str(path)).exec_rate_warning == D("0.90")
    # Same size, written at once: a cache keyed on size or a coarse mtime would miss it.
    path.write_text(text.replace("exec_rate_warning = 0.90", "exec_rate_warning = 0.85"), "utf-8")
    assert load_rules(str(path)).exec_rate_warning == D("0.85")
    path.write_text(text.replace("rate_places = 4", 'rate_places = "四"'), encoding="utf-8")
    with pytest.raises(RulesFileError):
        load_rules(str(path))


def test_the_cli_prints_the_rules_error_and_fails(tmp_path, capsys):
    from conftest import EXAMPLES

    bad = write(tmp_path, shipped_text().replace("period_days = 365", "period_days = true"))
    assert main(["check", str(EXAMPLES / "seed000.xlsm"), "--rules", str(bad)]) == EXIT_FAILED
    err = capsys.readouterr().err
    assert err.startswith(f"错误：评分规则文件“{bad}”有误：time.period_days 应为正整数，现为 true")


def test_the_locality_settings_are_read_and_absent_ones_change_nothing(tmp_path):
    from capped import capped_rules

    plain = load_rules(SHIPPED)
    assert (plain.full_marks_rate, plain.total_caps, plain.deviation_ratio) == (None, (), None)
    assert plain.deviation_deduction == 0 and plain.cap_for(D("0.1")) is None
    local = capped_rules(tmp_path)
    assert local.full_marks_rate == D("0.99")
    assert [(c.below, c.max) for c in local.total_caps] == [
        (D("0.8"), D(89)),
        (D("0.7"), D(79)),
        (D("0.6"), D(69)),
        (D("0.5"), D(59)),
    ]
    assert (local.deviation_ratio, local.deviation_deduction) == (D("1.3"), D(2))
    # Everything else is the shipped file's.
    changed = ("full_marks_rate", "total_caps", "deviation_ratio", "deviation_deduction")
    assert {k: v for k, v in vars(local).items() if k not in changed} == {
        k: v for k, v in vars(plain).items() if k not in changed
    }


@pytest.mark.parametrize(
    "rate, cap",
    [(None, None), ("0.8", None), ("0.7999", 89), ("0.7", 89), ("0.6999", 79), ("0", 59)],
)
def test_the_cap_is_the_lowest_max_of_the_tables_the_rate_is_under(tmp_path, rate, cap):
    from capped import capped_rules

    got = capped_rules(tmp_path).cap_for(None if rate is None else D(rate))
    assert (got.max if got else None) == cap


def test_tables_in_any_order_give_the_same_cap():
    data = shipped_data()
    data["budget"]["total_caps"] = [{"below": 0.5, "max": 59}, {"below": 0.8, "max": 89}]
    rules = rules_from_mapping(data)
    assert rules.cap_for(D("0.4")).max == 59 and rules.cap_for(D("0.6")).max == 89


# --- the rules of other localities, against their published sources (tests/data/rules_sources.md)


@pytest.mark.parametrize(
    ("name", "urls"),
    [
        (
            "sichuan-2023",
            [
                "https://www.scqs.gov.cn/info/13206/211004.htm",
                "https://dyxrmt.cn/article-157795-21.html",
            ],
        ),
        ("yitihua-2022", ["https://desk33.com/d-565511.html"]),
    ],
)
def test_a_localitys_rules_file_names_its_sources(name, urls):
    text = shipped_text(name)
    comments = "\n".join(line for line in text.splitlines() if line.lstrip().startswith("#"))
    kept = (Path(__file__).parent / "data" / "rules_sources.md").read_text(encoding="utf-8")
    for url in urls:
        assert url in comments and url in kept


def test_sichuan_2023_scores_the_published_daying_form_as_published():
    """大英县司法局 2023: 3.36 of 3.36 → 权重 10, 得分 10; one indicator of 90 met → 90; 100."""
    from xlsrc.domain.scoring import Indicator
    from xlsrc.domain.selfeval import SelfEvaluation, score_form

    rules = load_rules("sichuan-2023")
    row = Indicator("产出指标", "经济成本指标", "成本控制数", "≤30万元", "30万元", 90)
    # A blank 权重 of the budget row is the rules' 10.
    got = score_form(
        SelfEvaluation(Budget(initial=0, total="3.36", spent="3.36", weight=None), (row,)), rules
    )
    assert (got.budget.rate, got.budget.weight, got.budget.score) == (D(1), D(10), D(10))
    assert (got.total, got.grade) == (D(100), "优")
    codes = [f.code for f in got.all_findings()]
    assert "W204" not in codes and "E120" not in codes  # 产出 90: the unit's split, not a fault
    # 青神: 产出 60 + 效益 30 is as good a split.
    rows = (
        Indicator("产出指标", "数量指标", "发放（缴纳）覆盖率", "=100%", "100%", 60),
        Indicator("效益指标", "社会效益指标", "足额保障率（参保率）", "=100%", "100%", 30),
    )
    qingshen = score_form(SelfEvaluation(Budget(total="251.89", spent="251.89"), rows), rules)
    assert qingshen.total == D(100) and "W204" not in [f.code for f in qingshen.findings]
    # Below 90% a reason is asked for, as the form's note says.
    low = score_budget(Budget(total="100", spent="89.99"), rules)
    assert [f.code for f in low.findings] == ["W203"]


def test_yitihua_2022_caps_and_deviation_are_the_manuals():
    rules = load_rules("yitihua-2022")
    # "执行率为70%至80%的…不超过89分；60%至70%…79分；低于60%…69分；低于50%…59分"
    assert [(c.below, c.max) for c in rules.total_caps] == [
        (D("0.8"), D(89)),
        (D("0.7"), D(79)),
        (D("0.6"), D(69)),
        (D("0.5"), D(59)),
    ]
    # "完成值超过年初设置指标值30%及以上的指标，定义为指标偏离并减2分"
    assert (rules.deviation_ratio, rules.deviation_deduction) == (D("1.3"), D(2))
    assert rules.full_marks_rate is None
