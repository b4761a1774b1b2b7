#!/usr/bin/env python3
"""Makes the test vectors of modules/test-vectors/src/main/resources/vectors, or checks them.

Only tools independent of this project's Java code: the openssl command line (AES-256-CBC,
the RSA key, RSAES-OAEP), GNU coreutils' cksum, and Python's standard library (the pattern,
the JSON, the frames' layout of PROTOCOL.md sections 1-3 with struct, the client files).

Inputs beside this script: rsa-private-key.pem, the fixed RSA key (PKCS#8, 1024 bits, e = 17);
it is never regenerated. The OAEP ciphertext of rsa.json is random by nature: it is taken from
the existing rsa.json (and openssl must decrypt it to the AES key), and a fresh one is made only
with --fresh-oaep.

    make-vectors.py [--fresh-oaep] [OUT]   write the vectors into OUT (default: the committed folder)
    make-vectors.py --check [DIR]          recompute them into a temporary folder and compare them
                                           with DIR (JSON as parsed values, other files byte for
                                           byte); print what differs, exit 1 when anything does
"""

import argparse
import base64
import json
import os
import shutil
import struct
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
KEY_PEM = os.path.join(HERE, "rsa-private-key.pem")
COMMITTED = os.path.normpath(os.path.join(HERE, "..", "main", "resources", "vectors"))

OAEP = ["-pkeyopt", "rsa_padding_mode:oaep", "-pkeyopt", "rsa_oaep_md:sha1", "-pkeyopt", "rsa_mgf1_md:sha1"]

AES_FILE_KEY = bytes(range(0x00, 0x20))  # aes.json's key
AES_SESSION_KEY = bytes(range(0x64, 0x84))  # rsa.json's AES key, wrapped with OAEP
CLIENT_ID = bytes.fromhex("0123456789abcdef0123456789abcdef")
NAME = "alice"
FILE_NAME = "notes.txt"


def pattern(n, seed):
    """pattern(n, seed)[i] = ((i*31+seed) XOR (i>>8)) & 0xFF"""
    return bytes(((i * 31 + seed) ^ (i >> 8)) & 0xFF for i in range(n))


def run(args, data=b""):
    done = subprocess.run(args, input=data, capture_output=True, env=dict(os.environ, LC_ALL="C"))
    if done.returncode != 0:
        raise ToolError(" ".join(args) + " failed: " + done.stderr.decode(errors="replace").strip())
    return done.stdout


class ToolError(Exception):
    pass


def aes_256_cbc(key, plain):
    return run(["openssl", "enc", "-aes-256-cbc", "-K", key.hex(), "-iv", "00" * 16], plain)


def cksum(data):
    return int(run(["cksum"], data).split()[0])


class RsaKey:
    """The fixed key of rsa-private-key.pem, through openssl."""

    def __init__(self, pem, work):
        self.pem = pem
        self.work = work
        self.pkcs8 = run(["openssl", "pkcs8", "-topk8", "-nocrypt", "-in", pem, "-outform", "DER"])
        self.x509 = run(["openssl", "pkey", "-in", pem, "-pubout", "-outform", "DER"])
        text = run(["openssl", "pkey", "-in", pem, "-noout", "-text"]).decode()
        if "(1024 bit" not in text or "publicExponent: 17 (0x11)" not in text:
            raise ToolError(pem + " is not a 1024-bit RSA key with public exponent 17")
        if len(self.x509) != 160:
            raise ToolError("the public key's X.509 DER is %d bytes, not 160" % len(self.x509))

    def _pkeyutl(self, op, data):
        path = os.path.join(self.work, "oaep.in")
        with open(path, "wb") as f:
            f.write(data)
        return run(["openssl", "pkeyutl", op, "-inkey", self.pem, "-in", path] + OAEP)

    def wrap(self, secret):
        return self._pkeyutl("-encrypt", secret)

    def unwraps_to(self, cipher, secret):
        try:
            return self._pkeyutl("-decrypt", cipher) == secret
        except ToolError:
            return False


