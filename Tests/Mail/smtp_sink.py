"""A local SMTP relay for the e-mail callback tests: STARTTLS required, AUTH required.

    python3 smtp_sink.py CERT_PEM KEY_PEM PORT OUTPUT_JSONL [SECONDS]

PORT 0 picks a free port.
Each message it accepts is appended to OUTPUT_JSONL as {"from", "to", "tls", "login", "data"}.
It prints "READY <port>" once it listens and stops by itself after SECONDS (default 300).
"""
import json
import socket
import ssl
import sys
import time

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword

cert, key, port, output = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
if port == 0:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
lifetime = float(sys.argv[5]) if len(sys.argv) > 5 else 300


class Handler:
    async def handle_DATA(self, server, session, envelope):
        login = session.auth_data if session.authenticated else None
        record = {"from": envelope.mail_from, "to": envelope.rcpt_tos, "tls": session.ssl is not None,
                  "login": login, "data": envelope.content.decode("utf-8", "replace")}
        with open(output, "a") as out:
            out.write(json.dumps(record) + "\n")
        return "250 Message accepted"


def authenticate(server, session, envelope, mechanism, auth_data):
    ok = isinstance(auth_data, LoginPassword) and auth_data.login == b"loupe" and auth_data.password == b"relay-secret"
    # handled=False: aiosmtpd then answers a failure with 535 itself.
    return AuthResult(success=ok, handled=False, auth_data=auth_data.login.decode() if ok else None)


context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
context.load_cert_chain(cert, key)
controller = Controller(Handler(), hostname="127.0.0.1", port=port, tls_context=context, require_starttls=True,
                        authenticator=authenticate, auth_required=True)
controller.start()
print(f"READY {port}", flush=True)
deadline = time.time() + lifetime
while time.time() < deadline:
    time.sleep(0.5)
controller.stop()
