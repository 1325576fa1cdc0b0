"""The published bokslut as one accessible, self-contained web page: inline CSS, the charts embedded as data
URIs, lang="sv", landmarks, headings in order, tables with a caption and header cells with a scope. Every
text goes through ``esc``."""
from __future__ import annotations

import base64
import html
import re

from ..styles import DOCUMENT_COLOURS, STATUS_COLOURS
from .publication import Figure, Heading, Items, Paragraph, Publication, Status, Table


def esc(text: object) -> str:
    """Text as the page shows it literally: no markup, entities or scripts from what a person typed."""
    return html.escape(str(text), quote=True)


def _anchor(text: str, taken: set[str]) -> str:
    base = re.sub(r"[^a-z0-9]+", "-", text.casefold().translate(str.maketrans("åäöé", "aaoe"))).strip("-") or "del"
    name, n = base, 2
    while name in taken:
        name, n = f"{base}-{n}", n + 1
    taken.add(name)
    return name


def _css() -> str:
    c = DOCUMENT_COLOURS
    statuses = "\n".join(f".status-{i} {{ color: #{colour}; }}" for i, colour in enumerate(STATUS_COLOURS.values()))
    return f"""
body {{ font-family: Calibri, "Segoe UI", Arial, sans-serif; color: #{c['text']}; background: #FFFFFF;
  line-height: 1.5; margin: 0; }}
header, main, footer, nav {{ max-width: 60rem; margin: 0 auto; padding: 0 1.25rem; }}
header {{ padding-top: 2rem; border-bottom: 3px solid #{c['header_fill']}; }}
h1, h2, h3, h4 {{ color: #{c['heading']}; line-height: 1.25; }}
h1 {{ font-size: 2.2rem; margin: 0 0 .25rem; }}
h2 {{ font-size: 1.6rem; margin-top: 2.5rem; border-bottom: 1px solid #{c['rule']}; }}
h3 {{ font-size: 1.2rem; margin-top: 1.75rem; }}
h4 {{ font-size: 1.05rem; }}
.subtitle {{ font-size: 1.15rem; margin: 0 0 .25rem; }}
.lead {{ font-size: 1.2rem; font-weight: bold; }}
.note {{ font-style: italic; color: #{c['muted']}; }}
nav ol {{ columns: 2; padding-left: 1.25rem; }}
a {{ color: #{c['link']}; }}
a:focus, a:hover {{ outline: 2px solid #{c['link']}; }}
.table-wrap {{ overflow-x: auto; margin: 1rem 0 1.5rem; }}
table {{ border-collapse: collapse; width: 100%; font-size: .95rem; }}
caption {{ text-align: left; font-weight: bold; padding: .25rem 0; }}
th, td {{ border: 1px solid #{c['rule']}; padding: .35rem .5rem; vertical-align: top; text-align: left; }}
thead th {{ background: #{c['header_fill']}; color: #FFFFFF; }}
tbody th {{ font-weight: normal; }}
.num {{ text-align: right; white-space: nowrap; }}
tr.total th, tr.total td {{ background: #{c['total_fill']}; font-weight: bold; }}
.status {{ font-weight: bold; white-space: nowrap; font-family: Calibri, "Segoe UI", Arial, "Segoe UI Symbol", "DejaVu Sans", sans-serif; }}
{statuses}
figure {{ margin: 1rem 0 1.5rem; }}
figure img {{ width: 100%; max-width: 46rem; height: auto; }}
figcaption {{ font-weight: bold; font-size: .95rem; }}
footer {{ margin-top: 3rem; padding-top: 1rem; padding-bottom: 2rem; border-top: 1px solid #{c['rule']};
  font-size: .9rem; }}
@media print {{ nav {{ display: none; }} h2 {{ break-before: page; }} }}
"""


def _part(part, status_class: dict[str, int]) -> str:
    if isinstance(part, Status):
        return f'<span class="status status-{status_class.get(part.status, 0)}">{esc(part.text)}</span>'
    return esc(part)


def _table(block: Table, number: int, status_class: dict[str, int]) -> str:
    num = {c: ' class="num"' for c in block.numeric}
    head = "".join(f'<th scope="col"{num.get(c, "")}>{esc(h)}</th>' for c, h in enumerate(block.header))
    body = []
    for r, row in enumerate(block.rows):
        total = block.total and r == len(block.rows) - 1
        cells = []
        for c, cell in enumerate(row):
            content = "<br>".join(_part(p, status_class) for p in cell)
            align = num.get(c, "")
            cells.append(f'<th scope="row"{align}>{content}</th>' if c == 0 else f"<td{align}>{content}</td>")
        row_class = ' class="total"' if total else ""
        body.append(f'<tr{row_class}>{"".join(cells)}</tr>')
    return (f'<div class="table-wrap"><table><caption>Tabell {number}. {esc(block.caption)}</caption>'
            f'<thead><tr>{head}</tr></thead><tbody>{"".join(body)}</tbody></table></div>')


def page(pub: Publication) -> str:
    """The page's HTML. Headings move one level down: the page's h1 is the title."""
    status_class = {status: i for i, status in enumerate(STATUS_COLOURS)}
    taken: set[str] = set()
    toc, out = [], []
    tables = figures = 0
    section_open = False
    for block in pub.blocks:
        if isinstance(block, Heading):
            if block.level == 1:
                if section_open:
                    out.append("</section>")
                anchor = _anchor(block.text, taken)
                toc.append(f'<li><a href="#{anchor}">{esc(block.text)}</a></li>')
                out.append(f'<section aria-labelledby="{anchor}"><h2 id="{anchor}">{esc(block.text)}</h2>')
                section_open = True
            else:
                out.append(f"<h{block.level + 1}>{esc(block.text)}</h{block.level + 1}>")
        elif isinstance(block, Paragraph):
            role = f' class="{block.role}"' if block.role else ""
            out.append(f"<p{role}>{esc(block.text)}</p>")
        elif isinstance(block, Items):
            out.append("<ul>" + "".join(f"<li>{esc(item)}</li>" for item in block.items) + "</ul>")
        elif isinstance(block, Table):
            tables += 1
            out.append(_table(block, tables, status_class))
        elif isinstance(block, Figure):
            figures += 1
            data = base64.b64encode(block.png).decode("ascii")
            out.append(f'<figure><img src="data:image/png;base64,{data}" alt="{esc(block.alt)}">'
                       f"<figcaption>Figur {figures}. {esc(block.caption)}</figcaption></figure>")
    if section_open:
        out.append("</section>")
    subtitle = "".join(f'<p class="subtitle">{esc(line)}</p>' for line in pub.subtitle)
    return f"""<!DOCTYPE html>
<html lang="sv">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="author" content="{esc(pub.author)}">
<title>{esc(pub.title)}</title>
<style>{_css()}</style>
</head>
<body>
<header>
<h1>{esc(pub.heading)}</h1>
{subtitle}
</header>
<nav aria-label="Innehåll">
<h2>Innehåll</h2>
<ol>{"".join(toc)}</ol>
</nav>
<main>
{chr(10).join(out)}
</main>
<footer>
<p>{esc(pub.title)}. Skrivet med xlbokslut ur förbundets arbetsbok.</p>
</footer>
</body>
</html>
"""
