"""使用说明: what the workbook does, what to fill in, the colours and the buttons; and the
department's projects: where the clerk names one to add or remove (two buttons), and the list of
the projects the buttons, 计算得分 and 检查 keep up to date (xlsrc.projects)."""

from __future__ import annotations

from xlsrc.forms.model import (
    COLOR_ERROR,
    COLOR_INPUT,
    COLOR_OUTPUT,
    COLOR_WARNING,
    Button,
    Cell,
    Column,
    Fmt,
    Form,
    Formula,
    Page,
    Role,
    Table,
    Text,
)

KEY = "使用说明"
SHEET = "使用说明"
TITLE = "部门整体支出绩效自评工作簿 使用说明"

# (heading, paragraph) pairs; a heading of "" continues the section above.
SECTIONS: tuple[tuple[str, str], ...] = (
    (
        "一、这个工作簿做什么",
        "本工作簿按岳阳市部门整体支出绩效自评的表样排版：基础数据表（附件1）、自评表（附件2）、"
        "考核评分表（附件5）、评价评分表（附件4-1）和自评报告。填好数据后，按钮会自动计算执行率、"
        "各项得分、总分和等次，检查常见问题，并生成报告正文。每张表按A4纸排版，可直接打印。",
    ),
    (
        "二、填什么",
        "只填浅黄色单元格：单位名称、评价年度、预算数和执行数、资金来源、年度总体目标、"
        "绩效指标（一级/二级/三级指标、年度指标值、实际完成值、分值、偏差原因）、基础数据表中的人员和经费数。"
        "浅蓝色单元格由按钮计算填写，请不要手工修改。绩效指标不够用时，可在指标区域中间插入整行。"
        "选中单元格时会显示填写提示。",
    ),
    (
        "",
        "定性指标（年度指标值写“定性”或文字描述）：在自评表右侧“定性档次”列选择档次，"
        "需要时在“人工评分”列填写档次范围内的分数；人工调整规则得分时，须在“调整理由”列写明理由。",
    ),
    (
        "三、颜色",
        "浅黄色＝需要填写；浅蓝色＝自动计算；橙红色＝检查发现的错误；琥珀色＝检查发现的提醒。"
        "检查结果的完整列表见“校验结果”工作表。",
    ),
    (
        "四、按钮",
        "计算得分：计算执行率、每项指标得分、总分和等次。检查：列出未填、未完成未说明原因、"
        "权重不符等问题。生成报告：根据数据写出自评报告各部分正文，可再修改。"
        "定稿导出：计算并检查后，另存报送财政局的 .xlsx 文件（只含正式表格，不含宏，可邮件报送），"
        "文件名为“年度部门整体支出绩效自评-单位.xlsx”；检查发现错误时会询问是否仍然导出。",
    ),
    (
        "",
        "各表已设置不带密码的保护，只有浅黄色单元格可以填写；按钮运行时自动撤消并恢复保护。"
        "需要改动其他内容时，点击“审阅”→“撤消工作表保护”，改完再保护（不要设置密码）。"
        "“单位负责人签字”处留空，打印后手签。",
    ),
    (
        "五、项目支出绩效自评表",
        "部门的每个项目填一张项目支出绩效自评表，每个项目一张工作表，以项目名称命名，"
        "排在“校验结果”之前。添加：在本表上方“项目名称”浅黄色格中写项目全称，点“添加项目”，"
        "工作簿会新增该项目的工作表并填好项目名称（名称仍留在格中，可再改写后添加下一个）。"
        "删除：写项目名称或工作表名，点“删除项目”，确认后删除该项目的工作表及其中填写的全部内容"
        "（删除后不能撤消；保存前关闭工作簿且不保存，可找回）。"
        "“计算得分”“检查”对每个项目同样评分、标出问题；上方“项目清单”列出各项目的工作表、"
        "项目名称、总分和等次，点“转到”可打开该项目的工作表。"
        "在 WPS、xlwings Lite 或网页版 Excel 中不能用按钮添加或删除项目，请在 Excel 中操作，"
        "或使用命令行：xlsrc project add 文件名.xlsm 项目名称（添加）、"
        "xlsrc project remove 文件名.xlsm 项目名称（删除）、xlsrc project list 文件名.xlsm（列出）。",
    ),
    (
        "六、WPS 或 Linux 用户",
        "WPS 不支持本工作簿的按钮。请在命令行使用 xlsrc 程序对工作簿进行同样的计算、检查和生成报告，"
        "例如：xlsrc calc 文件名.xlsm（计算得分）、xlsrc check 文件名.xlsm（检查，问题写入“校验结果”）、"
        "xlsrc report 文件名.xlsm（生成报告）、xlsrc finalize 文件名.xlsm（定稿导出）；"
        "运行 xlsrc --help 可查看全部命令。结果写回文件后，用 WPS 打开即可看到。",
    ),
    (
        "七、Windows 电脑上的准备（只需一次）",
        "1. 安装 Python 3.10 或更高版本（安装时勾选“Add Python to PATH”）。\n"
        "2. 在命令提示符中运行：pip install xlsrc（会同时安装 xlwings）。\n"
        "3. 在 Excel 中启用宏：打开文件时点击“启用内容”。从邮件或网络得到的文件，"
        "需在文件属性中勾选“解除锁定”。\n"
        "4. 新建工作簿可在命令提示符中运行 xlsrc init 文件名.xlsm：复制一份空白模板，并填好本机 Python 的路径。\n"
        "5. 如果按钮提示找不到 Python，在“xlwings.conf”工作表的 Interpreter_Win 一行的B列"
        "填写 pythonw.exe 的完整路径，例如 C:\\Python312\\pythonw.exe。",
    ),
)


