"""The read-only web view: a Starlette app rendering :mod:`quotetrack.web.data` with Jinja2,
over the library API (``quotetrack.open``).

    import quotetrack
    from quotetrack.web.app import create_app
    app = create_app(quotetrack.open("news.db", readonly=True))   # serve with uvicorn

Every page answers ``?format=json`` with the same data it renders. Templates autoescape all
values; responses carry a Content-Security-Policy that allows no script at all, so even a
markup mistake could not run one. Everything (templates, CSS, icon) ships in the package.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from jinja2 import Environment, PackageLoader, select_autoescape
from markupsafe import Markup
from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from quotetrack.api import Quotetrack
from quotetrack.errors import InputError, NotFound
from quotetrack.web import charts, data

STATIC = Path(__file__).parent / "static"
QUOTE_TYPES = ("direct", "indirect", "mixed")
# No scripts at all; pygal's inline <style> inside the SVG needs inline styles.
CSP = (
    "default-src 'none'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
    "form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
)


def fmt_date(value: dt.date | None, empty: str = "undated") -> str:
    """``30 Nov 2023``; ``empty`` for a missing date."""
    return value.strftime("%-d %b %Y") if value else empty


def environment() -> Environment:
    """The Jinja2 environment of every page (autoescaping on for all templates)."""
    env = Environment(
        loader=PackageLoader("quotetrack.web", "templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["date"] = fmt_date
    env.globals["QUOTE_TYPES"] = QUOTE_TYPES
    return env


def jsonable(value: Any) -> Any:
    """Page data as JSON values: dates as ISO strings, tuples as lists."""
    if isinstance(value, dict):
        return {str(k): jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [jsonable(v) for v in value]
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    return value


def wants_json(request: Request) -> bool:
    return request.query_params.get("format") == "json"


class Pages:
    """The page handlers over one open database."""

    def __init__(self, qt: Quotetrack) -> None:
        self.qt = qt
        self.env = environment()

    # -- rendering --------------------------------------------------------------------------

    def html(self, template: str, status: int = 200, **context: Any) -> str:
        """Render ``template`` with ``context`` (plus the page-wide values)."""
        context.setdefault("standalone", False)
        return self.env.get_template(template).render(**context)

    def page(
        self, request: Request, template: str, payload: dict[str, Any], status: int = 200, **extra
    ) -> Response:
        """``payload`` as JSON (``?format=json``) or rendered into ``template``."""
        if wants_json(request):
            return secured(JSONResponse(jsonable(payload), status_code=status))
        body = self.html(template, page=payload, request_path=request.url.path, **extra)
        return secured(HTMLResponse(body, status_code=status))

    def not_found(self, request: Request, what: str) -> Response:
        payload = {"error": f"{what} not found", "status": 404}
        return self.page(request, "error.html", payload, status=404)

    # -- pages ------------------------------------------------------------------------------

    def home(self, request: Request) -> Response:
        return self.page(request, "home.html", data.home(self.qt))

    def speaker(self, request: Request) -> Response:
        sid = request.path_params["id"]
        sp = data.speaker(self.qt, sid)
        if sp is None:
            return self.not_found(request, f"speaker {sid}")
        chart = None if wants_json(request) else charts.speaker_chart(sp)
        return self.page(request, "speaker.html", sp, chart=Markup(chart) if chart else None)

    def statement(self, request: Request) -> Response:
        sid = request.path_params["id"]
        # A merged statement's old id is a permanent redirect to where its quotes went.
        target = data.statement_redirect(self.qt, sid)
        if target is not None:
            url = request.url.replace(path=f"/statements/{target}")
            return secured(RedirectResponse(str(url), status_code=301))
        detail = data.statement(self.qt, sid)
        if detail is None:
            return self.not_found(request, f"statement {sid}")
        if wants_json(request):
            return self.page(request, "statement.html", detail)
        return secured(HTMLResponse(self.statement_html(detail)))

    def statement_html(self, detail: dict[str, Any], standalone: bool = False) -> str:
        """The statement page; ``standalone`` inlines the styles and drops the site links
        (for ``quotetrack statement ID --html FILE``)."""
        chart = charts.spread_chart(detail)
        extra: dict[str, Any] = {}
        if standalone:
            extra["inline_css"] = Markup((STATIC / "style.css").read_text(encoding="utf-8"))
        return self.html(
            "statement.html",
            page=detail,
            chart=Markup(chart) if chart else None,
            standalone=standalone,
            request_path=f"/statements/{detail['statement_id']}",
            **extra,
        )

    def quote(self, request: Request) -> Response:
        qid = request.path_params["id"]
        q = data.quote(self.qt, qid)
        if q is None:
            return self.not_found(request, f"quote {qid}")
        return self.page(request, "quote.html", q)

    def article(self, request: Request) -> Response:
        aid = request.path_params["id"]
        a = data.article(self.qt, aid)
        if a is None:
            return self.not_found(request, f"article {aid}")
        return self.page(request, "article.html", a)

    def outlet(self, request: Request) -> Response:
        oid = request.path_params["id"]
        o = data.outlet(self.qt, oid)
        if o is None:
            return self.not_found(request, f"outlet {oid}")
        return self.page(request, "outlet.html", o)

    def search(self, request: Request) -> Response:
        params = request.query_params
        q = params.get("q", "")
        outlets = data.outlet_choices(self.qt)
        try:
            since = _date_param(params.get("since"), "since")
            until = _date_param(params.get("until"), "until")
            qtype = params.get("type") or None
            if qtype is not None and qtype not in QUOTE_TYPES:
                raise ValueError(f"type must be one of {', '.join(QUOTE_TYPES)}")
            result = data.search(
                self.qt,
                q,
                speaker=params.get("speaker") or None,
                outlet=params.get("outlet") or None,
                since=since,
                until=until,
                type=qtype,
            )
        except (ValueError, InputError, NotFound) as exc:
            # A bad query or filter, or a speaker name that matches nobody: said on the form.
            payload = {"q": q, "error": str(exc), "hits": [], "filters": dict(params)}
            return self.page(request, "search.html", payload, status=400, outlets=outlets)
        return self.page(request, "search.html", result, outlets=outlets)


def _date_param(value: str | None, name: str) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise ValueError(f"{name} must be a date YYYY-MM-DD, not {value!r}") from None


def secured(response: Response) -> Response:
    """Add the no-script Content-Security-Policy and friends to a response."""
    response.headers["Content-Security-Policy"] = CSP
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Referrer-Policy"] = "no-referrer"
    return response


def create_app(qt: Quotetrack) -> Starlette:
    """The web app over ``qt`` (open it with ``quotetrack.open(db, readonly=True)``: no page
    writes)."""
    qt.tune_for_browsing()
    pages = Pages(qt)

    async def http_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, HTTPException)
        payload = {"error": exc.detail, "status": exc.status_code}
        return pages.page(request, "error.html", payload, status=exc.status_code)

    async def server_error(request: Request, exc: Exception) -> Response:
        # A plain page, not a traceback: the details go to the server's log.
        payload = {"error": "the server could not build this page", "status": 500}
        return pages.page(request, "error.html", payload, status=500)

    routes = [
        Route("/", pages.home),
        Route("/speakers/{id:int}", pages.speaker),
        Route("/statements/{id:int}", pages.statement),
        Route("/quotes/{id:int}", pages.quote),
        Route("/articles/{id:int}", pages.article),
        Route("/outlets/{id:int}", pages.outlet),
        Route("/search", pages.search),
        Mount("/static", StaticFiles(directory=STATIC), name="static"),
    ]
    app = Starlette(
        routes=routes,
        exception_handlers={HTTPException: http_error, 500: server_error},
    )
    app.state.pages = pages
    return app


def statement_html(qt: Quotetrack, statement_id: int) -> str | None:
    """One statement as a self-contained HTML page (styles and chart inline, no links to
    a server), or ``None`` when there is no such statement."""
    detail = data.statement(qt, statement_id)
    if detail is None:
        return None
    return Pages(qt).statement_html(detail, standalone=True)
