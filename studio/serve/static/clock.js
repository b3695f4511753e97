// /clock: the event's time of day for a wall screen, the current item and its time left, and
// how far ahead or behind the show runs.
"use strict";

(() => {
  const S = Studio;
  const el = (id) => document.getElementById(id);
  document.title = S.lang === "en" ? "Clock" : "Годинник";

  function render() {
    const state = S.state;
    if (!state) return 250;
    S.banner(state);
    const now = S.showNow();
    S.setText(el("time"), S.timeOfDay(now, state.event.timezone, true));
    S.setText(el("zone"), S.t("eventTime", { zone: state.event.timezone }));
    let wait = S.msUntilTurn(now, state.rate);
    if (state.status === "running" && state.current) {
      const c = state.current;
      const remaining = S.remainingNow(state, now);
      const who = c.speaker ? ` — ${S.text(c.speaker)}` : "";
      S.setText(el("item"), S.text(c.title) + who);
      S.setText(el("left"), S.countdownText(remaining));
      el("left").className = "left live phase-" + (state.held ? "held" : S.phaseOf(c, remaining));
      wait = Math.min(wait, S.msUntilTurn(remaining, state.rate));
    } else {
      S.setText(el("item"), state.status === "ended" ? S.t("ended") : S.t("notStarted"));
      S.setText(el("left"), "");
    }
    const offset = state.offset + S.slip(state, now);
    S.setText(el("offset"), S.offsetText(offset));
    el("offset").className = "offset live level-" + S.offsetLevel(offset);
    return wait;
  }

  S.connect({ onState: () => render() });
  S.everyTurn(render);
})();