COLORS = (
    (COLOR_INPUT, "需要填写的单元格"),
    (COLOR_OUTPUT, "按钮计算填写的单元格"),
    (COLOR_ERROR, "检查发现的错误"),
    (COLOR_WARNING, "检查发现的提醒"),
)

# The projects, right under the title where the clerk sees them: the name to add or remove,
# the two buttons beside it, and the list below (rewritten by the buttons, 计算得分 and 检查).
PROJECTS_HEAD = "项目清单"
INPUT_ROW = 3
PROJECT_INPUT = Cell(
    "xs_project_input",
    "projects.input",
    f"B{INPUT_ROW}",
    Role.INPUT,
    Fmt.TEXT,
    "项目名称",
    prompt="添加：写项目全称，点“添加项目”。删除：写项目名称或工作表名，点“删除项目”。",
)
PROJECTS = Table(
    name="xs_projects",
    field="projects",
    first_row=INPUT_ROW + 2,
    first_col="A",
    rows=20,
    label=PROJECTS_HEAD,
    columns=(
        Column("sheet", "工作表", Role.OUTPUT, 32),
        Column("name", "项目名称", Role.OUTPUT, 84),
        Column("total", "总分", Role.OUTPUT, 14, Fmt.SCORE),
        Column("grade", "等次", Role.OUTPUT, 14),
    ),
)
PROJECT_NAMES = (PROJECT_INPUT, PROJECTS)  # newer than the workbooks made before them
_LIST_LAST = PROJECTS.first_row + PROJECTS.rows - 1
LINK = "E"  # beside the list: a link to each project's sheet


def _link(row: int) -> Text:
    sheet = f"{PROJECTS.letter('sheet')}{row}"
    target = f'"#\'"&SUBSTITUTE({sheet},"\'","\'\'")&"\'!A1"'
    return Text(f"{LINK}{row}", Formula(f'=IF({sheet}="","",HYPERLINK({target},"转到"))'))


_FIRST = _LIST_LAST + 2
_SAMPLES = _FIRST + len(SECTIONS) + 1
_LAST = _SAMPLES + len(COLORS)

FORM = Form(
    key=KEY,
    sheet=SHEET,
    title=TITLE,
    widths={"A": 32, "B": 84, "C": 14, "D": 14, LINK: 8},
    heights={1: 30, INPUT_ROW: 24},
    page=Page(f"A1:B{_LAST}"),
    buttons=(
        Button("添加项目", "xs_add_project", f"C{INPUT_ROW}"),
        Button("删除项目", "xs_remove_project", f"D{INPUT_ROW}"),
    ),
    elements=(
        Text("A1:B1", TITLE, "title"),
        Text(f"A{INPUT_ROW - 1}", PROJECTS_HEAD, props={"bold": True, "valign": "top"}),
        Text(
            f"B{INPUT_ROW - 1}",
            "每个项目一张项目支出绩效自评表（见第五节）。在下面浅黄色格写项目名称，点右边的按钮添加或删除；"
            "本清单由按钮和“计算得分”“检查”更新。",
            props={"text_wrap": True, "valign": "top"},
        ),
        Text(f"A{INPUT_ROW}", "项目名称", "label", {"bold": True}),
        PROJECT_INPUT,
        PROJECTS,
        Text(f"{LINK}{PROJECTS.header_row}", "定位", "head"),
        *(_link(row) for row in range(PROJECTS.first_row, _LIST_LAST + 1)),
        # A sheet name runs on one line (the 项目名称 beside it is whole): rows keep their height.
        *(
            Text(f"{PROJECTS.letter('sheet')}{row}", props={"text_wrap": False})
            for row in range(PROJECTS.first_row, _LIST_LAST + 1)
        ),
        *(
            t
            for i, (heading, text) in enumerate(SECTIONS)
            for t in (
                Text(
                    f"A{_FIRST + i}",
                    heading or None,
                    props={"bold": True, "valign": "top", "text_wrap": True},
                ),
                Text(f"B{_FIRST + i}", text, props={"text_wrap": True, "valign": "top"}),
            )
        ),
        Text(f"A{_SAMPLES}", "颜色示例", props={"bold": True}),
        *(
            t
            for i, (color, text) in enumerate(COLORS)
            for t in (
                Text(f"A{_SAMPLES + 1 + i}", None, props={"bg_color": color, "border": 1}),
                Text(f"B{_SAMPLES + 1 + i}", text),
            )
        ),
    ),
)
