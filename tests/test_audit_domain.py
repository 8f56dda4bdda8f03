"""The audit of a form's own scores (xlsrc/domain/audit.py) and the layout finder, on plain values."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from xlsrc.domain.audit import Published, as_rate, audit, band_of
from xlsrc.domain.scoring import Budget, Indicator
from xlsrc.domain.selfeval import SelfEvaluation
from xlsrc.readers import layout as L

D = Decimal


def _row(level1, level3, target, actual, weight, deviation=None, level2=None):
    return Indicator(
        level1=level1,
        level2=level2,
        level3=level3,
        target=target,
        actual=actual,
        weight=weight,
        deviation=deviation,
    )


# A form that follows the rules: budget 10 (100%), 产出 50, 效益 30, 满意度 10.
ROWS = (
    _row("产出指标", "项目数", "≥10个", "10个", 50),
    _row("效益指标", "带动就业", "≥100人", "80人", 30, "招工不足"),  # rule: 24
    _row("满意度指标", "满意度", "≥90%", "95%", 10),
)
BUDGET = Budget(initial=100, total=100, spent=100, weight=10)
FORM = SelfEvaluation(BUDGET, ROWS)
GOOD = Published(
    scores=(50, 24, 10), budget_rate="100%", budget_score=10, total=94, weight_total=100
)


def codes(result) -> list[tuple[str, int | None]]:
    return [(f.code, f.row) for f in result.findings if f.severity.name != "INFO"]


def test_a_form_that_follows_the_rules_has_no_finding(rules):
    result = audit(FORM, GOOD, rules)
    assert codes(result) == []
    assert result.result.total == D(94) == result.published_total


@pytest.mark.parametrize(
    ("change", "expected", "message"),
    [
        (
            {"scores": (50, 25, 10), "total": 95},
            [("E190", 1), ("E194", None)],
            "表中得分25，按规则应得24（分值30×80人÷100人）",
        ),
        (
            {"scores": (49, 24, 10), "total": 93},
            [("E190", 0), ("E196", 0), ("E194", None)],
            "表中得分49，按规则应得50（已完成年度指标值，得满分50）",
        ),
        (
            {"total": 95},
            [("E193", None), ("E194", None)],
            "表中总分95，不等于预算执行率和各指标得分之和94",
        ),
        (
            {"budget_score": 9, "total": 93},
            [("E191", None), ("E194", None)],
            "表中预算执行率得分9，按规则应得10（分值10×执行率100%）",
        ),
        (
            {"budget_rate": "99%"},
            [("E192", None)],
            "表中执行率99%，按全年执行数÷全年预算数应为100%",
        ),
        ({"weight_total": 110}, [("E195", None)], "表中分值合计110，各行分值之和为100"),
        ({"grade": "良"}, [("E198", None)], "表中等次“良”与总分94对应的等次“优”不符"),
        (
            {"scores": (50, None, 10), "total": 70},
            [("W290", 1), ("E194", None)],
            "表中本行得分为空",
        ),
    ],
)
def test_each_disagreement_is_reported_with_both_numbers(rules, change, expected, message):
    fields = {**GOOD.__dict__, **change}
    result = audit(FORM, Published(**fields), rules)
    assert codes(result) == expected
    assert result.findings[0].message == message or any(
        f.message == message for f in result.findings
    )


def test_a_deducted_met_row_with_a_reason_is_only_a_difference(rules):
    rows = (ROWS[0].__class__(**{**ROWS[0].__dict__, "deviation": "质量抽查扣1分"}), *ROWS[1:])
    result = audit(
        SelfEvaluation(BUDGET, rows),
        Published(**{**GOOD.__dict__, "scores": (49, 24, 10), "total": 93}),
        rules,
    )
    assert codes(result) == [("E190", 0), ("E194", None)]


def test_a_met_row_at_its_weight_needs_no_reason(rules):
    """Scored at the weight exactly: no deduction to explain (the boundary of E196)."""
    result = audit(FORM, GOOD, rules)
    assert "E196" not in {c for c, _ in codes(result)}


def test_qualitative_rows_take_the_forms_score_as_the_judgment(rules):
    rows = (
        _row("产出指标", "项目数", "≥10个", "10个", 50),
        _row("效益指标", "招商引资", "定性", "有效推进", 30, "措施未到位"),
        _row("满意度指标", "满意度", "≥90%", "95%", 10),
    )
    pub = Published(scores=(50, 20, 10), budget_rate=1, budget_score=10, total=90, weight_total=100)
    result = audit(SelfEvaluation(BUDGET, rows), pub, rules)
    assert codes(result) == []
    assert result.result.rows[1].score == D(20)
    assert result.result.rows[1].band == "部分达成并具有一定效果"  # 20/30 is in 60–80%


def test_a_qualitative_row_scored_inside_the_met_band_is_met(rules):
    """27 of 30 lies in 达成年度指标 (80–100%): the band says met, so no 偏差原因 is due."""
    rows = (ROWS[0], _row("效益指标", "招商引资", "定性", "有效推进", 30), ROWS[2])
    pub = Published(scores=(50, 27, 10), budget_score=10, total=97, weight_total=100)
    result = audit(SelfEvaluation(BUDGET, rows), pub, rules)
    assert codes(result) == []
    assert result.result.rows[1].met is True
    assert result.result.rows[1].band == "达成年度指标"


def test_a_qualitative_row_in_a_lower_band_needs_a_reason(rules):
    rows = (ROWS[0], _row("效益指标", "招商引资", "定性", "有效推进", 30), ROWS[2])
    pub = Published(scores=(50, 20, 10), budget_score=10, total=90, weight_total=100)
    assert codes(audit(SelfEvaluation(BUDGET, rows), pub, rules)) == [("E110", 1)]


def test_a_qualitative_score_above_its_weight_is_not_taken(rules):
    rows = (ROWS[0], _row("效益指标", "招商引资", "定性", "有效推进", 30), ROWS[2])
    pub = Published(scores=(50, 35, 10), budget_score=10, total=105, weight_total=100)
    result = audit(SelfEvaluation(BUDGET, rows), pub, rules)
    assert ("E190", 1) in codes(result)  # the rule's 30 against the form's 35
    assert result.result.rows[1].score == D(30)


def test_the_budget_row_counted_twice(rules):
    rows = (*ROWS, _row(None, "预算执行率", "≥95%", "100%", 10, level2="成本指标"))
    pub = Published(scores=(50, 24, 10, 10), budget_score=10, total=104, weight_total=110)
    found = codes(audit(SelfEvaluation(BUDGET, rows), pub, rules))
    assert ("E197", 3) in found and ("E120", None) in found


def test_no_budget_weight_no_double_count(rules):
    rows = (*ROWS, _row(None, "预算执行率", "≥95%", "100%", 10))
    budget = Budget(initial=100, total=100, spent=100, weight=0)
    pub = Published(scores=(50, 24, 10, 10), total=94)
    assert "E197" not in {c for c, _ in codes(audit(SelfEvaluation(budget, rows), pub, rules))}


@pytest.mark.parametrize(
    ("published", "consistent"),
    [
        ("83.55%", True),
        (0.8355, True),
        (83.55, True),
        ("84%", True),  # the same share shown with fewer decimals
        (0.835460, True),  # a formula's unrounded result
        ("83.5%", True),
        ("83.6%", True),  # the rules' 83.55% shown with one decimal
        ("83.7%", False),
        ("83.56%", False),
        (1, False),
    ],
)
def test_the_published_rate_is_compared_at_its_own_decimals(rules, published, consistent):
    budget = Budget(initial=300, total=362.83, spent=303.13, weight=10)
    pub = Published(scores=(50, 24, 10), budget_rate=published)
    found = {c for c, _ in codes(audit(SelfEvaluation(budget, ROWS), pub, rules))}
    assert ("E192" not in found) is consistent


@pytest.mark.parametrize(
    ("raw", "share"),
    [
        ("83.55%", D("0.8355")),
        (0.8355, D("0.8355")),
        (100, D(1)),
        ("100", D(1)),
        (1.5, D("1.5")),
        (1.6, D("0.016")),
        (None, None),
        ("无", None),
    ],
)
def test_as_rate(raw, share):
    assert as_rate(raw) == share


def test_printed_decimals_are_no_difference(rules):
    """8.355 printed for 8.36, 24.0 for 24: compared after the rules' rounding."""
    budget = Budget(initial=300, total=362.83, spent=303.13, weight=10)
    pub = Published(
        scores=(50, 24.0, 10),
        budget_rate="83.55%",
        budget_score=8.355,
        total=92.36,
        weight_total=100,
    )
    assert "E191" not in {c for c, _ in codes(audit(SelfEvaluation(budget, ROWS), pub, rules))}


