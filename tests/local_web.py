"""A small web site on 127.0.0.1 for the fetching tests: routes a test sets up, and a log of
every request it received (nothing in the tests reaches the internet)."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass
class Response:
    status: int = 200
    body: bytes = b""
    content_type: str | None = "text/html; charset=utf-8"
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0  # seconds before answering
    chunked: bool = False  # no Content-Length: the body is streamed in pieces


Route = Response | Callable[[dict[str, str]], Response]


class LocalSite:
    """``site.routes["/a.html"] = Response(body=...)``; ``site.url("/a.html")``;
    ``site.hits("/a.html")`` counts the requests for a path."""

    def __init__(self) -> None:
        self.routes: dict[str, Route] = {}
        self.log: list[tuple[str, dict[str, str]]] = []
        self.in_flight = 0
        self.most_in_flight = 0
        self.lock = threading.Lock()
        site = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"
            disable_nagle_algorithm = True  # headers and body are separate writes

            def log_message(self, *args) -> None:  # keep test output clean
                pass

            def do_GET(self) -> None:
                headers = {k.lower(): v for k, v in self.headers.items()}
                with site.lock:
                    site.log.append((self.path, headers))
                    site.in_flight += 1
                    site.most_in_flight = max(site.most_in_flight, site.in_flight)
                try:
                    route = site.routes.get(self.path)
                    if route is None:
                        response = Response(404, b"not here", "text/plain")
                    else:
                        response = route(headers) if callable(route) else route
                    if response.delay:
                        time.sleep(response.delay)
                    self.send_response(response.status)
                    if response.content_type:
                        self.send_header("Content-Type", response.content_type)
                    for name, value in response.headers.items():
                        self.send_header(name, value)
                    if response.chunked:
                        self.send_header("Transfer-Encoding", "chunked")
                        self.end_headers()
                        for start in range(0, len(response.body), 65536):
                            piece = response.body[start : start + 65536]
                            self.wfile.write(f"{len(piece):x}\r\n".encode() + piece + b"\r\n")
                        self.wfile.write(b"0\r\n\r\n")
                    else:
                        self.send_header("Content-Length", str(len(response.body)))
                        self.end_headers()
                        if response.status != 304:
                            self.wfile.write(response.body)
                except (BrokenPipeError, ConnectionResetError):
                    pass
                finally:
                    with site.lock:
                        site.in_flight -= 1

        ThreadingHTTPServer.request_queue_size = 128  # many connections opened at once
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.thread = threading.Thread(
            target=self.server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )

    def __enter__(self) -> LocalSite:
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.server.shutdown()
        self.server.server_close()

    def url(self, path: str) -> str:
        host, port = self.server.server_address[:2]
        return f"http://{host}:{port}{path}"

    def hits(self, path: str) -> int:
        with self.lock:
            return sum(1 for p, _ in self.log if p == path)


def article_html(title: str, paragraphs: list[str], *, date: str | None = None) -> bytes:
    """A news page as sites serve them: title and date in the head, a menu, the story."""
    meta = f'<meta property="article:published_time" content="{date}">' if date else ""
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return (
        f"<html><head><title>{title}</title>{meta}</head><body>"
        f'<nav><a href="/">Home</a> <a href="/world">World</a></nav>'
        f"<article><h1>{title}</h1>{body}</article></body></html>"
    ).encode()
