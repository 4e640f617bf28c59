"""Signed packets and PDFs, checked by Shenbao and by independent verifiers.

Prints TAP.  Everything is made here, offline, in a temporary folder: a
test CA (openssl), an applicant certificate whose key is inside a SoftHSM2
token (found through p11-kit's softhsm2.module), an office certificate in
a PKCS#12 file, a certificate of another CA, an expired one (certtool can
date one in the past), and a token object whose certificate is for
another key.  poppler's pdfsig checks the PDF signatures and openssl cms
the packet's; each tampering must make them and shenbao-tool fail.
"""
import base64
import hashlib
import importlib.util
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

TOOL = os.environ["SHENBAO_TOOL"]
FIXTURES = os.environ["SHENBAO_TEST_FIXTURES"]
# The CA, certificates and token: tests/scripts/make-test-pki.py.
_spec = importlib.util.spec_from_file_location(
    "make_test_pki", os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "scripts", "make-test-pki.py"))
pki = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(pki)
SOFTHSM_MODULE = pki.SOFTHSM_MODULE
PIN = pki.PIN
CREDIT_CODE = pki.CREDIT_CODE
make_pki = pki.make_pki
make_token = pki.make_token

results = []


def check(name, condition, detail=""):
    results.append((name, bool(condition), detail))


def sh(args, env=None, **kwargs):
    return subprocess.run(args, capture_output=True, text=True, env=env, timeout=120, **kwargs)


def must(args, env=None):
    r = sh(args, env)
    if r.returncode != 0:
        raise RuntimeError("%s failed: %s%s" % (" ".join(args), r.stdout, r.stderr))
    return r


def signed_content(packet_path):
    """The bytes a packet's signatures sign: the packet without them."""
    with open(packet_path) as f:
        packet = json.load(f)
    signatures = packet.pop("signatures", [])
    content = canonical(packet)
    return content, [base64.b64decode(s["cms"]) for s in signatures]


def canonical(value):
    """JCS for what these packets hold (integers, strings, ASCII and CJK
    keys); check 2 compares it with what Shenbao writes."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), sort_keys=True).encode()


def content_hash(packet):
    rest = {k: v for k, v in packet.items() if k not in ("integrity", "signatures")}
    return hashlib.sha256(canonical(rest)).hexdigest()


def openssl_cms_verify(signature, content, ca):
    """openssl's own check of a detached CMS signature over @content."""
    return sh(["openssl", "cms", "-verify", "-binary", "-inform", "DER", "-in", signature, "-content", content,
               "-CAfile", ca, "-purpose", "any", "-out", os.devnull])


def write_canonical(file_name, value):
    with open(file_name, "wb") as f:
        f.write(canonical(value))


def forge_update(unsigned_pdf, signed_pdf, tmp):
    """@signed_pdf with one more object in its signature's update (the
    document information dictionary, replaced), signed again with
    openssl by the applicant's key so that the signature is valid."""
    update = signed_pdf[len(unsigned_pdf):]
    info = int(re.search(rb"/Info (\d+) 0 R", unsigned_pdf[-400:]).group(1))
    extra = b"%d 0 obj\n<< /Producer (forged) /Title (forged) >>\nendobj\n" % info
    xref_at = update.rindex(b"endobj\nxref\n") + len(b"endobj\n")
    offset = len(unsigned_pdf) + xref_at
    entry = b"%d 1\n%010d 00000 n\r\n" % (info, offset)
    head = update[:xref_at] + extra + b"xref\n" + entry
    tail = update[xref_at + len(b"xref\n"):]
    tail = re.sub(rb"startxref\n\d+", b"startxref\n%d" % (offset + len(extra)), tail)
    forged = bytearray(unsigned_pdf + head + tail)
    # The byte range grows by what was inserted; its width is fixed.
    match = re.search(rb"/ByteRange \[0 (\d+) (\d+) (\d+)\s*\]", forged)
    a, b = int(match.group(1)), int(match.group(2))
    width = match.end() - match.start()
    text = b"/ByteRange [0 %d %d %d]" % (a, b, len(forged) - b)
    forged[match.start():match.end()] = text.ljust(width)
    forged[a + 1:b - 1] = b"0" * (b - a - 2)
    content = os.path.join(tmp, "forged-content.bin")
    with open(content, "wb") as f:
        f.write(bytes(forged[:a]) + bytes(forged[b:]))
    signature = os.path.join(tmp, "forged.der")
    must(["openssl", "cms", "-sign", "-binary", "-in", content, "-signer", os.path.join(tmp, "applicant.pem"),
          "-inkey", os.path.join(tmp, "applicant.key"), "-md", "sha256", "-outform", "DER", "-out", signature])
    with open(signature, "rb") as f:
        der = f.read().hex().upper().encode()
    forged[a + 1:a + 1 + len(der)] = der
    return bytes(forged)