@pytest.mark.parametrize(
    ("share", "band"),
    [
        (D(1), "达成年度指标"),
        (D("0.8"), "达成年度指标"),
        (D("0.79"), "部分达成并具有一定效果"),
        (D("0.6"), "部分达成并具有一定效果"),
        (D("0.5"), "未达成且效果较差"),
        (D(0), "未达成且效果较差"),
        (D(2), "达成年度指标"),
    ],
)
def test_band_of(rules, share, band):
    assert band_of(share, rules.bands).name == band


# ------------------------------------------------------------------ the layout finder


def test_headers_are_found_whatever_their_spelling_and_order():
    headers = [
        "分　值",
        "三级 指标",
        "年度\n指标值",
        "全年实际值",
        "自评得分",
        "偏差原因",
        None,
        "一级指标",
    ]
    assert L.find_columns(headers, L.INDICATOR_COLUMNS) == {
        "level1": 7,
        "level3": 1,
        "target": 2,
        "actual": 3,
        "weight": 0,
        "score": 4,
        "deviation": 5,
    }


def test_a_column_never_falls_back_to_its_position():
    """As many headers as wanted columns, none of them a label: nothing is found."""
    assert L.find_columns(["甲", "乙"], (("a", ("年度指标值",)), ("b", ("得分",)))) == {}


