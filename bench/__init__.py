"""Benchmarks of Studio Console: they print figures against targets; nothing asserts a time.

Run them all with `.venv/bin/python -m bench` (or `bash bench/run.sh`) from the repository root.
What is measured, and how:

- `bench.cues`: a key press in the real console window (offscreen) to SetCurrentProgramScene
  arriving at an obs-websocket server, against the protocol-level fake (`tests/obsws_server.py`)
  and real OBS (`tests/real_obs.py`, through a relay that notes frame arrival), with the raw
  obsws-python round trip as the floor.
- `bench.air`: time to air against real OBS at 30 fps, judged by an independent observer (a bare
  obsws-python client in its own process): its own set → event floor, key → on air, key → the
  console hearing the confirmation, key → the request leaving, and each step of a cue stamped.
- `bench.restart`: a busy five-hour show's journal (the engine in virtual time, SIGKILLed), the
  console restarted on it to the window painted with the right speaker and countdown, against
  a bare PySide6 window, with the timeline of the start.
- `bench.timer`: the countdown text against clock truth over a five-hour show on a simulated
  clock, and the lag of the painted countdown behind the real clock.
- `bench.startup`: start-up to the first painted console window against a bare PySide6 window,
  and the console's resident memory, in subprocesses.
- `bench.idle`: CPU of a console with a running speaker timer, in a subprocess.
- `bench.scale`: a generated 2,000-item agenda: loading, and the agenda table's first paint.

`bench.env` describes the machine and the versions; `bench.report` prints the table.
"""
