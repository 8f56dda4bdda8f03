"""Chinese text of the domain: parser reasons, check messages, units, labels.

Every clerk-visible sentence of the core lives here, so wording is reviewed
in one place.  Placeholders use str.format names.
"""

from __future__ import annotations

# Parser reasons (NotUnderstood.reason).
REASON_NOT_A_VALUE = "未能识别为数值、日期或文字说明"
REASON_OPERATOR_WITHOUT_NUMBER = "含比较符号（≥、≤、＝等）但未能读出数值"
REASON_UNKNOWN_UNIT = "单位“{unit}”未能识别"
REASON_NOT_A_NUMBER = "应为数字"
REASON_CONTRADICTORY = "比较符号与“以上/以下”矛盾"
REASON_NOT_FINITE = "不是有效的数字（无穷大或非数值，可能来自出错的公式或其他软件），请重新填写"
REASON_TOO_LARGE = "数值过大（绝对值应小于1000万亿），请核实"
REASON_FORMULA_AS_TEXT = (
    "看起来是公式，但单元格格式为“文本”，Excel 没有计算它：请把单元格格式改为“常规”后重新输入，"
    "或直接填写数值"
)
REASON_CONTRADICTORY_ABOUT = "比较符号与“约/左右”矛盾"
REASON_RANGE_UNITS = "范围两端的单位不同且无法换算"
REASON_GARBLED_NUMBER = "数字中夹有字母，可能是扫描或录入错误，请按原件核对"
REASON_RANGE_ORDER = "范围的下限大于上限"
REASON_TOO_SMALL = "数值过小（不为0时绝对值应不小于0.000000000000001），请核实"

# Kinds of indicator, as shown in the 评分方式 column.
KIND_POSITIVE = "正向指标"
KIND_REVERSE = "反向指标"
KIND_EQUALITY = "等于指标"
KIND_TIME = "时效指标"
KIND_QUALITATIVE = "定性指标"
KIND_NOT_APPLICABLE = "不适用"
KIND_RANGE = "区间指标"
KIND_UNKNOWN = "未能评分"

# Findings: (code, message template).  Codes are stable; messages may be reworded.
F_TARGET_MISSING = ("E101", "年度指标值为空，请填写")
F_ACTUAL_MISSING = ("E102", "实际完成值为空，请填写")
F_WEIGHT_MISSING = ("E103", "分值为空，请填写")
F_WEIGHT_BAD = ("E104", "分值“{text}”{reason}")
F_TARGET_NOT_UNDERSTOOD = ("E105", "年度指标值“{text}”无法识别：{reason}")
F_ACTUAL_NOT_UNDERSTOOD = ("E106", "实际完成值“{text}”无法识别：{reason}")
F_ACTUAL_NOT_NUMBER = (
    "E107",
    "年度指标值为数量“{target}”，实际完成值“{text}”不是数量，无法计算得分",
)
F_UNIT_MISMATCH = ("E108", "单位不一致：年度指标值“{target}”，实际完成值“{actual}”，请统一单位")
F_ACTUAL_NOT_DATE = (
    "E109",
    "年度指标值为时限“{target}”，实际完成值“{text}”不是日期，无法判断是否按时",
)
F_DEVIATION_MISSING = ("E110", "未完成指标值，须填写偏差原因及改进措施")
F_SCORE_OVER_WEIGHT = ("E111", "得分{score}大于分值{weight}")
F_BAND_UNKNOWN = ("E112", "定性档次“{text}”无法识别，应为：{choices}")
F_BAND_SCORE_OUTSIDE = ("E113", "人工评分{score}不在所选档次“{band}”的范围{low}～{high}内")
F_OVERRIDE_NO_REASON = ("E114", "人工评分{score}与规则得分{rule}不同，须填写调整理由")
F_MANUAL_BAD = ("E115", "人工评分“{text}”{reason}")
F_LEVEL3_MISSING = ("E116", "三级指标为空：考核评分表要求绩效指标细化到三级指标")
F_WEIGHT_NEGATIVE = ("E117", "分值为{weight}，不能为负数")
F_WEIGHT_ZERO = (
    "E118",
    "分值为0：有年度指标值的指标分值应大于0；不适用的指标请在年度指标值中填写“不适用”或“无”",
)
F_TARGET_DASH = (
    "E119",
    "年度指标值为“{text}”，但本行有分值{weight}和实际完成值“{actual}”，不能按不适用计0分，请填写年度指标值",
)
F_WEIGHT_TOTAL = ("E120", "分值合计为{total}，应为100")
F_UNSCORED = (
    "E121",
    "{count}项有分值的指标（共{points}分）未能评分，总分不完整，等次暂定为“{grade}”；请按本表提示改正后重新计算",
)
GRADE_PENDING = "待核"
PENDING_UNSCORED = "{count}项指标共{points}分未能评分"
PENDING_WEIGHTS = "分值合计为{total}，不是100"
PENDING_SEPARATOR = "；"
F_BUDGET_MISSING = ("E130", "全年预算数为空或为0，无法计算执行率")
F_BUDGET_BAD = ("E131", "{field}“{text}”{reason}")
F_SPENT_MISSING = ("E132", "全年执行数为空，请填写")
F_EXEC_OVER = ("E133", "执行率{rate}超过100%，请核实全年执行数与全年预算数")
F_BUDGET_NOT_POSITIVE = ("E134", "{field}为{value}，应大于0，请核实")
F_BUDGET_WEIGHT_NEGATIVE = ("E135", "预算执行率的分值为{weight}，不能为负数")
F_BASIC_PROJECT_SUM = (
    "E140",
    "基本支出{basic}＋项目支出{project}＝{total}，与全年执行数{spent}不一致",
)
F_INCOME_SUM = ("E141", "按收入性质分合计{total}，与全年预算数{budget}不一致")
F_BASE_VS_SELF = ("E142", "基础数据表项目支出（本年决算）{base}与自评表项目支出{self_}不一致")
F_BASE_BAD = ("E143", "基础数据表{field}“{text}”{reason}")
BASE_LINE_FIGURE = "“{line}”{column}"  # {field} of F_BASE_BAD for a figure of the expense block

W_OVER_ACHIEVED = ("W201", "实际完成值为年度指标值的{ratio}倍，指标值可能设定偏低，请说明")
W_LATE = ("W202", "晚于时限{days}天完成，按逾期天数扣分")
W_EXEC_LOW = ("W203", "执行率{rate}低于{threshold}，请在自评报告中说明原因")
W_CATEGORY_WEIGHT = ("W204", "{category}分值合计为{total}，标准权重为{expected}")
W_NA_WITH_WEIGHT = ("W205", "不适用的指标分值应为0，现为{weight}，已按0分计")
W_PUBLISHED_DIFFERS = ("W206", "表中得分{published}与按规则计算的得分{rule}不同")
W_DEVIATION_WHEN_MET = ("W207", "已完成指标值，偏差原因栏填写了“{text}”，请核实")
W_UNIT_UNKNOWN = (
    "W209",
    "单位“{unit}”不在单位表中：年度指标值与实际完成值单位相同，已按数值计分，请核实",
)
W_UNIT_TAKEN = (
    "W210",
    "实际完成值“{text}”未写单位，已按年度指标值的单位计为{shown}，请核实并补写单位",
)
W_FRACTION = (
    "W211",
    "实际完成值“{text}”是小数，年度指标值为百分数，已按{shown}计分；"
    "如本意如此，请在单元格中写明百分号",
)
W_CONTRADICTS = (
    "W212",
    "实际完成值“{actual}”表明未达成年度指标值“{target}”，请核实定性档次并填写偏差原因",
)
W_TIME_BY_TEXT = (
    "W213",
    "年度指标值为时限“{target}”，实际完成值“{text}”未写日期，已按文字说明计为按时完成，请补写完成日期",
)
W_OUTSIDE_FORM = (
    "W230",
    "工作表“{sheet}”的表格范围（{block}）以外、自 {cell} 起有 {count} 个单元格填有内容"
    "（如“{text}”），计算得分、检查和生成报告都不会读取它们。指标多于表中行数时，"
    "请在表内最后一个指标行之上插入行后填写；不需要的内容请删除",
)
W_APPROX = ("W214", "年度指标值“{text}”是约数，已按不低于{shown}计分，请核实")
W_DEVIATION_DEDUCTED = (
    "W215",
    "实际完成值为年度指标值的{ratio}倍，达到评分规则的偏离标准{threshold}倍，"
    "按规则扣{deduction}分（{before}分→{after}分）",
)
W_TOTAL_CAPPED = (
    "W216",
    "执行率{rate}低于{below}，总分按规则不超过{max}分（各项得分合计{sum}分，减{cut}分）",
)

I_OVERRIDE = ("I301", "采用人工评分{score}（规则得分{rule}），理由：{reason}")
I_QUALITATIVE = ("I302", "定性指标按档次“{band}”评分{score}")
I_CONVERTED = ("I303", "单位换算：实际完成值“{text}”按{shown}与年度指标值比较")
I_COMPLETION = ("I304", "实际完成值“{text}”为完成比例，按完成比例计分")
I_FULL_MARKS = (
    "I305",
    "执行率{rate}达到{threshold}，按评分规则得满分{weight}分（按比例为{proportional}分，加{added}分）",
)
I_BUDGET_WEIGHT_RULES = ("I306", "预算执行率的分值未填，按评分规则计{weight}分")
# Information that explains a rules setting's adjustment: shown in 校验提示 and 校验结果.
RULES_INFO = frozenset((I_FULL_MARKS[0], I_BUDGET_WEIGHT_RULES[0]))
# Information shown in a 校验提示: the clerk's override and the rules' adjustments.
SHOWN_INFO = frozenset((I_OVERRIDE[0], *RULES_INFO))

