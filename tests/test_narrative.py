"""The report's sections, written from plain domain values (no workbook)."""

from __future__ import annotations

import dataclasses
from decimal import Decimal

import pytest

from xlsrc.domain import narrative as N
from xlsrc.domain import problems as P
from xlsrc.domain.basedata import BaseData
from xlsrc.domain.reportdata import Facts, actual_shown, lines_of, money
from xlsrc.domain.scoring import Budget, Indicator
from xlsrc.domain.selfeval import SelfEvaluation, score_form


def ind(
    name="x",
    target="≥10个",
    actual="12个",
    weight=10,
    deviation="",
    level1="产出指标",
    level2="数量指标",
):  # noqa: E501
    return Indicator(level1, level2, name, target, actual, weight, deviation)


def standard(output: Indicator | None = None) -> tuple[Indicator, ...]:
    """Rows met, weighted as the rules expect (产出 50, 效益 30, 满意度 10): no flag of their own."""
    return (
        output or ind("产出", weight=50),
        ind("效益", weight=30, level1="效益指标", level2="经济效益指标"),
        ind("满意", "≥90%", "95%", 10, level1="满意度指标", level2="服务对象满意度指标"),
    )


def form(*rows: Indicator, total=100, spent=100, initial=None, basic=None, project=None, fund=None):
    budget = Budget(
        initial=initial,
        total=total,
        spent=spent,
        weight=10,
        basic=basic,
        project=project,
        income_fund=fund,
    )
    return SelfEvaluation(budget, tuple(rows))


def scored(ev, rules):
    return score_form(ev, rules, 2024)


# ---------------------------------------------------------------- printing figures and text


@pytest.mark.parametrize(
    "value, shown",
    [
        (Decimal("174.1"), "174.10万元"),
        (Decimal("0.005"), "0.01万元"),
        (Decimal(3), "3.00万元"),
        (None, "—"),
    ],
)
def test_money_prints_two_decimals_rounded_half_up(value, shown):
    assert money(value) == shown


@pytest.mark.parametrize(
    "actual, shown",
    [
        ("≥90%", "90%"),
        ("　≦100%", "100%"),
        ("＝100%", "100%"),
        ("84个", "84个"),
        ("≥", "≥"),
        (None, ""),
    ],
)
def test_an_actual_value_drops_the_sign_its_target_states(actual, shown):
    assert actual_shown(actual) == shown


def test_lines_of_drops_blank_lines_and_surrounding_spaces():
    assert lines_of(" a \r\n\n b\n") == ["a", "b"]
    assert lines_of(None) == []


def test_facts_read_the_tables_and_keep_only_known_inputs():
    base = BaseData(
        staff_authorized=8,
        staff_actual=7,
        expenses={
            "public": {"final": 3, "budget": 4},
            "three_public": {"budget": 2, "final": 1},
            "project": {"budget": 5, "final": 6},
        },
    )
    facts = Facts.of(2024, base, {"functions": "职能", "nonsense": 1}, [("业务", 6)], ["表"])
    assert (facts.public_final, facts.public_budget) == (3, 4)
    assert (facts.three_public_budget, facts.three_public_final) == (2, 1)
    assert (facts.project_budget, facts.project_final) == (5, 6)
    assert (facts.staff_authorized, facts.staff_actual) == (8, 7)
    assert facts.functions == "职能" and facts.project_lines == (("业务", 6),)
    assert facts.attachments == ("表",)


# ---------------------------------------------------------------- 一 to 五


def test_basic_numbers_its_parts_by_what_was_typed():
    both = N.basic(Facts(2024, functions="（1）甲\n（2）乙", structure="内设2个股室"))
    assert both == "（一）单位职能\n（1）甲\n（2）乙\n（二）机构设置\n内设2个股室"
    assert N.basic(Facts(2024, structure="内设")) == "（一）机构设置\n内设"
    assert N.basic(Facts(2024)) is None


