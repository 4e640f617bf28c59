#!/usr/bin/env python3
"""make-test-pki.py DIR — the test certificates the signature tests use.

Writes into DIR, offline (openssl and certtool), and prints nothing:
  ca.pem, ca.key                 Shenbao Test CA, the one a test trusts
  other-ca.pem, other-ca.key     Somebody Else CA, which no test trusts
  applicant.pem/.key/.p12        张三 of 阳泉市城区启明科技培训中心, with its
                                 统一社会信用代码 (issued by the test CA)
  office.pem/.key/.p12           阳泉市教育局审批科 (the test CA)
  stranger.pem/.key/.p12         李四 (the other CA)
  spare.pem/.key                 王五 (the test CA), whose key the expired
                                 certificate shares
  expired.pem/.p12               赵六, valid in 2020 only (the test CA)
Every PKCS#12 file's password is 246810.  Exits non-zero, with what
failed on standard error, when a certificate could not be made.
"""
import os
import subprocess
import sys

PASSWORD = "246810"
# 统一社会信用代码 with a valid check character (GB 32100-2015).
CREDIT_CODE = "91140300MA0K123459"


def must(args):
    r = subprocess.run(args, capture_output=True, text=True, timeout=120)
    if r.returncode != 0:
        raise RuntimeError("%s failed: %s%s" % (" ".join(args), r.stdout, r.stderr))


def make_pki(folder):
    def path(name):
        return os.path.join(folder, name)

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
    ]
    for name, ca, subject in people:
        must(["openssl", "req", "-newkey", "rsa:2048", "-nodes", "-keyout", path(name + ".key"),
              "-out", path(name + ".csr"), "-utf8", "-subj", subject])
        must(["openssl", "x509", "-req", "-in", path(name + ".csr"), "-CA", path(ca + ".pem"),
              "-CAkey", path(ca + ".key"), "-CAcreateserial", "-days", "365", "-out", path(name + ".pem"),
              "-extfile", leaf])
    for name in ("applicant", "office", "stranger"):
        must(["openssl", "pkcs12", "-export", "-inkey", path(name + ".key"), "-in", path(name + ".pem"),
              "-passout", "pass:" + PASSWORD, "-out", path(name + ".p12")])
    # Expired: certtool takes dates in the past, openssl 3.0's x509 does not.
    with open(path("expired.tmpl"), "w") as f:
        f.write('cn = "赵六"\no = "过期单位"\nsigning_key\n'
                'activation_date = "2020-01-01 00:00:00"\nexpiration_date = "2021-01-01 00:00:00"\n')
    must(["certtool", "--generate-certificate", "--load-privkey", path("spare.key"), "--load-ca-certificate",
          path("ca.pem"), "--load-ca-privkey", path("ca.key"), "--template", path("expired.tmpl"),
          "--outfile", path("expired.pem")])
    must(["openssl", "pkcs12", "-export", "-inkey", path("spare.key"), "-in", path("expired.pem"),
          "-passout", "pass:" + PASSWORD, "-out", path("expired.p12")])


def main():
    if len(sys.argv) != 2:
        print("usage: make-test-pki.py DIR", file=sys.stderr)
        return 2
    os.makedirs(sys.argv[1], exist_ok=True)
    try:
        make_pki(sys.argv[1])
    except (OSError, RuntimeError, subprocess.TimeoutExpired) as e:
        print("make-test-pki.py: %s" % e, file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