# Standard category names (一级指标) and the budget row.
CATEGORY_OUTPUT = "产出指标"
CATEGORY_BENEFIT = "效益指标"
CATEGORY_SATISFACTION = "满意度指标"
CATEGORY_BUDGET = "预算执行率"
CATEGORY_OTHER = "其他指标"

# ---- 自评报告: the report's generated sentences, worded as seed 002's report writes them.
# Numbers: money as 万元 with two decimals, shares as percentages; lists as 一、（一）1.
N_MONEY = "{amount}万元"
N_MONEY_UNKNOWN = "—"
N_SUB_BASIC = "（一）基本支出情况"
N_SUB_PROJECT = "（二）项目支出情况"
N_BUDGET = "{year}年本单位部门预算资金{total}"
N_BUDGET_SPLIT = "（基本支出{basic}，项目支出{project}）"
N_SPENT = "，全年实际支出{spent}"
N_SHARE = "{label}{amount}"
N_SHARE_BASIC = "基本支出"
N_SHARE_PROJECT = "项目支出"
N_SHARES = "，其中{shares}"
N_RATE = "，预算执行率{rate}"
N_BASIC = "{year}年度基本支出{basic}，其中{parts}。"
N_PERSONNEL = "人员经费{amount}"
N_PUBLIC = "公用经费{amount}"
# The 部门决算's definition of 基本支出 (fixed text, as seed 002 quotes it).
N_BASIC_DEFINITION = (
    "基本支出主要是指为保障单位机构正常运转、完成日常工作任务而发生的各项支出，包括用于基本工资、"
    "绩效工资、津贴补贴、社会保障缴费等人员经费，办公费、印刷费、水电费、差旅费、公务接待费、"
    "维修（护）费等日常公用经费，以及离退休费用等其他对个人和家庭的补助支出。"
)
N_PROJECT = "{year}年本单位项目支出{amount}"
N_PROJECT_LINES = "，其中{lines}"
N_NO_PROJECT = "{year}年本单位无项目支出。"
# Each project of the department, from its 项目支出绩效自评表, in tab order.
N_PROJECTS = "共实施项目{count}个：{items}"
N_PROJECT_BUDGET = "全年预算{amount}"
N_PROJECT_SPENT = "执行{amount}"
N_PROJECT_RATE = "执行率{rate}"
N_PROJECT_SCORE = "自评得分{total}分"
N_PROJECT_GRADE = "（{grade}）"
N_NO_SPENDING = "{year}年本单位无此项支出。"
N_FUND = "{year}年本单位政府性基金预算拨款{amount}。"
N_CAPITAL = "{year}年本单位国有资本经营预算支出{amount}。"
N_INSURANCE = "{year}年本单位社会保险基金预算支出{amount}。"
N_SUB_FUNCTIONS = "（{numeral}）单位职能"
N_SUB_STRUCTURE = "（{numeral}）机构设置"
# 六: the opening says what the data shows; the judgment of the year is the clerk's to write.
# 【请填写：…】 marks, visibly, a sentence only the department can write.
N_FILL = "【请填写：{what}】"
N_INTRO_COUNT = "{year}年，本单位设定绩效指标{count}项，{met}项达到年度指标值"
N_INTRO_SHORT = "，{short}项未完全达到"
N_INTRO_YEAR = "{year}年，本单位"
N_INTRO_JUDGMENT = N_FILL.format(what="本年度履职、资金管理和政策执行的总体情况")
N_CONTROL_PERSONNEL = "在人员经费支出上，严格执行上级的各项制度"
N_CONTROL_PUBLIC = "在公用经费使用上，严格执行预算"
N_CONTROL_THREE_PUBLIC = "在“三公”经费开支上，厉行节约，从严控制"
N_SCORE = (
    "根据《部门整体支出绩效自评表》自评得分{total}分（详见附件2），部门整体支出绩效为“{grade}”。"
)
N_SCORE_CAPPED = (
    "因预算执行率{rate}低于{below}，按评分规则总分不超过{max}分（各项得分合计{sum}分）。"
)
N_SUB_GOALS = "（一）{year}年部门整体支出绩效目标设置及完成情况"
N_GOALS_EXPECTED = "年初设定的年度总体目标为：{goals}。"
N_GOALS_EXPECTED_TEXT = "年初设定的年度总体目标为："
N_BUDGET_ROW = "预算执行率{rate}，得{score}分（分值{weight}分）。"
N_CATEGORY = "{category}（分值{weight}分，得分{score}分）：{groups}"
N_GROUP_UNNAMED = "其他指标"
N_GROUP_NAMED = "{level2}{count}项中，{items}；"
N_GROUP_ALL_NAMED = "{level2}方面，{items}。"
N_GROUP_REST_MET = "其余{count}项均达到年度指标值。"
N_GROUP_REST_ONE = "其余1项达到年度指标值。"
N_REST = "其他"  # before the groups all met, after groups with rows named
N_GROUPS_MET = "{rest}{labels}共{count}项均达到年度指标值。"
N_GROUP_ONE_MET = "{rest}{labels}1项达到年度指标值。"
N_ITEM_MET = "{name}年度指标值{target}，实际完成{actual}"
N_ITEM_EXCEEDED = "{name}年度指标值{target}，实际完成{actual}，大幅超过年度指标值"
N_ITEM_QUALITATIVE = "{name}年度指标值为定性，实际{actual}，得{score}分（分值{weight}分）"
N_ITEM_UNMET = (
    "{name}年度指标值{target}，实际完成{actual}，未达到年度指标值，得{score}分（分值{weight}分）"
)
N_SUB_ASSETS = "（二）单位资产管理和整体业务实施效果情况"
N_ASSETS_TO_FILL = N_FILL.format(
    what="单位资产管理情况，如资产配置、使用、处置是否按规定程序报批，资产管理制度执行情况"
)
N_ROW_FALLBACK = "第{number}项指标"
# 七/八: problems by theme, each with the measure that answers it (考核评分表: 预算和预算绩效
# 管理, 履职效能, 资金使用和管理, 资产和财务管理; never "资金不足" alone).
N_THEME_BUDGET = ("预算精准性有待进一步提高。", "加强预算编制的前瞻性，提高预算编制水平。")
N_THEME_CONTROL = ("经费支出控制有待加强。", "从严控制各项经费支出。")
N_THEME_GOALS = ("绩效目标设置的科学性有待提高。", "提高绩效目标和指标设置质量。")
N_THEME_UNMET = ("部分绩效指标未完全达到年度指标值。", "加强绩效目标执行监控。")
N_THEME_DATA = ("财务基础数据的准确性有待提高。", "加强财务数据核对。")
N_ADJUSTED = (
    "年初预算数{initial}，全年预算数{total}，预算调整幅度{rate}，年初预算对全年支出的预计不足，"
    "部分资金需在年中追加或调剂。"
)
N_ADJUSTED_MEASURE = (
    "紧密结合上一年度预算执行情况和本年度预算收支变化因素，科学、合理地编制年初预算，"
    "减少年中追加和调剂。"
)
N_LOW_RATE = "全年预算数{total}，实际支出{spent}，预算执行率{rate}，低于{threshold}。"
N_LOW_RATE_MEASURE = "按月分析预算执行进度，对执行缓慢的资金及时查找原因、调整计划。"
N_THREE_PUBLIC_OVER = "“三公”经费决算{final}，超过预算{budget}。"
N_THREE_PUBLIC_MEASURE = "严格执行“三公”经费预算，事前审批、事中控制，杜绝超预算支出。"
N_PUBLIC_OVER = "公用经费决算{final}，超过预算{budget}。"
N_PUBLIC_MEASURE = "按预算控制公用经费支出，超出预算的事项先报批后支出。"
N_STAFF_OVER = "在职人数{actual}人，超过编制数{authorized}人，财政供养人员控制率{rate}。"
N_STAFF_MEASURE = "严格按核定编制配备人员，逐步消化超编人员。"
N_OVER_ACHIEVED = (
    "{name}年度指标值{target}，实际完成{actual}，为指标值的{ratio}倍，指标值设定偏低。"
)
N_OVER_ACHIEVED_MEASURE = (
    "在整体支出项目绩效目标编制申报时，根据项目实际情况和预期可达成的目标，设置更科学合理的指标值。"
)
N_QUALITATIVE_TARGETS = "{names}以定性表述设定年度指标值，难以衡量完成程度。"
N_MORE_NAMES = "{names}等{count}项指标"
N_QUALITATIVE_MEASURE = "将定性指标尽量细化为可量化、可衡量的定量指标。"
N_WEIGHTS = "{items}。"
N_WEIGHTS_MEASURE = "按绩效自评操作规程要求的权重设置各类指标分值。"
N_UNMET_ITEM = (
    "{name}年度指标值{target}，实际完成{actual}，得{score}分（分值{weight}分），{reason}。"
)
N_UNMET_QUALITATIVE = (
    "{name}为定性指标，实际完成{actual}，得{score}分（分值{weight}分），{reason}。"
)
N_UNMET_REASON = "偏差原因：{reason}"
N_UNMET_NO_REASON = "未说明偏差原因"
N_UNMET_MEASURE = (
    "针对{names}，逐项分析差距原因，细化工作措施，加强过程跟踪和督办，确保完成年度指标。"
)
N_DATA_ITEM = "{message}。"
N_DATA_MEASURE = "对照部门决算逐项核对自评报告、基础数据表和自评表的数据，确保口径一致。"
N_PUBLICATION = (
    "本单位{year}年度部门整体支出绩效自评结果拟按{basis}要求，在整体支出项目绩效目标编制申报时，"
    "根据项目实际情况和预期可达成的目标，设置更科学合理的指标。"
)
N_PUBLICATION_BASIS = "预算绩效管理有关规定"  # when the rules file names no document
N_PUBLICATION_SITE = "严格按规定内容、时限在{site}公开，接受社会监督。"
N_PUBLICATION_SITE_DEFAULT = "本单位门户网站"
N_OTHER = "无"
N_ATTACHMENT = "{number}.{title}"
N_NUMERALS = "一二三四五六七八九十"
N_ITEM = "（{numeral}）{text}"
N_LIST_SEPARATOR = "；"
N_CLAUSE_SEPARATOR = "，"
N_NAME_SEPARATOR = "、"
N_FULL_STOP = "。"
# 检查: the report's own figures against the tables.
F_REPORT_BAD = ("E150", "自评报告资料“{field}”“{text}”{reason}")
W_REPORT_PUBLIC = (
    "W220",
    "自评报告资料中的公用经费{report}与基础数据表“公用经费”本年决算数{base}不一致，"
    "报告将按{report}写出，请核实",
)
W_REPORT_TO_FILL = (
    "W222",
    "自评报告中仍有留给单位填写的“{blank}”，请改写为本单位的实际情况后再定稿",
)
W_REPORT_BASIC_SUM = (
    "W221",
    "人员经费{personnel}＋公用经费{public}＝{total}，与自评表基本支出{basic}不一致，请核实",
)
N_REPORT_PUBLIC_MISMATCH = (
    "自评报告中的公用经费为{report}，基础数据表中的公用经费本年决算数为{base}，两者不一致"
)
N_REPORT_BASIC_MISMATCH = (
    "人员经费{personnel}与公用经费{public}之和为{total}，与自评表基本支出{basic}不一致"
)
N_BASE_PROJECT_MISMATCH = (
    "基础数据表项目支出本年决算数为{base}，自评表项目支出为{self_}，两者不一致"
)