def main():
    for program in ("openssl", "certtool", "p11tool", "softhsm2-util", "pdfsig"):
        if shutil.which(program) is None:
            print("1..0 # SKIP %s is not installed (.ci/install-deps.sh installs it)" % program)
            return 0
    if not os.path.exists(SOFTHSM_MODULE):
        print("1..0 # SKIP no p11-kit module for SoftHSM2 (%s)" % SOFTHSM_MODULE)
        return 0

    with tempfile.TemporaryDirectory() as tmp:
        env = dict(os.environ)
        env.pop("SHENBAO_PIN", None)
        env.pop("SHENBAO_TRUST_DIR", None)
        data_dir = os.path.join(tmp, "data")
        shutil.copytree(os.path.join(FIXTURES, "forms"), os.path.join(data_dir, "forms"))
        env["SHENBAO_DATA_DIR"] = data_dir
        trust = make_pki(tmp)
        make_token(tmp, env)

        def tool(args, pin=None, chinese=False):
            run_env = dict(env)
            if pin is not None:
                run_env["SHENBAO_PIN"] = pin
            if chinese:
                run_env.pop("LC_ALL", None)
                run_env.update(LANG="zh_CN.UTF-8", LANGUAGE="zh_CN")
            return sh([TOOL] + args, run_env, stdin=subprocess.DEVNULL)

        def path(name):
            return os.path.join(tmp, name)

        answers = {"name": "阳泉市城区启明科技培训中心", "area": "120.00", "teaching_area": "80.00",
                   "kind": "新设立", "pledge": True, "end_time": "20:30",
                   "staff": [{"staff_name": "张伟", "role": "教学"}]}
        stamps = ["--created", "2024-03-14T09:00:00Z", "--finalised", "2024-03-15T09:00:00Z"]
        for name, centre in (("a", "阳泉市城区启明科技培训中心"), ("b", "阳泉市郊区启明科技培训中心")):
            with open(path(name + "-answers.json"), "w") as f:
                json.dump(dict(answers, name=centre), f, ensure_ascii=False)
            must([TOOL, "pack", "--form", "enginetest", "--date", "2024-03-15", path(name + "-answers.json"),
                  "-o", path(name + ".json")] + stamps, env)
        token = "pkcs11:token=Applicant;object=applicant"

        # Packets
        r = tool(["sign", "--pkcs11", token, path("a.json"), "-o", path("a-signed.json")], PIN)
        check("sign: the applicant signs a packet with the key on the SoftHSM token", r.returncode == 0, r.stdout + r.stderr)
        with open(path("a.json"), "rb") as f:
            unsigned = f.read()
        content, cms = signed_content(path("a-signed.json"))
        check("sign: the packet's hash and every byte but the signature block stay as they were",
              content == unsigned, "")
        with open(path("a-signed.json")) as f:
            signed = json.load(f)
        with open(path("a.json")) as f:
            check("sign: the integrity hash is unchanged", signed["integrity"] == json.load(f)["integrity"])

        with open(path("content.bin"), "wb") as f:
            f.write(content)
        with open(path("sig.der"), "wb") as f:
            f.write(cms[0])
        r = openssl_cms_verify(path("sig.der"), path("content.bin"), path("ca.pem"))
        check("openssl cms -verify accepts the packet's detached signature", r.returncode == 0, r.stderr)
        r = sh(["openssl", "cms", "-cmsout", "-print", "-inform", "DER", "-in", path("sig.der")])
        check("the CMS carries the signing-certificate-v2 attribute and SHA-256",
              "id-smime-aa-signingCertificateV2" in r.stdout and "sha256" in r.stdout, r.stdout[-2000:])

        r = tool(["validate", "--trust", trust, path("a-signed.json")])
        check("validate --trust: signed by 张三 with the organisation and 统一社会信用代码 (trusted)",
              r.returncode == 0 and "signed by 张三, 阳泉市城区启明科技培训中心, unified social credit code %s (trusted"
              % CREDIT_CODE in r.stdout, r.stdout + r.stderr)
        r = tool(["validate", "--trust", trust, path("a-signed.json")], chinese=True)
        check("validate in Chinese: 由 张三、…、统一社会信用代码 … 签名（可信",
              "由 张三、阳泉市城区启明科技培训中心、统一社会信用代码 %s 签名（可信" % CREDIT_CODE in r.stdout,
              r.stdout + r.stderr)
        r = tool(["validate", "--json", "--trust", trust, path("a-signed.json")])
        result = json.loads(r.stdout) if r.stdout.strip() else {}
        sigs = result.get("signatures", [])
        check("validate --json: status, signer, organisation, credit code and signing time",
              len(sigs) == 1 and sigs[0]["status"] == "trusted" and sigs[0]["signer"] == "张三"
              and sigs[0]["credit_code"] == CREDIT_CODE and sigs[0].get("signing_time", "").startswith("20"),
              r.stdout)
        r = tool(["validate", path("a-signed.json")])
        check("validate without a trust folder: signed by an unknown issuer, still verified",
              r.returncode == 0 and "signed by an unknown issuer" in r.stdout and "no trust folder" in r.stdout,
              r.stdout + r.stderr)
        env["SHENBAO_TRUST_DIR"] = trust
        r = tool(["validate", path("a-signed.json")])
        check("SHENBAO_TRUST_DIR is the trust folder", "(trusted" in r.stdout, r.stdout)
        del env["SHENBAO_TRUST_DIR"]
        r = tool(["validate", "--trust", trust, path("a.json")])
        check("validate: an unsigned packet is accepted and said to be unsigned",
              r.returncode == 0 and "unsigned: nothing says who made the packet" in r.stdout, r.stdout)

        r = tool(["validate", "--require-signature", "--trust", trust, path("a.json")])
        r2 = tool(["validate", "--require-signature", "--trust", trust, path("a-signed.json")])
        r3 = tool(["validate", "--require-signature", path("a-signed.json")])
        check("--require-signature: an unsigned packet, or one no trusted CA vouches for, fails; a trusted one passes",
              r.returncode == 1 and "one is required" in r.stdout and r2.returncode == 0 and r3.returncode == 1,
              r.stdout + r2.stdout + r3.stdout)
        r = tool(["sign", "--pkcs12", path("office.p12"), path("a-signed.json"), "-o", path("a-two.json")], PIN)
        r2 = tool(["validate", "--json", "--trust", trust, path("a-two.json")])
        two = json.loads(r2.stdout).get("signatures", []) if r2.stdout.strip() else []
        check("two signatures: the office's is added beside the applicant's and both verify",
              r.returncode == 0 and [s["signer"] for s in two] == ["张三", "阳泉市教育局审批科"]
              and all(s["status"] == "trusted" for s in two), r.stderr + r2.stdout)

        # An answer edited and the hash made again: only the signature can tell.
        edited = dict(signed)
        edited["answers"] = dict(signed["answers"], name="阳泉市矿区启明科技培训中心")
        with open(path("edited.json"), "w") as f:
            json.dump(edited, f, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
        # As a forger would: the reference and the hash made again to match.
        edited["integrity"] = dict(edited["integrity"], hash=content_hash(edited))
        write_canonical(path("edited.json"), edited)
        r = tool(["validate", "--json", path("edited.json")])
        message = json.loads(r.stdout)["checks"][0]["message"] if r.stdout.strip() else ""
        if "(expected " in message:
            edited["reference"] = message.split("(expected ")[1].rstrip(")")
        edited["integrity"] = dict(edited["integrity"], hash=content_hash(edited))
        write_canonical(path("edited.json"), edited)
        r = tool(["validate", "--trust", trust, path("edited.json")])
        check("an edited answer with its hash made again: the hash passes, the signature does not match, exit 1",
              r.returncode == 1 and "ok     integrity" in r.stdout
              and "signature does not match the content" in r.stdout, r.stdout + r.stderr)
        content, _ = signed_content(path("edited.json"))
        with open(path("edited.bin"), "wb") as f:
            f.write(content)
        r = openssl_cms_verify(path("sig.der"), path("edited.bin"), path("ca.pem"))
        check("openssl cms -verify refuses the signature over the edited packet", r.returncode != 0, r.stderr)

        with open(path("b.json")) as f:
            other = json.load(f)
        other["signatures"] = signed["signatures"]
        with open(path("moved.json"), "w") as f:
            json.dump(other, f, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
        r = tool(["validate", "--trust", trust, path("moved.json")])
        check("a signature over another packet does not verify",
              r.returncode == 1 and "signature does not match the content" in r.stdout, r.stdout)

        # The register: what a signature says is checked before a packet
        # is registered as verified.
        register = path("register.sqlite")
        r = tool(["register", "add", "--register", register, "--trust", trust, path("edited.json")])
        check("register add: a packet whose signature does not match is registered NOT VERIFIED with the signature's "
              "verdict, exit 1",
              r.returncode == 1 and "NOT VERIFIED" in r.stdout and "signature does not match the content" in r.stdout,
              r.stdout + r.stderr)
        r = tool(["register", "add", "--register", register, "--trust", trust, path("a-signed.json")])
        check("register add: a packet a trusted certificate signed is registered verified",
              r.returncode == 0 and "NOT VERIFIED" not in r.stdout, r.stdout + r.stderr)
        r = tool(["register", "add", "--register", register, "--require-signature", "--trust", trust, path("b.json")])
        check("register add --require-signature: an unsigned packet is registered NOT VERIFIED, saying why",
              r.returncode == 1 and "NOT VERIFIED" in r.stdout and "one is required" in r.stdout, r.stdout + r.stderr)
        with open(path("edited.json")) as f:
            edited_reference = json.load(f)["reference"]
        r = tool(["register", "show", "--register", register, edited_reference])
        check("register show: the file now does not verify, for its signature",
              "NO LONGER VERIFIES" in r.stdout and "signature does not match the content" in r.stdout,
              r.stdout + r.stderr)

        # The trust folder an office chose in the application's preferences
        # is the tool's too, unless --trust or $SHENBAO_TRUST_DIR says otherwise.
        settings_env = dict(env, GSETTINGS_BACKEND="keyfile", XDG_CONFIG_HOME=path("config"))
        must(["gsettings", "set", "io.github.shenbao.Shenbao", "trust-folder", trust], settings_env)
        r = sh([TOOL, "validate", path("a-signed.json")], settings_env, stdin=subprocess.DEVNULL)
        r2 = sh([TOOL, "validate", "--trust", path("config"), path("a-signed.json")], settings_env,
                stdin=subprocess.DEVNULL)
        check("the application's trust folder preference is the tool's; --trust wins over it",
              "(trusted" in r.stdout and "signed by an unknown issuer" in r2.stdout, r.stdout + r2.stdout)

        # What signing refuses, each with its reason.
        r = tool(["sign", "--pkcs11", token, path("a.json"), "-o", path("x.json")], "000000")
        check("a wrong PIN: exit 1, the token did not accept it, nothing written",
              r.returncode == 1 and "did not accept the PIN" in r.stderr and not os.path.exists(path("x.json")),
              r.stderr)
        r = tool(["sign", "--pkcs11", token, path("a.json"), "-o", path("x.json")], PIN)
        check("the token still signs after a wrong PIN (one try each time, never a lock-out)", r.returncode == 0,
              r.stderr)
        r = tool(["sign", "--pkcs12", path("office.p12"), path("a.json"), "-o", path("y.json")], "wrong")
        check("a wrong PKCS#12 password: exit 1, says so", r.returncode == 1 and "password" in r.stderr, r.stderr)
        r = tool(["sign", "--pkcs12", path("expired.p12"), path("a.json"), "-o", path("y.json")], PIN)
        check("an expired certificate: exit 1, says when it was valid",
              r.returncode == 1 and "not valid today" in r.stderr and "2021-01-01" in r.stderr, r.stderr)
        r = tool(["sign", "--pkcs11", "pkcs11:token=Applicant;object=mismatch", path("a.json"), "-o", path("y.json")],
                 PIN)
        check("a certificate for another key: exit 1, says so", r.returncode == 1 and "another key" in r.stderr,
              r.stderr)
        r = tool(["sign", "--pkcs11", "pkcs11:token=Nobody;object=applicant", path("a.json"), "-o", path("y.json")], PIN)
        check("a token that is not there: exit 1, names the URI", r.returncode == 1 and "token=Nobody" in r.stderr,
              r.stderr)
        r = tool(["sign", "--pkcs12", path("office.p12"), path("a.json"), "-o", path("y.json")])
        check("no SHENBAO_PIN and no terminal: exit 2, says to set it",
              r.returncode == 2 and "SHENBAO_PIN" in r.stderr, r.stderr)
        r = tool(["sign", "--pkcs12", path("stranger.p12"), path("a.json"), "-o", path("s.json")], PIN)
        r2 = tool(["validate", "--trust", trust, path("s.json")])
        check("a signature from a CA outside the trust folder: signed by an unknown issuer, named",
              r.returncode == 0 and r2.returncode == 0 and "signed by an unknown issuer" in r2.stdout
              and "Somebody Else CA" in r2.stdout and "李四" in r2.stdout, r.stderr + r2.stdout)

        # Revocation: the CA's list in the trust folder (DER, as CAs
        # publish it; or PEM) revokes 孙七's certificate; a list with the
        # CA's name that another key signed revokes nothing.
        r = tool(["sign", "--pkcs12", path("revoked.p12"), path("a.json"), "-o", path("revoked.json")], PIN)
        r2 = tool(["validate", "--trust", trust, path("revoked.json")])
        r3 = tool(["validate", "--json", "--trust", trust, path("revoked.json")])
        revoked_sigs = json.loads(r3.stdout).get("signatures", []) if r3.stdout.strip() else []
        check("a certificate its CA revoked: the signature fails, exit 1, says revoked and why nothing shows it older",
              r.returncode == 0 and r2.returncode == 1 and "with a revoked certificate" in r2.stdout
              and "孙七" in r2.stdout and "trusted timestamp" in r2.stdout
              and [s["status"] for s in revoked_sigs] == ["revoked"], r.stderr + r2.stdout + r3.stdout)
        no_crl = path("trust-no-crl")
        os.makedirs(no_crl)
        shutil.copy(path("ca.pem"), no_crl)
        r = tool(["validate", "--trust", no_crl, path("revoked.json")])
        check("without the CA's revocation list the same signature is trusted (what the folder knows decides)",
              r.returncode == 0 and "(trusted" in r.stdout, r.stdout)
        pem_crl = path("trust-pem-crl")
        os.makedirs(pem_crl)
        shutil.copy(path("ca.pem"), pem_crl)
        must(["openssl", "crl", "-inform", "DER", "-in", path("ca.crl"), "-out", os.path.join(pem_crl, "ca-crl.pem")])
        r = tool(["validate", "--trust", pem_crl, path("revoked.json")])
        check("a revocation list in PEM among the certificates revokes too",
              r.returncode == 1 and "with a revoked certificate" in r.stdout, r.stdout)
        forged = path("trust-forged-crl")
        os.makedirs(forged)
        shutil.copy(path("ca.pem"), forged)
        shutil.copy(path("forged.crl"), forged)
        r = tool(["validate", "--trust", forged, path("a-signed.json")])
        check("a revocation list in the CA's name that another key signed is not believed: still trusted",
              r.returncode == 0 and "(trusted" in r.stdout, r.stdout)

        # A signature made (by openssl, which does not refuse) with a
        # certificate that had expired: it matches, but proves nothing.
        with open(path("a.json"), "rb") as f:
            unsigned_bytes = f.read()
        with open(path("a-content.bin"), "wb") as f:
            f.write(unsigned_bytes)
        must(["openssl", "cms", "-sign", "-binary", "-in", path("a-content.bin"), "-signer", path("expired.pem"),
              "-inkey", path("spare.key"), "-md", "sha256", "-outform", "DER", "-out", path("expired.der")])
        with open(path("expired.der"), "rb") as f:
            late = dict(json.loads(unsigned_bytes), signatures=[{"type": "cms", "cms": base64.b64encode(f.read()).decode()}])
        write_canonical(path("late.json"), late)
        r = tool(["validate", "--trust", trust, path("late.json")])
        check("a signature whose certificate had expired when it signed: exit 1, says when it was valid",
              r.returncode == 1 and "with a certificate that was not valid then" in r.stdout and "2021-01-01" in r.stdout,
              r.stdout + r.stderr)

        # Hostile signature blocks are refused with the place named.
        hostile = {
            "empty": ([], "$.signatures: an empty list"),
            "object": ({"cms": "AA=="}, "$.signatures"),
            "not-base64": ([{"type": "cms", "cms": "@@@@"}], "$.signatures[0].cms: not base64"),
            "lenient-base64": ([{"type": "cms", "cms": "MA==\n"}], "$.signatures[0].cms: not base64"),
            "not-cms": ([{"type": "cms", "cms": base64.b64encode(b"0\x03\x02\x01\x01").decode()}],
                        "$.signatures[0].cms: the signature is not a CMS SignedData"),
            "unknown-type": ([{"type": "xmldsig", "cms": "AA=="}], "only “cms” signatures"),
            "extra-member": ([{"type": "cms", "cms": "AA==", "signer": "张三"}], "unknown member"),
            "too-many": ([signed["signatures"][0]] * 9, "more than 8 signatures"),
            "huge": ([{"type": "cms", "cms": "A" * (200 * 1024)}], "$.signatures[0].cms"),
        }
        for name, (block, message) in hostile.items():
            bad = dict(signed, signatures=block)
            with open(path("hostile.json"), "w") as f:
                json.dump(bad, f, ensure_ascii=False)
            r = tool(["validate", path("hostile.json")])
            check("hostile signature block (%s): refused, exit 2, “%s”" % (name, message),
                  r.returncode == 2 and message in r.stderr, r.stderr[-500:])

        # The office's review file: the same block, signed with the
        # office's certificate, reported by verify in the same words.
        def review_of(reference, note):
            return {"format": 1, "kind": "shenbao-review",
                    "packet": {"form_id": "enginetest", "form_version": "1.0", "reference": reference,
                               "integrity_hash": signed["integrity"]["hash"]},
                    "reviewer": {"name": "王芳", "office": "阳泉市教育局审批科"},
                    "received": "2024-03-18", "decision": "correct", "decided": "2024-03-20",
                    "decision_reason": None, "decision_clause": None, "checklist": [],
                    "notes": [{"field": "area", "row": None, "material": None, "text": note}]}

        with open(path("r.sbreview.json"), "w") as f:
            json.dump(review_of(signed["reference"], "补正：请提供产权证载明的建筑面积。"), f, ensure_ascii=False, indent=2)
        with open(path("other.sbreview.json"), "w") as f:
            json.dump(review_of("KJ240316-8JR5NY", "补正：请提供产权证载明的建筑面积。"), f, ensure_ascii=False, indent=2)
        r = tool(["sign", "--pkcs12", path("office.p12"), path("r.sbreview.json"), "-o", path("r-signed.sbreview.json")],
                 PIN)
        check("sign: the office signs its review file with its PKCS#12 file", r.returncode == 0, r.stdout + r.stderr)
        if r.returncode != 0:
            # What follows then fails check by check rather than stopping here.
            shutil.copy(path("r.sbreview.json"), path("r-signed.sbreview.json"))
        with open(path("r.sbreview.json")) as f:
            unsigned_review = json.load(f)
        with open(path("r-signed.sbreview.json")) as f:
            signed_review = json.load(f)
        review_content, review_cms = signed_content(path("r-signed.sbreview.json"))
        check("sign: the signed review says what the unsigned one said, with one signature more",
              review_content == canonical(unsigned_review) and len(review_cms) == 1
              and {k: v for k, v in signed_review.items() if k != "signatures"} == unsigned_review)
        with open(path("review-content.bin"), "wb") as f:
            f.write(review_content)
        with open(path("review-sig.der"), "wb") as f:
            f.write(review_cms[0] if review_cms else b"")
        r = openssl_cms_verify(path("review-sig.der"), path("review-content.bin"), path("ca.pem"))
        check("openssl cms -verify accepts the review's detached signature over its canonical bytes",
              r.returncode == 0, r.stderr)
        r = tool(["verify", "--trust", trust, path("r-signed.sbreview.json")])
        check("verify REVIEW --trust: signed by 阳泉市教育局审批科 (trusted), verified, exit 0",
              r.returncode == 0 and "ok     signature    signed by 阳泉市教育局审批科, 阳泉市教育局 (trusted" in r.stdout
              and r.stdout.rstrip().endswith("verified"), r.stdout + r.stderr)
        r = tool(["verify", "--json", "--trust", trust, path("r-signed.sbreview.json")])
        result = json.loads(r.stdout) if r.stdout.strip() else {}
        check("verify --json REVIEW: kind review, status trusted, the office named, verified",
              result.get("kind") == "review" and result.get("verified") is True
              and [(s["status"], s["signer"]) for s in result.get("signatures", [])]
              == [("trusted", "阳泉市教育局审批科")], r.stdout + r.stderr)
        r = tool(["verify", path("r-signed.sbreview.json")])
        check("verify REVIEW without a trust folder: signed by an unknown issuer, still verified",
              r.returncode == 0 and "signed by an unknown issuer" in r.stdout, r.stdout + r.stderr)
        r = tool(["verify", "--trust", trust, path("r.sbreview.json")])
        r2 = tool(["verify", "--json", "--trust", trust, path("r.sbreview.json")])
        r3 = tool(["verify", "--require-signature", "--trust", trust, path("r.sbreview.json")])
        check("verify: an unsigned review is said to be unsigned (and fails only when a signature is required)",
              r.returncode == 0 and "unsigned: nothing says who made the review" in r.stdout
              and r2.stdout.strip() and json.loads(r2.stdout)["signatures"] == [] and r3.returncode == 1
              and "one is required" in r3.stdout, r.stdout + r2.stdout + r3.stdout)

        edited_review = dict(signed_review, notes=[dict(signed_review["notes"][0], text="补正：无需补正。")])
        signed_review.setdefault("signatures", [])
        with open(path("r-edited.sbreview.json"), "w") as f:
            json.dump(edited_review, f, ensure_ascii=False, indent=2)
        r = tool(["verify", "--trust", trust, path("r-edited.sbreview.json")])
        r2 = tool(["verify", "--json", "--trust", trust, path("r-edited.sbreview.json")])
        check("a review with one note edited after signing: the signature does not match, NOT VERIFIED, exit 1",
              r.returncode == 1 and "signature does not match the content" in r.stdout and "NOT VERIFIED" in r.stdout
              and r2.stdout.strip() and [s["status"] for s in json.loads(r2.stdout)["signatures"]] == ["mismatch"],
              r.stdout + r.stderr)
        edited_content, _ = signed_content(path("r-edited.sbreview.json"))
        with open(path("review-edited.bin"), "wb") as f:
            f.write(edited_content)
        r = openssl_cms_verify(path("review-sig.der"), path("review-edited.bin"), path("ca.pem"))
        check("openssl cms -verify refuses the signature over the edited review", r.returncode != 0, r.stderr)
        with open(path("other.sbreview.json")) as f:
            moved_review = dict(json.load(f), signatures=signed_review["signatures"])
        with open(path("r-moved.sbreview.json"), "w") as f:
            json.dump(moved_review, f, ensure_ascii=False, indent=2)
        r = tool(["verify", "--trust", trust, path("r-moved.sbreview.json")])
        check("a review's signature moved onto another review does not match, exit 1",
              r.returncode == 1 and "signature does not match the content" in r.stdout, r.stdout + r.stderr)
        r = tool(["sign", "--pkcs12", path("stranger.p12"), path("r.sbreview.json"), "-o", path("r-stranger.json")], PIN)
        r2 = tool(["verify", "--json", "--trust", trust, path("r-stranger.json")])
        check("a review signed by a CA outside the trust folder: unknown issuer, named",
              r.returncode == 0 and r2.returncode == 0 and r2.stdout.strip()
              and [(s["status"], s["signer"]) for s in json.loads(r2.stdout)["signatures"]] == [("unknown-issuer", "李四")],
              r.stderr + r2.stdout)
        r = tool(["sign", "--pkcs12", path("revoked.p12"), path("r.sbreview.json"), "-o", path("r-revoked.json")], PIN)
        r2 = tool(["verify", "--trust", trust, path("r-revoked.json")])
        check("a review signed with a revoked certificate: revoked, NOT VERIFIED, exit 1",
              r.returncode == 0 and r2.returncode == 1 and "with a revoked certificate" in r2.stdout, r.stderr + r2.stdout)
        must(["openssl", "cms", "-sign", "-binary", "-in", path("review-content.bin"), "-signer", path("expired.pem"),
              "-inkey", path("spare.key"), "-md", "sha256", "-outform", "DER", "-out", path("review-expired.der")])
        with open(path("review-expired.der"), "rb") as f:
            late_review = dict(unsigned_review, signatures=[{"type": "cms", "cms": base64.b64encode(f.read()).decode()}])
        with open(path("r-expired.json"), "w") as f:
            json.dump(late_review, f, ensure_ascii=False)
        r = tool(["verify", "--json", "--trust", trust, path("r-expired.json")])
        check("a review signed with a certificate that had expired: certificate-not-valid, exit 1",
              r.returncode == 1 and r.stdout.strip()
              and [s["status"] for s in json.loads(r.stdout)["signatures"]] == ["certificate-not-valid"], r.stdout)
        with open(path("r-hostile.json"), "w") as f:
            json.dump(dict(unsigned_review, signatures=[]), f, ensure_ascii=False)
        r = tool(["verify", path("r-hostile.json")])
        check("a review with a malformed signature block is refused, exit 2, the place named",
              r.returncode == 2 and "$.signatures: an empty list" in r.stderr, r.stderr)

        # PDFs
        must([TOOL, "render", path("a.json"), "-o", path("a.pdf")], env)
        r = tool(["sign", "--pkcs11", token, path("a.pdf"), "-o", path("a-signed.pdf")], PIN)
        check("sign: the applicant signs the PDF with the token", r.returncode == 0, r.stdout + r.stderr)
        with open(path("a.pdf"), "rb") as f:
            unsigned_pdf = f.read()
        with open(path("a-signed.pdf"), "rb") as f:
            signed_pdf = f.read()
        check("the signed PDF begins with the unsigned PDF's bytes, unchanged",
              signed_pdf.startswith(unsigned_pdf) and len(signed_pdf) > len(unsigned_pdf))
        r = sh(["pdfsig", path("a-signed.pdf")])
        check("pdfsig: the signature is valid, covers the whole document and names 张三",
              "Signature is Valid" in r.stdout and "Total document signed" in r.stdout and "张三" in r.stdout
              and "ETSI.CAdES.detached" in r.stdout and "SHA-256" in r.stdout, r.stdout + r.stderr)
        rect = re.findall(rb"/Rect \[ ([\d.]+) ([\d.]+) ([\d.]+) ([\d.]+) \]", signed_pdf[len(unsigned_pdf):])
        r = sh(["pdfinfo", path("a.pdf")])
        pages = int(re.search(r"Pages:\s+(\d+)", r.stdout).group(1))
        r = sh(["pdftotext", "-f", str(pages), "-l", str(pages), "-bbox", path("a.pdf"), "-"])
        label = re.search(r'xMin="([\d.]+)" yMin="([\d.]+)"[^>]*>申请人（法定代表人／负责人）', r.stdout)
        if rect and label:
            x1, y1, x2, y2 = (float(v) for v in rect[0])
            x, y = float(label.group(1)), 841.89 - float(label.group(2))
        check("the signature's widget lies over the applicant's signature box on the last page",
              rect and label and x1 < x < x1 + 10 and y2 - 10 < y < y2 and 80 < y2 - y1 < 100 and x2 - x1 > 100,
              "%s %s" % (rect, label and label.group(0)))
        r = sh(["qpdf", "--check", path("a-signed.pdf")])
        check("qpdf --check finds no error in the signed PDF", r.returncode == 0, r.stdout + r.stderr)
        tampered = bytearray(signed_pdf)
        tampered[7] = ord("4") if tampered[7] != ord("4") else ord("5")
        with open(path("tampered-review.pdf"), "wb") as f:
            f.write(tampered)
        r = tool(["verify", "--trust", trust, path("a-signed.pdf")])
        check("verify --trust: the rendered revision checks out and the PDF is signed by 张三 (trusted)",
              r.returncode == 0 and "ok     pdf-signed" in r.stdout and "ok     pages" in r.stdout
              and "signed by 张三" in r.stdout and "(trusted" in r.stdout, r.stdout + r.stderr)
        r = tool(["verify", "--require-signature", "--trust", trust, path("a-signed.pdf")])
        r2 = tool(["verify", "--require-signature", "--trust", trust, path("a.pdf")])
        check("verify --require-signature: the PDF's own trusted signature meets it, an unsigned PDF fails",
              r.returncode == 0 and r2.returncode == 1 and "one is required" in r2.stdout, r.stdout + r2.stdout)
        r = tool(["review", "--trust", trust, path("a-signed.json"), path("a-signed.pdf"), path("tampered-review.pdf")])
        check("review: names the packet's signer and the PDF's, and fails a PDF whose signature does not match",
              "ok      signature    signed by 张三" in r.stdout and "ok      pdf-signer   signed by 张三" in r.stdout
              and r.returncode == 1 and "NOT VERIFIED: pdf-signed" in r.stdout, r.stdout + r.stderr)
        r = tool(["sign", "--pkcs12", path("office.p12"), path("a-signed.pdf"), "-o", path("a-twice.pdf")], PIN)
        check("a signed PDF is not signed again: exit 1, says why", r.returncode == 1 and "already" in r.stderr,
              r.stderr)

        # One byte inside the signed range: the PDF's version digit.
        tampered = bytearray(signed_pdf)
        tampered[7] = ord("4") if tampered[7] != ord("4") else ord("5")
        with open(path("tampered.pdf"), "wb") as f:
            f.write(tampered)
        r = sh(["pdfsig", path("tampered.pdf")])
        check("pdfsig: one byte changed inside the signed range makes the signature invalid",
              "Signature is Valid" not in r.stdout, r.stdout)
        r = tool(["verify", "--trust", trust, path("tampered.pdf")])
        check("verify: one byte changed inside the signed range fails, the signature does not match",
              r.returncode == 1 and "signature does not match the content" in r.stdout, r.stdout + r.stderr)

        with open(path("appended.pdf"), "wb") as f:
            f.write(signed_pdf + b"1 0 obj\n<< >>\nendobj\nxref\n0 1\n0000000000 65535 f\r\ntrailer\n<< >>\n%%EOF\n")
        r = sh(["pdfsig", path("appended.pdf")])
        check("pdfsig: an update appended after signing is not covered", "Not total document signed" in r.stdout,
              r.stdout)
        r = tool(["verify", "--trust", trust, path("appended.pdf")])
        check("verify: an update appended after signing fails and is reported",
              r.returncode == 1 and "appended after the signature" in r.stdout, r.stdout + r.stderr)

        # A signer's own update that also replaces an object the pages use:
        # pdfsig has no way to know, Shenbao's verify must refuse it.
        forged = forge_update(unsigned_pdf, signed_pdf, tmp)
        with open(path("forged.pdf"), "wb") as f:
            f.write(forged)
        r = sh(["pdfsig", path("forged.pdf")])
        r2 = tool(["verify", "--trust", trust, path("forged.pdf")])
        check("a validly signed update that also replaces an object: pdfsig calls it valid, verify refuses it",
              "Signature is Valid" in r.stdout and r2.returncode == 1
              and "the signature’s update replaces object" in r2.stdout, r.stdout + r2.stdout + r2.stderr)

        # A signed packet rendered: the PDF carries it, signature and all.
        must([TOOL, "render", path("a-signed.json"), "-o", path("from-signed.pdf")], env)
        r = tool(["verify", "--trust", trust, path("from-signed.pdf")])
        check("the PDF of a signed packet: verify names the packet's signer and says the PDF itself is unsigned",
              r.returncode == 0 and "ok     signature    signed by 张三" in r.stdout
              and "unsigned: nothing says who made the PDF" in r.stdout, r.stdout + r.stderr)

        # The office's notice (a review PDF) is signed the same way.
        r = tool(["sign", "--pkcs12", path("office.p12"), path("a.pdf"), "-o", path("office-signed.pdf")], PIN)
        r2 = sh(["pdfsig", path("office-signed.pdf")])
        check("the office's PKCS#12 signs a PDF too, and pdfsig names the office",
              r.returncode == 0 and "Signature is Valid" in r2.stdout and "阳泉市教育局审批科" in r2.stdout,
              r.stderr + r2.stdout)

    print("1..%d" % len(results))
    for i, (name, ok, detail) in enumerate(results, 1):
        print("%s %d - %s" % ("ok" if ok else "not ok", i, name))
        if not ok:
            for line in detail.splitlines()[:20]:
                print("# " + line)
    return 0 if all(ok for _, ok, _ in results) else 1


if __name__ == "__main__":
    sys.exit(main())