@pytest.mark.parametrize(
    ("nature", "value", "unit", "target"),
    [
        ("≥", 95, "%", "≥95%"),
        ("大于等于", 98.0, "%", "≥98%"),
        ("小于等于", 10, "天", "≤10天"),
        ("正向", 2, "万亩", "≥2万亩"),
        ("反向", 5, "%", "≤5%"),
        ("等于", 100, "%", "=100%"),
        ("＝", "100%", "%", "=100%"),
        ("定性", "按时完成", None, "按时完成"),
        ("定性", None, None, "定性"),
        (None, 3, "个", "3个"),
        ("≥", None, "个", None),
        ("大于", 1, "次", ">1次"),
        ("小于", 1, "次", "<1次"),
        ("不低于", 1, "次", "≥1次"),
        ("不高于", 1, "次", "≤1次"),
    ],
)
def test_split_columns_join_into_one_target(nature, value, unit, target):
    assert L._joined_target(nature, value, unit) == target


@pytest.mark.parametrize(
    ("actual", "target", "read"),
    [
        (0.98, "≥95%", "98%"),
        (0.995, "＝100%", "99.5%"),  # not "99.500%"
        (1, "≥95%", "100%"),
        (1.5, "≥95%", "150%"),
        (1.6, "≥95%", 1.6),
        (0.98, "≥1.2%", 0.98),  # a target that small is no percentage of this kind
        (0.98, "≥95个", 0.98),
        ("98%", "≥95%", "98%"),
        (0, "≥95%", 0),
        (True, "≥95%", True),
    ],
)
def test_fraction_as_percent(actual, target, read):
    assert L.fraction_as_percent(actual, target) == read


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (95.0, "95"),
        (0.1, "0.1"),
        (12, "12"),
        (D("1.50"), "1.50"),
        (None, ""),
        ("  x ", "x"),
        (True, "True"),
    ],
)
def test_number_text(value, text):
    assert L.number_text(value) == text


