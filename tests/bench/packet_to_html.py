#!/usr/bin/env python3
"""An HTML rendering of a Shenbao packet, equivalent to the PDF's content.

Only for the PDF benchmark: Chromium prints this to PDF so that its time
and memory can be set beside shenbao-tool render on the same packet.
Usage: packet_to_html.py DEFINITION.json PACKET.json > OUT.html
"""
import html
import json
import sys

CSS = """
@page { size: A4; margin: 25mm 22mm 24mm 22mm; }
body { font-family: 'Noto Sans CJK SC', sans-serif; font-size: 10.5pt; }
h1 { text-align: center; font-size: 18pt; }
h2 { font-size: 13.5pt; border-bottom: 1px solid #000; page-break-after: avoid; }
h3 { font-size: 11.5pt; }
.field { display: flex; margin: 4pt 0; }
.field .label { width: 30%; font-weight: bold; }
.field .value { width: 70%; white-space: pre-wrap; }
table { width: 100%; border-collapse: collapse; font-size: 9pt; }
thead { display: table-header-group; }
tr { page-break-inside: avoid; }
th, td { border: 0.5pt solid #555; padding: 3pt; text-align: left; vertical-align: top; }
th { background: #eee; }
.section { page-break-before: always; }
.small { font-size: 8.5pt; }
"""


def text(value):
    return html.escape(str(value))


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


def main():
    with open(sys.argv[1], encoding="utf-8") as f:
        definition = json.load(f)
    with open(sys.argv[2], encoding="utf-8") as f:
        packet = json.load(f)

    fields = {field["id"]: field for field in definition["fields"]}
    answers = packet.get("answers", {})
    out = ["<!DOCTYPE html><html lang='zh-CN'><head><meta charset='utf-8'><style>%s</style></head><body>" % CSS]
    out.append("<h1>%s</h1>" % text(definition["title"]["zh_CN"]))
    regulation = definition["regulation"]
    out.append("<p class='small'>依据：%s（%s）</p>" % (text(regulation["title"]), text(regulation["document_no"])))
    out.append("<div class='field'><div class='label'>申请编号</div><div class='value'>%s</div></div>"
               % text(packet.get("reference", "")))
    out.append("<p class='small'>%s</p>" % text(packet.get("integrity", {}).get("hash", "")))

    for step in definition["steps"]:
        out.append("<div class='section'><h2>%s</h2>" % text(step["title"]["zh_CN"]))
        for field_id in step["fields"]:
            field = fields[field_id]
            if field_id not in answers:
                continue
            if field["type"] == "table":
                columns = field["columns"]
                out.append("<h3>%s</h3><table><thead><tr><th>序号</th>" % text(field["label"]["zh_CN"]))
                out.extend("<th>%s</th>" % text(c["label"]["zh_CN"]) for c in columns)
                out.append("</tr></thead><tbody>")
                for number, row in enumerate(answers[field_id], 1):
                    out.append("<tr><td>%d</td>" % number)
                    out.extend("<td>%s</td>" % text(fmt(c, row.get(c["id"]))) for c in columns)
                    out.append("</tr>")
                out.append("</tbody></table>")
            else:
                out.append("<div class='field'><div class='label'>%s</div><div class='value'>%s</div></div>"
                           % (text(field["label"]["zh_CN"]), text(fmt(field, answers[field_id]))))
        out.append("</div>")

    out.append("<div class='section'><h2>材料清单</h2><table><thead><tr><th>材料</th><th>文件</th><th>大小</th>"
               "<th>SHA-256</th></tr></thead><tbody>")
    for attachment in packet.get("attachments", []):
        out.append("<tr><td>%s</td><td>%s</td><td>%s</td><td class='small'>%s</td></tr>"
                   % (text(attachment.get("field", "")), text(attachment.get("name", "")),
                      text(attachment.get("size", "")), text(attachment.get("sha256", ""))))
    out.append("</tbody></table><h2>校验结果</h2>")
    for finding in packet.get("validation", []):
        out.append("<p><b>%s</b>：%s</p>" % (text(finding.get("rule", "")), text(finding.get("message", ""))))
    out.append("</div></body></html>")
    sys.stdout.write("".join(out))


if __name__ == "__main__":
    main()
