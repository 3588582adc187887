#!/usr/bin/env python3
"""A MedContractHub client for the TCP event-bus bridge, in Python's standard library only.

Frames are 4-byte big-endian lengths followed by JSON, as vertx-tcp-eventbus-bridge writes them. The token is a
bearer token from POST /api/v1/auth/login; addresses and permissions are the browser bridge's (docs/realtime.md).

    python3 mch_bridge.py HOST PORT TOKEN ADDRESS TEXT

registers on ADDRESS (an opportunity's comments, e.g. opportunity.<noticeId>.comments), posts TEXT as a comment,
prints the acknowledgement ("ack {...}") and then the comment as every viewer receives it ("message {...}").
"""
import json
import socket
import struct
import sys
import uuid


class Bridge:
    def __init__(self, host, port, token, timeout=30):
        self.sock = socket.create_connection((host, port), timeout=timeout)
        self.headers = {"Authorization": "Bearer " + token}

    def _write(self, frame):
        data = json.dumps(frame).encode("utf-8")
        self.sock.sendall(struct.pack(">I", len(data)) + data)

    def _read_exactly(self, n):
        data = b""
        while len(data) < n:
            chunk = self.sock.recv(n - len(data))
            if not chunk:
                raise ConnectionError("the bridge closed the connection")
            data += chunk
        return data

    def read(self):
        """The next frame: {"type": "message" | "err" | "pong", "address", "headers", "body", ...}."""
        (length,) = struct.unpack(">I", self._read_exactly(4))
        return json.loads(self._read_exactly(length).decode("utf-8"))

    def register(self, address, since=None):
        headers = dict(self.headers, since=since) if since else self.headers
        self._write({"type": "register", "address": address, "headers": headers})

    def send(self, address, body):
        """Sends a request; its answer (or refusal) arrives as a frame on the returned reply address."""
        reply_address = str(uuid.uuid4())
        self._write({"type": "send", "address": address, "body": body, "headers": self.headers,
                     "replyAddress": reply_address})
        return reply_address

    def ping(self):
        self._write({"type": "ping"})

    def close(self):
        self.sock.close()


def main(host, port, token, address, text):
    bridge = Bridge(host, int(port), token)
    bridge.register(address)
    reply_address = bridge.send(address, {"text": text})
    acked, messages = None, {}
    while acked is None or acked["id"] not in messages:
        frame = bridge.read()
        if frame["type"] == "err":
            sys.exit("refused: " + json.dumps(frame))
        if frame.get("address") == reply_address:
            acked = frame["body"]
            print("ack " + json.dumps(acked), flush=True)
        elif frame.get("address") == address:
            messages[frame["body"].get("id")] = frame["body"]
    print("message " + json.dumps(messages[acked["id"]]), flush=True)
    bridge.close()


if __name__ == "__main__":
    if len(sys.argv) != 6:
        sys.exit(__doc__)
    main(*sys.argv[1:])
