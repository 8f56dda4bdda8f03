"""使用说明: what the workbook does, what to fill in, the colours and the buttons."""

from __future__ import annotations

from xlsrc.forms.model import (
    COLOR_ERROR,
    COLOR_INPUT,
    COLOR_OUTPUT,
    COLOR_WARNING,
    Form,
    Page,
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
        "五、WPS 或 Linux 用户",
        "WPS 不支持本工作簿的按钮。请在命令行使用 xlsrc 程序对工作簿进行同样的计算、检查和生成报告，"
        "例如：xlsrc calc 文件名.xlsm（计算得分）、xlsrc check 文件名.xlsm（检查，问题写入“校验结果”）、"
        "xlsrc report 文件名.xlsm（生成报告）、xlsrc finalize 文件名.xlsm（定稿导出）；"
        "运行 xlsrc --help 可查看全部命令。结果写回文件后，用 WPS 打开即可看到。",
    ),
    (
        "六、Windows 电脑上的准备（只需一次）",
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
_FIRST = 3
_SAMPLES = _FIRST + len(SECTIONS) + 1
_LAST = _SAMPLES + len(COLORS)

FORM = Form(
    key=KEY,
    sheet=SHEET,
    title=TITLE,
    widths={"A": 26, "B": 84},
    heights={1: 30},
    page=Page(f"A1:B{_LAST}"),
    elements=(
        Text("A1:B1", TITLE, "title"),
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
