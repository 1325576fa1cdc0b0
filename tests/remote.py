"""xlwings' remote engine on Linux: the payload Excel would send, and the returned actions applied to a file.

xlwings' remote engine is xlwings PRO code under the PolyForm Noncommercial licence, which permits use for
testing and by public institutions; the key must be set before xlwings is imported.
"""
from __future__ import annotations

import datetime as dt
import os

os.environ.setdefault("XLWINGS_LICENSE_KEY", "noncommercial")

import openpyxl  # noqa: E402
from openpyxl.utils.cell import get_column_letter, range_boundaries  # noqa: E402
from openpyxl.worksheet.table import Table, TableStyleInfo  # noqa: E402

import xlwings as xw  # noqa: E402


def _json_value(v):
    if v is None:
        return ""
    if isinstance(v, (dt.date, dt.datetime)):
        return v.isoformat()
    return v


def payload(path, name: str | None = None) -> dict:
    """What Excel sends for a workbook: every sheet's values from A1 and its tables (cached values for formulas)."""
    book = openpyxl.load_workbook(path, data_only=True)
    sheets = []
    for ws in book.worksheets:
        values = [[_json_value(c.value) for c in row] for row in ws.iter_rows(min_row=1, min_col=1)]
        tables = []
        for tname in ws.tables:
            ref = ws.tables[tname].ref
            c1, r1, c2, r2 = range_boundaries(ref)
            col = get_column_letter
            tables.append({
                "name": tname, "range_address": f"${col(c1)}${r1}:${col(c2)}${r2}",
                "header_row_range_address": f"${col(c1)}${r1}:${col(c2)}${r1}",
                "data_body_range_address": f"${col(c1)}${r1 + 1}:${col(c2)}${r2}" if r2 > r1 else None,
                "total_row_range_address": None, "show_headers": True, "show_totals": False,
                "table_style": "TableStyleLight1", "show_autofilter": True, "show_table_style_first_column": False,
                "show_table_style_last_column": False, "show_table_style_row_stripes": True,
                "show_table_style_column_stripes": False,
            })
        sheets.append({"name": ws.title, "values": values or [[]], "pictures": [], "tables": tables})
    return {"client": "Microsoft Office Scripts", "version": xw.__version__,
            "book": {"name": name or os.path.basename(path), "active_sheet_index": 0, "selection": "A1"},
            "names": [], "sheets": sheets}


def remote_book(path, name: str | None = None):
    return xw.Book(json=payload(path, name))


class UnsupportedAction(AssertionError):
    pass


def _cells(ws, a):
    for r in range(a["start_row"] + 1, a["start_row"] + a["row_count"] + 1):
        for c in range(a["start_column"] + 1, a["start_column"] + a["column_count"] + 1):
            yield ws.cell(r, c)


def apply_actions(path, actions: list[dict]) -> list[tuple]:
    """Apply a remote book's actions to the file with openpyxl; returns the alerts. Fails on any action it
    does not know, so nothing the adapter asks of Excel goes unchecked."""
    from openpyxl.styles import Alignment, Font, PatternFill

    book = openpyxl.load_workbook(path)
    alerts = []
    for a in actions:
        func, args = a["func"], a["args"]
        ws = book.worksheets[a["sheet_position"]] if a.get("sheet_position") is not None else None
        if func == "setValues":
            for r, line in enumerate(a["values"]):
                for c, v in enumerate(line):
                    cell = ws.cell(a["start_row"] + 1 + r, a["start_column"] + 1 + c)
                    if isinstance(v, str) and v.startswith("'"):  # Excel: text, the apostrophe is not stored
                        cell.value, cell.data_type = v[1:], "s"
                    elif isinstance(v, str) and v.startswith("="):
                        raise UnsupportedAction(f"a formula would be written: {v}")
                    else:
                        cell.value = None if v == "" else v
        elif func == "setRangeColor":
            for cell in _cells(ws, a):
                cell.fill = PatternFill("solid", start_color=args[0][1:]) if args[0] else PatternFill(None)
        elif func == "setRangeColors":
            cells = list(_cells(ws, a))
            colors = [color for line in args[0] for color in line]
            assert len(cells) == len(colors), "the colour matrix must match the range"
            for cell, color in zip(cells, colors):
                if color != "keep":
                    cell.fill = PatternFill("solid", start_color=color[1:].upper()) if color else PatternFill(None)
        elif func == "setFontProperty":
            prop, value = args
            if prop == "color":
                value = value[1:]
            elif prop not in ("bold", "italic", "size"):
                raise UnsupportedAction(f"setFontProperty {prop}")
            for cell in _cells(ws, a):
                f = cell.font
                fields = {"name": f.name, "size": f.size, "bold": f.bold, "italic": f.italic, "color": f.color}
                cell.font = Font(**{**fields, prop: value})
        elif func == "setNumberFormat":
            for cell in _cells(ws, a):
                cell.number_format = args[0]
        elif func == "setWrapText":
            for cell in _cells(ws, a):
                cell.alignment = Alignment(wrap_text=args[0], vertical=cell.alignment.vertical)
        elif func == "setColumnWidth":
            for col in range(a["start_column"] + 1, a["start_column"] + a["column_count"] + 1):
                ws.column_dimensions[get_column_letter(col)].width = args[0]
        elif func == "resizeTable":
            index, address = args
            name = list(ws.tables)[index]
            ws.tables[name].ref = address.replace("$", "")
        elif func == "sheetDelete":
            del book[ws.title]
        elif func == "addSheet":
            book.create_sheet(args[1], args[0])
        elif func == "addTable":
            address, _, style, name = args
            table = Table(displayName=name, ref=address.replace("$", ""))
            table.tableStyleInfo = TableStyleInfo(name=style, showRowStripes=True)
            ws.add_table(table)
        elif func == "setSheetVisibility":
            ws.sheet_state = "hidden" if args[0] == "Hidden" else "visible"
        elif func in ("setScreenUpdating", "setSheetAutofit"):
            pass  # nothing a file keeps (Excel fits the row heights itself)
        elif func == "alert":
            alerts.append(tuple(args))
        else:
            raise UnsupportedAction(func)
    book.save(path)
    return alerts
