"""Adapters between workbooks (files on disk, the live workbook through xlwings) and the core."""
