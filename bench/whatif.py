"""What-if patches: the changes bench/RESULTS.md suggests, applied in-process, to measure them.

`python -m bench --whatif cols,rows,batch` runs the benchmarks with those patches (in the
in-process workers and the idle-CPU child; the start-up child is left alone, an import there
would distort what it measures). They are prototypes written against commit 70f8140, replacing
functions at run time; they are not the fix (make the change in ui/ or studio/). A patch whose
change is found already made (by a look at the current source) is skipped and named on stderr.
Each patch's docstring says what it changes.
"""

from __future__ import annotations

import asyncio
import contextlib
import gc
import inspect
import json
import os
import random
import sys
from collections.abc import Callable
from typing import Any

ENV = "STUDIO_BENCH_WHATIF"


def _fit_time_columns(table: Any, model: Any) -> None:
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QHeaderView

    from ui.agenda_model import AgendaModel

    header, fm = table.horizontalHeader(), table.fontMetrics()
    for col, sample in (
        (AgendaModel.PLANNED, "00:00"),
        (AgendaModel.PLANNED_DUR, "0:00:00"),
        (AgendaModel.ACTUAL_DUR, "0:00:00"),
    ):
        title = str(model.headerData(col, Qt.Orientation.Horizontal))
        header.setSectionResizeMode(col, QHeaderView.ResizeMode.Fixed)
        width = max(fm.horizontalAdvance(sample), fm.horizontalAdvance(title))
        header.resizeSection(col, width + 24)


def fixed_columns() -> bool:
    """ui/main_window.py: the Planned, Plan and Actual columns of the agenda table Fixed, as wide
    as "00:00" / "0:00:00" or their header, instead of ResizeToContents (which re-measures up to
    1,000 rows, every role of every cell, on each dataChanged). The scale benchmark's own copy
    of the table set-up follows (bench.scale.TABLE_SETUP)."""
    import bench.scale
    import ui.main_window as mw

    if "ResizeMode.ResizeToContents" not in inspect.getsource(mw.MainWindow.__init__):
        return False
    original = mw.MainWindow.__init__

    def init(self: Any, *args: Any, **kwargs: Any) -> None:
        original(self, *args, **kwargs)
        _fit_time_columns(self.table, self.model)

    mw.MainWindow.__init__ = init  # type: ignore[method-assign]
    bench.scale.TABLE_SETUP.append(_fit_time_columns)
    return True


def changed_rows_only() -> bool:
    """ui/agenda_model.py `_all_changed`: after an action, dataChanged only for the rows whose
    state changed (a cached list of item states, compared) and the current row, instead of for
    every row; a language switch still repaints everything."""
    import ui.agenda_model as am

    if hasattr(am.AgendaModel, "_show_changed"):
        return False

    def _all_changed(self: Any) -> None:
        self._last_running = None
        show = self.rt.show
        states = [show.item_state(i) for i in range(self.rowCount())]
        before = getattr(self, "_bench_states", None)
        self._bench_states = states
        if before is None or len(before) != len(states):
            rows = list(range(len(states)))
        else:
            pairs = enumerate(zip(before, states, strict=True))
            rows = [i for i, (old, new) in pairs if old != new]
            current = self.current_row()
            if current is not None and current not in rows:
                rows.append(current)
        for row in rows:
            self.dataChanged.emit(self.index(row, 0), self.index(row, self.COLUMNS - 1))

    def _language_changed(self: Any, _lang: str) -> None:
        from PySide6.QtCore import Qt

        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, self.COLUMNS - 1)
        self._bench_states = None
        self._all_changed()

    original_init = am.AgendaModel.__init__

    def init(self: Any, *args: Any, **kwargs: Any) -> None:
        original_init(self, *args, **kwargs)
        show = self.rt.show
        self._bench_states = [show.item_state(i) for i in range(self.rowCount())]

    am.AgendaModel.__init__ = init  # type: ignore[method-assign]
    am.AgendaModel._all_changed = _all_changed  # type: ignore[method-assign]
    am.AgendaModel._language_changed = _language_changed  # type: ignore[method-assign]
    return True


