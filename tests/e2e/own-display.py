#!/usr/bin/env python3
"""Runs a GUI test on a display and a session bus of its own.

The end-to-end tests type keys and move the focus: two on one display take
each other's focus.  Each one gets its own Xvfb and its own session bus
(and so its own accessibility bus), so that meson can run two of them, or
one beside the other tests, at the same time.  Xvfb picks a free display
number itself and says it on -displayfd: no race between two tests asking
for the same number, as xvfb-run -a has.

Usage: own-display.py PROGRAM [ARGUMENT…]; exits with the program's status.
"""
import os
import shutil
import signal
import subprocess
import sys


def start_announcing(argv, what, fd_arguments, **popen):
    """Starts @argv, which writes one line on the file descriptor that
    @fd_arguments (formats taking its number) name: Xvfb its display
    number, dbus-daemon its address.  The process and the line; bails out
    when nothing comes."""
    read_end, write_end = os.pipe()
    process = subprocess.Popen(argv + [a % write_end if "%d" in a else a for a in fd_arguments],
                               pass_fds=(write_end,), **popen)
    os.close(write_end)
    line = b""
    with os.fdopen(read_end, "rb") as pipe:
        while not line.endswith(b"\n"):
            chunk = pipe.read(1)
            if not chunk:
                break
            line += chunk
    if not line.strip():
        process.kill()
        process.wait()
        print("Bail out! %s did not start" % what, flush=True)
        sys.exit(1)
    return process, line.decode().strip()


def start_xvfb():
    server, number = start_announcing(["Xvfb", "-screen", "0", "1280x1024x24", "-nolisten", "tcp", "-noreset"],
                                      "Xvfb", ["-displayfd", "%d"], stdout=subprocess.DEVNULL,
                                      stderr=subprocess.DEVNULL)
    return server, ":" + number


def start_session_bus(env):
    """A session bus of our own.  Not dbus-run-session: the services the
    bus starts (the accessibility registry among them) inherit its
    standard output, and the registry's "SpiRegistry daemon is running"
    would land in the test's TAP.  Here their output goes to standard
    error."""
    return start_announcing(["dbus-daemon", "--session", "--nofork"], "dbus-daemon", ["--print-address=%d"],
                            env=env, stdout=sys.stderr, stderr=sys.stderr)


def stop(process):
    process.send_signal(signal.SIGTERM)
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def main():
    if len(sys.argv) < 2:
        print(__doc__, file=sys.stderr)
        return 2
    if shutil.which("Xvfb") is None:
        # Without Xvfb, on the display there is (one test at a time), or
        # skipped as TAP says.
        if not os.environ.get("DISPLAY"):
            print("1..0 # SKIP neither Xvfb nor a display", flush=True)
            return 0
        return subprocess.call(sys.argv[1:])
    server, display = start_xvfb()
    env = dict(os.environ, DISPLAY=display)
    # The outer session's buses are not this test's.
    for name in ("DBUS_SESSION_BUS_ADDRESS", "AT_SPI_BUS_ADDRESS", "WAYLAND_DISPLAY", "XAUTHORITY"):
        env.pop(name, None)
    try:
        bus, address = start_session_bus(env)
        try:
            env["DBUS_SESSION_BUS_ADDRESS"] = address
            return subprocess.call(sys.argv[1:], env=env)
        finally:
            stop(bus)
    finally:
        stop(server)


if __name__ == "__main__":
    sys.exit(main())
