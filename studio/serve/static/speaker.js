// /speaker: the speaker's full-screen countdown, in the console monitor's phases and colours,
// the moderator's message and who is next. ?slot=<item or speaker id> pins it to one speaker:
// before their turn "you are on in 12:34, after …", during it their countdown, then "thank you".
"use strict";

(() => {
  const S = Studio;
  const el = (id) => document.getElementById(id);
  const slot = S.params.get("slot") || "";
  document.title = S.lang === "en" ? "Speaker" : "Спікер";

  function label(state, seg) {
    if (!seg) return "";
    return seg.speaker ? S.text(seg.speaker) : S.text(itemOf(state, seg.item).title);
  }

  function itemOf(state, id) {
    return state.items.find((i) => i.id === id) || { title: null };
  }

  // The segments of the pinned slot: an item id (all its speakers), a speaker id, or item/speaker.
  function slotSegments(state) {
    const [a, b] = slot.includes("/") ? slot.split("/", 2) : [slot, null];
    let mine = state.segments.map((s, i) => [s, i]);
    if (b !== null) return mine.filter(([s]) => s.item === a && s.speaker_id === b);
    const ofItem = mine.filter(([s]) => s.item === a);
    if (ofItem.length) return ofItem;
    const bySpeaker = mine.filter(([s]) => s.speaker_id === a);
    if (!bySpeaker.length) return [];
    const first = bySpeaker[0][0].item;
    return bySpeaker.filter(([s]) => s.item === first);
  }

  function nextText(state) {
    if (state.status === "ended") return "";
    const n = state.next;
    if (!n) return state.status === "running" ? S.t("nextEnd") : "";
    const who = n.speaker ? S.text(n.speaker) : "";
    const title = S.text(n.title);
    const current = state.current;
    if (current && current.item === n.item && who) return S.t("next", { what: who });
    return S.t("next", { what: who ? `${title} — ${who}` : title });
  }

  function showCountdown(state, now) {
    const c = state.current;
    const remaining = S.remainingNow(state, now);
    const held = state.held;
    const phase = held ? "held" : S.phaseOf(c, remaining);
    S.setText(el("countdown"), S.countdownText(remaining));
    el("countdown").className = "countdown live phase-" + phase;
    S.setText(el("who"), c.speaker ? S.text(c.speaker) : S.text(c.title));
    S.setText(el("sub"), held ? S.t("onHold") : "");
    const flashing = phase === "overtime" && performance.now() % 1000 < 500;
    document.body.classList.toggle("flash", flashing);
    return Math.min(S.msUntilTurn(remaining, state.rate), phase === "overtime" ? 500 - (performance.now() % 500) : 250);
  }

  function showPinned(state, now) {
    const mine = slotSegments(state);
    if (!mine.length) {
      S.setText(el("who"), S.t("unknownSlot", { slot }));
      S.setText(el("countdown"), "—");
      S.setText(el("sub"), "");
      return 250;
    }
    const [firstSeg] = mine[0];
    if (mine.some(([s]) => s.state === "current") && state.current) return showCountdown(state, now);
    document.body.classList.remove("flash");
    const waiting = mine.filter(([s]) => s.state === "pending" && s.projected_start !== null);
    const who = label(state, firstSeg);
    if (!waiting.length) {
      const skipped = mine.every(([s]) => s.state === "skipped");
      S.setText(el("who"), who);
      S.setText(el("countdown"), skipped ? "—" : S.t("thanks"));
      el("countdown").className = "countdown live " + (skipped ? "phase-idle" : "phase-thanks");
      S.setText(el("sub"), skipped ? S.t("skippedSlot") : "");
      return 250;
    }
    const [seg, index] = waiting[0];
    const eta = seg.projected_start + S.slip(state, now) - now;
    S.setText(el("who"), S.t("youAreOnIn"));
    S.setText(el("countdown"), S.countdownText(Math.max(0, eta)));
    el("countdown").className = "countdown live phase-idle";
    let before = null;
    for (let j = index - 1; j >= 0; j--) {
      if (state.segments[j].state !== "skipped") {
        before = state.segments[j];
        break;
      }
    }
    let after = "";
    if (before) {
      after = before.item !== seg.item || !before.speaker
        ? S.text(itemOf(state, before.item).title)
        : S.text(before.speaker);
    }
    S.setText(el("sub"), after ? S.t("after", { who: after }) : "");
    return S.msUntilTurn(eta, state.rate);
  }

  function render() {
    const state = S.state;
    if (!state) return 250;
    S.banner(state);
    S.setText(el("message"), state.message || "");
    S.setText(el("next"), slot ? "" : nextText(state));
    const now = S.showNow();
    if (slot) return showPinned(state, now);
    if (state.status === "running" && state.current) return showCountdown(state, now);
    document.body.classList.remove("flash");
    el("countdown").className = "countdown live phase-idle";
    if (state.status === "pre") {
      const until = (state.until_start ?? 0) - (now - state.now);
      S.setText(el("who"), S.text(state.event.title));
      S.setText(el("countdown"), S.countdownText(until));
      S.setText(el("sub"), S.t("untilStart"));
      return S.msUntilTurn(until, state.rate);
    }
    S.setText(el("who"), S.t("ended"));
    S.setText(el("countdown"), "—");
    S.setText(el("sub"), "");
    return 250;
  }

  S.connect({
    onState: () => render(),
    onNotice: (text) => S.setText(el("message"), text),
  });
  S.everyTurn(render);
})();
