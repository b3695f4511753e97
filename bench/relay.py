"""A TCP relay in front of an obs-websocket server that notes when each request frame arrives.

Real OBS cannot tell us when a request reached it, so the cue benchmark puts this relay between
the console and OBS: bytes pass through unchanged, and the client-to-server direction is parsed
(the HTTP upgrade, then WebSocket frames, unmasked) so every obs-websocket Request (op 6), and
every request of a RequestBatch (op 8), is recorded with `time.perf_counter()` at the recv()
that completed its frame. The relay adds one loopback hop each way; the raw obsws-python round
trip is measured through it too.
"""

from __future__ import annotations

import contextlib
import json
import socket
import struct
import threading
import time
from typing import Any, NamedTuple


class Arrival(NamedTuple):
    """One obs-websocket request seen on its way to the server."""

    at: float  # time.perf_counter()
    type: str
    data: dict[str, Any]


def _unmask(payload: bytes, key: bytes) -> bytes:
    n = len(payload)
    if n == 0:
        return payload
    mask = int.from_bytes((key * (n // 4 + 1))[:n], "big")
    return (int.from_bytes(payload, "big") ^ mask).to_bytes(n, "big")


class _FrameReader:
    """Client-to-server WebSocket frames, after the HTTP upgrade request."""

    def __init__(self, on_request: Any) -> None:
        self.buf = bytearray()
        self.upgraded = False
        self.on_request = on_request

    def feed(self, data: bytes, at: float) -> None:
        self.buf += data
        if not self.upgraded:
            end = self.buf.find(b"\r\n\r\n")
            if end < 0:
                return
            del self.buf[: end + 4]
            self.upgraded = True
        while True:
            frame = self._next_frame()
            if frame is None:
                return
            opcode, payload = frame
            if opcode != 1:  # text frames carry obs-websocket JSON
                continue
            try:
                msg = json.loads(payload)
            except ValueError:
                continue
            if not isinstance(msg, dict):
                continue
            d = msg.get("d") or {}
            if msg.get("op") == 6:  # Request
                members = [d]
            elif msg.get("op") == 8:  # RequestBatch: its requests, in order
                members = [r for r in d.get("requests") or [] if isinstance(r, dict)]
            else:
                continue
            for r in members:
                self.on_request(
                    Arrival(at, str(r.get("requestType")), dict(r.get("requestData") or {}))
                )

    def _next_frame(self) -> tuple[int, bytes] | None:
        b = self.buf
        if len(b) < 2:
            return None
        opcode = b[0] & 0x0F
        masked = b[1] & 0x80
        length = b[1] & 0x7F
        off = 2
        if length == 126:
            if len(b) < 4:
                return None
            (length,) = struct.unpack_from(">H", b, 2)
            off = 4
        elif length == 127:
            if len(b) < 10:
                return None
            (length,) = struct.unpack_from(">Q", b, 2)
            off = 10
        key = b""
        if masked:
            if len(b) < off + 4:
                return None
            key = bytes(b[off : off + 4])
            off += 4
        if len(b) < off + length:
            return None
        payload = bytes(b[off : off + length])
        del b[: off + length]
        return opcode, _unmask(payload, key) if masked else payload


class ArrivalRelay:
    """Listens on 127.0.0.1 (`port`), relays every connection to `target_host:target_port`."""

    def __init__(self, target_host: str, target_port: int) -> None:
        self.target = (target_host, target_port)
        self._lock = threading.Lock()
        self._arrivals: list[Arrival] = []
        self._listener = socket.create_server(("127.0.0.1", 0))
        self.port: int = self._listener.getsockname()[1]
        self._socks: list[socket.socket] = []
        self._closed = False
        threading.Thread(target=self._accept, name="relay-accept", daemon=True).start()

    # ---- results ------------------------------------------------------------------------------
    def arrivals(self) -> list[Arrival]:
        with self._lock:
            return list(self._arrivals)

    def clear(self) -> None:
        with self._lock:
            self._arrivals.clear()

    def _note(self, arrival: Arrival) -> None:
        with self._lock:
            self._arrivals.append(arrival)

    # ---- relaying -----------------------------------------------------------------------------
    def _accept(self) -> None:
        while not self._closed:
            try:
                client, _ = self._listener.accept()
            except OSError:
                return
            try:
                upstream = socket.create_connection(self.target, timeout=5)
            except OSError:
                client.close()
                continue
            upstream.settimeout(None)
            for s in (client, upstream):
                s.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            self._socks += [client, upstream]
            reader = _FrameReader(self._note)
            threading.Thread(
                target=self._pump, args=(client, upstream, reader), name="relay-c2s", daemon=True
            ).start()
            threading.Thread(
                target=self._pump, args=(upstream, client, None), name="relay-s2c", daemon=True
            ).start()

    @staticmethod
    def _pump(src: socket.socket, dst: socket.socket, reader: _FrameReader | None) -> None:
        try:
            while True:
                data = src.recv(65536)
                at = time.perf_counter()
                if not data:
                    break
                dst.sendall(data)
                if reader is not None:
                    reader.feed(data, at)
        except OSError:
            pass
        finally:
            for s in (src, dst):
                with contextlib.suppress(OSError):
                    s.shutdown(socket.SHUT_RDWR)

    def close(self) -> None:
        self._closed = True
        with contextlib.suppress(OSError):
            self._listener.close()
        for s in self._socks:
            with contextlib.suppress(OSError):
                s.close()
