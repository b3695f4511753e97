// /rundown: the agenda, read-only, with each item's state, planned and actual times, the
// schedule offset and the projected end.
"use strict";

(() => {
  const S = Studio;
  const el = (id) => document.getElementById(id);
  document.title = S.lang === "en" ? "Rundown" : "Програма";
  S.setText(el("hPlanned"), S.t("planned"));
  S.setText(el("hItem"), S.t("item"));
  S.setText(el("hPlan"), S.t("plan"));
  S.setText(el("hActual"), S.t("actual"));
  S.setText(el("hState"), S.t("state"));
  S.setText(el("scheduleLabel"), S.t("schedule"));
  S.setText(el("endLabel"), S.t("projectedEnd"));
  let rows = [];

  function build(state) {
    const body = el("rows");
    body.textContent = "";
    rows = state.items.map((item) => {
      const tr = document.createElement("tr");
      const cells = ["planned", "title", "plan", "actual", "state"].map((name) => {
        const td = document.createElement("td");
        if (name === "plan" || name === "actual") td.className = "num";
        tr.appendChild(td);
        return td;
      });
      body.appendChild(tr);
      return { id: item.id, tr, cells };
    });
  }

  function render() {
    const state = S.state;
    if (!state) return 250;
    S.banner(state);
    if (rows.length !== state.items.length || rows.some((r, i) => r.id !== state.items[i].id)) {
      build(state);
    }
    const zone = state.event.timezone;
    const now = S.showNow();
    S.setText(el("title"), S.text(state.event.title));
    const offset = state.offset + S.slip(state, now);
    S.setText(el("offset"), S.offsetText(offset));
    el("offset").className = "level-" + S.offsetLevel(offset);
    const end = S.timeOfDay(state.projected_end + S.slip(state, now), zone, false);
    const planned = S.timeOfDay(state.planned_end, zone, false);
    S.setText(el("end"), S.t("endPlan", { end, planned }));
    S.setText(el("clock"), S.timeOfDay(now, zone, true));
    state.items.forEach((item, i) => {
      const { tr, cells } = rows[i];
      tr.className = item.state;
      S.setText(cells[0], S.timeOfDay(item.planned_start, zone, false));
      S.setText(cells[1], S.text(item.title));
      S.setText(cells[2], S.clockText(item.planned_end - item.planned_start));
      let used = item.used;
      if (item.state === "current" && state.current && state.current.deadline != null) {
        used += now - state.now; // the running visit goes on
      }
      const started = item.actual_start !== null ? S.timeOfDay(item.actual_start, zone, false) : "";
      S.setText(cells[3], started ? `${started} · ${S.clockText(Math.max(0, used))}` : "");
      S.setText(cells[4], S.t(item.state));
    });
    return S.msUntilTurn(now, state.rate);
  }

  S.connect({ onState: () => render() });
  S.everyTurn(render);
})();