@pytest.mark.parametrize(
    ("value", "read"),
    [
        (dt.date(2024, 12, 20), "2024年12月20日"),
        (dt.datetime(2024, 12, 31, 0, 0), "2024年12月31日"),
        (dt.time(8, 0), None),
        ("  ", None),
        ("", None),
        (0, 0),
        ("≥90%", "≥90%"),
    ],
)
def test_plain(value, read):
    assert L.plain(value) == read


def _grid():
    return [
        ["2024年度部门整体支出绩效自评表"],
        ["单位名称：某局"],
        [
            None,
            None,
            "年初预算数",
            "全年预算数（A）",
            "全年执行数（B）",
            "分值",
            "执行率（B/A）",
            "得分",
        ],
        [None, "年度资金总额：", 90, 100, 95, 10, "95%", 9.5],
        [None, "其中：一般公共预算：100", None, "基本支出", 80],
        [None, "项目支出", 15],
        ["年度总体目标", "预期目标", None, "实际完成情况"],
        [None, "目标甲", None, "完成甲"],
        [
            "一级指标",
            "三级指标",
            "年度指标值",
            "实际完成值",
            "分值",
            "得分",
            "偏差原因分析及改进措施",
        ],
        ["产出指标", "甲", "≥10个", "10个", 50, 50, None],
        [None, "指标2：", None, None, None, None, None],
        [None, "……", "/", "/", None, None, None],
        ["产出指标小计", None, None, None, 50, 50, None],
        ["效益指标", "乙", "定性", "好", 30, 30, "说明：无"],
        ["满意度", "丙", "≥90%", 0.95, 10, 10, None],
        ["总分", None, None, None, 100, 99.5, "优"],
        ["填表人：", None, "联系电话："],
    ]


def test_a_form_is_read_from_its_labels():
    found = L.read_self_eval("表", _grid(), formats_known=False)
    assert found is not None
    assert found.header_row == 8
    assert [r.values["level3"] for r in found.rows] == ["甲", "乙", "丙"]
    assert found.rows[2].values["actual"] == "95%"  # a fraction from a file without formats
    assert found.rows[1].values["deviation"] == "说明：无"  # a reason starting 说明 is no end
    assert found.fields == {
        "budget.initial": 90,
        "budget.total": 100,
        "budget.spent": 95,
        "budget.weight": 10,
        "budget.income_general": D(100),
        "budget.basic": 80,
        "budget.project": 15,
        "self.unit": "某局",
        "self.year": 2024,
        "goal.expected": "目标甲",
        "goal.actual": "完成甲",
    }
    assert found.published == {
        "budget.rate": "95%",
        "budget.score": 9.5,
        "form.total": 99.5,
        "form.weight_total": 100,
        "form.grade": "优",
    }
    assert found.at["form.total"] == (15, 5)
    assert found.at["budget.basic"] == (4, 4)
    assert found.rows[0].at["score"] == (9, 5)
    assert found.missing == ("二级指标",)


@pytest.mark.parametrize(
    "line, signed",
    [
        (  # one merged cell, full-width spaces between the parts, as published forms print it
            [
                "填表人：张三\u3000\u3000填报日期：2025年3月25日\u3000\u3000联系电话：0730-8888888"
                "\u3000\u3000单位负责人签字："
            ],
            {"sign.preparer": "张三", "sign.date": "2025年3月25日", "sign.phone": "0730-8888888"},
        ),
        (  # labels and values in cells of their own; a date cell, a phone typed as a number
            ["填表人", "李四", "填报日期", dt.datetime(2025, 3, 25), "联系电话", 13800000000],
            {"sign.preparer": "李四", "sign.date": "2025年3月25日", "sign.phone": "13800000000"},
        ),
        (["填表人：", None, "填报日期：", None, "联系电话："], {}),  # left to the pen
        (["填表人：____", "单位负责人签字："], {}),
    ],
)
def test_the_signature_line_is_read(line, signed):
    grid = _grid()[:-1] + [line]
    found = L.read_self_eval("表", grid, formats_known=False)
    assert {k: v for k, v in found.fields.items() if k.startswith("sign.")} == signed