def aes_json():
    vectors = []
    for n in (0, 1, 15, 16, 17, 1024, 5000):
        plain = pattern(n, 3)
        vectors.append({"plain_length": n, "plain_hex": plain.hex(),
                        "cipher_hex": aes_256_cbc(AES_FILE_KEY, plain).hex()})
    return {
        "about": "AES-256-CBC, IV of 16 zero bytes, PKCS#7 padding (a full block is added when the "
                 "plaintext is a multiple of 16). Plaintext = pattern(n, seed=3).",
        "key_hex": AES_FILE_KEY.hex(),
        "vectors": vectors,
    }


def cksum_json():
    vectors = []
    for label, data, generator in (("empty", b"", None), ("a", b"a", None),
                                   ("hello world\\n", b"hello world\n", None),
                                   ("pattern 1000", pattern(1000, 7), "pattern"),
                                   ("pattern 65536", pattern(65536, 7), "pattern"),
                                   ("pattern 1048577", pattern(1048577, 7), "pattern")):
        vectors.append({"label": label, "length": len(data),
                        "hex": data.hex() if len(data) <= 1000 else None,
                        "generator": generator, "cksum": cksum(data)})
    return {
        "about": "POSIX cksum (CRC-32/CKSUM over the data, then its length LSB-first, complemented), "
                 "values from GNU coreutils cksum. pattern(n)[i] = ((i*31+7) XOR (i>>8)) & 0xFF.",
        "vectors": vectors,
    }


def rsa_json(key, oaep_cipher):
    return {
        "about": "RSA 1024-bit, public exponent 17. Public key: X.509 SubjectPublicKeyInfo DER (160 "
                 "bytes). Private key: PKCS#8 PrivateKeyInfo DER. OAEP uses SHA-1 and MGF1 with SHA-1, "
                 "empty label. oaep_cipher_hex decrypts to aes_key_hex.",
        "public_key_x509_hex": key.x509.hex(),
        "private_key_pkcs8_base64": base64.b64encode(key.pkcs8).decode(),
        "aes_key_hex": AES_SESSION_KEY.hex(),
        "oaep_cipher_hex": oaep_cipher.hex(),
    }


def field(text, width=255):
    """A fixed-width ASCII field: the text, a NUL, NUL padding to the width (PROTOCOL.md 1)."""
    raw = text.encode("ascii")
    if len(raw) >= width:
        raise ValueError("%r does not fit a %d-byte field" % (text, width))
    return raw + b"\0" * (width - len(raw))


def request(client_id, code, payload):
    """Client id[16], version u8 = 3, code u16, payload size u32, payload (PROTOCOL.md 1, 2)."""
    return client_id + struct.pack("<BHI", 3, code, len(payload)) + payload


def response(code, payload=b""):
    """Version u8 = 3, code u16, payload size u32, payload (PROTOCOL.md 1, 3)."""
    return struct.pack("<BHI", 3, code, len(payload)) + payload


