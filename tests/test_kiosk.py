"""Kiosk settings, the staff PIN, the idle clock, process hardening, and the launcher.

Plain Python, no terminal: the pty tests are in test_kiosk_pty.py, the Pilot tests in
test_kiosk_tui.py, QR drawing in test_qr_drawing.py.
"""

from __future__ import annotations

import os
import signal

import pytest

from metanav import kiosk, kiosk_launcher, kiosk_lockdown, kiosk_settings
from metanav.kiosk import IdleWatch, KioskConfig, KioskConfigError, StaffGate, parse_config

FAST = 1000  # pbkdf2 iterations for tests (the real default is 600,000)


class FakeClock:
    def __init__(self, now: float = 1000.0) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now


# -- settings ----------------------------------------------------------------------------------
def test_defaults_restrict_everything_and_have_no_staff_exit():
    config = KioskConfig()
    policy = config.policy()
    assert (policy.export, policy.print, policy.own_notes, policy.open_links, policy.quit) == (
        False, False, False, False, False)
    assert config.idle_seconds == 180 and config.countdown_seconds == 30
    assert config.exit_key == "ctrl+x"
    assert not config.staff_exit
    assert not config.check_pin("")


def test_full_file_is_read(tmp_path):
    pin_hash = kiosk.hash_pin("2468", iterations=FAST)
    path = tmp_path / "kiosk.ini"
    path.write_text(
        "[kiosk]\n"
        "exit_key = F12   # staff only\n"
        f"pin_hash = {pin_hash}\n"
        "idle_seconds = 120\n"
        "countdown_seconds = 15\n"
        "[allow]\n"
        "export = yes\n"
        "print = no\n"
        "own_notes = on\n"
        "open_links = yes\n",
        encoding="utf-8",
    )
    config = kiosk.load_config(path)
    assert config.exit_key == "f12"
    assert config.idle_seconds == 120 and config.countdown_seconds == 15
    assert config.check_pin("2468") and not config.check_pin("2469")
    policy = config.policy()
    assert policy.export and policy.own_notes and not policy.print
    assert not policy.open_links, "a shared screen never opens links, whatever the file says"
    assert not policy.quit
    assert config.source == str(path)


def test_plain_pin_works_too():
    config = parse_config("[kiosk]\npin = 4711\n")
    assert config.check_pin("4711")
    assert not config.check_pin("4712")
    assert not config.check_pin("")


@pytest.mark.parametrize(
    "text, words",
    [
        ("[kiosk]\nidle_seconds = soon\n", "idle_seconds: must be a number"),
        ("[kiosk]\nidle_seconds = 2\n", "at least 10"),
        ("[kiosk]\nexit_key = ctrl+c\n", "cannot be the staff key"),
        ("[kiosk]\nexit_key = q\n", "cannot be the staff key"),
        ("[kiosk]\nexit_key = ctrl+u\n", "cannot be the staff key"),
        ("[kiosk]\nexit_key = f10\n", "cannot be the staff key"),
        ("[kiosk]\nexit_key = f5\n", "cannot be the staff key"),  # F5 redraws the screen
        ("[kiosk]\nexit_key = ctrl x!\n", "cannot be the staff key"),
        ("[kiosk]\npin_hash = 1234\n", "pin_hash: not a hash"),
        ("[kiosk]\npin = 12\n", "at least 4"),
        ("[kiosk]\npin = 1234\npin_hash = x\n", "not both"),
        ("[allow]\nexport = maybe\n", "must be yes or no"),
        ("[allow]\nshell = yes\n", "shell: unknown setting"),
        ("[extras]\n", "unknown section"),
        ("no section here\n", "kiosk.ini:"),
    ],
)
def test_bad_settings_are_reported_in_words(text, words):
    with pytest.raises(KioskConfigError) as err:
        parse_config(text, "kiosk.ini")
    assert words in str(err.value)
    assert "Traceback" not in str(err.value)


def test_every_problem_is_reported_at_once():
    with pytest.raises(KioskConfigError) as err:
        parse_config("[kiosk]\nidle_seconds = x\ncountdown_seconds = y\n", "k.ini")
    assert len(str(err.value).splitlines()) == 2


def test_named_file_must_exist(tmp_path):
    with pytest.raises(KioskConfigError, match="cannot be read"):
        kiosk.load_config(tmp_path / "missing.ini")