def test_a_sheet_without_the_block_is_none():
    assert L.read_self_eval("x", [["一级指标", "二级指标"], ["分值", "得分"]]) is None


def test_the_self_eval_sheet_is_looked_for_by_name_first():
    other = [["三级指标", "指标值", "完成值", "分值", "得分"], ["x", "1个", "1个", 10, 10]]
    sheets = [("汇总", other), ("附件2自评表", _grid())]
    assert L.find_self_eval(sheets).sheet == "附件2自评表"
    assert L.find_self_eval([("汇总", other)]).sheet == "汇总"
    assert L.find_self_eval([("空", [[None]])]) is None


def test_a_total_row_without_columns_reads_in_order():
    grid = [
        ["三级指标", "年度指标值", "实际完成值", "分值", "得分"],
        ["甲", "≥1个", "1个", 100, 100],
        ["合计", 100, None, None, 98],
    ]
    found = L.read_self_eval("s", grid)
    assert found.published["form.total"] == 98
    assert found.published["form.weight_total"] == 100


def test_the_block_ends_at_the_signature_without_a_total():
    grid = [
        ["三级指标", "年度指标值", "实际完成值", "分值", "得分"],
        ["甲", "≥1个", "1个", 100, 100],
        ["填表人：张", "≥1个", "1个", 1, 1],
    ]
    found = L.read_self_eval("s", grid)
    assert len(found.rows) == 1 and "form.total" not in found.published


