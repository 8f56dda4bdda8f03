"""xlsrc: score, check and report the 部门整体支出绩效自评 inside its Excel workbook."""

__version__ = "0.1.0"
