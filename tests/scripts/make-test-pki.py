#!/usr/bin/env python3
"""A test PKI in a folder, made offline: make-test-pki.py DIR [--token].

In DIR: a test CA (ca.pem, ca.key) and a CA nobody trusts (other-ca.*);
the applicant 张三 with the 统一社会信用代码 CREDIT_CODE in his
certificate (applicant.pem, .key, .p12), the office (office.*), a
stranger of the other CA (stranger.*), an expired certificate
(expired.p12), a certificate the CA has revoked (revoked.*) and a spare
key (spare.key); every PKCS#12 file's password is PIN.  trust/ holds the
test CA and its revocation list (ca.crl, DER, as CAs publish it), as an
office's trust folder would; forged.crl is a list that names the test
CA as its issuer and "revokes" the applicant, signed by another key (an
impostor CA of the same name), which a trust folder must not believe.

With --token, also a SoftHSM2 token "Applicant" (DIR/softhsm2.conf, to
set as SOFTHSM2_CONF; p11-kit finds SoftHSM2 through its module) that
holds the applicant's key and certificate as "applicant" and, as
"mismatch", the applicant's certificate beside another key.

The signature tests (tests/tool/test-signatures.py) import it; the
widget tests run it.
"""
import os
import shutil
import subprocess
import sys

SOFTHSM_MODULE = "/usr/share/p11-kit/modules/softhsm2.module"
PIN = "246810"
# 统一社会信用代码 with a valid check character (GB 32100-2015).
CREDIT_CODE = "91140300MA0K123459"
PROGRAMS = ("openssl", "certtool")
TOKEN_PROGRAMS = ("p11tool", "softhsm2-util")


def must(args, env=None):
    r = subprocess.run(args, capture_output=True, text=True, env=env, timeout=120)
    if r.returncode != 0:
        raise RuntimeError("%s failed: %s%s" % (" ".join(args), r.stdout, r.stderr))
    return r


def make_pki(tmp):
    """CA, applicant, office, other CA and expired certificates."""
    def path(name):
        return os.path.join(tmp, name)

    leaf = path("leaf.ext")
    with open(leaf, "w") as f:
        f.write("keyUsage=critical,digitalSignature,nonRepudiation\nbasicConstraints=CA:FALSE\n")
    for ca, cn in (("ca", "Shenbao Test CA"), ("other-ca", "Somebody Else CA")):
        must(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", path(ca + ".key"),
              "-out", path(ca + ".pem"), "-days", "3650", "-subj", "/CN=%s/O=Shenbao Tests" % cn,
              "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign"])
    people = [
        ("applicant", "ca", "/CN=张三/O=阳泉市城区启明科技培训中心/organizationIdentifier=NTRCN-" + CREDIT_CODE),
        ("office", "ca", "/CN=阳泉市教育局审批科/O=阳泉市教育局"),
        ("stranger", "other-ca", "/CN=李四/O=不明公司"),
        ("spare", "ca", "/CN=王五/O=阳泉市城区启明科技培训中心"),
        ("revoked", "ca", "/CN=孙七/O=阳泉市城区启明科技培训中心"),
    ]
    for name, ca, subject in people:
        must(["openssl", "req", "-newkey", "rsa:2048", "-nodes", "-keyout", path(name + ".key"),
              "-out", path(name + ".csr"), "-utf8", "-subj", subject])
        must(["openssl", "x509", "-req", "-in", path(name + ".csr"), "-CA", path(ca + ".pem"),
              "-CAkey", path(ca + ".key"), "-CAcreateserial", "-days", "365", "-out", path(name + ".pem"),
              "-extfile", leaf])
    for name in ("applicant", "office", "stranger", "revoked"):
        must(["openssl", "pkcs12", "-export", "-inkey", path(name + ".key"), "-in", path(name + ".pem"),
              "-passout", "pass:" + PIN, "-out", path(name + ".p12")])
    # Expired: certtool takes dates in the past, openssl 3.0's x509 does not.
    with open(path("expired.tmpl"), "w") as f:
        f.write('cn = "赵六"\no = "过期单位"\nsigning_key\n'
                'activation_date = "2020-01-01 00:00:00"\nexpiration_date = "2021-01-01 00:00:00"\n')
    must(["certtool", "--generate-certificate", "--load-privkey", path("spare.key"), "--load-ca-certificate",
          path("ca.pem"), "--load-ca-privkey", path("ca.key"), "--template", path("expired.tmpl"),
          "--outfile", path("expired.pem")])
    must(["openssl", "pkcs12", "-export", "-inkey", path("spare.key"), "-in", path("expired.pem"),
          "-passout", "pass:" + PIN, "-out", path("expired.p12")])
    # The CA's revocation list, revoking 孙七's certificate; and one an
    # impostor with the CA's name signed over the applicant's serial.
    must(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", path("impostor-ca.key"),
          "-out", path("impostor-ca.pem"), "-days", "3650", "-subj", "/CN=Shenbao Test CA/O=Shenbao Tests",
          "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign"])
    with open(path("crl.tmpl"), "w") as f:
        f.write("crl_next_update = 365\ncrl_number = 1\n")
    for ca, revoked, out in (("ca", "revoked", "ca.crl"), ("impostor-ca", "applicant", "forged.crl")):
        must(["certtool", "--generate-crl", "--load-ca-privkey", path(ca + ".key"), "--load-ca-certificate",
              path(ca + ".pem"), "--load-certificate", path(revoked + ".pem"), "--template", path("crl.tmpl"),
              "--outder", "--outfile", path(out)])
    trust = path("trust")
    os.makedirs(trust)
    shutil.copy(path("ca.pem"), trust)
    shutil.copy(path("ca.crl"), trust)
    return trust