def test_spending_writes_seed002s_sentences(rules):
    ev = form(ind(), total=194.72, spent=194.72, basic=174.1, project=20.62)
    facts = Facts(
        2024,
        project_budget=20.62,
        personnel=93.08,
        public=81.02,
        public_final=80.87,
        project_lines=(("业务工作经费", 20.62), ("运行维护经费", 0), ("其他", None)),
    )
    lines = N.spending(ev, scored(ev, rules), facts).split("\n")
    assert lines[0] == "（一）基本支出情况"
    assert lines[1] == (
        "2024年本单位部门预算资金194.72万元（基本支出174.10万元，项目支出20.62万元），"
        "全年实际支出194.72万元，其中基本支出174.10万元，项目支出20.62万元，预算执行率100%。"
    )
    assert lines[2] == "2024年度基本支出174.10万元，其中人员经费93.08万元，公用经费81.02万元。"
    assert lines[3].startswith("基本支出主要是指")
    assert lines[4:] == [
        "（二）项目支出情况",
        "2024年本单位项目支出20.62万元，其中业务工作经费20.62万元。",
    ]


def test_spending_without_the_reports_figures_uses_the_base_tables_public(rules):
    ev = form(*standard(), total=100, spent=90, basic=90, project=0)
    facts = Facts(2024, public_final=12)
    text = N.spending(ev, scored(ev, rules), facts)
    assert "部门预算资金100.00万元，全年实际支出90.00万元" in text  # no budget split
    assert "2024年度基本支出90.00万元，其中公用经费12.00万元。" in text
    assert text.endswith("2024年本单位无项目支出。")


def test_spending_with_unknown_figures_prints_dashes_and_no_basic_sentence(rules):
    ev = form(ind(), total=None, spent=50)
    text = N.spending(ev, scored(ev, rules), Facts(2024, personnel=1))
    assert text.split("\n")[1] == "2024年本单位部门预算资金—，全年实际支出50.00万元。"
    assert "年度基本支出" not in text and "项目支出情况" not in text


@pytest.mark.parametrize(
    "amount, text",
    [
        (0, "2024年本单位无此项支出。"),
        ("0", "2024年本单位无此项支出。"),
        (12.5, "2024年本单位国有资本经营预算支出12.50万元。"),
        (None, None),
        ("", None),
    ],
)
def test_sections_three_to_five_say_none_only_for_a_recorded_zero(amount, text):
    from xlsrc.domain import text as T

    assert N.budget_line(Facts(2024), amount, T.N_CAPITAL) == text


# ---------------------------------------------------------------- 六


@pytest.mark.parametrize(
    "actual, opening",
    [
        ("12个", "2024年，本单位设定绩效指标1项，1项达到年度指标值。【请填写："),  # 优
        ("0个", "2024年，本单位设定绩效指标1项，0项达到年度指标值，1项未完全达到。【请填写："),
        ("8.5个", "2024年，本单位设定绩效指标1项，0项达到年度指标值，1项未完全达到。【请填写："),
    ],
)
def test_the_opening_counts_the_indicators_met_and_leaves_the_judgment_to_the_clerk(
    rules, actual, opening
):
    ev = form(ind(actual=actual, weight=90))
    text = N.performance(ev, scored(ev, rules), Facts(2024), rules)
    assert text.startswith(opening)
    # no praise the data cannot support, whatever the grade
    for claim in ("资产管理到位", "有效发挥了财政资金的使用效率", "积极履职", "较好地完成"):
        assert claim not in text


def test_each_control_clause_needs_its_figures_within_their_limit(rules):
    ev = form(ind(weight=90))
    result = scored(ev, rules)
    within = Facts(
        2024,
        staff_authorized=8,
        staff_actual=8,
        public_budget=10,
        public_final=10,
        three_public_budget=5,
        three_public_final=4,
    )
    text = N.performance(ev, result, within, rules)
    assert text.startswith("2024年，本单位设定绩效指标1项")
    assert (
        "在人员经费支出上，严格执行上级的各项制度；在公用经费使用上，严格执行预算；"
        "在“三公”经费开支上，厉行节约，从严控制。根据《部门整体支出绩效自评表》自评得分100分"
    ) in text
    for over in (
        {"staff_actual": 9},
        {"public_final": 11},
        {"three_public_final": 6},
        {"staff_authorized": 0},
    ):
        changed = N.performance(ev, result, dataclasses.replace(within, **over), rules)
        assert changed.count("在") < text.count("在")
    assert "严格执行" not in N.performance(ev, result, Facts(2024), rules)


