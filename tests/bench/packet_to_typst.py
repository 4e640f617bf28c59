#!/usr/bin/env python3
"""A Typst document of a Shenbao packet, equivalent to the PDF's content.

Only for the PDF benchmark: `typst compile` makes a PDF of this so that its
time and memory can be set beside shenbao-tool render (and Chromium, which
prints packet_to_html.py's HTML of the same packet) on the same packet.
Usage: packet_to_typst.py DEFINITION.json PACKET.json > OUT.typ

The same content as packet_to_html.py, in the same order: the cover facts
(title, regulation, reference number, submission date, status, form
version, integrity hash), every step on a new page with its fields as
label / value (a two-column grid, labels in bold, 30 % / 70 %), each table
as a `#table` with a numbered first column and a grey header row, the
materials (field, file, size, SHA-256) and the findings of the rules.
A4, margins 25/24/22/22 mm, Noto Sans CJK SC 10.5 pt (tables 9 pt) from the
font files of fonts-noto-cjk (the benchmark passes their directory with
--font-path); Shenbao draws with the same files.

How it differs from Shenbao's PDF:
- Typst 0.10 (the npm CLI) cannot repeat a table's header on the next page
  (table.header arrived in 0.11).  So that it draws as many header rows as
  Shenbao does, a table is written as consecutive tables of at most
  ROWS_PER_TABLE rows, each with the header (about a page of 9 pt rows);
  the header then falls near, not at, the top of each page.
- No QR code, no embedded packet (Shenbao attaches the packet's JSON and
  writes PDF/A-3b metadata and an ICC profile), no page footers with the
  reference, no declaration boxes: Typst's document is a little lighter.
- A wide table is split into narrower tables as Shenbao splits it, each
  repeating the row number and the first column, but by the count of its
  columns (COLUMNS_PER_PART) rather than by their measured widths; Typst
  sizes the columns itself.  Values are shown as written in the packet
  (units after numbers, 是/否), not by Shenbao's field format.
"""
import json
import sys

ROWS_PER_TABLE = 30
# As Shenbao prints a wide table: several narrower tables, each repeating the
# row number and the first column (Shenbao splits by the columns' widths,
# about six to a part; this by their count).
COLUMNS_PER_PART = 6

PREAMBLE = """#set document(title: %(title)s)
#set page(paper: "a4", margin: (top: 25mm, bottom: 24mm, left: 22mm, right: 22mm))
#set text(font: "Noto Sans CJK SC", size: 10.5pt, lang: "zh", region: "cn")
#set par(justify: false)
#show heading.where(level: 1): it => block(below: 8pt, text(size: 13.5pt, weight: "bold", it.body)) + line(length: 100%%, stroke: 0.5pt)
#show heading.where(level: 2): it => block(above: 10pt, below: 6pt, text(size: 11.5pt, weight: "bold", it.body))
#let field(label, value) = grid(columns: (30%%, 70%%), column-gutter: 4pt, strong(label), value)
#let datatable(columns, header, rows) = text(size: 9pt, table(
  columns: columns,
  stroke: 0.5pt + rgb("#555555"),
  inset: 3pt,
  fill: (_, y) => if y == 0 { rgb("#eeeeee") },
  ..header.map(strong),
  ..rows.flatten(),
))
"""


def string(value):
    """A Typst string literal: shown as the text it holds, nothing in it is markup."""
    escaped = str(value).replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r").replace("\t", "\\t")
    return '"%s"' % escaped


def fmt(field, value):
    if value is None:
        return "—"
    kind = field.get("type")
    if kind == "boolean":
        return "是" if value else "否"
    if kind in ("decimal", "integer") and field.get("unit"):
        return "%s %s" % (value, field["unit"])
    if kind == "multichoice":
        return "、".join(value)
    if kind == "attachment":
        return "；".join(item.get("name", "?") for item in value)
    return str(value)


def table(out, header, rows):
    """Consecutive tables of ROWS_PER_TABLE rows, each with @header."""
    columns = len(header)
    header_code = "(%s)" % ", ".join(string(h) for h in header)
    for start in range(0, max(len(rows), 1), ROWS_PER_TABLE):
        chunk = rows[start:start + ROWS_PER_TABLE]
        rows_code = ", ".join("(%s,)" % ", ".join(string(cell) for cell in row) for row in chunk)
        out.append("#datatable(%d, %s, (%s))\n" % (columns, header_code, rows_code + "," if chunk else ""))


def main():
    with open(sys.argv[1], encoding="utf-8") as f:
        definition = json.load(f)
    with open(sys.argv[2], encoding="utf-8") as f:
        packet = json.load(f)

    fields = {field["id"]: field for field in definition["fields"]}
    answers = packet.get("answers", {})
    title = definition["title"]["zh_CN"]
    regulation = definition["regulation"]
    out = [PREAMBLE % {"title": string(title)}]

    out.append("#v(40pt)\n#align(center, text(size: 18pt, weight: \"bold\", %s))\n" % string(title))
    out.append("#text(size: 8.5pt, %s)\n#v(24pt)\n" % string("依据：%s（%s）" % (regulation["title"], regulation["document_no"])))
    for label, value in (("申请编号", packet.get("reference", "")),
                         ("申请日期", packet.get("submission_date") or "—"),
                         ("状态", "草稿（不能作为正式申请提交）" if packet.get("status") == "draft" else "定稿"),
                         ("表单版本", packet.get("form", {}).get("version", ""))):
        out.append("#field(%s, %s)\n" % (string(label), string(value)))
    out.append("#v(20pt)\n#text(size: 8.5pt, %s)\n" %
               string("申请包完整性校验值（SHA-256）\n" + packet.get("integrity", {}).get("hash", "")))

    for step in definition["steps"]:
        out.append("#pagebreak()\n#heading(level: 1, %s)\n" % string(step["title"]["zh_CN"]))
        for field_id in step["fields"]:
            field = fields[field_id]
            if field_id not in answers:
                continue
            if field["type"] == "table":
                columns = field["columns"]
                out.append("#heading(level: 2, %s)\n" % string(field["label"]["zh_CN"]))
                parts = [columns] if len(columns) <= COLUMNS_PER_PART + 1 else \
                    [columns[:1] + columns[i:i + COLUMNS_PER_PART - 1]
                     for i in range(1, len(columns), COLUMNS_PER_PART - 1)]
                for part in parts:
                    table(out, ["序号"] + [c["label"]["zh_CN"] for c in part],
                          [[str(number)] + [fmt(c, row.get(c["id"])) for c in part]
                           for number, row in enumerate(answers[field_id], 1)])
            else:
                out.append("#field(%s, %s)\n" % (string(field["label"]["zh_CN"]), string(fmt(field, answers[field_id]))))

    out.append("#pagebreak()\n= 材料清单\n")
    table(out, ["材料", "文件", "大小", "SHA-256"],
          [[a.get("field", ""), a.get("name", ""), a.get("size", ""), a.get("sha256", "")]
           for a in packet.get("attachments", [])])
    out.append("= 校验结果\n")
    for finding in packet.get("validation", []):
        out.append("#par[#strong(%s)：#%s]\n" % (string(finding.get("rule", "")), string(finding.get("message", ""))))
    sys.stdout.write("".join(out))


if __name__ == "__main__":
    main()