def make_token(tmp, env):
    """A SoftHSM2 token with the applicant's key and certificate, and an
    object whose certificate is for another key."""
    tokens = os.path.join(tmp, "tokens")
    os.makedirs(tokens)
    conf = os.path.join(tmp, "softhsm2.conf")
    with open(conf, "w") as f:
        f.write("directories.tokendir = %s\nobjectstore.backend = file\n" % tokens)
    env["SOFTHSM2_CONF"] = conf
    must(["softhsm2-util", "--init-token", "--free", "--label", "Applicant", "--pin", PIN, "--so-pin", "13579246"], env)
    module = "/usr/lib/x86_64-linux-gnu/softhsm/libsofthsm2.so"
    with open(SOFTHSM_MODULE) as f:
        for line in f:
            if line.startswith("module:"):
                module = line.split(":", 1)[1].strip()
    p11_env = dict(env, GNUTLS_PIN=PIN)
    for label, key, certificate, key_id in (("applicant", "applicant", "applicant", "01"),
                                            ("mismatch", "spare", "applicant", "02")):
        pkcs8 = os.path.join(tmp, key + ".p8")
        must(["openssl", "pkcs8", "-topk8", "-nocrypt", "-in", os.path.join(tmp, key + ".key"), "-out", pkcs8])
        must(["softhsm2-util", "--import", pkcs8, "--token", "Applicant", "--label", label, "--id", key_id,
              "--pin", PIN], env)
        must(["p11tool", "--provider", module, "--login", "--write", "--no-mark-private",
              "--load-certificate", os.path.join(tmp, certificate + ".pem"), "--label", label, "--id", key_id,
              "pkcs11:token=Applicant"], p11_env)


def main(argv):
    if len(argv) not in (2, 3) or (len(argv) == 3 and argv[2] != "--token"):
        print("usage: make-test-pki.py DIR [--token]", file=sys.stderr)
        return 2
    folder, token = argv[1], len(argv) == 3
    missing = [p for p in PROGRAMS + (TOKEN_PROGRAMS if token else ()) if shutil.which(p) is None]
    if token and not os.path.exists(SOFTHSM_MODULE):
        missing.append(SOFTHSM_MODULE)
    if missing:
        print("missing: %s" % " ".join(missing), file=sys.stderr)
        return 77
    os.makedirs(folder, exist_ok=True)
    make_pki(folder)
    if token:
        make_token(folder, dict(os.environ))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
