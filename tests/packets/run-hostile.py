#!/usr/bin/env python3
"""Every hostile packet through shenbao-tool, as a reviewer's machine meets
it: under a 2 GB address-space limit and a generous hang timeout, each file
is refused (or reported as not verified) with a message, the tool neither
crashes nor hangs, and nothing from the packet reaches the terminal as a
control or bidi character.  Prints TAP.

Usage: run-hostile.py  (SHENBAO_TOOL, SHENBAO_TEST_FIXTURES from meson)
"""
import os
import re
import signal
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import hostile_corpus  # noqa: E402

TOOL = os.environ["SHENBAO_TOOL"]
ADDRESS_SPACE = 2000000000
HANG_TIMEOUT = 300
# C0 but \n and \t, DEL, C1 (as UTF-8), and the bidi and separator marks.
RAW_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f\x80-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]")

results = []


def check(name, ok, detail=""):
    results.append((name, bool(ok), detail))


def run_limited(args, data_dir):
    env = dict(os.environ, SHENBAO_DATA_DIR=data_dir)
    command = ["prlimit", "--as=%d" % ADDRESS_SPACE, "--"] + [TOOL] + args
    try:
        done = subprocess.run(command, capture_output=True, env=env, timeout=HANG_TIMEOUT)
    except subprocess.TimeoutExpired:
        return None
    return done


def examine(label, args, data_dir, accept_verified=False):
    done = run_limited(args, data_dir)
    if done is None:
        check("%s: finishes within %d s" % (label, HANG_TIMEOUT), False)
        return
    output = done.stdout.decode("utf-8", "replace") + done.stderr.decode("utf-8", "replace")
    if done.returncode < 0:
        check("%s: no crash" % label, False, "killed by %s\n%s" % (signal.Signals(-done.returncode).name, output[-2000:]))
        return
    verdict_ok = done.returncode in (1, 2) or (accept_verified and done.returncode == 0)
    check("%s: refused or not verified (exit %d)" % (label, done.returncode), verdict_ok, output[-2000:])
    check("%s: says why" % label, done.returncode == 0 or len(output.strip()) > 0, output[-2000:])
    bad = RAW_CONTROL.search(output)
    check("%s: no raw control or bidi character on the terminal" % label, bad is None,
          "" if bad is None else "U+%04X at %d: %r" % (ord(bad.group()), bad.start(), output[max(0, bad.start() - 80):bad.start() + 80]))


def main():
    with tempfile.TemporaryDirectory() as tmp:
        data_dir = os.path.join(tmp, "data")
        hostile_corpus.make_data_dir(data_dir)
        out_dir = os.path.join(tmp, "corpus")
        os.mkdir(out_dir)
        files = hostile_corpus.stored() + hostile_corpus.generated(TOOL, data_dir, out_dir)
        good = os.path.join(out_dir, "good.sbpkt.json")
        for name, path in files:
            # A packet with escapes behind a genuine hash may verify: its
            # answers are the applicant's; the terminal must still be safe.
            lenient = name.startswith("escapes-behind-hash")
            for command in (["validate"], ["validate", "--json"], ["review", "--today", "2024-03-20"]):
                examine("%s %s" % (" ".join(command), name), command + [path], data_dir, accept_verified=lenient)
            examine("diff good %s" % name, ["diff", good, path], data_dir, accept_verified=lenient)
            if name.endswith(".pdf"):
                examine("verify %s" % name, ["verify", path], data_dir)

    print("1..%d" % len(results))
    for i, (name, ok, detail) in enumerate(results, 1):
        print("%s %d - %s" % ("ok" if ok else "not ok", i, name))
        if not ok and detail:
            for line in detail.splitlines()[:30]:
                print("# " + line)
    return 0 if all(ok for _, ok, _ in results) else 1


if __name__ == "__main__":
    sys.exit(main())
