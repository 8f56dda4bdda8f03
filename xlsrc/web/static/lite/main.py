"""xlsrc in xlwings Lite: the workbook's buttons as scripts and its worksheet functions.

Paste this file into xlwings Lite's main.py and the lines of requirements.txt (beside it on
the bureau's site) into Lite's requirements.txt. Lite hands each script the open workbook as
an `xw.Book`; the scripts call the very entry points of the Excel buttons (`xlsrc.buttons`),
which run the use cases through the xlwings adapter, so Lite writes exactly the cells the
Excel buttons write. The functions are the desktop UDFs (`xlsrc.udfs`) without `caller`:
Lite cannot pass it, so they score by the default rules file, not the workbook's 评分规则.
"""

import xlwings as xw
from xlwings import func, script

from xlsrc import buttons, udfs


@script(name="计算得分")
def calculate(book: xw.Book):
    """计算得分"""
    buttons.calculate(book)


@script(name="检查")
def check(book: xw.Book):
    """检查"""
    buttons.check(book)


@script(name="生成报告")
def report(book: xw.Book):
    """生成报告"""
    buttons.report(book)


# Lite cannot add or delete a worksheet for Python (its client applies no sheet copy): these
# two answer that projects are added in Excel or with `xlsrc project`, and change nothing.
@script(name="添加项目")
def add_project(book: xw.Book):
    """添加项目"""
    buttons.add_project(book)


@script(name="删除项目")
def remove_project(book: xw.Book):
    """删除项目"""
    buttons.remove_project(book)


def described_as(udf):
    """The desktop UDF's docstring, which Lite shows as the function's description."""

    def with_doc(f):
        f.__doc__ = udf.__doc__
        return f

    return with_doc


@func
@described_as(udfs.XS_SCORE)
def xs_score(target, actual, weight):
    return udfs.XS_SCORE(target, actual, weight)


@func
@described_as(udfs.XS_EXEC_SCORE)
def xs_exec_score(budget, spent, weight=10):
    return udfs.XS_EXEC_SCORE(budget, spent, weight)


@func
@described_as(udfs.XS_EXEC_RATE)
def xs_exec_rate(budget, spent):
    return udfs.XS_EXEC_RATE(budget, spent)


@func
@described_as(udfs.XS_GRADE)
def xs_grade(total):
    return udfs.XS_GRADE(total)


@func
@described_as(udfs.XS_PARSE)
def xs_parse(text):
    return udfs.XS_PARSE(text)
