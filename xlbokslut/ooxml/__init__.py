"""Office Open XML, the parts of an .xlsx file: the zip package, the stylesheet, sheet XML, and new workbooks.

No spreadsheet library: workbooks are read and written as the XML Excel itself writes, so that a user's
workbook changes only where xlbokslut owns the cells, and a new one is written in milliseconds.
"""
