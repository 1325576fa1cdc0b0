"""Adapters between workbooks (openpyxl files, the live workbook through xlwings) and the core."""