# Rules files: what is wrong with one.  {path} is a setting's dotted path (grades[2].min: the
# second [[grades]]); {found} is the value as written, shown by `rules.shown`.
RULES_INVALID = "评分规则文件“{source}”有误：{problems}"
RULES_INVALID_NO_SOURCE = "评分规则有误：{problems}"
RULES_SEPARATOR = "；"
RULES_UNKNOWN_KEY = "未知的设置项“{path}”"
RULES_UNKNOWN_KEY_HINT = "未知的设置项“{path}”（可能是“{hint}”）"
RULES_MISSING = "缺少设置项 {path}（{expected}）"
RULES_WRONG = "{path} {expected}，现为{found}"
RULES_LOW_ABOVE_HIGH = "{path} 的下限 low（{low}）大于上限 high（{high}）"
RULES_DUPLICATE = "{path} 中“{name}”出现了不止一次"
RULES_DUPLICATE_MIN = "{path} 中有不止一个等次的 min 为 {min}"
RULES_DUPLICATE_BELOW = "{path} 中有不止一项的 below 为 {below}"
RULES_TOGETHER = "缺少设置项 {path}（{expected}）：它须与 {given} 一起设置"
RULES_NO_ZERO_GRADE = "{path} 须有一个 min 为 0 的等次（总分最低时的等次）"
RULES_EMPTY = "{path} 至少要有一项"
RULES_EXPECT_TABLE = "应为设置表 [{path}]"
RULES_EXPECT_TABLES = "应为一组设置表 [[{path}]]"
RULES_EXPECT_LIST = '应为表格编号的列表（如 ["附件1", "附件2", "自评报告"]）'
RULES_EXPECT_TEXT = "应为非空的文字（加英文双引号）"
RULES_EXPECT_YEAR = "应为年份（整数，如 2024）"
RULES_EXPECT_PLACES = "应为 0 到 6 的整数"
RULES_EXPECT_SHARE = "应为 0 到 1 之间的数（0.9 表示 90%）"
RULES_EXPECT_NON_NEGATIVE = "应为不小于 0 的数"
RULES_EXPECT_GRADE_MIN = "应为 0 到 100 之间的数"
RULES_EXPECT_RATIO = "应为不小于 1 的数"
RULES_EXPECT_POINTS = "应为 0 到 100 之间的分数"
RULES_EXPECT_POSITIVE_INT = "应为正整数"
RULES_EXPECT_ONE_OF = "应为{choices}之一"
RULES_FOUND_TABLE = "一个设置表"
RULES_FOUND_LIST = "一个列表"

# Loading a rules file (xlsrc.rules).
RULES_NOT_FOUND = "找不到评分规则“{name}”，可选：{choices}"
RULES_SYNTAX = "评分规则文件“{source}”第 {line} 行格式有误（不符合 TOML 写法：{detail}）"
RULES_SYNTAX_NO_LINE = "评分规则文件“{source}”格式有误（不符合 TOML 写法：{detail}）"
RULES_TOO_DEEP = "评分规则文件“{source}”嵌套层数过多，不像评分规则文件，请确认选对了文件"
RULES_NOT_UTF8 = "评分规则文件“{source}”不是 UTF-8 编码，请用记事本等另存为 UTF-8 后再试"

# What the buttons, the CLI and the UDFs tell the clerk (titles of the buttons first).
U_CALCULATE = "计算得分"
U_CHECK = "检查"
U_REPORT = "生成报告"
U_FINALIZE = "定稿导出"
U_FINALIZE_CONFIRM = (
    "检查发现 {errors} 个错误，已在“校验结果”工作表列出并标出单元格。"
    "定稿是报送财政局的正式文件，仍然导出吗？"
)
U_FINALIZE_CANCELLED = "未导出定稿。请改正“校验结果”中列出的错误后再导出。"
U_CALCULATED = "计算完成：总分 {total} 分，等次“{grade}”。"
U_CALCULATED_PENDING = "计算完成：总分 {total} 分（不完整），等次“{grade}”：{why}。"
U_SEE_CHECK = "请点击“检查”查看。"
U_CALCULATED_ERRORS = "发现 {errors} 个错误，" + U_SEE_CHECK
U_CHECKED = "检查完成：{errors} 个错误，{warnings} 个警告，已在“{sheet}”工作表列出并标出单元格。"
U_CHECKED_CLEAN = "检查完成：未发现问题。"
U_CHECKS_MORE = "……另有 {count} 条未列出"
U_CUT = "{count} 处文字超过 Excel 单元格上限，已截断并在末尾注明：{cells}。"
W_CELL_CUT = (
    "W208",
    "要写入的文字有 {length} 字，超过 Excel 单元格上限 {limit} 字，已截去超出部分并在末尾注明；"
    "请缩短引起它的内容（如偏差原因分析）后重新运行",
)
U_REPORTED = "已生成 {count} 节报告正文。"
U_REPORT_AGAIN = "（清空该节后再点“生成报告”即可重新生成）。"
U_REPORT_KEPT = "以下各节已由您修改，未覆盖：{sections}" + U_REPORT_AGAIN
U_RULES_NOT_INSTALLED = (
    "工作表“{sheet}”单元格 {cell} 的评分规则“{text}”没有安装。可选：{choices}；"
    "留空则按默认规则“{default}”。"
)
U_DOCX_EXPORTED = "已导出 Word 自评报告：{path}（公文格式，附件为各表格），请核对后打印。"
U_EXPORTED = "已导出不含宏的定稿文件：{path}，可直接通过邮件发送。"
U_WRITTEN = "已写入：{path}"
U_WRITTEN_MARKED = "已写入（含标注）：{path}"
U_CHECK_WRITTEN = "已把问题列在“{sheet}”工作表、标出单元格并写回：{path}"
# The same sentences on the command line, where there are no buttons: (button words, CLI words).
U_CLI_WORDS = (
    (U_SEE_CHECK, "请运行 xlsrc check {name} 列出并标出。"),
    (U_REPORT_AGAIN, "（清空该节后再运行 xlsrc report {name} 即可重新生成）。"),
)
U_EXPORTED_FILE = "已导出：{path}"
U_BUILT = "已生成：{path}"
U_ERROR = "错误：{message}"
U_INTERNAL = "xlsrc 内部出错，操作未完成；详细信息已写入日志：{log}（请把该文件发给技术支持人员）"
U_INTERNAL_NO_LOG = "xlsrc 内部出错，操作未完成（{detail}）；日志也无法写入。"
U_INTERRUPTED = "已中断。文件要么保持原样，要么已完整写入，不会只写一半。"
U_INTERNAL_ALERT = (
    "出现意外错误，操作未完成。详细信息已写入日志：{log}（请把该文件发给技术支持人员）"
)
U_USAGE = "命令用法有误：{detail}。运行“{prog} -h”查看用法。"
U_USAGE_REQUIRED = "缺少参数 {names}"
# argparse's names of the arguments, as the usage errors name them.
U_USAGE_NAMES = {
    "command": "命令（calc、check、report、finalize 等）",
    "file": "工作簿文件名",
    "folder": "文件夹",
    "out_dir": "网页文件夹",
    "-o/--output": "-o/--output",
    "int": "整数",
}
U_USAGE_UNRECOGNIZED = "无法识别的参数 {args}"
U_USAGE_COMMAND = "没有命令 {value}，可选：{choices}"
U_USAGE_NO_VALUE = "{name} 后面缺少值"
U_USAGE_BAD_VALUE = "{name} 的值 {value} 无效（应为{kind}）"
U_USAGE_AMBIGUOUS = "选项 {option} 不明确，可能是 {choices}"
U_USAGE_DOCX = (
    "\n--docx 后的“{arg}”被当作了 Word 文件名。请把工作簿写在 --docx 之前"
    "（例如：{prog} {arg} --docx）。"
)
U_USAGE_DASH = (
    "\n文件名“{arg}”以“-”开头，会被当作选项。请在文件名前写 --（例如：{prog} -- {arg}），"
    "或写成 ./{arg}。"
)
# xlsrc init: a fresh template for this computer.
I_DEFAULT_NAME = "部门整体支出绩效自评.xlsm"
I_SUFFIX = "新工作簿“{name}”的扩展名应为 .xlsm（模板含按钮和宏）。"
I_EXISTS = "“{path}”已存在，未覆盖。请另取文件名，或先移走该文件。"
I_NO_TEMPLATE = "找不到模板“{path}”：xlsrc 的安装不完整，请重新安装。"
I_WRITTEN = "已生成新的自评工作簿：{path}"
I_SETTING = "已在“{sheet}”工作表填写 {key}：{value}"
I_NO_EXCEL = (
    "本机不是 Windows 或 macOS，没有填写 Python 路径；在 Excel 电脑上使用按钮前，"
    "请在该电脑上运行 xlsrc init，或在“xlwings.conf”工作表的 Interpreter_Win 一行填写 Python 的路径。"
)
U_TEMPLATE_EXTRA = '生成模板需要可选依赖：pip install "xlsrc[template]"（{detail}）'

