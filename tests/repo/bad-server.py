#!/usr/bin/env python3
"""tests/repo/bad-server.py MODE PORTFILE [UPSTREAM-PORT] - a misbehaving server on 127.0.0.1
for the repository probe's error tests, started and stopped by tests/repo/run.sh. It listens
on a free port, writes the port to PORTFILE, and serves until killed.

  auth   HTTP: every request is answered 401 with a Basic challenge (a repository that needs
         credentials).
  hang   accepts connections, reads what the client sends, never answers.
  cut    a proxy to git daemon on UPSTREAM-PORT that passes everything until the pack data
         starts ("PACK" from the server), then 64 bytes more, then closes both sides: a server
         that stops mid-transfer. Listing the refs works; fetching does not.
"""
import os
import socket
import sys
import threading


def auth(conn):
    conn.settimeout(10)
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = conn.recv(4096)
        if not chunk:
            return
        data += chunk
    body = b"authentication required\n"
    conn.sendall(b"HTTP/1.1 401 Unauthorized\r\n"
                 b"WWW-Authenticate: Basic realm=\"test\"\r\n"
                 b"Content-Type: text/plain\r\nConnection: close\r\n"
                 b"Content-Length: " + str(len(body)).encode() + b"\r\n\r\n" + body)


def hang(conn):
    while True:
        if not conn.recv(4096):
            return


def cut(conn, upstream):
    up = socket.create_connection(("127.0.0.1", upstream))
    done = threading.Event()

    def client_to_server():
        try:
            while not done.is_set():
                chunk = conn.recv(65536)
                if not chunk:
                    break
                up.sendall(chunk)
        except OSError:
            pass

    threading.Thread(target=client_to_server, daemon=True).start()
    tail = b""
    limit = None
    sent = 0
    try:
        while True:
            chunk = up.recv(65536)
            if not chunk:
                break
            if limit is None:
                at = (tail + chunk).find(b"PACK")
                if at >= 0:
                    limit = sent - len(tail) + at + 64  # "PACK" and 64 bytes more
                tail = (tail + chunk)[-3:]
            if limit is not None and sent + len(chunk) >= limit:
                conn.sendall(chunk[:max(0, limit - sent)])
                break
            conn.sendall(chunk)
            sent += len(chunk)
    except OSError:
        pass
    done.set()
    for s in (up, conn):
        try:
            s.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass
        s.close()


def main():
    mode, portfile = sys.argv[1], sys.argv[2]
    upstream = int(sys.argv[3]) if len(sys.argv) > 3 else 0
    srv = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    srv.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    srv.bind(("127.0.0.1", 0))
    srv.listen(16)
    tmp = portfile + ".tmp"
    with open(tmp, "w") as f:
        f.write("%d\n" % srv.getsockname()[1])
    os.rename(tmp, portfile)
    handler = {"auth": auth, "hang": hang, "cut": lambda c: cut(c, upstream)}[mode]

    def serve(conn):
        try:
            handler(conn)
        except OSError:
            pass
        finally:
            conn.close()

    while True:
        conn, _ = srv.accept()
        threading.Thread(target=serve, args=(conn,), daemon=True).start()


if __name__ == "__main__":
    main()
