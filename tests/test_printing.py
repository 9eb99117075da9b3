"""My list to take home: the "show your doctor" view, and printing through a real CUPS.

The printing tests start their own cupsd on a private socket (CUPS_SERVER), with a queue whose
backend appends each job to a file, so what reaches the queue can be read back. They skip with
a reason when cupsd is not installed (apt-get install cups-daemon cups-client).
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import tempfile
import time
from pathlib import Path

import pytest

from metanav import kiosk
from metanav.core import actions, printing
from metanav.kiosk import KioskConfig
from metanav.state.mylist import my_list, render_lines
from plain_helpers import home_numbers, library, run_plain
from tui_helpers import make_app, make_session

BACKEND = """#!/bin/sh
# A CUPS backend for tests: capture:/path appends each job's data to that file.
if [ $# -eq 0 ]; then echo 'direct capture "Unknown" "metanav test capture"'; exit 0; fi
out="${DEVICE_URI#capture:}"
if [ -n "$6" ]; then cat "$6" >> "$out"; else cat >> "$out"; fi
"""


class Cups:
    """A private CUPS scheduler: its own folders, socket and queues; stopped by close()."""

    def __init__(self) -> None:
        self.root = Path(tempfile.mkdtemp(prefix="metanav-cups-"))
        os.chmod(self.root, 0o755)  # the backend runs as lp and writes under it
        conf, bin_dir, self.out = self.root / "conf", self.root / "bin", self.root / "out"
        for folder in (conf, bin_dir / "backend", bin_dir / "filter", self.out,
                       self.root / "spool", self.root / "cache", self.root / "state",
                       self.root / "log"):
            folder.mkdir(parents=True)
        os.chmod(self.out, 0o777)
        (bin_dir / "daemon").symlink_to("/usr/lib/cups/daemon")  # cupsd's own helpers
        (bin_dir / "backend" / "capture").write_text(BACKEND)
        os.chmod(bin_dir / "backend" / "capture", 0o755)
        self.socket = self.root / "cups.sock"
        (conf / "cupsd.conf").write_text(
            f"Listen {self.socket}\nLogLevel warn\nWebInterface No\nBrowsing No\n"
            "<Location />\n  Order allow,deny\n  Allow all\n</Location>\n"
            "<Location /admin>\n  Order allow,deny\n  Allow all\n</Location>\n"
            "<Policy default>\n  <Limit All>\n    Order deny,allow\n  </Limit>\n</Policy>\n")
        user = "User lp\nGroup lp\n" if os.geteuid() == 0 else ""
        (conf / "cups-files.conf").write_text(
            f"ServerRoot {conf}\nServerBin {bin_dir}\nRequestRoot {self.root / 'spool'}\n"
            f"CacheDir {self.root / 'cache'}\nStateDir {self.root / 'state'}\n"
            f"AccessLog {self.root / 'log/access_log'}\nErrorLog {self.root / 'log/error_log'}\n"
            f"PageLog {self.root / 'log/page_log'}\nSystemGroup root\n{user}")
        self.env = {**os.environ, "CUPS_SERVER": str(self.socket)}
        self.proc = subprocess.Popen(
            [shutil.which("cupsd") or "cupsd", "-f", "-c", str(conf / "cupsd.conf"), "-s",
             str(conf / "cups-files.conf")], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        for _ in range(100):
            if self.socket.exists() and self.admin("lpstat", "-r").returncode == 0:
                return
            if self.proc.poll() is not None:
                break
            time.sleep(0.1)
        self.close()
        pytest.skip(f"the private cupsd did not start: {self.proc.stderr.read()[-300:]!r}")

    def admin(self, *argv: str) -> subprocess.CompletedProcess:
        return subprocess.run(argv, env=self.env, capture_output=True, text=True, timeout=30)

    def add_queue(self, name: str, default: bool = False) -> Path:
        out = self.out / f"{name}.txt"
        done = self.admin("lpadmin", "-p", name, "-E", "-v", f"capture:{out}")
        assert done.returncode == 0, done.stderr
        if default:
            assert self.admin("lpadmin", "-d", name).returncode == 0
        return out

    def printed(self, out: Path, seconds: float = 20.0) -> str:
        """What reached the queue, once the job is done."""
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            jobs = self.admin("lpstat", "-o").stdout
            if out.exists() and not jobs.strip():
                return out.read_text(encoding="utf-8")
            time.sleep(0.1)
        return out.read_text(encoding="utf-8") if out.exists() else ""

    def close(self) -> None:
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        shutil.rmtree(self.root, ignore_errors=True)


@pytest.fixture
def cups(monkeypatch):
    for tool in ("cupsd", "lp", "lpstat", "lpadmin"):
        if shutil.which(tool) is None and not Path(f"/usr/sbin/{tool}").exists():
            pytest.skip(f"{tool} is not installed (apt-get install cups-daemon cups-client)")
    server = Cups()
    monkeypatch.setenv("CUPS_SERVER", str(server.socket))
    yield server
    server.close()


def picked_session(**kwargs):
    session = make_session(None, **kwargs)
    first, second = list(session.library.questions)[:2]
    actions.toggle_pick(session, first)
    actions.toggle_pick(session, second)
    actions.toggle_top(session, second)
    actions.write_note(session, first, "Yes, for now.")
    return session


def expected_text(session) -> str:
    return "\n".join(render_lines(my_list(session.library, session.store))) + "\n"


# -- at home: the default printer --------------------------------------------------------------
def test_p_prints_the_plain_text_list_on_the_default_printer(cups):
    out = cups.add_queue("clinicdesk", default=True)
    session = picked_session()
    done = actions.print_list(session)
    assert done.ok, done.words
    assert done.sentence() == "Sent your list to the printer clinicdesk. Collect it there."
    printed = cups.printed(out)
    assert printed == expected_text(session)
    assert "Yes, for now." in printed and "Most important:" in printed


def test_no_default_printer_is_said_plainly(cups):
    out = cups.add_queue("somewhere", default=False)
    done = actions.print_list(picked_session())
    assert not done.ok
    assert done.words == printing.NO_PRINTER
    assert not out.exists()


def test_no_cups_at_all_is_said_plainly(monkeypatch, tmp_path):
    monkeypatch.setattr(printing, "TOOL_PATH", str(tmp_path))
    done = actions.print_list(picked_session())
    assert not done.ok and done.words == printing.NO_CUPS


def test_an_empty_list_prints_nothing(cups):
    out = cups.add_queue("clinicdesk", default=True)
    done = actions.print_list(make_session(None))
    assert not done.ok and done.words == printing.EMPTY
    assert not out.exists()


# -- in a kiosk: only the named printer, only when allowed --------------------------------------
def test_kiosk_prints_only_on_the_printer_kiosk_ini_names(cups):
    cups.add_queue("default-one", default=True)
    named = cups.add_queue("waitingroom")
    config = kiosk.parse_config("[kiosk]\nprinter = waitingroom\n[allow]\nprint = yes\n")
    session = picked_session(kiosk=True, kiosk_config=config, policy=config.policy())
    done = actions.print_list(session)
    assert done.ok, done.words
    assert cups.printed(named) == expected_text(session)
    assert not (cups.out / "default-one.txt").exists()


def test_kiosk_printing_is_off_unless_allowed(cups):
    out = cups.add_queue("waitingroom", default=True)
    config = kiosk.parse_config("[kiosk]\nprinter = waitingroom\n")
    session = picked_session(kiosk=True, kiosk_config=config, policy=config.policy())
    done = actions.print_list(session)
    assert not done.ok and done.words == "That is not available here."
    assert not out.exists()


def test_kiosk_ini_print_yes_needs_a_printer_name():
    with pytest.raises(kiosk.KioskConfigError) as info:
        kiosk.parse_config("[allow]\nprint = yes\n")
    assert "print = yes needs the printer's name: [kiosk] printer = NAME" in str(info.value)
    with pytest.raises(kiosk.KioskConfigError) as info:
        kiosk.parse_config("[kiosk]\nprinter = a b;rm\n[allow]\nprint = yes\n")
    assert "is not a CUPS printer name" in str(info.value)
    assert kiosk.parse_config("[kiosk]\nprinter = Front_Desk-2\n").printer == "Front_Desk-2"


def test_a_kiosk_without_a_printer_says_so(monkeypatch):
    config = KioskConfig(allow_print=True, printer="")
    session = picked_session(kiosk=True, kiosk_config=config, policy=config.policy())
    done = actions.print_list(session)
    assert not done.ok and done.words == printing.NO_KIOSK_PRINTER


# -- the faces map keys only ---------------------------------------------------------------------
async def test_full_screen_my_list_p_prints_and_l_shows_the_doctor(cups, tmp_path):
    out = cups.add_queue("clinicdesk", default=True)
    app = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        app.open_questions()
        await pilot.pause()
        await pilot.press("space", "down", "space", "s")
        await pilot.pause()
        await pilot.press("p")
        for _ in range(100):
            await pilot.pause(0.05)
            if "printer" in str(app.screen.query_one("#status").render()):
                break
        assert "Sent your list to the printer clinicdesk" in str(
            app.screen.query_one("#status").render())
        await pilot.press("l")
        await pilot.pause()
        from metanav.tui.screens.doctor import DoctorScreen

        assert isinstance(app.screen, DoctorScreen)
        first = str(app.screen.query_one("#doctor-heading").render())
        assert first.startswith("Question 1 of 2")
        await pilot.press("right")
        await pilot.pause()
        assert str(app.screen.query_one("#doctor-heading").render()).startswith("Question 2 of 2")
        await pilot.press("escape")
        await pilot.pause()
    assert cups.printed(out).startswith("Questions for my doctor\n")


def test_plain_mode_p_prints_and_l_reads_the_list_for_the_doctor(cups, tmp_path):
    out = cups.add_queue("clinicdesk", default=True)
    numbers = home_numbers(library())
    run = run_plain(tmp_path, [str(numbers["questions"]), "1", "1", "s", "l", "p", "", "", "q"],
                    CUPS_SERVER=str(cups.socket))
    assert "Show your doctor: my questions, one at a time." in run.out
    assert "Question 1 of 1:" in run.out
    assert "Sent your list to the printer clinicdesk. Collect it there." in run.out
    printed = cups.printed(out)
    assert printed.startswith("Questions for my doctor\n") and "\n1. " in printed


@pytest.mark.parametrize("allowed", [False, True])
def test_plain_kiosk_offers_print_only_when_kiosk_ini_allows_it(allowed, tmp_path):
    ini = tmp_path / "kiosk.ini"
    ini.write_text("[kiosk]\npin = 4711\nprinter = waitingroom\n"
                   + ("[allow]\nprint = yes\n" if allowed else ""), encoding="utf-8")
    numbers = home_numbers(library())
    run = run_plain(tmp_path, [str(numbers["questions"]), "1", "1", "s"], "--kiosk",
                    "--kiosk-config", str(ini))
    prompt = " ".join(run.out.split("My list")[-1].split())
    assert "l to show your doctor" in prompt
    assert ("p to print it" in prompt) is allowed
    assert "n for a note" not in prompt and "e to save it to a file" not in prompt


@pytest.mark.parametrize("screen_reader", [False, True])
async def test_show_your_doctor_is_in_short_spaced_lines_unless_a_screen_reader_reads_it(
        screen_reader, tmp_path):
    from metanav.tui.screens.doctor import SHORT_LINE, DoctorScreen

    app = make_app(tmp_path, screen_reader=screen_reader)
    async with app.run_test(size=(80, 24)) as pilot:
        app.open_questions()
        await pilot.pause()
        await pilot.press("down", "down", "down", "space", "s", "l")
        await pilot.pause()
        assert isinstance(app.screen, DoctorScreen)
        shown = str(app.screen.query_one("#doctor-text").render())
    question = " ".join(shown.split())
    assert len(question) > SHORT_LINE, "a question long enough to need two lines"
    lines = shown.split("\n")
    if screen_reader:
        assert "" not in lines  # no blank line for a reader to say "blank"
    else:
        assert len(lines) >= 3 and lines[1] == "" and lines[0] and lines[2]
        assert max(map(len, lines)) <= SHORT_LINE