# Problems with the workbook file or its names (adapters and exports).
A_MISSING_NAME = "工作簿中找不到名称“{name}”{where}。请使用 xlsrc 模板填写，或在“公式 → 名称管理器”中恢复该名称。"
A_MISSING_NAME_WHERE = "（应指向工作表“{sheet}”的 {ref}，{label}）"
A_NAME_REF = (
    "名称“{name}”{where}的引用位置是“{refers}”，已经失效：它指向的行、列或工作表被删除了。"
    "请在“公式 → 名称管理器”中把“{name}”的引用位置改回正确的区域。"
)
A_NAME_NO_SHEET = (
    "名称“{name}”{where}的引用位置是“{refers}”，但工作簿中没有工作表“{sheet}”。"
    "请在“公式 → 名称管理器”中修改“{name}”的引用位置，或把工作表名称改回“{sheet}”。"
)
A_NAME_AREAS = (
    "名称“{name}”{where}的引用位置是“{refers}”，包含多个区域，xlsrc 只能使用一个连续区域。"
    "请在“公式 → 名称管理器”中把“{name}”改为只指向一个区域。"
)
A_NAME_NOT_RANGE = (
    "名称“{name}”{where}的引用位置是“{refers}”，不是一个单元格或“B14:O53”这样的区域。"
    "请在“公式 → 名称管理器”中把“{name}”的引用位置改为这样的区域。"
)
A_COLUMN_MISSING = (
    "工作表“{sheet}”第 {row} 行是“{label}”（名称“{name}”，现为 {ref}）的表头，"
    "其中找不到表头“{header}”。xlsrc 按表头找到各列，请把该列的表头改回“{header}”"
    "（自己插入的列可以保留）。"
)
A_NO_FILE = "找不到文件“{path}”。"
A_INPUT_IS_FOLDER = (
    "“{path}”是一个文件夹，不是工作簿。请写出工作簿的文件名（例如“{path}/单位自评.xlsm”）。"
)
A_CANNOT_OPEN = "无法打开“{name}”：{detail}。请确认是 .xlsx 或 .xlsm 文件。"
A_KEEP_MACROS = "“{name}”含宏，请保存为 .xlsm（现为“{target}”）。"
A_NO_MACROS = "“{name}”不含宏，请保存为 .xlsx（现为“{target}”）：Excel 打不开不含宏的 .xlsm 文件。"
A_CANNOT_PATCH = (
    "无法把结果写入“{name}”：文件的内部结构与 Excel 保存的不同（{detail}），原文件未作改动。"
    "请在 Excel 或 WPS 中打开它，另存为 .xlsm（或 .xlsx）后再运行。"
)
A_NO_SHEET = "“{name}”中没有工作表“{sheet}”。"
A_SHEET_NAME = "工作表名称“{sheet}”不能使用：{reason}。请换一个名称。"
# Why a name cannot name a new sheet, by the reason code of ooxml.sheet_name_problem.
A_SHEET_NAME_PROBLEMS = {
    "empty": "名称不能为空",
    "too_long": "名称最多 31 个字",
    "bad_char": "名称不能包含 [ ] : * ? / \\ 这些字符",
    "quote_edge": "名称不能以单引号（'）开头或结尾",
    "reserved": "“History”是 Excel 保留的名称",
    "taken": "工作簿中已有同名的工作表（不区分大小写）",
}
A_LAST_VISIBLE_SHEET = "不能删除工作表“{sheet}”：工作簿至少要留一张显示的工作表。"
A_SHARED_FORMULA = (
    "工作表“{sheet}”的 {cell} 是计算结果单元格，但其中的公式被其他单元格共用（共享公式），"
    "写入结果会破坏那些公式。请清除 {cell} 中的公式后重试。"
)
A_NO_CACHED_VALUE = (
    "工作表“{sheet}”单元格 {cell} 含公式“{formula}”，但文件中没有计算结果。"
    "请在 Excel 或 WPS 中打开、保存后再运行。"
)
A_UNKNOWN_FORMAT = "不支持导出为“{name}”，可选：{choices}。"
A_MISSING_EXTRA = (
    '导出为“{description}”需要安装可选依赖：pip install "xlsrc[{extra}]"（缺少 {modules}）。'
)
A_FINISHED_SUFFIX = "定稿文件应为 .xlsx（现为“{name}”）。"
A_FINISHED_OVERWRITES = "定稿文件不能覆盖原工作簿，请另取文件名。"
R_IMPORT_OVERWRITES = (
    "“{name}”是要读取的自评表，不能用 -o 覆盖它；请为填好的模板另取文件名（.xlsm）。"
)
A_FINISHED_CANNOT_OPEN = "无法打开“{name}”：{detail}。"
A_FINISHED_NAME = "{year}部门整体支出绩效自评-{unit}.xlsx"
A_FINISHED_REFUSED = (
    "检查发现 {errors} 个错误，未导出定稿。请先改正这些错误；确需导出，命令行请加 --force。"
)
A_FINISHED_TOO_LONG = (
    "以下单元格的文字超过 Excel 单元格上限 {limit} 字，Excel 和 WPS 无法完整显示，未导出定稿：{cells}。"
    "请缩短这些内容后再导出。"
)
A_TOO_LONG_CELL = "工作表“{sheet}”单元格 {cell}（{length} 字）"
A_CUT_MARK = "……【超出 Excel 单元格上限 {limit} 字，以下已截去】"
A_XLSX_DESCRIPTION = "定稿（不含宏的 .xlsx，可邮件报送）"
A_DOCX_DESCRIPTION = "Word 自评报告（公文格式，附基础数据表、自评表等附件）"
# Data exports (xlsrc export): descriptions in the CLI's help, default file names by the workbook's.
A_JSON_DESCRIPTION = "得分数据（JSON：各表总分、等次、各行得分和检查发现的问题）"
A_CSV_DESCRIPTION = "问题清单（CSV：检查发现的每个问题，Excel、WPS 可直接打开）"
A_JSON_NAME = "{stem}-得分"
A_CSV_NAME = "{stem}-问题清单"
A_DOCX_NAME = "{year}部门整体支出绩效自评报告-{unit}.docx"
A_DOCX_SUFFIX = "Word 报告文件应为 .docx（现为“{name}”）。"
A_DOCX_ATTACHMENTS = "附件："
A_DOCX_ATTACHMENT = "附件{number}"  # the label over a project's form in the Word report

# XS_PARSE: how a value was read.
P_DEADLINE = "时限：{year}{month}月{day}前"
P_YEAR = "{year}年"
P_DAY = "{day}日"
P_MONTH_END = "底"
P_NOT_UNDERSTOOD = "无法识别：{reason}"
P_QUALITATIVE = "定性指标"
P_DESCRIPTIVE = "文字说明（按定性指标评分）"
P_NOT_APPLICABLE = "不适用"
P_ABOUT = "约"
P_RANGE = "{low}～{high} {unit}（区间）"
P_ON_TIME = "按时完成"

# Reading and writing workbook files (xlsrc.files): atomic saves, locks, Excel's owner file.
F_BUSY = "“{path}”正由另一个 xlsrc 运行处理，请等它结束后再试。"
F_OPEN_ELSEWHERE = (
    "“{path}”正在 Excel 或 WPS 中打开（旁边有“{owner}”），请先在 Excel/WPS 中关闭该文件再运行，"
    "或用 -o 另存为其他文件。如已关闭，可删除“{owner}”。"
)
F_IS_FOLDER = "“{path}”是一个文件夹，请在 -o 后写文件名（例如 “{path}/结果.xlsm”）。"
F_READ_ONLY = "“{path}”是只读文件，无法写入。请取消只读属性，或用 -o 另存为其他文件。"
F_NO_PERMISSION = (
    "没有权限写入“{path}”：文件或所在文件夹是只读的，或正被其他程序占用。"
    "请关闭占用它的程序、更换文件夹，或用 -o 另存到其他位置。"
)
F_DISK_FULL = "磁盘空间不足，无法写入“{path}”；原文件未被改动。请清理磁盘后再试。"
F_NO_FOLDER = "文件夹不存在：“{path}”。"
F_LOCK_NOT_FILE = (
    "“{path}”的锁文件“{lock}”不是普通文件（是符号链接或文件夹），xlsrc 不会跟随或改动它。"
    "请确认没有其他 xlsrc 在运行后删除它，再运行。"
)
F_NOT_REGULAR = (
    "“{path}”不是普通文件（是设备、管道或套接字），xlsrc 不会写入它。请在 -o 后写一个文件名。"
)
F_NAME_TOO_LONG = (
    "无法写入“{path}”：文件名或路径太长（一个文件名最多 {limit} 字节，约 85 个汉字）。"
    "请用 -o 指定较短的文件名，或移到较浅的文件夹。原文件未被改动。"
)
F_NAME_SHORTENED = "文件名“{full}”超过文件系统允许的长度，已缩短为“{short}”。"
F_CANNOT_WRITE = "无法写入“{path}”：{detail}。原文件未被改动。"

