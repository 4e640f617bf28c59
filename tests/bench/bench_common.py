"""What the benchmark scripts share."""
import glob
import os
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def find_tool(build, bench):
    """shenbao-tool of the build folder @build, or of the newest build in
    the source tree; exits with a message naming @bench when there is none."""
    candidates = [os.path.join(build, "app", "tool", "shenbao-tool")] if build else \
        sorted(glob.glob(os.path.join(ROOT, "*", "app", "tool", "shenbao-tool")), key=os.path.getmtime, reverse=True)
    for candidate in candidates:
        if os.access(candidate, os.X_OK):
            return candidate
    sys.exit("%s: no shenbao-tool found; build first or pass --build DIR" % bench)
