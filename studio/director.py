"""The director: turns the show's cues into what OBS should show, through the scene map.

A cue names a logical scene and lower-third lines; the director maps them to the technician's OBS
names and hands the result to the link, which applies and confirms it. Once a second it refreshes
the speaker-timer text that remote speakers watch on the return feed, and the break countdown,
aimed just past each turn of the second so the text neither lags nor skips a second.
"""

from __future__ import annotations

import asyncio
import logging

from studio.clock import until_next_whole
from studio.obs.base import Desired
from studio.obs.link import ObsLink, Switch
from studio.scenemap import SceneMap
from studio.show import Cue, Show, ShowStatus
from studio.timefmt import countdown_text

log = logging.getLogger("studio.director")

# Aim a little past the second: the text is rounded up, so it turns just after the boundary.
AIM_AFTER_S = 0.005


class Director:
    """Cue -> OBS scene and texts. Owns no state the show does not derive."""

    def __init__(self, show: Show, link: ObsLink, scene_map: SceneMap) -> None:
        self.show = show
        self.link = link
        self.map = scene_map
        self._ticker: asyncio.Task[None] | None = None

    def desired_for(self, cue: Cue) -> Desired:
        texts: dict[str, str] = {}
        name_input = self.map.input("lower_third_name")
        role_input = self.map.input("lower_third_role")
        first, second = cue.lower_third or ("", "")
        if name_input:
            texts[name_input] = first
        if role_input:
            texts[role_input] = second
        texts.update(self.timer_texts())
        return Desired(cue_seq=cue.seq, scene=self.map.scene(cue.scene), texts=texts)

    def timer_texts(self, now: float | None = None) -> dict[str, str]:
        """Speaker countdown for the return feed and the break countdown, as text inputs want."""
        st = self.show.status(now)
        texts: dict[str, str] = {}
        timer_input = self.map.input("speaker_timer")
        break_input = self.map.input("break_timer")
        is_break = st.item is not None and st.item.kind == "break"
        if timer_input:
            texts[timer_input] = (
                countdown_text(st.remaining)
                if st.status is ShowStatus.RUNNING and not is_break
                else ""
            )
        if break_input:
            texts[break_input] = countdown_text(max(0.0, st.item_remaining)) if is_break else ""
        return texts

    async def on_cues(self, cues: list[Cue]) -> Switch | None:
        result = None
        for cue in cues:
            result = await self.link.apply(self.desired_for(cue))
        return result

    async def restore(self) -> Switch | None:
        """Put the current cue on air again (start-up, resume after a crash)."""
        return await self.link.apply(self.desired_for(self.show.current_cue()))

    async def tick(self) -> None:
        for name, text in self.timer_texts().items():
            await self.link.set_text(name, text)

    def start_ticking(self, period: float = 1.0) -> None:
        if self._ticker is None or self._ticker.done():
            self._ticker = asyncio.get_running_loop().create_task(self._tick_loop(period))

    def stop_ticking(self) -> None:
        if self._ticker is not None:
            self._ticker.cancel()

    async def _tick_loop(self, period: float) -> None:
        while True:
            try:
                await self.tick()
            except Exception:  # the timer text is a convenience; never let it end the loop
                log.exception("timer text refresh failed")
            await asyncio.sleep(self.next_tick_in(period))

    def next_tick_in(self, period: float = 1.0) -> float:
        """Real seconds until the timer texts next change (at most `period`): a sleep of a whole
        second after each refresh would drift, and now and then skip a second."""
        rate = self.show.clock.rate
        st = self.show.status()
        if rate <= 0 or st.status is not ShowStatus.RUNNING or st.held:
            return period
        is_break = st.item is not None and st.item.kind == "break"
        value = st.item_remaining if is_break else st.remaining
        return min(period, until_next_whole(value, falling=True) / rate + AIM_AFTER_S)