def test_indicator_groups_say_each_group_once_and_skip_rows_that_do_not_apply(rules):
    ev = form(
        ind("新签约项目", "≥80个", "84个", 25),
        ind("投资过亿", "≥8个", "4个", 25, "原因", level1="", level2=""),
        ind("满意度", "≥90%", "≥95%", 10, level1="满意度指标", level2=""),
        ind("招商引资", "定性", "有效推进", 15, level1="效益指标", level2="经济效益指标"),
        ind("无生态效益", "无生态效益", "无生态效益", 0, level1="", level2="生态效益指标"),
        ind("湘商回归", "定性", "有效推进", 15, level1="", level2="社会效益指标"),
    )
    groups = N.indicator_groups(ev, scored(ev, rules))
    assert groups[0] == (  # only the row short of its target is named
        "产出指标（分值50分，得分37.5分）：数量指标2项中，"
        "投资过亿年度指标值≥8个，实际完成4个，未达到年度指标值，得12.5分（分值25分）；"
        "其余1项达到年度指标值。"
    )
    assert groups[1] == "满意度指标（分值10分，得分10分）：其他指标1项达到年度指标值。"
    assert groups[2] == (  # qualitative rows at full marks are counted, not told
        "效益指标（分值30分，得分30分）：经济效益指标、社会效益指标共2项均达到年度指标值。"
    )
    assert len(groups) == 3


def test_rows_scored_below_their_weight_or_far_beyond_their_target_are_named(rules):
    ev = form(
        ind("新签约项目", "≥80个", "84个", 20),
        ind("投资过亿", "≥8个", "19个", 20, level1="", level2=""),
        ind("开展活动", "≥30次", "30次", 10, level1="", level2="质量指标"),
        ind("满意度", "≥90%", "≥95%", 10, level1="满意度指标", level2="满意度"),
        dataclasses.replace(
            ind("招商引资", "定性", "有效推进", 15, "未到位", level1="效益指标", level2="经济"),
            manual=13,
        ),
        ind("湘商回归", "定性", "有效推进", 15, level1="", level2="社会"),
    )
    groups = N.indicator_groups(ev, scored(ev, rules))
    assert groups[0].startswith(
        "产出指标（分值50分，得分50分）：数量指标2项中，投资过亿年度指标值≥8个，实际完成19个，"
        "大幅超过年度指标值；其余1项达到年度指标值。其他质量指标1项达到年度指标值。"
    )
    assert "新签约项目" not in groups[0] and "开展活动" not in groups[0]
    assert "经济方面，招商引资年度指标值为定性，实际有效推进，得13分（分值15分）。" in groups[2]
    assert "湘商回归" not in groups[2] and "其他社会1项达到年度指标值。" in groups[2]


def test_performance_lists_goals_the_budget_row_and_assets(rules):
    ev = form(ind(weight=90))
    facts = Facts(
        2024, goal_expected="1.甲。\n2.乙；", goal_actual="完成甲。\n完成乙。", assets="资产好。"
    )
    lines = N.performance(ev, scored(ev, rules), facts, rules).split("\n")
    assert lines[1] == "（一）2024年部门整体支出绩效目标设置及完成情况"
    assert lines[2] == "年初设定的年度总体目标为：1.甲；2.乙。"
    assert lines[3:5] == ["完成甲。", "完成乙。"]
    assert lines[5] == "预算执行率100%，得10分（分值10分）。"
    assert lines[-2:] == ["（二）单位资产管理和整体业务实施效果情况", "资产好。"]
    plain = N.performance(ev, scored(ev, rules), Facts(2024), rules).split("\n")
    assert plain[-1].startswith("【请填写：单位资产管理情况") and "年初设定" not in "".join(plain)


# ---------------------------------------------------------------- 九, 十, 附件 and the whole


