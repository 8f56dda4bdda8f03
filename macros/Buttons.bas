Attribute VB_Name = "Buttons"
Option Explicit

' One Sub per button on the sheets; the work happens in Python (xlsrc.buttons).
' The sheets are protected without a password so that only input cells take typing.
' Python writes the output cells, so protection is lifted while it runs and set again
' afterwards with the same permissions as the template (xlsrc/build/draw.py PROTECTION).

Sub xs_calculate()
    RunUnprotected "import xlsrc.buttons as b; b.calculate()"
End Sub

Sub xs_check()
    RunUnprotected "import xlsrc.buttons as b; b.check()"
End Sub

Sub xs_report()
    RunUnprotected "import xlsrc.buttons as b; b.report()"
End Sub

Sub xs_report_docx()
    RunUnprotected "import xlsrc.buttons as b; b.report_docx()"
End Sub

Sub xs_finalize()
    RunUnprotected "import xlsrc.buttons as b; b.finalize()"
End Sub

Private Sub RunUnprotected(command As String)
    Dim ws As Worksheet
    Dim item As Variant
    Dim protectedSheets As New Collection
    For Each ws In ThisWorkbook.Worksheets
        If ws.ProtectContents Then
            protectedSheets.Add ws
            ws.Unprotect
        End If
    Next ws
    RunPython command
    For Each item In protectedSheets
        item.Protect DrawingObjects:=True, Contents:=True, Scenarios:=True, _
            AllowFormattingColumns:=True, AllowFormattingRows:=True, AllowInsertingRows:=True
    Next item
End Sub