def test_default_paths_are_system_wide(monkeypatch, tmp_path):
    paths = kiosk.default_config_paths()
    assert paths[0] == kiosk.SYSTEM_CONFIG
    assert all(p.name == "kiosk.ini" for p in paths)
    # No file anywhere: built-in defaults.
    monkeypatch.setattr(kiosk_settings, "default_config_paths", lambda: [tmp_path / "none.ini"])
    assert kiosk.load_config(None) == KioskConfig()
    found = tmp_path / "kiosk.ini"
    found.write_text("[kiosk]\nidle_seconds = 60\n", encoding="utf-8")
    monkeypatch.setattr(kiosk_settings, "default_config_paths", lambda: [tmp_path / "none.ini", found])
    assert kiosk.load_config(None).idle_seconds == 60


def test_check_command(tmp_path, capsys):
    good = tmp_path / "good.ini"
    good.write_text("[kiosk]\npin = 4711\n", encoding="utf-8")
    assert kiosk.main(["check", str(good)]) == 0
    assert "valid" in capsys.readouterr().out
    bad = tmp_path / "bad.ini"
    bad.write_text("[kiosk]\nidle_seconds = x\n", encoding="utf-8")
    assert kiosk.main(["check", str(bad)]) == 2


def test_hash_pin_command(monkeypatch, capsys):
    answers = iter(["13579", "13579"])
    monkeypatch.setattr("getpass.getpass", lambda prompt="": next(answers))
    assert kiosk.main(["hash-pin"]) == 0
    line = capsys.readouterr().out.strip()
    assert line.startswith("pin_hash = pbkdf2_sha256$")
    config = parse_config(f"[kiosk]\n{line}\n")
    assert config.check_pin("13579")


def test_hash_pin_refuses_a_short_pin_before_asking_again(monkeypatch, capsys):
    prompts = []

    def answer(prompt=""):
        prompts.append(prompt)
        return "12"

    monkeypatch.setattr("getpass.getpass", answer)
    assert kiosk.main(["hash-pin"]) == 1
    assert len(prompts) == 1, "a PIN that is too short is refused before it is typed twice"
    out, err = capsys.readouterr()
    assert out == ""
    assert "at least 4 characters" in err


# -- PINs and the staff gate --------------------------------------------------------------------
def test_pin_hash_is_salted_and_checked_in_constant_time_shape():
    a = kiosk.hash_pin("1234", iterations=FAST)
    b = kiosk.hash_pin("1234", iterations=FAST)
    assert a != b, "each hash has its own salt"
    assert "1234" not in a
    assert kiosk.check_pin("1234", a) and kiosk.check_pin("1234", b)
    assert not kiosk.check_pin("1234", "pbkdf2_sha256$x$y$z")
    assert not kiosk.check_pin("1234", "md5$1$2$3")


def test_staff_gate_locks_out_after_too_many_wrong_pins():
    clock = FakeClock()
    gate = StaffGate(KioskConfig(pin_hash="plain$4711"), clock)
    for _ in range(kiosk.MAX_WRONG_PINS):
        assert gate.can_ask() == ""
        assert not gate.try_pin("0000")
    assert gate.can_ask() == kiosk.LOCKED_OUT
    assert not gate.try_pin("4711"), "even the right PIN waits out the lockout"
    clock.now += kiosk.LOCKOUT_SECONDS + 1
    assert gate.try_pin("4711")


def test_staff_gate_without_pin_never_opens():
    gate = StaffGate(KioskConfig())
    assert gate.can_ask() == kiosk.NO_STAFF_EXIT
    assert not gate.try_pin("")


# -- the idle clock -----------------------------------------------------------------------------
def test_idle_watch_counts_down_then_resets():
    clock = FakeClock()
    watch = IdleWatch(180, 30, clock)
    assert watch.state() == ("active", 0)
    clock.now += 179.9
    assert watch.state() == ("active", 0)
    clock.now += 0.1
    assert watch.state() == ("warning", 30)
    clock.now += 10.5
    assert watch.state() == ("warning", 20)
    watch.touch()
    assert watch.state() == ("active", 0)
    clock.now += 210
    assert watch.state() == ("reset", 0)
    assert kiosk.still_there(30) == "Still there? Press any key to keep going. Clearing in 30 seconds."
    assert kiosk.still_there(1).endswith("1 second.")


