#!/usr/bin/env python3
"""End-to-end over AT-SPI: the applicant signs with a UKey (a SoftHSM2 token).

tests/scripts/make-test-pki.py makes a test CA and the token "Applicant"
(SOFTHSM2_CONF, found by p11-kit through SoftHSM2's module, as a UKey's
module would be).  The real `shenbao` opens the complete 耕地进出平衡
application, finishes it into a folder, and on the result page the test
presses "Sign Digitally…", finds the token's certificate chosen (the one
used last time, from the settings), types a wrong PIN and reads what to
do, then the right one, and sees who signed.  pdfsig and
`shenbao-tool validate --trust` then find both files signed by 张三.

Prints TAP.  Needs a display and an accessibility bus, SoftHSM2, p11tool
and pdfsig; skips without them.
"""
import glob
import hashlib
import os
import shutil
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

try:
    import pyatspi
except ImportError:
    print("1..0 # SKIP pyatspi is not installed")
    sys.exit(0)
if not os.environ.get("DISPLAY"):
    print("1..0 # SKIP no display (run under xvfb-run)")
    sys.exit(0)

import e2e_util
from e2e_util import app_of, check, find, find_all, finish, log_of, press, role_of, set_text, start_bus, stop, window_named

SHENBAO = os.environ["SHENBAO"]
TOOL = os.environ["SHENBAO_TOOL"]
FIXTURES = os.environ["SHENBAO_TEST_FIXTURES"]
MAKE_PKI = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "scripts", "make-test-pki.py")
PIN = "246810"


def token_uri(env):
    """The URI of the applicant's certificate on the token, without its
    type, as the signer sheet lists it (it names the key too)."""
    r = subprocess.run(["p11tool", "--list-all-certs", "pkcs11:token=Applicant"], env=env, capture_output=True,
                       text=True, timeout=60)
    for line in r.stdout.splitlines():
        line = line.strip()
        if line.startswith("URL:") and "object=applicant" in line:
            url = line.split(":", 1)[1].strip()
            return ";".join(p for p in url.split(";") if not p.startswith("type="))
    return None


def wait_for(predicate, timeout=60):
    end = time.time() + timeout
    while time.time() < end:
        if predicate():
            return True
        time.sleep(0.3)
    return False


def main():
    for program in ("p11tool", "softhsm2-util", "pdfsig", "openssl", "certtool"):
        if shutil.which(program) is None:
            print("1..0 # SKIP %s is not installed" % program)
            return
    start_bus()
    tmp = tempfile.mkdtemp(prefix="shenbao-e2e-sign-")
    try:
        run(tmp)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    finish()