def indexed_actual() -> bool:
    """ui/agenda_model.py `_actual_text`: sum the item's own segments
    (`agenda.item_segments(row)`) instead of scanning every segment of the agenda per cell."""
    import ui.agenda_model as am
    from studio.timefmt import clock_text

    if "item_segments" in inspect.getsource(am.AgendaModel._actual_text):
        return False

    def _actual_text(self: Any, row: int, state: Any) -> str:
        show = self.rt.show
        if show.state.item_start[row] is None:
            return ""
        now = self.rt.clock.now()
        return clock_text(sum(show.elapsed(i, now) for i in self.rt.agenda.item_segments(row)))

    am.AgendaModel._actual_text = _actual_text  # type: ignore[method-assign]
    return True


def offset_when_moving() -> bool:
    """ui/bridge.py `next_change_in`: aim at the schedule offset's next half second only while
    the offset moves with time (overtime, hold, before the start); on time it is constant, and
    aiming at it doubles the refreshes."""
    import time

    import ui.bridge as br

    if "remaining < 0" in inspect.getsource(br.next_change_in):
        return False

    def next_change_in(status: Any, rate: float, flashing: bool) -> float:
        if rate <= 0:
            return br.REFRESH_MS / 1000
        show_s = br._until_next_whole(status.now, falling=False)
        running = status.status == "running"
        if running and not status.held:
            show_s = min(show_s, br._until_next_whole(status.remaining, falling=True))
            if status.remaining < 0:
                show_s = min(show_s, br._until_next_whole(status.offset + 0.5, falling=False))
        elif status.status == "pre" or (running and status.held):
            show_s = min(show_s, br._until_next_whole(status.offset + 0.5, falling=False))
        wait = show_s / rate
        if flashing:
            wait = min(wait, 0.5 - time.monotonic() % 0.5)
        return min(wait, br.MAX_WAIT_MS / 1000)

    br.next_change_in = next_change_in
    return True


def batch_cue() -> bool:
    """studio/obs/live.py + studio/obs/link.py `_reapply`: a cue's changed texts and its scene
    switch go to OBS as one RequestBatch (op 8, SerialRealtime: the texts still land before the
    scene): one round trip instead of one per text plus one for the scene. (studio/obs/guard.py
    must then let a batch through when none of its requests is a stream starter.)"""
    import studio.obs.link as lk
    import studio.obs.live as lv
    from studio.obs.base import ObsUnavailable

    if hasattr(lv.LiveObs, "request_batch") or "batch" in inspect.getsource(lk.ObsLink._reapply):
        return False

    def _batch_sync(self: Any, requests: list[tuple[str, dict[str, Any]]]) -> list[Any]:
        req = self._req
        if req is None:
            raise ObsUnavailable("not connected")
        ws = req.base_client.ws
        payload = {
            "op": 8,
            "d": {
                "requestId": str(random.randint(1, 1 << 30)),
                "haltOnFailure": False,
                "executionType": 0,
                "requests": [{"requestType": t, "requestData": d} for t, d in requests],
            },
        }
        ws.send(json.dumps(payload))
        while True:
            msg = json.loads(ws.recv())
            if msg.get("op") == 9:
                return list(msg["d"]["results"])

    async def request_batch(self: Any, requests: list[tuple[str, dict[str, Any]]]) -> list[Any]:
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self._pool, _batch_sync, self, requests)

    lv.LiveObs.request_batch = request_batch  # type: ignore[attr-defined]

    original_set_text = lk.ObsLink.set_text

    async def set_text(self: Any, name: str, text: str) -> bool:
        pending = getattr(self, "_bench_batch", None)
        if pending is None:
            return await original_set_text(self, name, text)
        self.desired.texts[name] = text
        if not self.online or self._last_texts.get(name) == text:
            return False
        settings = {"inputName": name, "inputSettings": {"text": text}, "overlay": True}
        pending.append(("SetInputSettings", settings))
        self._last_texts[name] = text
        return True

    lk.ObsLink.set_text = set_text  # type: ignore[method-assign]
    original_reapply = lk.ObsLink._reapply

    async def _reapply(self: Any) -> Any:
        inner = getattr(self.transport, "inner", self.transport)
        if not hasattr(inner, "request_batch"):
            return await original_reapply(self)
        self._bench_batch = []
        client = self.client
        original_scene = client.set_program_scene

        async def set_program_scene(name: str) -> None:
            texts, self._bench_batch = self._bench_batch, None
            scene = ("SetCurrentProgramScene", {"sceneName": name})
            await inner.request_batch([*(texts or []), scene])

        client.set_program_scene = set_program_scene
        try:
            return await original_reapply(self)
        finally:
            client.set_program_scene = original_scene
            texts, self._bench_batch = self._bench_batch, None
            if texts:
                await inner.request_batch(texts)

    lk.ObsLink._reapply = _reapply  # type: ignore[method-assign]
    return True