def test_publication_names_the_rules_document_and_the_site(rules):
    text = N.publication(Facts(2024, site="某区门户网站"), rules)
    assert (
        "拟按湖南省财政厅关于印发《湖南省预算支出绩效评价管理办法》的通知（湘财绩〔2020〕7号）要求"
        in text
    )
    assert text.endswith("严格按规定内容、时限在某区门户网站公开，接受社会监督。")
    plain = N.publication(Facts(2024), dataclasses.replace(rules, publication_basis=""))
    assert "拟按预算绩效管理有关规定要求" in plain and "在本单位门户网站公开" in plain


def test_narrate_writes_every_section_the_data_allows(rules):
    ev = form(*standard(), fund=0)
    facts = Facts(2024, capital=0, attachments=("甲表", "乙表"))
    out = N.narrate(ev, scored(ev, rules), facts, rules)
    assert set(out) == set(N.SECTIONS) - {N.BASIC, N.INSURANCE_BUDGET, N.PROBLEMS, N.MEASURES}
    assert out[N.OTHER] == "无" and out[N.ATTACHMENTS] == "1.甲表\n2.乙表"
    assert out[N.FUND_BUDGET] == out[N.CAPITAL_BUDGET] == "2024年本单位无此项支出。"


def test_the_narratives_sections_are_the_forms():
    from xlsrc import forms

    assert N.SECTIONS == tuple(line.key for line in forms.report.SECTIONS)


# ---------------------------------------------------------------- 七 and 八


def themes(ev, rules, facts=None):
    return P.numbered(P.issues(ev, scored(ev, rules), facts or Facts(2024), rules))


@pytest.mark.parametrize(
    "initial, flagged",
    [(100, False), (90.91, False), (90.9, True), (120, True), (0, False), (None, False)],
)
def test_a_budget_adjusted_by_more_than_a_tenth_is_a_problem(rules, initial, flagged):
    ev = form(*standard(), initial=initial)
    problems, measures = themes(ev, rules)
    assert problems.startswith("（一）预算精准性有待进一步提高。年初预算数") is flagged
    assert measures.startswith("（一）加强预算编制的前瞻性，提高预算编制水平。紧密结合") is flagged


def test_the_adjustment_states_both_budgets_and_the_share(rules):
    problems, _ = themes(form(*standard(), total=194.72, spent=194.72, initial=124.08), rules)
    assert "年初预算数124.08万元，全年预算数194.72万元，预算调整幅度56.93%，" in problems


def test_a_low_rate_is_a_budget_problem_with_its_threshold(rules):
    ev = form(*standard(), spent=50)
    problems, measures = themes(ev, rules)
    assert problems == (
        "（一）预算精准性有待进一步提高。全年预算数100.00万元，实际支出50.00万元，"
        "预算执行率50%，低于90%。"
    )
    assert measures.endswith("按月分析预算执行进度，对执行缓慢的资金及时查找原因、调整计划。")
    relaxed = dataclasses.replace(rules, exec_rate_warning=Decimal("0.5"))
    assert themes(ev, relaxed) == ("", "")  # 50% is not below 50%


def test_spending_over_its_limits_is_a_control_problem(rules):
    ev = form(*standard())
    facts = Facts(
        2024,
        three_public_budget=10,
        three_public_final=11,
        public_budget=80,
        public_final=81,
        staff_authorized=8,
        staff_actual=10,
    )
    problems, measures = themes(ev, rules, facts)
    assert problems == (
        "（一）经费支出控制有待加强。“三公”经费决算11.00万元，超过预算10.00万元。"
        "公用经费决算81.00万元，超过预算80.00万元。"
        "在职人数10人，超过编制数8人，财政供养人员控制率125%。"
    )
    assert measures.startswith("（一）从严控制各项经费支出。严格执行“三公”经费预算")
    assert "先报批后支出" in measures and "逐步消化超编人员" in measures
    equal = dataclasses.replace(facts, three_public_final=10, public_final=80, staff_actual=8)
    assert themes(ev, rules, equal) == ("", "")


