#!/usr/bin/env python3
"""Benchmark: shenbao-tool validate over 1,000 packets in one run.

Packs the complete application of each procedure (tests/fixtures/*/), writes
1,000 packet files (the three procedures in turn, each file a copy of its
procedure's packet: a packet's reference and hash are sealed, so copies are
what an office receiving many files sees per form), then times one
`shenbao-tool validate --json` over all of them: every file is read as
untrusted input, its hash and every attached file's hash checked, its form
looked up and all rules evaluated again.

`--command review` times `shenbao-tool review --json` over the same files
instead (verification, rules, citations and the working-day deadlines).

Figures are printed by the wall clock and by the process's own processor
time (user + system): on a machine shared with other work the wall clock
grows with the load, the processor time much less; "on one core" is the
latter.

Where the time goes (perf record --call-graph dwarf over 900 packets,
share of the samples; callgrind agrees but counts nettle's SHA-256 in C,
since valgrind hides the SHA instructions):
  before (588 packets/s in the issue; 1.55 s CPU for 900 here):
    JSON parse 27% (json-glib's parser 22%, the strict scan 5%),
    canonical serialization + SHA-256 19% (serialized twice: integrity
    11%, reference 8%; GLib's SHA-256 about 17% of the instructions),
    sb_answers_set_json 12% (a deep copy of the answers 7%), the answers'
    size check 10% (a quoted JSON path built with printf for every value),
    attached files 7% (base64, SHA-256, names), freeing the trees 5%,
    rules 5%, reading the files 4%, the registry 4% (once).
  after (one serialization for integrity and reference, hashed while it
  is written with nettle's SHA-256 on the CPU's SHA instructions; the
  path written only for a message; 1.33 s CPU for 900):
    JSON parse 30% (json-glib 25%, strict scan 5%), sb_answers_set_json
    16% (deep copy 7%), serialization + hashing 9% (SHA-256 2%), freeing
    the trees 8%, attached files 8%, rules 6%, reading the files 4%,
    attachment descriptors 4%, size check 2%, printing the JSON 2%.
  now: the strict scanner builds the JsonNode tree in its
  own pass instead of handing the bytes to json-glib's parser again, the
  answers take a packet's tree without copying it, and an executable
  name is recognised by its last extension.  callgrind over 150 packets:
  3,729 million instructions before, 2,745 million after the first two
  (json-glib's parser 1,065 M and the strict scan 250 M became one scan
  of 641 M; the deep copy, 496 M, is gone), 2,677 million with the
  extension compared once (153 M became 85 M); with the same output (--peer:
  "the same output: yes" for validate and review).  Processor time on a
  machine loaded 10 to 30 deep on 2 cores: 1.43-1.56x the peer's in the
  same run (395 packets/s against 275), far below the unloaded figure.
  Where the time goes now (perf record --call-graph dwarf over 450
  packets): the scan that builds the tree 24% (of it json-glib's objects:
  json_object_set_member 6%, malloc and GSlice 10%), freeing the packet's
  tree 10%, reading the answers into their slots 10% (read_row 6%), rules
  9.5%, reading the files 9%, serialization + SHA-256 9%, attached files
  8%, the attachment descriptors 4%.
  What remains: json-glib's tree itself.  Each object is a GHashTable, a
  member list and a strdup'ed name per member, each value a JsonNode;
  building it, reading it and freeing it is over 40% now, and 2,000/s
  needs about a third of today's time per packet: a tree of our own
  (one arena per packet, members in a sorted array) read by the packet
  checks, the answers and the serializer, instead of JsonNode.

Session of 2026-12-03 (release build, `meson setup _rel
--buildtype=release`; perf record --call-graph dwarf over all 1,000
packets, share of the samples, and callgrind over 200 for the calls):
  before (685 packets/s of processor time here, 1.46 s for 1,000):
    JSON parsing: the strict scan building json-glib's tree 21%, and
    freeing that tree 8%;
    canonical serialisation 9% and SHA-256 3.5% (nettle, SHA-NI);
    the answers read into their slots 10.5% (each table row's members
    listed and compared with every column: 487,000 strcmp for 200
    packets);
    rule evaluation 10.4% (split() compiled its GRegex at each call);
    attachment checks 13.4%: the attached files 8.5% (base64, SHA-256,
    the name checks) and the descriptors in the answers 4.9%; every file
    name was folded with g_utf8_strdown three times (3.3% of the
    instructions) and quoted for a message that was never shown;
    reading the files 4%; output writing (the JSON array) 3%;
    definition loading and expression compiling, once per run: 0.7%;
    process start and the rest about 5% (30 ms for a run of one packet,
    the registry included).
    By library: libc 31% (malloc, free, strcmp), GLib 29% (GSlice, hash
    tables), json-glib 7%, our code 17%, the kernel 7%: most of it is
    json-glib's tree (a GHashTable, a member list and a copied name per
    object, a JsonNode per value), made, read and freed per packet.
  changed:
    hashing while parsing: the scan notes whether the text inside the
    root is already canonical (no space, members in order, only the
    writer's escapes, whole numbers) and where the root's members are;
    a packet as Shenbao writes it is then hashed from its own bytes,
    integrity and reference in one pass, without serialising the tree
    (any other text is serialised as before; /json-reader/canonical-text
    and fuzz-json-reader check that a text called canonical is exactly
    the serializer's bytes, with the same digests);
    the serializer keeps its JSON path as a chain of steps written out
    only for an error, and sorts small objects on the stack;
    a row's members are listed only when one is not a column, and a file
    description's only when one is not a key;
    file names quoted only for a message; an executable ending compared
    on the plain ASCII extension (the Unicode folding only for the rest);
    split()'s separators compiled once per process;
    the JSON output copied a run at a time, not a character at a time.
  after (--peer with a release build of 9b0eea3, turns about, 7 runs,
  load average 3.0-3.1 on 2 cores, so the wall clock is inflated):
  validate 842 against 662 packets/s of processor time (1.27x), peak RSS
  50.7 MiB both; review 807 against 645 (1.25x), 59.0 against 59.1 MiB;
  the same output.  The
  output is also byte for byte the same for the fixtures and
  tests/packets (tests/bench/compare-tool-output.py --peer OLD).
    Now: the scan building json-glib's tree 25%, rules 12%, the answers
    10%, freeing the tree 9%, attachments 11% (SHA-256 of all bytes 4%),
    reading the files 5%, output 3.6%.
  What remains, and why 2,000/s is not met: json-glib's tree costs about
  40% (building 25%, freeing 9%, its lookups in the readers); a tree of
  our own (one arena per packet, members in a sorted array) would take
  perhaps 25-30% off, about 1,100-1,200 packets/s.  2,000/s is 0.5 ms a
  packet against 1.2 ms now; the rules, the attached files' base64 and
  SHA-256, reading the files and the output alone take about 0.35 ms, so
  it needs the answers read straight from the scan as well (no JSON tree
  at all on this path): the packet reader, the answers, the attachment
  and descriptor checks and the signature path rewritten together.  Not
  safe to do within one session; the hostile-packet limits (depth, size,
  members, values) would have to be carried over and fuzzed again.

Session of 2026-12-04 (the debugoptimized build of `meson setup _build`;
callgrind over the first 150 of the 1,000 packets, and perf record
--call-graph dwarf -F 4000 over all 1,000; the machine loaded 8-13 deep
on 2 cores by other work, so only instruction counts compare well):
  before (c4d0f80): 2,331 million instructions, of which 574 M are
  valgrind's plain-C SHA-256 (the process itself uses SHA-NI: 3% of
  perf's samples), so 1,756 M of real work.  perf, share of the samples:
  the scan building json-glib's tree 23.5% (json_object_set_member 4.4%,
  g_slice_alloc 5.7% self), rules 14%, the answers into their slots 9.9%,
  freeing the tree 9.4%, the answers' size check 4.7%, attached files
  6.7%, descriptors 5%, reading the file 5.7% (nearly all of it
  malloc_consolidate: the first large malloc after a tree was freed
  merges its thousands of small chunks; reading with one read() instead
  of GIO's 8 KiB steps was tried and saved 0.3%, so it was left out).
  By function family: malloc, free and GSlice about a third of the time.
  changed:
    the UTF-8 check takes ASCII eight bytes at a time and hands the rest
    to g_utf8_validate() (the scan's check was 68 M, now 42 M less;
    /json-reader/utf8-like-glib checks the same refusals at the same
    place over 20,000 random texts);
    the string scan skips plain bytes (no quote, backslash, control) a
    word at a time (91 M -> 76 M);
    an object whose names are already in ascending order (every object
    of a canonical packet) is not sorted to find duplicates (34 M ->
    1.6 M);
    sb_json_check_members() answers with one lookup per allowed name
    when as many of them are there as the object has members (the
    attachments' 30 M -> 9 M);
    the answers' size check finds a cell's column starting after the
    last one found, and an executable ending is compared from its first
    letter (strcmp over 57 endings for each of 21,450 names: 50 M ->
    19 M).
  after: 2,191 M instructions (-6.0%; -7.9% of the real work, 1,756 ->
  1,617 M): sb_packet_new_from_bytes 1,813 -> 1,676 M, the scan 661 ->
  575 M, the attached files 242 -> 211 M; the same output
  (compare-tool-output.py --peer: 288 runs compared, all the same;
  --peer here: "the same output: yes"), peak RSS unchanged (50.7 MiB).
  Processor time over the 1,000 packets at load 13: 2,336 against the
  peer's 2,326 ms in the same run (428 and 430 packets/s): the saving is
  below what that load lets one see, which is why the instructions are
  given.  review at load 17: 2,257 against 2,333 ms (443 and 429
  packets/s), the same output; peak RSS 59-61 MiB for both builds over
  repeated runs (it varies by a MiB from run to run).
  Where the time goes now (perf, 1,000 packets): building the tree
  24% (g_slice_alloc 9% self, json_object_set_member 6.7%,
  _int_malloc), freeing it 14.8% (json_node_unref 14%), rules 12.4%,
  the answers into their slots 11.3%, attached files 6.4%, the size
  check 5% (walking json-glib's hash tables: cache misses callgrind does
  not count), descriptors 4.7%, malloc_consolidate 4.4%, SHA-256 2.7%,
  output 2.5%.
  What remains, and why 2,000/s is not met: json-glib's tree itself,
  built, walked and freed once per packet, is about half of the time
  (24% + 15% + the walks in the readers), and a third of all time is
  the allocator serving it (a GHashTable, a GQueue and a copied name per
  object, a JsonNode and a copied string per value: about 8,000
  allocations a packet).  No change that keeps JsonNode removes that:
  json-glib 1.6 has no call that adds a member without hashing its name
  three times and copying it, and GSlice cannot be turned off from
  inside the process (G_SLICE is read when GLib loads).  2,000/s needs
  the tree of our own the notes above describe (one arena per packet,
  members in a sorted array), read by the packet reader, the answers
  (SbAnswers keeps a JsonObject and reads every value from it), the
  attachment and descriptor checks and the signature path: those
  readers rewritten together, the JsonNode tree built only when a
  caller asks for it (sb_packet_to_bytes, the signature block, an
  edit), and the hostile limits fuzzed again on the new tree.

Prints figures only.  Usage:
  tests/bench/bench-validate-packets.py [--build DIR] [--count N] [--runs N] [--command validate|review]
                                        [--peer OTHER/shenbao-tool]
With --peer, an earlier build (say, of the last commit before a change)
is timed in turn on the same files, and both outputs are compared.
"""
import argparse
import glob
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from bench_common import find_tool, tool_env  # noqa: E402


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--build")
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--command", choices=["validate", "review"], default="validate")
    parser.add_argument("--peer", help="another shenbao-tool (an earlier build) timed in turn on the same files")
    options = parser.parse_args()

    tool = find_tool(options.build, "bench-validate-packets")
    env = tool_env(tool)
    fixtures = os.path.join(ROOT, "tests", "fixtures")

    with tempfile.TemporaryDirectory() as tmp:
        packets = []
        for expected_path in sorted(glob.glob(os.path.join(fixtures, "*", "complete.expected.json"))):
            form = os.path.basename(os.path.dirname(expected_path))
            with open(expected_path, encoding="utf-8") as f:
                expected = json.load(f)
            out = os.path.join(tmp, form + ".sbpkt.json")
            result = subprocess.run([tool, "pack", "--form", form, "--date", expected["date"],
                                     "--files", os.path.join(fixtures, "files"),
                                     "--created", "2024-01-02T03:04:05Z", "--finalised", "2024-01-02T03:04:06Z",
                                     os.path.join(os.path.dirname(expected_path), "complete.json"), "-o", out],
                                    env=env, capture_output=True, text=True)
            if result.returncode != 0:
                sys.exit("bench-validate-packets: packing %s failed: %s" % (form, result.stderr.strip()))
            packets.append(out)

        batch = os.path.join(tmp, "batch")
        os.mkdir(batch)
        files = []
        for i in range(options.count):
            source = packets[i % len(packets)]
            target = os.path.join(batch, "%04d-%s" % (i, os.path.basename(source)))
            shutil.copyfile(source, target)
            files.append(target)
        total_bytes = sum(os.path.getsize(f) for f in files)

        tools = [("this build", tool)] + ([("peer", options.peer)] if options.peer else [])
        figures = {name: ([], [], []) for name, _ in tools}
        outputs = {}
        # Turn about, so that both meet the same load on a shared machine.
        for _ in range(options.runs):
            for name, path in tools:
                times, cpus, peaks = figures[name]
                elapsed, cpu, peak, out = run(path, options.command, files, env)
                times.append(elapsed)
                cpus.append(cpu)
                peaks.append(peak)
                outputs[name] = out

    print("shenbao-tool %s over %d packets (%s; %.1f MiB in all), %d runs" %
          (options.command, options.count, ", ".join(os.path.basename(p).split(".")[0] for p in packets),
           total_bytes / 2**20, options.runs))
    print("  (CPU: the process's own user + system time, \"on one core\"; the other work on this machine"
          " inflates it less than the wall clock)")
    for name, path in tools:
        times, cpus, peaks = figures[name]
        median, cpu = statistics.median(times), statistics.median(cpus)
        print("  %-10s wall median %5.0f ms (%5.0f packets/s)   CPU %5.0f ms (%5.0f packets/s on one core)   "
              "peak RSS %5.1f MiB   runs %s ms" %
              (name, median, options.count / (median / 1000), cpu, options.count / (cpu / 1000), max(peaks),
               ", ".join("%.0f" % t for t in times)))
    if options.peer:
        ours, peer = figures["this build"], figures["peer"]
        print("  ratio      %.2fx the peer's wall clock, %.2fx its processor time; the same output: %s" %
              (statistics.median(peer[0]) / statistics.median(ours[0]),
               statistics.median(peer[1]) / statistics.median(ours[1]),
               "yes" if outputs["this build"] == outputs["peer"] else "NO"))
    cpu = statistics.median(figures["this build"][1])
    print("  goal >= 2,000 packets/s on one core: %s (%.0f)" %
          ("met" if options.count / (cpu / 1000) >= 2000 else "NOT met", options.count / (cpu / 1000)))
    print("  load average %.2f %.2f %.2f on %d cores" % (os.getloadavg() + (os.cpu_count(),)))


def run(tool, command, files, env):
    start = time.perf_counter()
    process = subprocess.Popen([tool, command, "--json"] + files, env=env,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    out, err = process.stdout.read(), process.stderr.read()
    # wait4 gives the child's own resource usage, peak RSS included.
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = (time.perf_counter() - start) * 1000
    returncode = os.waitstatus_to_exitcode(status)
    if returncode != 0:
        sys.exit("bench-validate-packets: %s %s exited %d: %s" % (tool, command, returncode, err.decode()[:500]))
    results = json.loads(out)
    if len(results) != len(files) or not all(r.get("verified") for r in results):
        sys.exit("bench-validate-packets: not every packet verified by %s" % tool)
    return elapsed, (usage.ru_utime + usage.ru_stime) * 1000, usage.ru_maxrss / 1024, out


if __name__ == "__main__":
    main()