def frames_json(key, oaep_cipher):
    plain = pattern(2500, 11)
    cipher = aes_256_cbc(AES_SESSION_KEY, plain)
    chunks = [cipher[i:i + 1024] for i in range(0, len(cipher), 1024)]
    name, file_name = field(NAME), field(FILE_NAME)
    frames = [
        ("client", "register 825", request(bytes(16), 825, name)),
        ("server", "registered 1600", response(1600, CLIENT_ID)),
        ("client", "public key 826", request(CLIENT_ID, 826, name + key.x509)),
        ("server", "aes key 1602", response(1602, CLIENT_ID + oaep_cipher)),
    ]
    for number, chunk in enumerate(chunks, start=1):
        payload = struct.pack("<IIHH", len(cipher), len(plain), number, len(chunks)) + file_name + chunk
        frames.append(("client", "send file 828 packet %d/%d" % (number, len(chunks)),
                       request(CLIENT_ID, 828, payload)))
    frames += [
        ("server", "file received 1603",
         response(1603, CLIENT_ID + struct.pack("<I", len(cipher)) + file_name + struct.pack("<I", cksum(plain)))),
        ("client", "crc ok 900", request(CLIENT_ID, 900, file_name)),
        ("server", "thanks 1604", response(1604, CLIENT_ID)),
        ("client", "reconnect 827", request(CLIENT_ID, 827, name)),
        ("server", "reconnected 1605", response(1605, CLIENT_ID + oaep_cipher)),
        ("client", "crc bad 901", request(CLIENT_ID, 901, file_name)),
        ("client", "crc bad, giving up 902", request(CLIENT_ID, 902, file_name)),
        ("server", "registration failed 1601", response(1601)),
        ("server", "reconnect refused 1606", response(1606, CLIENT_ID)),
        ("server", "general error 1607", response(1607)),
    ]
    return {
        "about": "Byte-exact frames (hex). Client id 0123..cdef, name \"alice\", file \"notes.txt\", "
                 "plaintext = pattern(2500, seed=11) encrypted with the AES key of rsa.json; packets "
                 "carry 1024 bytes of ciphertext each (the last one less) and are numbered from 1. The "
                 "1602/1605 payload carries the OAEP ciphertext of rsa.json.",
        "frames": [{"from": side, "what": what, "hex": frame.hex()} for side, what, frame in frames],
    }


CLIENT_FILES_README = """\
me.info and priv.key: as the original C++ client writes them (base64 of the PKCS#8 key of
../rsa.json, wrapped at 72 columns, LF). me-crlf-nul.info: the same client, as a peer in the
wild writes it (name NUL-padded to 255 bytes, CRLF, key on one line). Client id
0123456789abcdef0123456789abcdef.
"""


def client_files(key):
    b64 = base64.b64encode(key.pkcs8).decode()
    wrapped = "".join(b64[i:i + 72] + "\n" for i in range(0, len(b64), 72))
    return {
        "README": CLIENT_FILES_README.encode(),
        "me.info": (NAME + "\n" + CLIENT_ID.hex() + "\n" + wrapped).encode(),
        "priv.key": wrapped.encode(),
        "me-crlf-nul.info": NAME.encode() + b"\0" * (255 - len(NAME))
                            + ("\r\n" + CLIENT_ID.hex() + "\r\n" + b64 + "\r\n").encode(),
        "transfer.info": ("127.0.0.1:1256\n" + NAME + "\n" + FILE_NAME + "\n").encode(),
    }


def existing_oaep(folder):
    """The OAEP ciphertext of folder/rsa.json, or None when there is none."""
    try:
        with open(os.path.join(folder, "rsa.json"), encoding="ascii") as f:
            return bytes.fromhex(json.load(f)["oaep_cipher_hex"])
    except (OSError, ValueError, KeyError, TypeError):
        return None


def make(out, oaep_cipher, work):
    """Writes every vector into out; returns the problems found on the way."""
    problems = []
    key = RsaKey(KEY_PEM, work)
    if oaep_cipher is None:
        oaep_cipher = key.wrap(AES_SESSION_KEY)
    elif not key.unwraps_to(oaep_cipher, AES_SESSION_KEY):
        problems.append("rsa.json: oaep_cipher_hex does not decrypt to aes_key_hex with rsa-private-key.pem")
    documents = {"aes.json": aes_json(), "cksum.json": cksum_json(),
                 "rsa.json": rsa_json(key, oaep_cipher), "frames.json": frames_json(key, oaep_cipher)}
    os.makedirs(os.path.join(out, "client-files"), exist_ok=True)
    for name, document in documents.items():
        with open(os.path.join(out, name), "w", encoding="ascii", newline="") as f:
            f.write(json.dumps(document, indent=1))
    for name, content in client_files(key).items():
        with open(os.path.join(out, "client-files", name), "wb") as f:
            f.write(content)
    return problems


def files_under(folder):
    found = set()
    for root, dirs, files in os.walk(folder):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        for name in files:
            if not name.startswith("."):
                found.add(os.path.relpath(os.path.join(root, name), folder).replace(os.sep, "/"))
    return found


