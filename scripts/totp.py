#!/usr/bin/env python3
"""Prints the current TOTP code (RFC 6238: SHA-1, 6 digits, 30 s) for a base32 secret.

For the demo accounts in .data/demo-accounts.json, so that scripts can sign in as a person would:
    python3 scripts/totp.py JBSWY3DPEHPK3PXP
Each code works once per account; wait for the next 30-second step to sign in again.
"""
import base64, hmac, struct, sys, time

def totp(secret: str, at: float, step: int = 30, digits: int = 6) -> str:
    key = base64.b32decode(secret.upper() + "=" * (-len(secret) % 8))
    counter = struct.pack(">Q", int(at // step))
    digest = hmac.new(key, counter, "sha1").digest()
    offset = digest[-1] & 0x0F
    value = struct.unpack(">I", digest[offset:offset + 4])[0] & 0x7FFFFFFF
    return str(value % 10 ** digits).zfill(digits)

if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    print(totp(sys.argv[1], time.time()))