def unsynced_facts() -> bool:
    """studio/journal.py `append`: entries of kind "obs" (cue, switch and other facts for the
    report) are written and flushed but not fsynced; actions still are, and order is kept."""
    import studio.journal as jn

    if "sync" in inspect.signature(jn.Journal.append).parameters:
        return False

    def append(
        self: Any, at: float, kind: str, name: str, args: dict[str, Any] | None = None
    ) -> Any:
        entry = jn.Entry(self.next_seq, at, kind, name, dict(args or {}))
        self._fh.write(entry.to_json().encode("utf-8") + b"\n")
        self._fh.flush()
        if kind != "obs":
            os.fsync(self._fh.fileno())
        self.entries.append(entry)
        return entry

    jn.Journal.append = append  # type: ignore[method-assign]
    return True


def libyaml_compose() -> bool:
    """studio/yamlpos.py `load_located`: compose with libyaml (yaml.CSafeLoader) when PyYAML has
    it, parsing again with the pure-Python loader only to word a syntax error as before."""
    import yaml

    import studio.yamlpos as yp

    if "CSafeLoader" in inspect.getsource(yp):
        return False
    original_load = yp.load_located

    def load_located(text: str) -> Any:
        c_loader = getattr(yaml, "CSafeLoader", None)
        if c_loader is None:
            return original_load(text)
        loader = c_loader(text)
        try:
            node = loader.get_single_node()
        except yaml.YAMLError:
            return original_load(text)  # the pure-Python loader words the problem as before
        finally:
            loader.dispose()
        out = yp.Located(data=None)
        if node is not None:
            out.data = yp._build(yaml.SafeLoader(""), node, (), out)
        return out

    yp.load_located = load_located
    return True