def json_differences(expected, actual, where=""):
    if type(expected) is not type(actual):
        return ["%s: %s expected, %s found" % (where or "top", type(expected).__name__, type(actual).__name__)]
    if isinstance(expected, dict):
        out = []
        for k in expected.keys() | actual.keys():
            if k not in actual:
                out.append("%s.%s is missing" % (where, k))
            elif k not in expected:
                out.append("%s.%s is not expected" % (where, k))
            else:
                out += json_differences(expected[k], actual[k], where + "." + k)
        return out
    if isinstance(expected, list):
        out = [] if len(expected) == len(actual) else [
            "%s: %d entries expected, %d found" % (where, len(expected), len(actual))]
        for i, (e, a) in enumerate(zip(expected, actual)):
            out += json_differences(e, a, "%s[%d]" % (where, i))
        return out
    if expected == actual:
        return []
    if isinstance(expected, str) and max(len(expected), len(actual)) > 72:
        at = first_difference(expected, actual)
        return ["%s: differs from character %d (%d characters expected, %d found): %s expected, %s found"
                % (where, at, len(expected), len(actual), json.dumps(expected[at:at + 16]), json.dumps(actual[at:at + 16]))]
    return ["%s: %s expected, %s found" % (where or "top", json.dumps(expected), json.dumps(actual))]


def first_difference(a, b):
    return next((i for i, (x, y) in enumerate(zip(a, b)) if x != y), min(len(a), len(b)))


def compare(expected_dir, actual_dir):
    problems = []
    expected, actual = files_under(expected_dir), files_under(actual_dir)
    problems += ["%s: missing" % name for name in sorted(expected - actual)]
    problems += ["%s: not made by this script" % name for name in sorted(actual - expected)]
    for name in sorted(expected & actual):
        with open(os.path.join(expected_dir, name), "rb") as f:
            want = f.read()
        with open(os.path.join(actual_dir, name), "rb") as f:
            got = f.read()
        if name.endswith(".json"):
            try:
                found = json.loads(got)
            except ValueError as e:
                problems.append("%s: not JSON (%s)" % (name, e))
                continue
            problems += [name + ": " + d for d in json_differences(json.loads(want), found)]
        elif want != got:
            at = first_difference(want, got)
            problems.append("%s: differs from byte %d (%d bytes expected, %d found)" % (name, at, len(want), len(got)))
    return problems


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--check", action="store_true", help="compare the vectors of DIR with recomputed ones")
    parser.add_argument("--fresh-oaep", action="store_true", help="wrap the AES key of rsa.json anew")
    parser.add_argument("dir", nargs="?", default=COMMITTED, help="the vectors folder (default: %(default)s)")
    args = parser.parse_args()
    if args.check and args.fresh_oaep:
        parser.error("--check takes the OAEP ciphertext from DIR/rsa.json: no --fresh-oaep")
    for tool in ("openssl", "cksum"):
        if shutil.which(tool) is None:
            print("make-vectors: %s is not on the PATH" % tool, file=sys.stderr)
            return 2
    oaep_cipher = None if args.fresh_oaep else existing_oaep(args.dir)
    if oaep_cipher is None and not args.fresh_oaep and not args.check:
        print("make-vectors: %s holds no OAEP ciphertext: pass --fresh-oaep to make one"
              % os.path.join(args.dir, "rsa.json"), file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory(prefix="vectors-") as work:
        try:
            if not args.check:
                problems = make(args.dir, oaep_cipher, work)
            else:
                made = os.path.join(work, "vectors")
                problems = make(made, oaep_cipher, work)
                if oaep_cipher is None:
                    problems.append("rsa.json: no oaep_cipher_hex to check")
                problems += compare(made, args.dir)
        except ToolError as e:
            print("make-vectors: %s" % e, file=sys.stderr)
            return 2
    for problem in problems:
        print(problem)
    if args.check:
        print("%s: %s" % (args.dir, "%d differences" % len(problems) if problems else "the vectors are as made"))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
