"""Adapters: one interface (`Port`) over a live xlwings Book and over a file opened with openpyxl."""