# Files that are not workbooks xlsrc may open (xlsrc.safety), told before any is read.
S_EMPTY = (
    "“{name}”是空文件（0 字节），可能保存或复制时中断了。请重新取得该文件"
    "（或用 .xlsrc-backup 文件夹中的备份）后再运行。"
)
S_ENCRYPTED = (
    "“{name}”受密码保护，xlsrc 无法读取。请在 Excel 中打开它（需输入密码），点"
    "“文件 → 信息 → 保护工作簿 → 用密码进行加密”，删除密码并确定后保存；"
    "WPS 中点“文件 → 文档加密 → 密码加密”，清除打开密码后保存。然后再运行。"
)
S_OLD_FORMAT = (
    "“{name}”是旧版 Excel 97-2003 格式（.xls）或其他旧版 Office 文件，xlsrc 只能读取 .xlsx 和 .xlsm。"
    "请在 Excel 或 WPS 中打开它，点“文件 → 另存为”，保存类型选“Excel 启用宏的工作簿（*.xlsm）”"
    "或“Excel 工作簿（*.xlsx）”，再对另存的文件运行。"
)
S_TEXT = (
    "“{name}”不是 Excel 工作簿，而是文本文件（如 CSV 或网页），可能只是改了扩展名。"
    "请在 Excel 或 WPS 中打开它，另存为 .xlsx 或 .xlsm 后再运行。"
)
S_NOT_WORKBOOK = (
    "“{name}”不是 Excel 工作簿（.xlsx 和 .xlsm 文件是一种压缩包，此文件不是）。请确认选对了文件。"
)
S_ZIP_NOT_WORKBOOK = "“{name}”是压缩包，但不是 Excel 工作簿{kind}。请确认选对了文件。"
S_KIND_WORD = "（是 Word 文档）"
S_KIND_POWERPOINT = "（是 PowerPoint 演示文稿）"
S_DUPLICATE_PART = (
    "“{name}”中的部件“{part}”出现了 {count} 次（正常的工作簿每个部件只有一份，"
    "不同程序会读到不同的内容），可能已损坏或被恶意构造，xlsrc 不予打开。"
    "请在 Excel 或 WPS 中打开它并另存，再对另存的文件运行。"
)
S_PROPERTY_TOO_LARGE = (
    "“{name}”中的文档属性部件“{part}”有 {size}，超过上限 {limit}（Excel 只写几 KB），"
    "不像正常的 Excel 工作簿（可能被恶意构造），xlsrc 不予打开。"
)
S_PART_MISSING = (
    "“{name}”已损坏：缺少部件“{part}”（工作簿需要它），无法读取。"
    "请重新取得该文件（或用 .xlsrc-backup 文件夹中的备份）后再运行。"
)
S_DUPLICATE_SHEET = (
    "“{name}”中有两个工作表都叫“{sheet}”，Excel 不会保存这样的文件，不同程序会读到不同的表，"
    "xlsrc 不予打开。请在 Excel 或 WPS 中打开它并另存，再对另存的文件运行。"
)
S_DUPLICATE_NAME = (
    "“{name}”中名称“{defined}”定义了两次（{refers}），不同程序会用不同的一个，xlsrc 不予打开。"
    "请在“公式 → 名称管理器”中删除多余的一个后保存，再运行。"
)
S_BAD_CELL_VALUE = (
    "“{name}”已损坏：工作表“{sheet}”的单元格 {cell} 应为{kind}，文件中却写着“{text}”，无法读取。"
    "请在 Excel 或 WPS 中打开它并另存，再对另存的文件运行。"
)
S_KIND_NUMBER = "数字"
S_KIND_DATE = "日期"
S_STYLE_INDEX = (
    "“{name}”已损坏：工作表“{sheet}”的单元格 {cell} 使用第 {index} 号单元格格式，"
    "但文件的样式表只有 {count} 个，无法读取。请在 Excel 或 WPS 中打开它并另存，再对另存的文件运行。"
)
S_WHERE_SHEET = "工作表“{sheet}”（{part}）"
S_WHERE_PART = "部件“{part}”"
S_AFTER_CELL = "，单元格 {cell} 之后"
S_XML_BROKEN = (
    "“{name}”已损坏：{where}的内容不完整或格式有误（第 {line} 行第 {column} 列{cell}："
    "{detail}），无法读取。可能下载、复制或保存时中断了。请重新取得该文件"
    "（或用 .xlsrc-backup 文件夹中的备份）后再运行。"
)
S_XML_DTD = (
    "“{name}”的{where}含有文档类型声明或实体定义（<!DOCTYPE …>），"
    "Excel 和 WPS 从不写这样的内容，它可能被用来读取本机文件或耗尽内存，xlsrc 不予打开。"
    "请向发送者重新索取由 Excel 或 WPS 保存的文件。"
)
S_SHEET_MISSING = (
    "“{name}”已损坏：工作簿列出了工作表“{sheet}”，但文件中没有它的内容（{part}），无法读取。"
    "请重新取得该文件（或用 .xlsrc-backup 文件夹中的备份）后再运行。"
)
S_STRING_INDEX = (
    "“{name}”已损坏：工作表“{sheet}”的单元格 {cell} 引用编号为 {index} 的共享文本，"
    "但文件的共享文本表只有 {count} 个，无法读取。请在 Excel 或 WPS 中打开它并另存，再对另存的文件运行。"
)
S_OLE_NOT_WORKBOOK = "“{name}”不是 Excel 工作簿{kind}，可能只是改了扩展名。请确认选对了文件。"
S_KIND_WORD_OLD = "（是 Word 97-2003 文档）"
S_KIND_POWERPOINT_OLD = "（是 PowerPoint 97-2003 演示文稿）"
S_KIND_MAIL = "（是 Outlook 邮件，附件需先从邮件中另存出来）"
S_KIND_OLE = "（是另一种旧版 Office 文件）"
S_DAMAGED = (
    "“{name}”已损坏或不完整（可能下载、复制或保存时中断了），无法读取。"
    "请重新取得该文件（或用 .xlsrc-backup 文件夹中的备份）后再运行。"
)
S_SUFFIX = (
    "“{name}”的扩展名不是 .xlsx 或 .xlsm。如果它是 Excel 工作簿，请把扩展名改为 .xlsx"
    "（含宏的改为 .xlsm）后再运行。"
)
S_FILE_TOO_LARGE = (
    "“{name}”有 {size}，超过 xlsrc 可处理的上限 {limit}。自评工作簿通常只有几 MB，"
    "请确认选对了文件，或删除其中不需要的图片和工作表后再试。"
)
S_TOO_MANY_PARTS = (
    "“{name}”内含 {count} 个部件，超过上限 {limit} 个，不像正常的 Excel 工作簿"
    "（可能已损坏或被恶意构造），xlsrc 不予打开。"
)
S_UNPACKS_TOO_LARGE = (
    "“{name}”解压后将有 {size}，超过上限 {limit}，不像正常的 Excel 工作簿"
    "（可能已损坏或被恶意构造），xlsrc 不予打开。"
)
S_RATIO = (
    "“{name}”中的“{part}”压缩比为 {ratio}:1，超过上限 {limit}:1，不像正常的 Excel 工作簿"
    "（可能被恶意构造），xlsrc 不予打开。"
)

# ---------------------------------------------------------------------------------------------
# 评价评分表 (附件4-1) and 考核评分表 (附件5): scoring, 扣分原因, checks, rules-file settings.
RULES_EXPECT_DATE = "应为日期（TOML 日期，不加引号，如 2025-06-30）"
RULES_EXPECT_LATE_POINTS = "应为 0 到 10 之间的数"