# -- hardening ----------------------------------------------------------------------------------
def test_scrub_environment_removes_textual_and_python_variables():
    env = {
        "TEXTUAL_ALLOW_SIGNALS": "1", "TEXTUAL_PRESS": "ctrl+c", "TEXTUAL_SCREENSHOT": "0",
        "TEXTUAL_SCREENSHOT_LOCATION": "/tmp", "TEXTUAL_LOG": "/tmp/x", "TEXTUAL_DEVTOOLS_PORT": "1",
        "TEXTUAL_DRIVER": "evil:Driver", "TEXTUAL": "devtools", "PYTHONINSPECT": "1",
        "PYTHONPATH": "/evil", "TERM": "xterm", "HOME": "/home/x",
    }
    removed = kiosk.scrub_environment(env)
    assert env == {"TERM": "xterm", "HOME": "/home/x"}
    assert "TEXTUAL_PRESS" in removed and "PYTHONINSPECT" in removed


def test_low_bandwidth_only_over_ssh_and_never_over_the_person():
    env: dict[str, str] = {}
    assert not kiosk.low_bandwidth(env) and "TEXTUAL_FPS" not in env
    env = {"SSH_CONNECTION": "10.0.0.1 5555 10.0.0.2 22"}
    assert kiosk.low_bandwidth(env) and env["TEXTUAL_FPS"] == "20"
    env = {"SSH_CONNECTION": "10.0.0.1 5555 10.0.0.2 22", "TEXTUAL_FPS": "5"}
    kiosk.low_bandwidth(env)
    assert env["TEXTUAL_FPS"] == "5"


def test_harden_process_ignores_keyboard_signals_and_scrubs(monkeypatch):
    monkeypatch.setenv("TEXTUAL_PRESS", "ctrl+q")
    monkeypatch.setenv("PYTHONINSPECT", "1")
    saved = {sig: signal.getsignal(sig) for sig in (signal.SIGINT, signal.SIGQUIT, signal.SIGTSTP)}
    environ = dict(os.environ)
    try:
        assert kiosk.harden_process() == ""
        assert "TEXTUAL_PRESS" not in os.environ and "PYTHONINSPECT" not in os.environ
        for sig in saved:
            assert signal.getsignal(sig) == signal.SIG_IGN
    finally:
        for sig, handler in saved.items():
            signal.signal(sig, handler)
        os.environ.update(environ)  # pytest plugins keep their own TEXTUAL_* settings here


def test_harden_process_refuses_when_textual_was_set_up_from_outside(monkeypatch):
    import textual.constants

    monkeypatch.setattr(textual.constants, "PRESS", "ctrl+q", raising=False)
    monkeypatch.setattr(kiosk_lockdown, "ignore_keyboard_signals", lambda: None)
    monkeypatch.setattr(kiosk_lockdown, "scrub_environment", lambda environ=None: [])
    assert "TEXTUAL_PRESS" in kiosk.harden_process()


def test_leave_returns_the_code_when_no_prompt_could_follow(monkeypatch):
    monkeypatch.delenv("PYTHONINSPECT", raising=False)
    assert kiosk.leave(3) == 3


# -- the launcher -------------------------------------------------------------------------------
HOSTILE = {
    "PYTHONINSPECT": "1",
    "PYTHONPATH": "/evil",
    "PYTHONSTARTUP": "/evil/start.py",
    "PYTHONHOME": "/evil",
    "TEXTUAL_ALLOW_SIGNALS": "1",
    "TEXTUAL_PRESS": "ctrl+c",
    "TEXTUAL_SCREENSHOT": "0",
    "TEXTUAL_LOG": "/tmp/metanav.log",
    "TEXTUAL_DRIVER": "evil:Driver",
    "LD_PRELOAD": "/evil/libevil.so",
    "LD_LIBRARY_PATH": "/evil",
    "PATH": "/evil/bin:/usr/bin",
    "HOME": "/evil-home",
    "IFS": "x",
    "BASH_ENV": "/evil/env",
    "METANAV_STATE_DIR": "/evil/state",
    "METANAV_KIOSK_CONFIG": "/evil/kiosk.ini",
    "XDG_CONFIG_DIRS": "/evil",
    "TERM": "xterm-256color",
    "LANG": "en_GB.UTF-8",
    "SSH_CONNECTION": "192.0.2.1 50000 192.0.2.2 22",
}