def test_targets_set_low_or_in_words_and_weights_are_goal_problems(rules):
    ev = form(
        ind("投资过亿项目", "≥8个", "19个", 40),
        ind("推进“湘商回归”", "定性", "有效推进", 10, level1="效益指标", level2="社会效益指标"),
        ind("无生态效益", "定性", "有效推进", 0, level1="", level2="生态效益指标"),
    )
    problems, measures = themes(ev, rules)
    assert problems.startswith(
        "（一）绩效目标设置的科学性有待提高。“投资过亿项目”年度指标值≥8个，实际完成19个，"
        "为指标值的2.38倍，指标值设定偏低。“推进‘湘商回归’”以定性表述设定年度指标值，难以衡量完成程度。"
    )
    assert "产出指标分值合计为40，标准权重为50" in problems
    assert "“无生态效益”" not in problems
    assert measures.count("（一）") == 1 and "设置更科学合理的指标值" in measures
    assert "将定性指标尽量细化" in measures and "按绩效自评操作规程要求的权重" in measures


@pytest.mark.parametrize(
    "deviation, said",
    [
        ("提升经济措施未到位，下年将加强措施。", "偏差原因：提升经济措施未到位，下年将加强措施。"),
        ("无偏差", "未说明偏差原因。"),
        ("", "未说明偏差原因。"),
        (" 无 ", "未说明偏差原因。"),
    ],
)
def test_an_unmet_indicator_quotes_its_reason_never_no_deviation(rules, deviation, said):
    ev = form(*standard(ind("新签约", "≥10个", "≥5个", 50, deviation)))
    problems, _ = themes(ev, rules)
    assert problems == (
        f"（一）部分绩效指标未完全达到年度指标值。“新签约”年度指标值≥10个，实际完成5个，"
        f"得25分（分值50分），{said}"
    )


def test_unmet_indicators_share_one_measure_that_names_them(rules):
    ev = form(
        ind("甲", "≥10个", "5个", 45, "原因甲"),
        ind(
            "乙",
            "定性",
            "一般",
            45,
            "原因乙",
            level1="效益指标",
            level2="",
        ),
    )
    result = scored(ev, rules)
    result = dataclasses.replace(
        result,
        rows=(result.rows[0], dataclasses.replace(result.rows[1], met=False, score=Decimal(30))),
    )
    problems, measures = P.numbered(P.issues(ev, result, Facts(2024), rules))
    assert "“乙”为定性指标，实际完成一般，得30分（分值45分），偏差原因：原因乙。" in problems
    unmet = [m for m in measures.split("\n") if "加强绩效目标执行监控" in m]
    assert unmet == [
        "（二）加强绩效目标执行监控。针对“甲”、“乙”，逐项分析差距原因，细化工作措施，加强过程跟踪和督办，确保完成年度指标。"
    ]


def test_figures_that_disagree_are_a_data_problem_and_a_finding(rules):
    ev = form(*standard(), basic=174.1, project=20.62)
    facts = Facts(2024, public=81.02, public_final=80.87, personnel=93.0, project_final=20)
    problems, measures = themes(ev, rules, facts)
    assert problems == (
        "（一）财务基础数据的准确性有待提高。自评报告中的公用经费为81.02万元，基础数据表中的公用经费"
        "本年决算数为80.87万元，两者不一致。人员经费93.00万元与公用经费81.02万元之和为174.02万元，"
        "与自评表基本支出174.10万元不一致。基础数据表项目支出本年决算数为20.00万元，自评表项目支出为"
        "20.62万元，两者不一致。"
    )
    assert measures.count("对照部门决算") == 1
    findings = P.report_findings(ev, facts)
    assert [(f.code, f.field, f.severity.value) for f in findings] == [
        ("W220", "spend.public", "警告"),
        ("W221", "spend.personnel", "警告"),
    ]
    assert "81.02万元" in findings[0].message and "80.87万元" in findings[0].message
    agreeing = dataclasses.replace(facts, public=80.87, personnel=93.23, project_final=20.62)
    assert P.report_findings(ev, agreeing) == [] and themes(ev, rules, agreeing) == ("", "")


def test_themes_are_numbered_on_past_ten():
    many = tuple(P.Issue(theme, "问题。", "措施。") for theme, _ in P.THEMES)
    problems, measures = P.numbered(many * 3)
    assert len(problems.split("\n")) == len(P.THEMES)
    assert measures.split("\n")[0] == "（一）加强预算编制的前瞻性，提高预算编制水平。措施。"
    assert P._numeral(9) == "十" and P._numeral(10) == "11"


