Attribute VB_Name = "Buttons"
Option Explicit

' One Sub per button on the sheets; the work happens in Python (xlsrc.buttons).

Sub xs_calculate()
    RunPython "import xlsrc.buttons as b; b.calculate()"
End Sub

Sub xs_check()
    RunPython "import xlsrc.buttons as b; b.check()"
End Sub

Sub xs_report()
    RunPython "import xlsrc.buttons as b; b.report()"
End Sub

Sub xs_finalize()
    RunPython "import xlsrc.buttons as b; b.finalize()"
End Sub