# The 评价评分表's rows by key: the 三级指标 as messages name them.
RATING_LABELS = {
    "staff_control": "财政供养人员控制率",
    "three_public_change": "“三公经费”变动率",
    "key_spending": "重点支出安排率",
    "budget_adjustment": "预算调整率",
    "payment_progress": "支付进度",
    "balance": "资金结余",
    "three_public_control": "“三公经费”控制率",
    "management_rules": "预算管理制度健全性",
    "compliance": "资金使用合规性",
    "disclosure": "预决算信息公开性和完善性",
    "procurement": "政府采购执行率",
    "official_card": "公务卡刷卡率",
    "asset_rules": "资产管理制度健全性",
    "asset_safety": "资产管理安全性",
    "asset_use": "固定资产利用率",
    "output_xiaokang": "推进全面小康建设指标任务完成情况",
    "output_growth_pole": "建设湖南新增极目标任务完成情况",
    "output_government_report": "《政府工作报告》目标任务完成情况",
    "output_livelihood": "省市重点民生实事完成情况",
    "output_key_projects": "省市重点工程和重大项目建设完成情况",
    "output_other": "其他工作实绩指标完成情况",
    "economic": "经济效益",
    "social": "社会效益",
    "ecological": "生态效益",
    "satisfaction": "社会公众或服务对象满意度",
}
# What was measured (计算过程), by kind of measure.
R_STAFF = "在职人数{actual}人÷编制数{authorized}人＝{rate}"
R_THREE_PUBLIC_CHANGE = "三公经费{label}{current}万元较上年决算{prior}万元变动{rate}"
R_THREE_PUBLIC_NEW = "上年三公经费决算为0，本年{label}{current}万元"
R_THREE_PUBLIC_FINAL = "本年决算"
R_THREE_PUBLIC_BUDGET = "本年预算"
R_THREE_PUBLIC_CONTROL = "三公经费决算{final}万元÷预算{budget}万元＝{rate}"
R_ADJUSTMENT = "预算调整数{adjustment}万元÷年初预算数{initial}万元＝{rate}"
R_BALANCE = "年末累计结余{balance}万元，上年结转{carried}万元"
R_PROCUREMENT = "政府采购实际{final}万元÷采购预算{budget}万元＝{rate}"
R_ASSET_USE = "在用固定资产{in_use}万元÷固定资产合计{total}万元＝{rate}"
R_TYPED_RATE = "{label}{rate}（评分依据填写）"
R_LATE_SPECIALS = "未按进度下达资金的专项{count}个"
R_ITEMS_NOT_MET = "第{items}项不符合"
R_ALL_ITEMS_MET = "各项均符合"
R_VIOLATIONS = "不符合要求{count}例"
R_JUDGED = "按完成情况评定{score}分（评分依据填写）"
R_LINKED = "关联的绩效指标得分率{share}"
# How a row's rule scored it (扣分原因 = what was measured, then this).
R_RULE_OVER = "超过100%{points}个百分点，每个百分点扣{per}分，扣{deduction}分"
R_RULE_CHANGE = "变动率高于0共{points}个百分点，每个百分点扣{per}分，扣{deduction}分"
R_RULE_SHORT = "低于{floor}共{points}个百分点，每个百分点扣{per}分，扣{deduction}分"
R_RULE_BAND = "按“{band}”计{score}分，扣{deduction}分"
R_RULE_EACH = "每个扣{per}分，扣{deduction}分"
R_RULE_ITEMS = "不符合项的分值共{deduction}分"
R_RULE_BALANCE_CARRIED = "有结余但不超过上年结转，计2分，扣{deduction}分"
R_RULE_BALANCE_OVER = "结余超过上年结转，不得分，扣{deduction}分"
R_RULE_JUDGED = "在分值{weight}分内评定，扣{deduction}分"
R_NEW_THREE_PUBLIC = "上年无三公经费而本年有支出，变动率无法计算，按超过计0分，扣{deduction}分"
R_MANUAL = "评定{score}分（按规则计算为{rule}）：{reason}"
R_SEPARATOR = "；"
R_NONE = "无"
# Words of a checklist input that mean "nothing failed" / "no case".
R_NOTHING = frozenset({"无", "没有", "全部符合", "均符合", "符合", "0"})
# Bands as the form names them.
R_BAND_KEY = ("≥90%", "80%（含）-90%", "70%（含）-80%", "60%（含）-70%", "低于60%")
R_BAND_ADJUSTMENT = ("＝0", "0-10%（含）", "10-20%（含）", "20-30%（含）", "大于30%")
R_BAND_SATISFACTION = ("95%（含）以上", "85%（含）-95%", "75%（含）-85%", "低于75%")
R_FLOOR_FULL = "100%"
R_FLOOR_HALF = "50%"

F_RATING_NO_DATA = (
    "W401",
    "“{label}”缺少计算所需的数据（{needs}），请在评分依据中填写，或在人工评分中打分并说明理由",
)
F_RATING_BASIS_BAD = ("E402", "“{label}”的评分依据“{text}”无法识别：{reason}")
F_RATING_OVER_WEIGHT = ("E403", "“{label}”的得分{score}大于分值{weight}")
F_RATING_MANUAL_BAD = ("E404", "“{label}”的人工评分“{text}”{reason}")
F_RATING_NO_REASON = ("E405", "“{label}”的人工评分{score}与规则得分{rule}不同，须填写调整理由")
I_RATING_MANUAL = ("I406", "“{label}”采用人工评分{score}（规则得分{rule}），理由：{reason}")
F_RATING_NEGATIVE = ("E408", "“{label}”的{what}为{value}，不能为负数")
F_TOTALS_DISAGREE = ("E409", "{report}的综合得分{published}与{form}的总分{total}不一致，请核实")
W_GRADE_DISAGREES = ("W410", "{report}的评价等次“{published}”与按总分{total}评定的“{grade}”不一致")
REASON_NOT_ITEMS = "应写不符合的项号（如“②”或“2、3”），全部符合写“无”"
REASON_NOT_COUNT = "应为不小于0的整数（个数），没有写“无”或0"
REASON_NOT_RATE = "应为百分比（如 96%）"
NEEDS_STAFF = "编制数、实有人数"
NEEDS_THREE_PUBLIC_CHANGE = "上年三公经费决算数、本年三公经费{label}数"
NEEDS_THREE_PUBLIC_CONTROL = "本年三公经费预算数、决算数"
NEEDS_RATE = "{label}（百分比）"
NEEDS_ADJUSTMENT = "年初预算数、预算调整数，或预算调整率"
NEEDS_COUNT = "个数，没有写“无”"
NEEDS_BALANCE = "累计结余、上年结转"
NEEDS_PROCUREMENT = "政府采购预算、实际采购金额，或政府采购执行率"
NEEDS_ASSETS = "固定资产合计、在用固定资产，或固定资产利用率"
NEEDS_ITEMS = "不符合的项号，全部符合写“无”"
NEEDS_JUDGMENT = "按完成情况评定的得分"
REPORT_2021 = "自评报告"
FORM_RATING = "评价评分表"
FORM_SELF = "自评表"
# The 考核评分表 (附件5) pre-score.
REVIEW_LABELS = {
    "notice": "自评通知",
    "team": "工作小组",
    "self_check": "单位自查",
    "submission": "提交报告",
    "completeness": "完整性",
    "self_table": "绩效自评表",
    "problems": "反映问题情况",
    "suggestions": "建议情况",
}
V_JUDGED = "按预审依据计{score}分"
V_ON_TIME = "{submitted}报送，未晚于截止日期{deadline}"
V_LATE = (
    "{submitted}报送，晚于截止日期{deadline}共{days}个工作日，每个工作日扣{per}分，扣{deduction}分"
)
V_SECTIONS_MISSING = "正文缺少{count}个部分（{names}），每个扣2分"
V_ATTACHMENTS_MISSING = "附件缺少{count}个（{names}），每个扣2分"
V_COMPLETE = "正文和附件齐全"
V_WEIGHTS = "权重符合要求的类别{good}/{all}个，计{score}分"
V_WEIGHT_WRONG = "{category}分值{actual}（应为{expected}）"
V_REFINED = "细化到三级指标的{refined}/{count}行，计{score}分"
V_MEASURABLE = (
    "可衡量（定量或时效）的{measurable}/{count}行，计{score}分；"
    "精简实用、密切相关的5分待财政局评定，未计入预审合计"
)
V_NO_INDICATORS = "自评表没有绩效指标"
V_TEXT_EMPTY = "自评报告“{section}”为空，不得分"
V_MONEY_ONLY = "自评报告“{section}”只提出资金问题，按评分标准不得分"
V_TEXT_PENDING = "自评报告“{section}”已填写，待财政局按评分标准评定，未计入预审合计"
V_PENDING = "待评定"  # a row's 预审得分 the workbook cannot give
V_SEPARATOR = "；"
# Problems or suggestions that only ask for money (附件5: "只提出资金不足问题的不得分").
MONEY_ONLY_WORDS = (
    "资金不足",
    "经费不足",
    "资金短缺",
    "经费短缺",
    "资金紧张",
    "经费紧张",
    "资金缺口",
    "经费缺口",
    "资金保障不足",
    "加大资金投入",
    "加大财政投入",
    "加大投入",
    "增加资金",
    "增加经费",
    "增加投入",
    "追加预算",
    "增加预算",
    "争取资金",
    "争取更多资金",
)
F_REVIEW_NO_SUBMITTED = ("I501", "未填写报送日期，无法计算“提交报告”是否按时")
F_REVIEW_NO_DEADLINE = (
    "I502",
    "未填写报送截止日期（评分规则也未规定），无法计算“提交报告”是否按时",
)
F_REVIEW_DATE_BAD = ("E503", "{label}“{text}”无法识别为日期，请写成 2025年6月30日 或 2025-06-30")
F_REVIEW_CALENDAR = ("W504", "节假日日历不含{year}年，按周一至周五为工作日计算，请核对调休")
F_REVIEW_JUDGED_BAD = ("E505", "“{label}”的预审依据“{text}”{reason}")
F_REVIEW_OVER_WEIGHT = ("E506", "“{label}”的预审依据{score}大于分值{weight}")
F_REVIEW_MONEY_ONLY = ("W507", "{section}只提出资金问题：考核评分表中该项不得分")
REVIEW_SUBMITTED = "报送日期"
REVIEW_DEADLINE = "报送截止日期"
# ---------------------------------------------------------------- reading and auditing any 自评表
# Codes E19x/W29x: the audit of a form's own scores against the rules (xlsrc audit).
AU_ROW_DIFFERS = ("E190", "表中得分{published}，按规则应得{rule}（{basis}）")
AU_BUDGET_SCORE_DIFFERS = (
    "E191",
    "表中预算执行率得分{published}，按规则应得{rule}（{basis}）",
)
AU_BASIS_BUDGET = "分值{weight}×执行率{rate}"
AU_BASIS_FULL_MARKS = "执行率{rate}达到{threshold}，得满分{weight}"
AU_RATE_DIFFERS = ("E192", "表中执行率{published}，按全年执行数÷全年预算数应为{rule}")
AU_TOTAL_NOT_SUM = (
    "E193",
    "表中总分{published}，不等于预算执行率和各指标得分之和{total}",
)
AU_TOTAL_DIFFERS = ("E194", "表中总分{published}，按规则计算总分为{rule}")
AU_WEIGHT_TOTAL_NOT_SUM = ("E195", "表中分值合计{published}，各行分值之和为{total}")
AU_MET_DEDUCTED = (
    "E196",
    "已完成年度指标值，表中得分{published}低于分值{weight}，且未说明扣分原因",
)
AU_BUDGET_TWICE = (
    "E197",
    "预算执行率已在表头计分（分值{weight}），绩效指标中又有“{text}”一行（分值{row_weight}），重复计分",
)
AU_GRADE_DIFFERS = ("E198", "表中等次“{published}”与总分{total}对应的等次“{grade}”不符")
AU_TOTAL_UNCAPPED = (
    "E199",
    "表中总分{published}未按执行率封顶：执行率{rate}低于{below}，总分按规则不超过{max}分，应为{rule}",
)
AU_SCORE_MISSING = ("W290", "表中本行得分为空")
AU_BUDGET_FROM_INITIAL = (
    "W291",
    "表中没有全年预算数，执行率按年初预算数{initial}计算，请核实年中有无调整",
)
AU_BASIS_MET = "已完成年度指标值，得满分{weight}"
AU_BASIS_RATIO = "分值{weight}×{top}÷{bottom}"
AU_BASIS_NA = "不适用，0分"
AU_BASIS_LATE = "逾期完成，按逾期天数扣分"
AU_BASIS_DEVIATION = "{basis}；实际完成值达到年度指标值的{threshold}倍，偏离扣{deduction}分"