def test_launcher_environment_is_minimal():
    env = kiosk_launcher.build_env(HOSTILE)
    assert set(env) <= {"PATH", "TERM", "LANG", "LC_ALL", "HOME", "SSH_CONNECTION", "NO_COLOR"}
    assert env["PATH"] == "/usr/bin:/bin"
    assert env["TERM"] == "xterm-256color"
    assert env["LANG"] == "en_GB.UTF-8"
    assert env["HOME"] != "/evil-home", "HOME comes from the password database"
    assert env["SSH_CONNECTION"] == HOSTILE["SSH_CONNECTION"]
    assert not any("evil" in value for value in env.values())


def test_launcher_runtime_folder_comes_from_its_own_option_only(tmp_path):
    hostile = {**HOSTILE, "METANAV_RUNTIME_DIR": "/evil/run"}
    assert "METANAV_RUNTIME_DIR" not in kiosk_launcher.build_env(hostile)
    env = kiosk_launcher.build_env(hostile, "run")
    assert env["METANAV_RUNTIME_DIR"] == os.path.abspath("run")
    assert kiosk_launcher.build_argv(["--runtime-dir", str(tmp_path)])[-1] == "--kiosk"


@pytest.mark.parametrize("term", ["", "xterm;rm -rf /", "\x1b]0;x\x07", "a" * 100])
def test_launcher_replaces_odd_terminal_names(term):
    assert kiosk_launcher.build_env({"TERM": term})["TERM"] == "xterm-256color"


def test_launcher_drops_odd_locales():
    env = kiosk_launcher.build_env({"LANG": "../../evil", "LC_ALL": "$(x)"})
    assert env["LANG"] == "C.UTF-8" and "LC_ALL" not in env


def test_launcher_command_is_isolated_python_in_kiosk_mode(tmp_path):
    argv = kiosk_launcher.build_argv(
        ["--data", "clinic", "--kiosk-config", str(tmp_path / "k.ini"), "--theme", "ansi"],
        executable="/opt/metanav/bin/python",
    )
    assert argv[:5] == ["/opt/metanav/bin/python", "-I", "-m", "metanav", "--kiosk"]
    assert argv[argv.index("--data") + 1] == os.path.abspath("clinic")
    assert "--kiosk-config" in argv and "ansi" in argv


def test_launcher_passes_a_language_on_as_metanav_lang_takes_it():
    """metanav-kiosk --lang es, as docs/kiosk.md says (it had no --lang: only metanav --kiosk)."""
    argv = kiosk_launcher.build_argv(["--lang", "español"])
    assert argv[argv.index("--lang") + 1] == "es"
    assert "--lang" not in kiosk_launcher.build_argv([])
    with pytest.raises(SystemExit):
        kiosk_launcher.build_argv(["--lang", "klingon"])


def test_launcher_passes_the_screen_reader_setting_on():
    """A console kiosk with Fenrir: everyone gets the setting (no focus bars, scroll bars or
    box lines read out), which the launcher had no way to ask for."""
    assert kiosk_launcher.build_argv(["--screen-reader"])[-1] == "--screen-reader"
    assert "--screen-reader" not in kiosk_launcher.build_argv([])


def test_launcher_refuses_unknown_options():
    with pytest.raises(SystemExit):
        kiosk_launcher.build_argv(["--plain", "-c", "import os"])
    with pytest.raises(SystemExit):
        kiosk_launcher.build_argv(["export"])


def test_launcher_execs_without_a_shell(monkeypatch):
    calls = []
    monkeypatch.setattr(os, "execve", lambda path, argv, env: calls.append((path, argv, env)))
    monkeypatch.setattr(os, "environ", dict(HOSTILE))
    kiosk_launcher.main(["--plain"])
    (path, argv, env), = calls
    assert path == argv[0] and argv[1:6] == ["-I", "-m", "metanav", "--kiosk", "--plain"]
    assert "PYTHONPATH" not in env and "LD_PRELOAD" not in env


# -- over SSH ---------------------------------------------------------------------------------
def test_ssh_lowers_textuals_frame_rate_when_set_before_textual_loads():
    """metanav calls low_bandwidth() before importing Textual, which reads TEXTUAL_FPS once."""
    import subprocess
    import sys

    code = (
        "from metanav import kiosk; kiosk.low_bandwidth(); "
        "import textual.constants as c; print(c.MAX_FPS)"
    )
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TEXTUAL", "SSH_"))}
    over_ssh = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                              env={**env, "SSH_CONNECTION": "192.0.2.1 5000 192.0.2.2 22"})
    local = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                           env=env)
    assert over_ssh.stdout.strip() == "20"
    assert local.stdout.strip() == "60"