def lazy_positions() -> bool:
    """studio/yamlpos.py `_build`, `Located.where`/`where_key`, `_scalar`: keep each path's yaml
    Mark and make the Pos only when where() or where_key() asks (nothing else reads `values` or
    `keys`); plain strings taken as they are; no alias-loop set for scalars."""
    import yaml

    import studio.yamlpos as yp

    if "out.values[path] = node.start_mark" in inspect.getsource(yp._build):
        return False
    original_scalar = yp._scalar
    plain = "tag:yaml.org,2002:str"

    def to_pos(mark: Any) -> Any:
        return mark if isinstance(mark, yp.Pos) else yp.Pos(mark.line + 1, mark.column + 1)

    def where(self: Any, path: Any) -> Any:
        p = tuple(path)
        while p:
            if p in self.values:
                return to_pos(self.values[p])
            p = p[:-1]
        return to_pos(self.values.get((), yp.Pos(1, 1)))

    def where_key(self: Any, path: Any) -> Any:
        mark = self.keys.get(tuple(path))
        return to_pos(mark) if mark is not None else self.where(path)

    def _scalar(loader: Any, node: Any) -> Any:
        return node.value if node.tag == plain else original_scalar(loader, node)

    def _build(
        loader: Any, node: Any, path: Any, out: Any, active: frozenset[int] = frozenset()
    ) -> Any:
        if id(node) in active:
            raise yp.YamlSyntaxError(
                yp._pos(node.start_mark),
                "this value holds an alias to itself; expected aliases that do not loop",
            )
        out.values[path] = node.start_mark
        if isinstance(node, yaml.MappingNode):
            inner = active | {id(node)}
            result: dict[str, Any] = {}
            own = [(k, v) for k, v in node.value if k.tag != yp._MERGE]
            merged: dict[str, Any] = {}
            if len(own) != len(node.value):
                own_keys = {yp._key(loader, k) for k, _ in own}
                for key_node, value_node in yp._merged_pairs(node):
                    key = yp._key(loader, key_node)
                    if key not in own_keys:
                        merged[key] = (key_node, value_node)
            for key, (key_node, value_node) in merged.items():
                out.keys[(*path, key)] = key_node.start_mark
                result[key] = _build(loader, value_node, (*path, key), out, inner)
            for key_node, value_node in own:
                key = yp._key(loader, key_node)
                key_path = (*path, key)
                if key in result and key not in merged:
                    first = to_pos(out.keys[key_path]).line
                    raise yp.YamlSyntaxError(
                        yp._pos(key_node.start_mark),
                        f"duplicate key '{key}': line {first} already sets it; "
                        "expected each key once",
                    )
                out.keys[key_path] = key_node.start_mark
                result[key] = _build(loader, value_node, key_path, out, inner)
            return result
        if isinstance(node, yaml.SequenceNode):
            inner = active | {id(node)}
            return [
                _build(loader, child, (*path, i), out, inner) for i, child in enumerate(node.value)
            ]
        try:
            return _scalar(loader, node)
        except yaml.YAMLError:
            raise yp.YamlSyntaxError(
                yp._pos(node.start_mark),
                f"unknown tag '{node.tag}'; expected a plain value without a tag",
            ) from None
        except (ValueError, TypeError, OverflowError):
            kind = node.tag.rsplit(":", 1)[-1]
            raise yp.YamlSyntaxError(
                yp._pos(node.start_mark), f"{node.value!r} is not a valid !!{kind} value"
            ) from None

    yp.Located.where = where  # type: ignore[method-assign]
    yp.Located.where_key = where_key  # type: ignore[method-assign]
    yp._scalar = _scalar
    yp._build = _build
    return True


def gc_paused_load() -> bool:
    """studio/agenda.py `load_agenda`: the cyclic garbage collector paused while an agenda loads
    (a 2,000-item file makes ~10^5 acyclic objects; the collector re-scans them over and over)."""
    import studio.agenda as ag

    if "gc_paused" in inspect.getsource(ag.load_agenda):
        return False
    original = ag.load_agenda

    def load_agenda(*args: Any, **kwargs: Any) -> Any:
        enabled = gc.isenabled()
        gc.disable()
        try:
            return original(*args, **kwargs)
        finally:
            if enabled:
                gc.enable()

    ag.load_agenda = load_agenda
    with contextlib.suppress(ImportError):
        import ui.app

        ui.app.load_agenda = load_agenda  # type: ignore[attr-defined]
    return True


PATCHES: dict[str, Callable[[], bool]] = {
    "cols": fixed_columns,
    "rows": changed_rows_only,
    "actual": indexed_actual,
    "offset": offset_when_moving,
    "batch": batch_cue,
    "nosync": unsynced_facts,
    "yaml": libyaml_compose,
    "lean": lazy_positions,
    "gc": gc_paused_load,
}
RECOMMENDED = "cols,rows,actual,offset,batch,nosync,yaml,lean,gc"


def parse(names: str) -> list[str]:
    chosen = [n.strip() for n in names.split(",") if n.strip()]
    if chosen == ["all"]:
        chosen = RECOMMENDED.split(",")
    unknown = [n for n in chosen if n not in PATCHES]
    if unknown:
        raise ValueError(f"unknown what-if patch(es): {', '.join(unknown)}")
    return chosen


def apply(names: str) -> list[str]:
    """Apply the named patches ("all" = every one) whose change is not in the code already;
    returns the names applied (and says on stderr which were found already made)."""
    applied, present = [], []
    for name in parse(names):
        (applied if PATCHES[name]() else present).append(name)
    if present:
        print("what-if: already in the code, not patched: " + ", ".join(present), file=sys.stderr)
    return applied


def apply_from_env() -> list[str]:
    names = os.environ.get(ENV, "")
    return apply(names) if names else []
