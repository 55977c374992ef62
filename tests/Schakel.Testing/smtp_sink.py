#!/usr/bin/env python3
"""A throw-away SMTP server for the tests (aiosmtpd, Debian package python3-aiosmtpd).

Listens on 127.0.0.1 (port 0 picks a free one), accepts every message and writes it, exactly as
received, to <directory>/<time>-<random>.eml. Prints "listening <port>" once it accepts
connections. Stops on SIGTERM/SIGINT or when its standard input closes (the test process ended).
"""
import argparse
import asyncio
import os
import signal
import sys
import threading
import time
import uuid

from aiosmtpd.smtp import SMTP


class WriteToDirectory:
    def __init__(self, directory):
        self.directory = directory

    async def handle_DATA(self, server, session, envelope):
        name = f"{time.time_ns()}-{uuid.uuid4().hex}.eml"
        temporary = os.path.join(self.directory, name + ".part")
        with open(temporary, "wb") as f:
            f.write(envelope.original_content or envelope.content)
        # Readers only ever see whole messages.
        os.replace(temporary, os.path.join(self.directory, name))
        return "250 Message accepted for delivery"


async def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--directory", required=True)
    parser.add_argument("--port", type=int, default=0)
    args = parser.parse_args()
    os.makedirs(args.directory, exist_ok=True)

    loop = asyncio.get_running_loop()
    handler = WriteToDirectory(args.directory)
    server = await loop.create_server(
        lambda: SMTP(handler, hostname="schakel-test-sink", enable_SMTPUTF8=True),
        host="127.0.0.1",
        port=args.port,
        reuse_address=True,
    )
    port = server.sockets[0].getsockname()[1]

    stop = asyncio.Event()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stop.set)

    def wait_for_stdin_to_close():
        sys.stdin.read()
        loop.call_soon_threadsafe(stop.set)

    threading.Thread(target=wait_for_stdin_to_close, daemon=True).start()

    print(f"listening {port}", flush=True)
    await stop.wait()
    server.close()
    await server.wait_closed()


if __name__ == "__main__":
    asyncio.run(main())
