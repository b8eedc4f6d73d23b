"""Bracketed pastes read whole, before Textual's input parser sees them.

Textual 8.2's XTermParser collects a bracketed paste (ESC[200~ ... ESC[201~) one character at a time,
but an ESC inside the paste starts its escape-sequence reader, which does not add what it reads to the
paste: pasting `abc ESC[2J def` gave the keys `^[2J def` first, then a Paste of `abc `, so the note
read `^[2J defabc `; the characters after that ESC (zero-width and bidi ones among them) arrived as
keys, and non-printable keys are dropped. (No upstream issue found for it in Textual's tracker.)

So the driver here cuts every bracketed paste out of the byte stream itself and posts it as one
Paste event, exactly as received; everything else goes to Textual's parser as before.
"""

from __future__ import annotations

import os
import selectors
from codecs import getincrementaldecoder
from collections.abc import Iterable
from time import monotonic

from textual import constants, events
from textual._xterm_parser import XTermParser
from textual.message import Message

PASTE_START = "\x1b[200~"
PASTE_END = "\x1b[201~"


def _marker_begun_at_end(data: str, marker: str) -> int:
    """How many characters at the end of `data` could be the start of `marker` cut by a read."""
    for length in range(min(len(marker) - 1, len(data)), 0, -1):
        if data.endswith(marker[:length]):
            return length
    return 0


class PasteKeepingParser(XTermParser):
    """Textual's parser, fed everything but bracketed pastes, which become Paste events whole."""

    def __init__(self, debug: bool = False) -> None:
        super().__init__(debug)
        self._pasted: list[str] | None = None  # inside a paste: what came so far
        self._held = ""  # the start of a marker, cut by a read; resolved by the next read or by tick()
        self._held_since = 0.0

    def feed(self, data: str) -> Iterable[Message]:
        if not data:  # the end of input
            yield from self._flush_unfinished()
            yield from super().feed("")
            return
        data, self._held = self._held + data, ""
        while data:
            if self._pasted is None:
                start = data.find(PASTE_START)
                if start < 0:
                    cut = len(data) - _marker_begun_at_end(data, PASTE_START)
                    data, self._held = data[:cut], data[cut:]
                    self._held_since = monotonic()
                    if data:
                        yield from super().feed(data)
                    return
                if start:
                    yield from super().feed(data[:start])
                self._pasted = []
                data = data[start + len(PASTE_START) :]
            else:
                end = data.find(PASTE_END)
                if end < 0:
                    cut = len(data) - _marker_begun_at_end(data, PASTE_END)
                    self._pasted.append(data[:cut])
                    self._held = data[cut:]
                    return
                self._pasted.append(data[:end])
                # NULs are dropped as Textual does: some terminals pad pastes with them.
                yield events.Paste("".join(self._pasted).replace("\x00", ""))
                self._pasted = None
                data = data[end + len(PASTE_END) :]

    def tick(self) -> Iterable[Message]:
        # What was held back in case it began a paste marker is, after the escape delay, plain
        # input: a lone ESC is the Escape key, as Textual's parser would have said by now.
        if self._held and self._pasted is None and monotonic() - self._held_since >= constants.ESCAPE_DELAY:
            held, self._held = self._held, ""
            if held == "\x1b":
                yield events.Key("escape", "\x1b")
            else:
                yield from super().feed(held)
        yield from super().tick()

    def _flush_unfinished(self) -> Iterable[Message]:
        held, self._held = self._held, ""
        if self._pasted is not None:  # a paste the terminal never closed: keep what came
            yield events.Paste("".join(self._pasted + [held]).replace("\x00", ""))
            self._pasted = None
        elif held:
            yield from super().feed(held)


try:
    from textual.drivers.linux_driver import LinuxDriver
except ImportError:  # Windows: its driver reads console events, not bytes; nothing to mend there
    LinuxDriver = None  # type: ignore[assignment,misc]
PasteKeepingDriver = None

if LinuxDriver is not None:

    class PasteKeepingDriver(LinuxDriver):
        """Textual's Linux and macOS driver, reading input through PasteKeepingParser, and never
        stuck writing to a terminal that is gone."""

        def _terminal_gone(self) -> bool:
            # Textual's writer thread dies on the first write to a closed terminal (EIO); its queue
            # then fills and the next write blocks for ever: a dropped SSH connection hung the app
            # before it could save and exit. Once the writer is gone, what is written is dropped.
            writer = self._writer_thread
            return writer is not None and not writer.is_alive()

        def write(self, data: str) -> None:
            if not self._terminal_gone():
                super().write(data)

        def close(self) -> None:
            if not self._terminal_gone():
                super().close()

        def run_input_thread(self) -> None:
            parser = PasteKeepingParser(self._debug)
            # Invalid UTF-8 from the terminal becomes U+FFFD rather than stopping the input thread.
            decode = getincrementaldecoder("utf-8")(errors="replace").decode
            selector = selectors.SelectSelector()
            selector.register(self.fileno, selectors.EVENT_READ)
            try:
                while not self.exit_event.is_set():
                    for _key, mask in selector.select(0.1):
                        if mask & selectors.EVENT_READ:
                            try:
                                raw = os.read(self.fileno, 4096)
                            except OSError:  # the terminal is gone (hang-up): SIGHUP ends the app
                                return
                            if not raw:
                                return
                            text = decode(raw)  # empty while a character is cut by the read
                            for event in parser.feed(text) if text else ():
                                self.process_message(event)
                    for event in parser.tick():
                        self.process_message(event)
            finally:
                selector.close()