def test_no_flag_no_problem_and_never_only_money(rules):
    ev = form(*standard())
    assert themes(ev, rules) == ("", "")
    out = N.narrate(ev, scored(ev, rules), Facts(2024), rules)
    assert N.PROBLEMS not in out and N.MEASURES not in out
    assert "资金不足" not in "".join(out.values())


def test_many_names_are_cut_to_three_and_counted():
    assert P.listed(["“a”", "“b”", "“c”"]) == "“a”、“b”、“c”"
    assert P.listed(["“a”", "“b”", "“c”", "“d”"]) == "“a”、“b”、“c”等4项指标"


def test_names_and_values_lose_the_full_stop_their_cell_ends_with(rules):
    row = dataclasses.replace(ind("优化工作机制。", "定性", "完成了服务模式。", 50), manual=45)
    ev = form(*standard(row))
    text = N.performance(ev, scored(ev, rules), Facts(2024), rules)
    assert "优化工作机制年度指标值为定性，实际完成了服务模式，得45分（分值50分）" in text


def test_long_goals_stay_paragraphs_and_a_zero_share_is_not_said(rules):
    long_goal = "甲" * (N.GOAL_LIST_ITEM + 1)
    ev = form(*standard(), basic=100, project=0)
    facts = Facts(2024, goal_expected=f"{long_goal}\n乙")
    lines = N.performance(ev, scored(ev, rules), facts, rules).split("\n")
    assert lines[2:4] == ["年初设定的年度总体目标为：", long_goal]
    short = Facts(2024, goal_expected="甲" * N.GOAL_LIST_ITEM)
    assert f"为：{'甲' * N.GOAL_LIST_ITEM}。" in N.performance(ev, scored(ev, rules), short, rules)
    assert "其中基本支出100.00万元，预算执行率" in N.spending(ev, scored(ev, rules), Facts(2024))


def test_names_keep_no_spaces_and_a_nameless_row_is_named_by_its_place(rules):
    ev = form(*standard(ind("新签 约\n项目", "≥10个", "5个", 50)), ind(None, "≥10个", "5个", 4))
    problems, _ = themes(ev, rules)
    assert "“新签约项目”年度指标值" in problems
    groups = N.indicator_groups(ev, scored(ev, rules))
    assert "第4项指标年度指标值≥10个，实际完成5个，未达到年度指标值，得2分（分值4分）" in "".join(
        groups
    )


def test_a_score_of_zero_is_said_as_zero(rules):
    ev = form(*standard(ind("新签约", "≥10个", "0个", 50, "原因")))
    result = scored(ev, rules)
    assert "实际完成0个，未达到年度指标值，得0分（分值50分）" in N.indicator_groups(ev, result)[0]
    assert "得0分（分值50分），偏差原因：原因。" in themes(ev, rules)[0]


def test_several_unmet_rows_after_a_blank_one_make_one_paragraph(rules):
    ev = form(
        Indicator(),
        ind("甲", "≥10个", "5个", 25, "原因甲"),
        ind("乙", "≥10个", "8个", 25, "原因乙", level1="", level2=""),
        *standard()[1:],
    )
    problems, measures = themes(ev, rules)
    assert problems == (
        "（一）部分绩效指标未完全达到年度指标值。“甲”年度指标值≥10个，实际完成5个，得12.5分（分值25分），"
        "偏差原因：原因甲。“乙”年度指标值≥10个，实际完成8个，得20分（分值25分），偏差原因：原因乙。"
    )
    assert measures == (
        "（一）加强绩效目标执行监控。针对“甲”、“乙”，逐项分析差距原因，细化工作措施，加强过程跟踪和督办，确保完成年度指标。"
    )


def test_two_themes_two_lines_and_two_measures_of_a_theme_run_on(rules):
    ev = form(*standard(), spent=50)
    facts = Facts(
        2024, three_public_budget=1, three_public_final=2, public_budget=1, public_final=2
    )
    problems, measures = themes(ev, rules, facts)
    assert len(problems.split("\n")) == 2 and problems.split("\n")[1].startswith(
        "（二）经费支出控制"
    )
    assert measures.split("\n")[1] == (
        "（二）从严控制各项经费支出。严格执行“三公”经费预算，事前审批、事中控制，杜绝超预算支出。"
        "按预算控制公用经费支出，超出预算的事项先报批后支出。"
    )