def run(tmp):
    pki = os.path.join(tmp, "pki")
    r = subprocess.run([sys.executable, MAKE_PKI, pki, "--token"], capture_output=True, text=True, timeout=300)
    if not check("make-test-pki.py makes the CA and the token", r.returncode == 0, r.stderr):
        return
    home = os.path.join(tmp, "home")
    out = os.path.join(tmp, "out")
    os.makedirs(out)
    env = dict(os.environ, XDG_DATA_HOME=home, XDG_CONFIG_HOME=os.path.join(tmp, "config"),
               XDG_CACHE_HOME=os.path.join(tmp, "cache"), GSETTINGS_BACKEND="keyfile",
               LANG="C.UTF-8", LANGUAGE="C", GTK_A11Y="atspi", SOFTHSM2_CONF=os.path.join(pki, "softhsm2.conf"))
    env.pop("NO_AT_BRIDGE", None)
    os.makedirs(env["XDG_CACHE_HOME"])
    uri = token_uri(env)
    if not check("p11tool finds the applicant's certificate on the token", uri is not None):
        return
    # The folder dialog opens where the last application went; the sheet
    # chooses the certificate used last time.
    config = os.path.join(tmp, "config", "glib-2.0", "settings")
    os.makedirs(config)
    with open(os.path.join(config, "keyfile"), "w") as f:
        f.write("[io/github/shenbao/Shenbao]\nlast-folder='file://%s'\nsigning-certificate='%s'\n" % (out, uri))
    for app_id in ("io.github.shenbao.Shenbao", "io.github.shenbao.Shenbao.Devel"):
        store = os.path.join(home, app_id, "drafts", "files")
        os.makedirs(store)
        for path in glob.glob(os.path.join(FIXTURES, "files", "*")):
            with open(path, "rb") as f:
                data = f.read()
            with open(os.path.join(store, hashlib.sha256(data).hexdigest()), "wb") as f:
                f.write(data)

    draft = os.path.join(tmp, "gengdi.sbdraft.json")
    r = subprocess.run([TOOL, "draft", "--form", "gengdi", "-o", draft, os.path.join(FIXTURES, "gengdi", "complete.json")],
                       env=env, capture_output=True, text=True)
    if not check("shenbao-tool draft makes the draft to open", r.returncode == 0, r.stderr):
        return

    process = e2e_util.launch(SHENBAO, [draft], env)
    try:
        app = app_of(process)
        if not check("the application appears on the accessibility bus", app is not None,
                     "exit status %s\n%s" % (process.poll(), log_of(env))):
            return
        button = find(app, name="Import", role="push button", timeout=20)
        if not check("opening the draft asks to import it", button is not None):
            return
        press(button)
        wizard = find(app, name="SbWizard")
        next_button = find(wizard, name="Next", role="push button") if wizard is not None else None
        if not check("the draft opens in the wizard", next_button is not None):
            return
        for _ in range(15):
            if find(wizard, name="Check Your Answers", timeout=0.5) is not None:
                break
            press(next_button)
            time.sleep(0.5)
        for entry in find_all(wizard, "Explanation", "text"):
            set_text(entry, "已与受理机关沟通，情况属实，特此说明。")
        time.sleep(0.5)
        finish_button = find(wizard, name="Finish Application…", role="push button")
        if not check("the review page offers Finish Application…", finish_button is not None):
            return
        press(finish_button)
        dialog = window_named(app, "Where to Save the Application")
        accept = find(dialog, name="Save Here", role="push button") if dialog is not None else None
        if not check("Finish asks where to save", accept is not None):
            return
        press(accept)
        if not check("the result page says the application is finished",
                     find(app, name="Application Finished", timeout=60) is not None):
            return
        pdfs = glob.glob(os.path.join(out, "*.pdf"))
        packets = glob.glob(os.path.join(out, "*.sbpkt.json"))
        if not check("the packet and its PDF are written", len(pdfs) == 1 and len(packets) == 1, str(os.listdir(out))):
            return
        with open(pdfs[0], "rb") as f:
            unsigned_pdf = f.read()

        sign = find(wizard, name="Sign Digitally…", role="push button")
        if not check("the result page offers Sign Digitally…", sign is not None):
            return
        press(sign)
        title = find(wizard, name="Sign Digitally", timeout=20)
        check("Sign Digitally… shows the signer sheet inside the window", title is not None)
        # The token's two certificates are listed by whom they name; one is
        # chosen, the one used last: its key signs below, where the first
        # listed ("mismatch", beside another key) would be refused.
        who = "张三, 阳泉市城区启明科技培训中心"
        listed = lambda: [n for n in e2e_util.walk(wizard) if e2e_util.name_of(n) == who]
        if not check("the token's certificates are listed by whom they name", wait_for(lambda: len(listed()) >= 2, 30),
                     str([(e2e_util.name_of(n), role_of(n)) for n in e2e_util.walk(wizard)][-60:])):
            return
        checked = [n for n in listed() if n.getState().contains(pyatspi.STATE_CHECKED)]
        check("one of them is chosen, the one used last", len(checked) == 1)

        password = None
        for node in e2e_util.walk(wizard):
            if role_of(node) == "password text":
                password = node
                break
        sign_button = find(wizard, name="Sign", role="push button")
        if not check("the sheet has a PIN entry and Sign", password is not None and sign_button is not None):
            return
        set_text(password, "000000")
        press(sign_button)
        message = find(wizard, contains="The PIN is not right", timeout=60)
        check("a wrong PIN: the sheet says to type it again, and nothing is written",
              message is not None and open(pdfs[0], "rb").read() == unsigned_pdf)

        set_text(password, PIN)
        press(sign_button)
        signed = find(wizard, contains="Signed by 张三", timeout=90)
        check("the right PIN: the result page says who signed", signed is not None,
              str([(e2e_util.name_of(n), role_of(n)) for n in e2e_util.walk(wizard)][-40:]))
    finally:
        stop(process)

    r = subprocess.run(["pdfsig", pdfs[0]], capture_output=True, text=True)
    check("pdfsig: the PDF's signature is valid, covers it all and names 张三",
          "Signature is Valid" in r.stdout and "Total document signed" in r.stdout and "张三" in r.stdout, r.stdout)
    with open(pdfs[0], "rb") as f:
        check("the signed PDF begins with the unsigned one", f.read().startswith(unsigned_pdf))
    r = subprocess.run([TOOL, "validate", "--trust", os.path.join(pki, "trust"), packets[0]], env=env,
                       capture_output=True, text=True)
    check("validate --trust: the packet is signed by 张三 (trusted)",
          r.returncode == 0 and "signed by 张三" in r.stdout and "(trusted" in r.stdout, r.stdout + r.stderr)


if __name__ == "__main__":
    main()