def test_the_layout_finder_needs_no_spreadsheet_library():
    """Pure Python over grids, so a browser page (Pyodide) and the bureau summary reuse it."""
    import subprocess
    import sys

    code = (
        "import sys, xlsrc.readers.layout, xlsrc.domain.audit;"
        "print(sorted(m for m in ('openpyxl','python_calamine','xlwings','xlsxwriter') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


# ------------------------------------------------------------------ where and how each finding reads


def _by_code(result):
    return {f.code: f for f in result.findings}


def test_each_finding_names_the_field_it_is_placed_on(rules):
    pub = Published(
        scores=(49, None, 10, 5),
        budget_rate="90%",
        budget_score=9,
        total=95,
        weight_total=110,
        grade="良",
    )
    rows = (*ROWS, _row(None, "资金执行率", "≥95%", "100%", 5))
    found = {
        f.code: (f.field, f.row) for f in audit(SelfEvaluation(BUDGET, rows), pub, rules).findings
    }
    assert found == {
        "E190": ("indicator.score", 0),
        "E196": ("indicator.deviation", 0),
        "W290": ("indicator.score", 1),
        "E191": ("budget.score", None),
        "E192": ("budget.rate", None),
        "E193": ("form.total", None),
        "E194": ("form.total", None),
        "E195": ("form.weight_total", None),
        "E198": ("form.grade", None),
        "E197": ("indicator.level3", 3),
        "E120": ("form.weight_total", None),
        "W204": ("form.weight_total", None),
    }


def test_messages_of_a_deduction_and_a_double_count(rules):
    rows = (*ROWS, _row(None, " 预算执行率 ", "≥95%", "100%", 5))
    pub = Published(scores=(49, 24, 10, 5), budget_score=10, total=98)
    by = _by_code(audit(SelfEvaluation(BUDGET, rows), pub, rules))
    assert by["E196"].message == "已完成年度指标值，表中得分49低于分值50，且未说明扣分原因"
    assert by["E197"].message == (
        "预算执行率已在表头计分（分值10），绩效指标中又有“预算执行率”一行（分值5），重复计分"
    )


def test_a_double_count_found_in_the_second_level_too(rules):
    rows = (*ROWS, _row(None, "支付进度", "≥95%", "100%", 5, level2="预算执行率指标"))
    pub = Published(scores=(50, 24, 10, 5), budget_score=10, total=99)
    assert ("E197", 3) in codes(audit(SelfEvaluation(BUDGET, rows), pub, rules))


def test_a_weightless_budget_row_among_the_indicators_is_no_double_count(rules):
    rows = (*ROWS, _row(None, "预算执行率", "无", "无", 0))
    pub = Published(scores=(50, 24, 10, 0), budget_score=10, total=94)
    assert "E197" not in {c for c, _ in codes(audit(SelfEvaluation(BUDGET, rows), pub, rules))}


@pytest.mark.parametrize(
    ("row", "published", "basis"),
    [
        (_row("产出指标", "成本", "≤100万元", "125万元", 50, "超支"), 50, "分值50×100万元÷125万元"),
        (
            _row("产出指标", "完成时间", "2024年6月30日前", "2024年9月30日", 50, "延误"),
            50,
            "逾期完成，按逾期天数扣分",
        ),
        (_row("产出指标", "项目数", "≥10个", "12个", 50), 40, "已完成年度指标值，得满分50"),
    ],
)
def test_the_basis_of_a_rule_score(rules, row, published, basis):
    pub = Published(scores=(published, 24, 10))
    by = _by_code(audit(SelfEvaluation(BUDGET, (row, *ROWS[1:])), pub, rules))
    assert by["E190"].message.endswith(f"（{basis}）")


def test_a_blank_row_does_not_end_the_comparison(rules):
    rows = (ROWS[0], Indicator(), ROWS[1], ROWS[2])
    pub = Published(scores=(50, None, 25, 10), budget_score=10, total=95)
    assert codes(audit(SelfEvaluation(BUDGET, rows), pub, rules)) == [("E190", 2), ("E194", None)]


@pytest.mark.parametrize(
    ("score", "weight", "judged"),
    [
        (30, 30, True),
        (0, 30, True),
        (31, 30, False),
        (-1, 30, False),
        (5, 0, False),
        (None, 30, False),
        (5, None, False),
    ],
)
def test_which_qualitative_scores_are_taken(rules, score, weight, judged):
    from xlsrc.domain.audit import _judged

    ind = _row("效益指标", "招商引资", "定性", "有效推进", weight)
    out = _judged(ind, None if score is None else D(score), rules)
    assert (out.manual is not None) is judged
    assert _judged(ROWS[0], D(50), rules) == ROWS[0]  # a 定量 row is never a judgment


# ------------------------------------------------------------------ more layouts on grids


def test_split_columns_under_a_merged_header():
    grid = [
        ["一级指标", "三级指标", "年度指标值", None, None, "实际完成值", "分值", "得分"],
        [None, None, "指标性质", "指标值", "度量单位", None, None, None],
        ["产出指标", "面积", "≥", 2, "万亩", 2.1, 50, 50],
        [None, "合格率", "大于等于", 98, "%", 0.99, 50, 50],
        ["总分", None, None, None, None, None, 100, 100],
    ]
    found = L.read_self_eval("s", grid, formats_known=False)
    assert found.header_row == 0
    assert found.columns == {
        "level1": 0,
        "level3": 1,
        "nature": 2,
        "target": 3,
        "unit": 4,
        "actual": 5,
        "weight": 6,
        "score": 7,
    }
    assert [(r.values["target"], r.values["actual"]) for r in found.rows] == [
        ("≥2万亩", "2.1万亩"),
        ("≥98%", "99%"),
    ]
    assert found.rows[0].line == 2


def test_a_second_header_row_without_split_labels_is_data():
    grid = [
        ["三级指标", "年度指标值", "实际完成值", "分值", "得分"],
        ["甲", "≥1个", "1个", 100, 100],
    ]
    found = L.read_self_eval("s", grid)
    assert found.rows[0].values["target"] == "≥1个" and found.rows[0].line == 1


def test_the_header_with_the_most_columns_wins():
    grid = [
        ["年度指标值", "实际完成值", "分值", "得分"],
        ["三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因"],
        ["甲", "≥1个", "1个", 100, 100, None],
    ]
    assert L.read_self_eval("s", grid).header_row == 1


@pytest.mark.parametrize(
    ("actual", "unit", "read"),
    [
        (98, "%", "98%"),
        (2.1, "万亩", "2.1万亩"),
        ("98%", "%", "98%"),
        (98, None, 98),
        (True, "%", True),
        (None, "%", None),
    ],
)
def test_a_bare_actual_takes_the_unit(actual, unit, read):
    assert L._with_unit(actual, unit) == read


@pytest.mark.parametrize(
    ("raw", "unfilled"),
    [
        ({"level3": "指标2："}, True),
        ({"level3": "……", "target": "/", "actual": "/"}, True),
        ({"level3": "x", "weight": 10}, False),
        ({"level3": "x", "score": 0}, False),
        ({"level3": "x", "target": "≥1个"}, False),
        ({"level3": "x", "actual": "1个"}, False),
        ({"level3": "x", "nature": "≥"}, False),
    ],
)
def test_rows_left_as_printed_are_skipped(raw, unfilled):
    assert L._unfilled(raw) is unfilled


def test_a_budget_header_without_the_row_label():
    grid = [
        [None, "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"],
        [None, None, None, None, None, None, None],
        ["合计", 90, 100, 95, 20, 0.95, 19],
        ["三级指标", "年度指标值", "实际完成值", "分值", "得分"],
        ["甲", "≥1个", "1个", 80, 80],
    ]
    found = L.read_self_eval("s", grid)
    assert found.fields["budget.weight"] == 20 and found.at["budget.total"] == (2, 2)
    assert found.published["budget.score"] == 19


def test_a_budget_header_with_no_figures_gives_nothing():
    grid = [
        [None, "全年预算数", "全年执行数"],
        [None, None, None],
        [None, None, None],
        [None, None, None],
        [None, None, None],
        ["三级指标", "年度指标值", "实际完成值", "分值", "得分"],
        ["甲", "≥1个", "1个", 100, 100],
    ]
    found = L.read_self_eval("s", grid)
    assert not any(k.startswith("budget.") for k in found.fields)
    assert "全年预算数" in found.missing


def test_funds_beside_their_labels():
    grid = [
        ["全年预算数", "全年执行数"],
        [100, 100],
        ["一般公共预算", 90, "政府性基金拨款", "无", "其他资金：10"],
        ["基本支出", None, None, 60, "项目支出", "另列"],
        ["三级指标", "年度指标值", "实际完成值", "分值", "得分"],
        ["甲", "≥1个", "1个", 100, 100],
    ]
    found = L.read_self_eval("s", grid)
    assert {k: v for k, v in found.fields.items() if k.startswith("budget.")} == {
        "budget.total": 100,
        "budget.spent": 100,
        "budget.income_general": 90,
        "budget.income_other": D(10),
        "budget.basic": 60,
    }


def test_unit_and_year_beside_their_labels():
    grid = [
        ["部门名称", None, "某局"],
        ["（2022年度）"],
        ["三级指标", "年度指标值", "实际完成值", "分值", "得分"],
        ["甲", "≥1个", "1个", 100, 100],
    ]
    found = L.read_self_eval("s", grid)
    assert found.fields["self.unit"] == "某局" and found.fields["self.year"] == 2022


def test_base_data_on_a_grid():
    lines = [("three_public", "三公经费"), ("reception", "3、公务接待"), ("public", "公用经费")]
    grid = [
        ["基础数据表"],
        ["财政供养人员情况", "编制数", "2024年实际在职人数", "控制率"],
        [None, 8, 7, "87.5%"],
        ["经费控制情况（万元）", "2023年决算数", "2024年预算数", "2024年决算数"],
        ["三公经费", 11.64, 10, 7.96],
        ["  3、公务接待", 11.64, 10, 7.96],
        ["厉行节约保障措施", "严控开支"],
    ]
    found = L.read_base_data("附件1", grid, lines)
    assert found.fields == {
        "base.staff_authorized": 8,
        "base.staff_actual": 7,
        "base.frugality": "严控开支",
    }
    assert found.expenses == {
        "three_public": {"prior_final": 11.64, "budget": 10, "final": 7.96},
        "reception": {"prior_final": 11.64, "budget": 10, "final": 7.96},
    }
    assert found.missing == ("公用经费",)
    assert found.at["expense.reception.final"] == (5, 3)
    assert found.at["base.staff_actual"] == (2, 2)
    assert L.find_base_data([("x", [["a"]]), ("附件1", grid)], lines).sheet == "附件1"
    assert L.find_base_data([("x", [["a"]])], lines) is None


def test_base_data_without_staffing_says_so():
    grid = [["经费", "上年决算数", "本年预算数", "本年决算数"], ["三公经费", 1, 2, 3]]
    found = L.read_base_data("b", grid, [("three_public", "三公经费")])
    assert found.missing == ("编制数",) and found.expenses["three_public"]["final"] == 3


def test_the_total_difference_names_both_totals(rules):
    pub = Published(scores=(50, 24, 10), budget_score=10, total=96)
    by = _by_code(audit(FORM, pub, rules))
    assert by["E194"].message == "表中总分96，按规则计算总分为94"


def test_the_forms_year_resolves_a_deadline_without_one(rules):
    late = _row("产出指标", "完成时间", "12月31日前", "2025年1月10日", 50)
    pub = Published(scores=(50, 24, 10), budget_score=10, total=94)
    form = SelfEvaluation(BUDGET, (late, *ROWS[1:]))
    assert "E190" not in {c for c, _ in codes(audit(form, pub, rules, year=2025))}
    assert ("E190", 0) in codes(audit(form, pub, rules, year=2024))


# --- the locality settings (docs/rules.md §7) in the audit ------------------------------------------


@pytest.fixture(scope="module")
def local(tmp_path_factory):
    from capped import capped_rules

    return capped_rules(tmp_path_factory.mktemp("rules"))


# 75% executed: budget 7.5 + rows 84 = 91.5, capped to 89 by the 0.80 table.
LOW = SelfEvaluation(Budget(initial=100, total=100, spent=75, weight=10), ROWS)


@pytest.mark.parametrize(
    ("total", "expected"),
    [
        (89, []),  # the cap applied: accepted
        (D("91.5"), [("E199", None)]),  # the rows' sum, ignoring the cap
        (90, [("E193", None), ("E194", None)]),  # neither
        (95, [("E193", None), ("E194", None)]),  # above the sum: not the cap ignored
    ],
)
def test_a_published_total_is_checked_against_the_cap(local, total, expected):
    pub = Published(scores=(50, 24, 10), budget_rate="75%", budget_score="7.5", total=total)
    result = audit(LOW, pub, local)
    assert [c for c in codes(result) if c[0] not in ("W203", "W216")] == expected
    assert result.result.total == 89 and result.result.sum_total == D("91.5")
    if expected == [("E199", None)]:
        message = next(f.message for f in result.findings if f.code == "E199")
        assert (
            message == "表中总分91.5未按执行率封顶：执行率75%低于80%，总分按规则不超过89分，应为89"
        )


def test_without_caps_the_capped_total_is_the_difference(rules):
    pub = Published(scores=(50, 24, 10), budget_rate="75%", budget_score="7.5", total=89)
    assert ("E194", None) in codes(audit(LOW, pub, rules))


def test_full_marks_and_the_deviation_are_the_rules_basis(local):
    form = SelfEvaluation(
        Budget(initial=100, total=100, spent="99.3", weight=10),
        (_row("产出指标", "项目数", "≥10个", "13个", 50),) + ROWS[1:],
    )
    # A form scoring 99.3% as 10 of 10 follows the rule; one scoring 9.93 does not.
    ok = Published(scores=(48, 24, 10), budget_rate="99.3%", budget_score=10, total=92)
    assert [c for c in codes(audit(form, ok, local)) if c[0] not in ("W201", "W215")] == []
    pub = Published(scores=(50, 24, 10), budget_rate="99.3%", budget_score="9.93", total="93.93")
    found = {f.code: f.message for f in audit(form, pub, local).findings}
    assert found["E191"] == "表中预算执行率得分9.93，按规则应得10（执行率99.3%达到99%，得满分10）"
    assert found["E190"] == (
        "表中得分50，按规则应得48（已完成年度指标值，得满分50；实际完成值达到年度指标值的1.3倍，偏离扣2分）"
    )