@pytest.mark.parametrize(
    "initial, total, flagged", [(100, 110, False), (0.5, 100, True), (100, 89, True)]
)
def test_the_adjustment_bar_is_a_tenth_either_way(rules, initial, total, flagged):
    ev = form(*standard(), initial=initial, total=total, spent=total)
    assert themes(ev, rules)[0].startswith("（一）预算精准性") is flagged


def test_no_division_by_a_zero_establishment_and_no_sum_without_both_parts(rules):
    ev = form(*standard(), basic=100)
    assert themes(ev, rules, Facts(2024, staff_authorized=0, staff_actual=3)) == ("", "")
    assert P.report_findings(ev, Facts(2024)) == []
    assert P.report_findings(ev, Facts(2024, public=5)) == []
    text = N.performance(
        ev, scored(ev, rules), Facts(2024, staff_authorized=0, staff_actual=0), rules
    )
    assert "在人员经费支出上" not in text


def test_a_total_weight_off_100_alone_is_a_goal_problem(rules):
    ev = form(*standard(), ind("其他", weight=10, level1="其他指标", level2=""))
    problems, _ = themes(ev, rules)
    assert problems == "（一）绩效目标设置的科学性有待提高。分值合计为110，应为100。"


def test_lines_are_split_at_line_breaks_only():
    assert lines_of("a b\nc") == ["a b", "c"]


def test_facts_keep_their_year_and_narrate_writes_recorded_budgets(rules):
    assert Facts.of(2023, BaseData()).year == 2023
    ev = form(*standard(), fund=5)
    out = N.narrate(ev, scored(ev, rules), Facts(2024, insurance=3), rules)
    assert out[N.FUND_BUDGET] == "2024年本单位政府性基金预算拨款5.00万元。"
    assert out[N.INSURANCE_BUDGET] == "2024年本单位社会保险基金预算支出3.00万元。"
    assert N.CAPITAL_BUDGET not in out
    assert N.publication(Facts(2024), rules).startswith("本单位2024年度部门整体支出绩效自评结果")


def test_no_budget_row_sentence_without_a_rate(rules):
    ev = form(*standard(), total=None)
    assert "预算执行率" not in N.performance(ev, scored(ev, rules), Facts(2024), rules)


def test_signs_and_spaces_in_targets_and_group_names_are_tidied(rules):
    ev = form(
        ind("甲", "≧ 10 个", "8个", 25, "原因", level2="数量 指标"),
        ind("乙", "≦ 5 天", "6天", 25, "原因", level1="", level2=""),
        *standard()[1:],
    )
    group = N.indicator_groups(ev, scored(ev, rules))[0]
    assert "：数量指标方面，甲年度指标值≥10个，实际完成8个，" in group
    assert "；乙年度指标值≤5天，实际完成6天，" in group


def test_an_establishment_of_one_is_a_limit_like_any_other(rules):
    ev = form(*standard())
    problems, _ = themes(ev, rules, Facts(2024, staff_authorized=1, staff_actual=2))
    assert "在职人数2人，超过编制数1人，财政供养人员控制率200%。" in problems
    text = N.performance(
        ev, scored(ev, rules), Facts(2024, staff_authorized=1, staff_actual=1), rules
    )
    assert "在人员经费支出上，严格执行上级的各项制度。根据" in text
    assert "【请填写：" in text
    assert "部门整体支出绩效为“优”。" in text


def test_narrate_keeps_the_problems_and_a_recorded_capital_budget(rules):
    ev = form(*standard(), spent=50)
    out = N.narrate(ev, scored(ev, rules), Facts(2024, capital=2), rules)
    assert out[N.PROBLEMS].startswith("（一）预算精准性") and out[N.MEASURES].startswith("（一）")
    assert out[N.CAPITAL_BUDGET] == "2024年本单位国有资本经营预算支出2.00万元。"