# Reading a foreign workbook (xlsrc import / audit).
R_SUFFIX = "“{name}”不是 .xlsx、.xlsm、.xls 或 .ods 工作簿，无法读取。请确认选对了文件。"
R_NEEDS_CALAMINE = "读取其他工作簿需要 python-calamine：pip install python-calamine（{detail}）"
R_CANNOT_READ = "无法读取“{name}”：{detail}。请用 Excel 或 WPS 打开后另存为 .xlsx 再试。"
R_NO_SELF_EVAL = (
    "“{name}”中找不到自评表：没有一行同时写有“年度指标值”“实际完成值”“分值”“得分”"
    "（或“指标值”“全年实际值”等同义表头）。请确认选对了文件。"
)
R_FOUND = "在工作表“{sheet}”第 {row} 行找到自评表的表头，读到 {rows} 行绩效指标。"
R_FOUND_BASE = "在工作表“{sheet}”找到基础数据表。"
R_NOT_FOUND = "未找到：{labels}。"
R_BUDGET_FROM_INITIAL = "表中没有全年预算数，已按年初预算数填入全年预算数，请核实年中有无调整。"
R_NOT_FOUND_BASE = "基础数据表中未找到：{labels}。"
R_TOO_MANY_ROWS = "模板只有 {room} 行绩效指标，第 {first} 行起的 {count} 行指标未能填入：{rows}。"
R_SCORES_NOT_COPIED = (
    "表中的得分、执行率和总分未填入模板，由“计算得分”按规则重新计算（差异请用 xlsrc audit 查看）。"
)
R_QUALITATIVE_COPIED = "定性指标按表中得分填入“人工评分”：{rows}。"
R_IMPORTED = "已填入模板：{path}"
R_AUDITED = (
    "审核完成：{name} 的自评表，表中总分 {published}，按规则计算 {total} 分；"
    "{errors} 个错误，{warnings} 个警告。"
)
R_AUDITED_CLEAN = (
    "审核完成：{name} 的自评表，表中总分 {published}，按规则计算 {total} 分，得分与规则一致。"
)
R_AUDIT_LINE = "  [{severity}] {code} {sheet}!{cell}：{message}"
R_AUDIT_WRITTEN = "已写入标注了问题的工作簿：{path}"
R_AUDIT_SHEET = "审核结果"
R_AUDIT_HEADERS = ("序号", "代码", "类别", "工作表", "单元格", "问题")
R_AUDIT_TITLE = "自评表审核结果：{name}"
R_AUDIT_FORM_NAMED = "{name}中“{form}”"
R_AUDIT_NOTE = "橙红色为错误，黄色为警告；点击单元格地址可转到该单元格。"
R_AUDIT_OUTPUT_SUFFIX = "-审核.xlsx"
R_AUDIT_OUTPUT = "审核结果须另存为 .xlsx 文件，现为“{name}”。"

# ---------------------------------------------------------------- the bureau's summary (collect)
SM_SOURCE_OURS = "本模板工作簿"
SM_SOURCE_OURS_2021 = "本模板工作簿（2021年格式）"
SM_SOURCE_FORM = "按表样读取"
SM_ROW = "第{row}行指标"
SM_FOLLOWS_YES = "是"
SM_FOLLOWS_NO = "否"
SM_FOLLOWS_UNSCORED = "未计算"
SM_IDENTICAL = "与“{kept}”内容完全相同，重复报送，未计入汇总。"
SM_DUPLICATE = "与“{kept}”同为{unit}{year}的自评，只计入“{kept}”。请与该单位确认哪一份为准。"
SM_LOCK_FILE = "Excel/WPS 打开工作簿时产生的临时文件，不是自评表，未读取。"
SM_NOT_WORKBOOK = "不是工作簿（.xlsx、.xlsm、.xls 或 .ods），未读取。"
SM_INTERNAL = "读取时出现程序内部错误（{detail}），已跳过；详细信息已记录在 {log}。"
SM_NOT_FOLDER = "“{path}”不是文件夹。请给出存放各单位自评表的文件夹。"
SM_NO_FILES = "文件夹“{path}”中没有任何文件。"
SM_NO_UNIT = "（未填写单位）"
SM_COL_RANK = "排名"
SM_COL_UNIT = "单位"
SM_COL_YEAR = "年度"
SM_COL_TOTAL = "总分"
SM_COL_GRADE = "等次"
SM_COL_RATE = "预算执行率"
SM_COL_BUDGET = "预算执行得分"
SM_COL_OUTPUT = "产出指标得分"
SM_COL_BENEFIT = "效益指标得分"
SM_COL_SATISFACTION = "满意度指标得分"
SM_COL_UNMET_COUNT = "未完成指标数"
SM_COL_UNMET = "未完成的指标"
SM_COL_ERRORS = "检查错误数"
SM_COL_DECLARED = "表中总分"
SM_COL_DECLARED_GRADE = "表中等次"
SM_COL_FOLLOWS = "表中得分符合规则"
SM_COL_DIFFERENCES = "与规则不符处"
SM_COL_NOTE = "说明"
SM_COL_FILE = "文件"
SM_COL_SOURCE = "读取方式"
SM_COL_SHEET = "工作表"
SM_COL_CELL = "单元格"
SM_COL_CODE = "代码"
SM_COL_SEVERITY = "类别"
SM_COL_MESSAGE = "问题"
SM_COL_REASON = "原因"
SM_COL_COUNT = "单位数"
SM_COL_BAND = "分数段"
SM_COL_PROJECTS = "项目数"
SM_COL_PROJECT = "项目名称"
SM_COL_DEPARTMENT = "主管部门"
SM_COL_PROJECT_BUDGET = "全年预算数"
SM_COL_PROJECT_SPENT = "全年执行数"
SM_COL_PROJECT_RATE = "执行率"
SM_COL_SCORE = "得分"
SM_COL_PROBLEMS = "问题数"
SM_SUMMARY_COLUMNS = (
    SM_COL_RANK,
    SM_COL_UNIT,
    SM_COL_YEAR,
    SM_COL_TOTAL,
    SM_COL_GRADE,
    SM_COL_RATE,
    SM_COL_BUDGET,
    SM_COL_OUTPUT,
    SM_COL_BENEFIT,
    SM_COL_SATISFACTION,
    SM_COL_UNMET_COUNT,
    SM_COL_UNMET,
    SM_COL_ERRORS,
    SM_COL_PROJECTS,
    SM_COL_DECLARED,
    SM_COL_DECLARED_GRADE,
    SM_COL_FOLLOWS,
    SM_COL_DIFFERENCES,
    SM_COL_NOTE,
    SM_COL_FILE,
    SM_COL_SOURCE,
)
SM_SCORE_COLUMNS = frozenset(
    {
        SM_COL_TOTAL,
        SM_COL_BUDGET,
        SM_COL_OUTPUT,
        SM_COL_BENEFIT,
        SM_COL_SATISFACTION,
        SM_COL_DECLARED,
        SM_COL_SCORE,
        SM_COL_PROJECT_BUDGET,
        SM_COL_PROJECT_SPENT,
    }
)
# The 项目汇总 sheet: one row per project of every department, in the 汇总's order.
SM_PROJECT_COLUMNS = (
    SM_COL_UNIT,
    SM_COL_PROJECT,
    SM_COL_DEPARTMENT,
    SM_COL_PROJECT_BUDGET,
    SM_COL_PROJECT_SPENT,
    SM_COL_PROJECT_RATE,
    SM_COL_SCORE,
    SM_COL_GRADE,
    SM_COL_PROBLEMS,
    SM_COL_SHEET,
    SM_COL_FILE,
)
SM_PROBLEM_COLUMNS = (
    SM_COL_UNIT,
    SM_COL_FILE,
    SM_COL_SHEET,
    SM_COL_CELL,
    SM_COL_CODE,
    SM_COL_SEVERITY,
    SM_COL_MESSAGE,
)
SM_SKIPPED_COLUMNS = (SM_COL_FILE, SM_COL_REASON)
SM_BAND_BELOW = "{low}分以下"
SM_BAND = "{low}～{high}分"
SM_BAND_TOP = "{low}分及以上"
SM_TITLE = "{years}年度部门整体支出绩效自评汇总"
SM_TITLE_PLAIN = "部门整体支出绩效自评汇总"
SM_COUNTS = "共读取 {files} 个文件，汇总 {units} 个单位，{skipped} 个文件未汇总（见“未汇总文件”）。汇总日期：{date}"
SM_SUMMARY_NOTE = (
    "总分、等次和各项得分均按评分规则由各单位填写的内容重新计算；“表中总分”为单位自己表中的总分。"
    "同一年度内按总分排名，总分相同者并列；“待核”的单位（有指标未能评分）不排名，列于最后。"
)
SM_SHEET_SUMMARY = "汇总"
SM_SHEET_PROJECTS = "项目汇总"
SM_PROJECTS_TITLE = "{years}年度项目支出绩效自评汇总"
SM_PROJECTS_TITLE_PLAIN = "项目支出绩效自评汇总"
SM_PROJECTS_COUNT = "共 {units} 个单位报送项目支出绩效自评表 {projects} 个。"
SM_PROJECTS_NOTE = (
    "各项目按单位（与“汇总”同序）和工作表顺序列出；得分、等次和执行率按评分规则计算；"
    "问题数为该项目自评表上的错误和警告，明细见“问题清单”。"
)
SM_NO_PROJECT_NAME = "（未填写项目名称）"
SM_SHEET_CHARTS = "图表"
SM_SHEET_PROBLEMS = "问题清单"
SM_SHEET_SKIPPED = "未汇总文件"
SM_CHART_GRADES = "等次分布"
SM_CHART_BANDS = "总分分布"
SM_PROBLEMS_TITLE = "各单位自评表问题清单"
SM_PROBLEMS_NOTE = "错误须由单位更正后重新报送；警告请核实。单元格为该单位文件中的位置。"
SM_SKIPPED_TITLE = "未汇总的文件"
SM_SKIPPED_NOTE = "以下文件未计入汇总，请按原因处理后重新汇总。"
SM_OUTPUT_SUFFIX = "汇总须保存为 .xlsx 文件，现为“{name}”。"
SM_COLLECTED = "已汇总 {units} 个单位（共 {files} 个文件），写入：{path}"
SM_SKIPPED_LINE = "  未汇总：{file}：{reason}"
SM_SKIPPED_COUNT = "{count} 个文件未汇总，原因见“未汇总文件”工作表。"
SM_READING = "读取"
SM_NEEDS_PANDAS = (
    '汇总需要 pandas、XlsxWriter 和 tqdm（缺少 {detail}）：pip install "xlsrc[collect]"'
)

