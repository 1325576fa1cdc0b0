"""The board's report: a formatted results workbook and a written summary, built from an Evaluation."""
