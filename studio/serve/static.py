"""The shipped view files (HTML, JS, CSS), read once at start and served from memory.

Only the files found in `static/` at start are ever served: a name is looked up in that set,
so '..', '/', '%2f' or any other path trick can never name a file on disk.
"""

from __future__ import annotations

from pathlib import Path

from aiohttp import web

STATIC_DIR = Path(__file__).resolve().parent / "static"
PAGES = {"": "index.html", "speaker": "speaker.html", "rundown": "rundown.html"}
PAGES |= {"clock": "clock.html", "remote": "remote.html"}
CONTENT_TYPES = {
    ".html": "text/html",
    ".js": "text/javascript",
    ".css": "text/css",
    ".svg": "image/svg+xml",
    ".png": "image/png",
    ".ico": "image/x-icon",
}


def load_static(folder: Path) -> dict[str, tuple[bytes, str]]:
    """Every shipped view file, read once: nothing outside this set is ever served."""
    files = {}
    for path in sorted(folder.iterdir()):
        kind = CONTENT_TYPES.get(path.suffix)
        if kind and path.is_file():
            files[path.name] = (path.read_bytes(), kind)
    return files


class StaticFiles:
    """The views' pages (`/speaker`, ...) and their files (`/static/<name>`)."""

    def __init__(self, folder: Path = STATIC_DIR) -> None:
        self.files = load_static(folder)

    def add_routes(self, router: web.UrlDispatcher) -> None:
        router.add_get("/static/{name}", self.get_file)
        router.add_get("/{page:[a-z]*}", self.get_page)

    async def get_page(self, request: web.Request) -> web.Response:
        name = PAGES.get(request.match_info["page"])
        if name is None or name not in self.files:
            raise web.HTTPNotFound()
        return self._file(name)

    async def get_file(self, request: web.Request) -> web.Response:
        name = request.match_info["name"]
        if name not in self.files:  # a fixed set: '..', '/', '%2f' can never name a file
            raise web.HTTPNotFound()
        return self._file(name)

    def _file(self, name: str) -> web.Response:
        body, kind = self.files[name]
        charset = "utf-8" if kind.startswith("text/") or kind.endswith("+xml") else None
        return web.Response(
            body=body, content_type=kind, charset=charset, headers={"Cache-Control": "no-cache"}
        )
