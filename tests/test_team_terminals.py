"""A team session on three real terminals (ptys): the interviewer runs it, a scribe and an observer
join; they type at once, the phase and the end reach everyone, the scribe is killed -9 and rejoins."""

from __future__ import annotations

import json
import signal

from interview_tui.cli import main
from interview_tui.session import load_session
from tests.terminal import ENTER, F1, F8, Terminal, session_env

F10 = "\x1b[21~"


def joined(sessions_root, name: str, role: str, *, drawn: bytes = b"Enter saves") -> Terminal:
    terminal = Terminal(["join", "last", "--role", role, "--name", name], session_env(sessions_root))
    assert terminal.wait_for(lambda: drawn in terminal.output), terminal.output[-2000:]
    return terminal


def test_three_terminals_type_at_once_and_see_everything(sessions_root, capsys):
    host = Terminal(["run", "--participant", "Two"], session_env(sessions_root))
    terminals = [host]
    try:
        assert host.wait_for(lambda: b"Enter saves" in host.output), host.output[-2000:]
        folder = next(sessions_root.glob("*"))
        scribe = joined(sessions_root, "Bo", "scribe")
        observer = joined(sessions_root, "Cy", "observer")
        terminals += [scribe, observer]
        assert host.wait_for(lambda: b"Cy" in host.output and b"Bo" in host.output)  # presence in the header

        host.write(F1)
        typed = {host: [], scribe: [], observer: []}
        for index in range(4):  # interleaved, nobody waits for the others
            for terminal, who in ((host, "ana"), (scribe, "bo"), (observer, "cy")):
                text = f"{who}-note-{index} 주문"
                typed[terminal].append(text)
                terminal.write(text + ENTER)
        every = [text for texts in typed.values() for text in texts]
        for terminal in terminals:
            others = [text for other, texts in typed.items() if other is not terminal for text in texts]
            assert terminal.wait_for(lambda: all(text.encode() in terminal.output for text in others)), (
                [text for text in others if text.encode() not in terminal.output]
            )

        host.write(F8)  # the driver moves on: everyone shows the new phase
        for terminal in terminals:
            assert terminal.wait_for(lambda: b"2/6 Warm-up" in terminal.output), terminal.output[-3000:]
        scribe.write(F8)  # not the driver: says who drives, changes nothing
        assert scribe.wait_for(lambda: b"drives the clock" in scribe.output)

        # The scribe is killed -9 mid-sentence, and joins again: the draft comes back.
        scribe.write("half a sentence")
        assert scribe.wait_for(lambda: load_session(folder)[1].draft_of(("Bo", "scribe"), "scribe") == "half a sentence")
        scribe.kill(signal.SIGKILL)
        terminals.remove(scribe)
        scribe = joined(sessions_root, "Bo", "scribe", drawn=b"half a sentence")  # in the input, not the placeholder
        terminals.append(scribe)
        scribe.write(" finished" + ENTER)
        every.append("half a sentence finished")
        assert host.wait_for(lambda: b"half a sentence finished" in host.output)

        # The observer is typing when the interviewer ends: the end reaches everyone, nothing is lost.
        observer.write("still typing")
        assert observer.wait_for(lambda: load_session(folder)[1].draft_of(("Cy", "observer"), "observer") == "still typing")
        host.write(F10)
        assert host.wait_for(lambda: b"End the session?" in host.output)
        host.write(ENTER)
        for terminal in (scribe, observer):
            assert terminal.wait_for(lambda: b"Session ended" in terminal.output and b"Open follow-ups" in terminal.output), terminal.output[-3000:]
    finally:
        for terminal in terminals:
            terminal.kill(signal.SIGKILL)

    assert main(["export", "last", "--format", "json"]) == 0
    exported = json.loads(capsys.readouterr().out)
    texts = [note["text"] for note in exported["notes"]]
    assert sorted(texts) == sorted([*every, "still typing"])  # every note once
    late = [(note["text"], note["writer_name"], note["role"]) for note in exported["notes"] if note["late"]]
    assert late == [("still typing", "Cy", "observer")]
    by_writer = {(note["writer_name"], note["role"]) for note in exported["notes"]}
    assert {("Bo", "scribe"), ("Cy", "observer")} <= by_writer
    assert exported["session"]["ended"]


def test_resume_of_a_session_being_run_offers_to_join_it(sessions_root):
    """The issue's first try: terminal B runs `interview resume last` while A is still open."""
    host = Terminal(["run", "--participant", "Two"], session_env(sessions_root))
    terminals = [host]
    try:
        assert host.wait_for(lambda: b"Enter saves" in host.output)
        second = Terminal(["resume", "last"], session_env(sessions_root))
        terminals.append(second)
        assert second.wait_for(lambda: b"Join it as scribe instead? [Y/n]" in second.output), second.output[-1000:]
        second.write(ENTER)  # yes: join, not a second writer that does not see the first
        assert second.wait_for(lambda: b"Enter saves" in second.output)
        second.write("from the second terminal" + ENTER)
        assert host.wait_for(lambda: b"from the second terminal" in host.output)
        host.write(F8)
        assert second.wait_for(lambda: b"2/6 Warm-up" in second.output)
    finally:
        for terminal in terminals:
            terminal.kill(signal.SIGKILL)
    _, state = load_session(next(sessions_root.glob("*")))
    assert [(n.role, n.text) for n in state.notes] == [("scribe", "from the second terminal")]
    assert len(state.gaps) == 0  # joined, not resumed: no second timeline
