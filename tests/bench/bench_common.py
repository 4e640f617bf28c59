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


def tool_env(tool, **extra):
    """The environment for running @tool from its build folder: the
    source tree's data and the fonts the build made for the PDF (an
    uninstalled build has no pdf-fonts folder of its own)."""
    build = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(tool))))
    env = dict(os.environ, SHENBAO_DATA_DIR=os.path.join(ROOT, "data"))
    env.setdefault("SHENBAO_PDF_FONT_DIR", os.path.join(build, "app", "pdf", "fonts"))
    env.update(extra)
    return env