# ---------------------------------------------------------------- the page in the browser
# xlsrc build-web (xlsrc.web): building the static site.
W_BUILT = "已生成网页：{path}。把该文件夹复制到任一静态网站服务器即可使用（试用：{serve}）。"
W_FETCH_FAILED = (
    "无法下载{what}（{url}）：{detail}。请检查网络；没有网络的电脑可用 {option} 指定已下载的文件。"
)
W_PIP_FAILED = "无法用 pip 下载 {wheel}：{detail}。请检查网络；没有网络的电脑可用 --wheels 指定存放 .whl 文件的文件夹。"
W_BAD_DIGEST = (
    "{what}“{name}”的校验值不符（应为 {expected}，实为 {actual}）：文件不完整或不是该版本，未使用。"
    "请删除它后重新下载。"
)
W_NOT_PYODIDE = "“{name}”不是 Pyodide {version} 的 npm 压缩包（{detail}）。"
W_PYODIDE_LACKS = "缺少 {files}"
W_NO_WHEEL = "文件夹“{folder}”中没有 {wheel}。"
W_OUT_IS_FILE = "“{path}”是一个文件：请指定要写入网页的文件夹。"
W_PYODIDE_ARCHIVE = "Pyodide 压缩包"
W_WHEEL = "安装包"
# The add-ins' files (lite/, wps/) that name the site's address.
W_BAD_BASE_URL = (
    "--base-url“{url}”不是网址：请写成网站的完整地址，例如 https://czj.example.gov.cn/xlsrc/"
)
W_LITE_REQUIREMENTS = "xlwings Lite 的 requirements.txt：本网站提供的安装包（xlwings 由 Lite 自带）"
W_NO_BASE_URL = (
    "部署前请用 xlsrc build-web 文件夹 --base-url 网址 重新生成：xlwings Lite 和 WPS 需要完整网址"
)
# What the page's Python (xlsrc.web.page) answers besides the use cases' own messages.
W_INTERNAL = (
    "xlsrc 内部出错，操作未完成（{detail}）。请把浏览器控制台中的详细信息发给技术支持人员。"
)
W_NO_WORKBOOK = "请先选择一个工作簿（.xlsx 或 .xlsm）。"
W_UNKNOWN_ACTION = "网页没有“{action}”这个操作。"
W_FINALIZE_REFUSED = (
    "检查发现 {errors} 个错误（见下方列表），未导出定稿。定稿是报送财政局的正式文件，"
    "请改正后再导出；确需导出，请点击“仍然导出”。"
)

# ---------------------------------------------------------------- 项目支出绩效自评表
PROJECT_FORM = "项目支出绩效自评表"
W_PROJECT_UNNAMED = (
    "W240",
    "项目支出绩效自评表没有填写项目名称；汇总表和报告按项目名称列出各项目，请填写项目全称",
)
W_PROJECT_SOURCES = (
    "W241",
    "项目资金“{column}”各来源之和 {parts} 万元与年度资金总额 {total} 万元不一致，请核对",
)
W_PROJECT_NAME_TWICE = (
    "W242",
    "项目名称“{name}”与工作表“{other}”的项目相同；同一项目请只填一张自评表",
)
W_PROJECTS_SPENT = (
    "W243",
    "各项目支出绩效自评表的全年执行数合计 {projects} 万元，超过自评表“项目支出” {department} 万元，"
    "请核对",
)
P_ADDED = (
    "已添加项目“{name}”（工作表“{sheet}”）。请在该表中填写主管部门、实施单位、项目资金、"
    "年度总体目标和绩效指标，再点“计算得分”。"
)
P_REMOVED = "已删除项目“{name}”（工作表“{sheet}”）。"
P_NAME_BLANK = "请写明要添加的项目名称（如“农村饮水安全巩固提升工程”）。"
P_NO_MODEL = (
    "工作簿“{book}”中没有项目表样（隐藏的工作表“{model}”），无法添加项目。它是用较早的模板做的："
    "请用“xlsrc init”新建工作簿，再用“xlsrc import”把原表导入。"
)
P_NOT_FOUND = "工作簿中没有项目“{name}”。现有项目：{names}。"
P_NO_PROJECTS = "（没有项目）"
P_NOT_HERE = "这里打开的工作簿不能添加或删除工作表，请在 Excel 中操作或使用命令行“xlsrc project”。"
P_LISTED = "{count} 个项目：{names}"
P_LIST_NONE = "工作簿中还没有项目支出绩效自评表。添加：xlsrc project add 工作簿 项目名称"
P_SHEET_OF = "“{name}”（工作表“{sheet}”）"
R_FOUND_PROJECT = (
    "“{file}”工作表“{sheet}”第 {row} 行起是项目支出绩效自评表“{name}”（{rows} 行绩效指标），"
    "已填入项目工作表“{target}”。"
)
R_SECOND_DEPARTMENT = (
    "“{file}”工作表“{sheet}”是又一张部门整体支出绩效自评表；一个工作簿只填一个部门，已跳过。"
)
R_PROJECT_SCORED = "项目“{name}”：总分 {total}，等次 {grade}。"
U_PROJECTS = "项目支出绩效自评表 {count} 张：{items}。"
U_PROJECT_ITEM = "{name} {total} 分（{grade}）"
U_PROJECT_PENDING = "{name} {total} 分（不完整）"
# The 添加项目 / 删除项目 buttons and the 项目清单 on 使用说明 (xlsrc.buttons, xlsrc.projects).
P_ADD = "添加项目"
P_REMOVE = "删除项目"
P_BUTTON_BLANK = "请先在“{sheet}”工作表的“项目名称”格（{cell}）中写明项目名称，再点“{button}”。"
P_REMOVE_CONFIRM = (
    "将删除项目“{name}”（工作表“{sheet}”）及其中填写的全部内容，删除后不能撤消"
    "（保存前关闭工作簿且不保存，可以找回）。确定删除吗？"
)
P_REMOVE_CANCELLED = "未删除项目“{name}”。"
P_LIST_MORE = "……另有 {count} 个项目未列出，见各项目的工作表"
P_NOT_HERE_WPS = (
    "WPS 中不能用按钮添加或删除项目。请在 Excel 中打开工作簿操作，或使用命令行："
    "xlsrc project add 工作簿 项目名称（添加）、xlsrc project remove 工作簿 项目名称（删除）。"
)
W_PROJECT_IN_YUAN = (
    "W244",
    "项目全年预算数 {project} 万元超过部门全年预算数 {department} 万元的 100 倍，"
    "可能是按“元”填写的；本表金额单位为万元，请核对后改正",
)
