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

Sub xs_add_project()
    RunUnprotected "import xlsrc.buttons as b; b.add_project()"
End Sub

Sub xs_remove_project()
    RunUnprotected "import xlsrc.buttons as b; b.remove_project()"
End Sub

Private Sub RunUnprotected(command As String)
    ' Sheets are remembered by name: a project's sheet may be deleted while Python runs.
    Dim ws As Worksheet
    Dim present As New Collection
    Dim unprotected As New Collection
    For Each ws In ThisWorkbook.Worksheets
        present.Add ws.Name, ws.Name
        If ws.ProtectContents Then
            unprotected.Add ws.Name, ws.Name
            ws.Unprotect
        End If
    Next ws
    RunPython command
    ' A sheet Python added (a project copied from its model) is protected like the others.
    For Each ws In ThisWorkbook.Worksheets
        If Listed(unprotected, ws.Name) Or Not Listed(present, ws.Name) Then
            ws.Protect DrawingObjects:=True, Contents:=True, Scenarios:=True, _
                AllowFormattingColumns:=True, AllowFormattingRows:=True, AllowInsertingRows:=True
        End If
    Next ws
End Sub

Private Function Listed(names As Collection, key As String) As Boolean
    Dim found As Variant
    On Error Resume Next
    found = names(key)
    Listed = (Err.Number = 0)
    On Error GoTo 0
End Function
