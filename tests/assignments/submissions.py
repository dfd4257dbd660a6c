"""A folder of adversarial and honest-but-unusual submissions for one assignment.

:func:`make_folder` writes it.  Every submission is built from the assignment's own
solutions (``honest_right``), its student notebook (``blank``), or the solutions with all
answers turned into wrong values of the right kind (``honest_wrong``, the baseline a cheat
must not beat).  The kinds:

* ``honest_*``: notebooks that run fine in Jupyter and must score full marks however they
  are written (cell and line magics, ``display`` without import, matplotlib, ``os.chdir``,
  ``grader.check`` inside an ``if``, ``%pip``, a byte-order mark, a zipped working folder
  with checkpoints and macOS clutter, an LMS folder, odd file names);
* ``cheat_*``: the wrong notebook plus code that tries to raise its grade (patching the
  checks, writing the packages or the tests, remounting the read-only folders, reading
  the reference answers or root-only files, forging the answer files, attacking the
  runner); each must score no more than ``honest_wrong`` on every question;
* ``fail_*``: the solutions with a cell after question 2 that loops, eats memory, kills the
  kernel, leaves processes behind, floods output or the disk; each must keep the answers
  before it (and lose nothing else when the cell is merely slow or noisy);
* ``file_*``: entries that are not gradable notebooks (links, FIFOs, broken zips,
  folders with two notebooks, ...): each must get a row with a reason.

``MARKER`` appears in the command line of every process a submission leaves behind, so a
test can check that none outlives the batch.
"""

from __future__ import annotations

import io
import json
import os
import re
import struct
import zipfile
from pathlib import Path
from typing import Any

import nbformat

MARKER = "ck-leftover-7f3a"

# --- code appended to the wrong notebook: attempts to raise its grade -------------------------

CHEATS = {
    "patch_checks": """
import coursekit.grading as _g, coursekit.grading.checks as _c, coursekit.grading.reference as _r
_ok = lambda *a, **k: _c.CheckResult(True, "ok")
_c.CheckResult.require = lambda self: self
for _mod in (_g, _c, _r):
    for _n in dir(_mod):
        if _n.startswith("check_") or _n == "compare":
            setattr(_mod, _n, _ok)
""",
    "write_packages": """
import coursekit, coursekit.grading.reference as _r, site, sys, os
for _path in (coursekit.__file__, _r.__file__):
    try:
        with open(_path, "a") as _fh:
            _fh.write("\\ncompare = lambda *a, **k: type('R', (), {'passed': True, 'require': lambda s: s})()\\n")
    except OSError:
        pass
for _d in site.getsitepackages() + [sys.prefix, os.path.dirname(os.path.dirname(coursekit.__file__))]:
    try:
        open(os.path.join(_d, "zz_cheat.pth"), "w").write("import os\\n")
    except OSError:
        pass
""",
    "remount_and_write": """
import ctypes, os, coursekit.grading.reference as _r
_libc = ctypes.CDLL(None, use_errno=True)
for _target in ("/", "/opt/python", "/opt/course", "/usr", os.path.dirname(_r.__file__)):
    _libc.mount(None, _target.encode(), None, 32 | 4096, None)  # MS_REMOUNT | MS_BIND
    _libc.mount(None, _target.encode(), None, 32, None)
try:
    with open(_r.__file__, "a") as _fh:
        _fh.write("\\ndef compare(*a, **k):\\n    from coursekit.grading.checks import CheckResult\\n    return CheckResult(True, 'ok')\\n")
except OSError:
    pass
""",
    "read_secrets": """
import glob, json, os
from coursekit.grading.values import from_data
_found = []
for _root in ("/tmp", "/var/tmp", "/work", "/root", "/home", os.path.expanduser("~")):
    for _pattern in ("reference.json", "*autograder*.zip"):
        _found += glob.glob(f"{_root}/**/{_pattern}", recursive=True)[:50]
for _path in _found:
    try:
        _data = json.load(open(_path))
        globals().update({k: from_data(v) for k, v in _data.get("answers", _data).items()})
    except Exception:
        pass
for _path in ("/etc/shadow", "/proc/1/environ", "/proc/self/mountinfo"):
    try:
        print(open(_path).read()[:100])
    except OSError:
        pass
""",
    "shadow_package": """
import os
os.makedirs("coursekit/grading", exist_ok=True)
open("coursekit/__init__.py", "w").write("")
open("coursekit/grading/__init__.py", "w").write("")
open("coursekit/grading/reference.py", "w").write(
    "class R:\\n    passed = True\\n    def require(self):\\n        return self\\n"
    "def compare(*a, **k):\\n    return R()\\n")
open("sitecustomize.py", "w").write("import builtins\\n")
os.environ["PYTHONPATH"] = os.getcwd()
os.environ["COURSEKIT_GRADING_REFERENCE"] = "/dev/null"
""",
    "forge_answers": """
import glob, json, os
_fake = json.dumps({"seq": 10**9, "done": True, "answers": {"M": "hacked"}, "log": {}}) + "\\n"
for _path in ["answers.json", "answers-0", "answers-1", "/tmp/answers-0"] + glob.glob("/tmp/ck-run-*/answers-*"):
    try:
        if os.path.exists(_path):
            os.remove(_path)
        os.symlink("/etc/shadow", _path)
    except OSError:
        pass
for _fd in range(3, 64):
    for _pid in ("1", str(os.getppid())):
        try:
            with open(f"/proc/{_pid}/fd/{_fd}", "w") as _fh:
                _fh.write(_fake)
        except OSError:
            pass
""",
    "attack_runner": """
import ctypes, os, signal
_libc = ctypes.CDLL(None, use_errno=True)
for _pid in (1, os.getppid()):
    _libc.ptrace(16, _pid, None, None)  # PTRACE_ATTACH
    for _sig in (signal.SIGSTOP, signal.SIGKILL):
        try:
            os.kill(_pid, _sig)
        except OSError:
            pass
""",
}

# --- a cell inserted after question 2's answer: must keep q1 and q2 ---------------------------

AFTER_Q2 = {
    "loop": "while True:\n    pass",
    "loop_ignoring_interrupt": ("import signal\nsignal.signal(signal.SIGINT, signal.SIG_IGN)\n"
                                "while True:\n    pass"),
    "memory_bomb": "import numpy as _np\n_x = _np.ones((200_000, 100_000))",
    "memory_processes": (
        "import subprocess, sys\n_ps = [subprocess.Popen([sys.executable, '-c', "
        "'import time; x = bytes([1]) * (700 * 2**20); time.sleep(600)', '" + MARKER + "']) "
        "for _ in range(6)]\nimport time; time.sleep(30)"),
    "cpu_hog": ("import subprocess, sys\n_ps = [subprocess.Popen([sys.executable, '-c', "
                "'while True: pass', '" + MARKER + "']) for _ in range(6)]\n"
                "import time; time.sleep(40)"),
    "kill_kernel": "import os\nos.kill(os.getpid(), 9)",
    "realtime_signal": "import os, signal\nos.kill(os.getpid(), signal.SIGRTMIN + 2)",
    "exit_early": "import os\nos._exit(0)",
    "leftover_processes": (
        "import os, subprocess, sys\nsubprocess.Popen(['sh', '-c', 'sleep 987; true', '" + MARKER + "'])\n"
        "if os.fork() == 0:\n    os.setsid()\n    if os.fork() == 0:\n"
        "        os.execv(sys.executable, [sys.executable, '-c', 'import time; time.sleep(987)', '"
        + MARKER + "'])\n    os._exit(0)\n"
        "import threading, time\nthreading.Thread(target=time.sleep, args=(987,)).start()"),
    "fork_bomb": ("import subprocess\n_ps = []\nfor _ in range(400):\n    try:\n"
                  "        _ps.append(subprocess.Popen(['sh', '-c', 'sleep 60; true', '" + MARKER + "']))\n"
                  "    except OSError:\n        break\nprint(len(_ps))\n"
                  "for _p in _ps:\n    _p.kill()"),
    "disk_flood": ("import os\n_block = b'x' * 2**20\nimport tempfile\nfor _where in (tempfile.gettempdir(), '.'):\n    try:\n"
                   "        with open(os.path.join(_where, 'big.bin'), 'wb') as _fh:\n"
                   "            for _ in range(3000):\n                _fh.write(_block)\n"
                   "    except OSError as _err:\n        print(_err)"),
    "deep_folders": ("import os\n_fd = os.open('.', os.O_RDONLY)\nfor _ in range(3000):\n"
                     "    os.mkdir('d', dir_fd=_fd)\n"
                     "    _fd, _old = os.open('d', os.O_RDONLY, dir_fd=_fd), _fd\n"
                     "    os.close(_old)\nos.chmod('d', 0)"),
    "print_flood": "import sys\nfor _ in range(50):\n    print('x' * 10**6)\nsys.stderr.write('y' * 10**7)",
    "raise_systemexit": "raise SystemExit(3)",
}

QUICK_FAILURES = ("loop", "kill_kernel", "leftover_processes")


def _answer_cells(nb: Any, names: list[str]) -> list[int]:
    pattern = re.compile(r"^(" + "|".join(map(re.escape, names)) + r")\s*=", re.M)
    return [i for i, c in enumerate(nb.cells)
            if c.cell_type == "code" and "BEGIN SOLUTION" in c.source and pattern.search(c.source)]


def _copy(nb: Any) -> Any:
    return nbformat.from_dict(json.loads(json.dumps(nb)))


def _wrong_cell(reference: dict[str, Any], options: dict[str, list[str]]) -> str:
    """Code that turns every answer into a wrong value of the right kind."""
    from coursekit.grading.values import from_data

    lines = []
    for key, record in sorted(reference.items()):
        value = from_data(record)
        if isinstance(value, str):
            wrong = next(o for o in options[key] if o.strip().casefold() != value.casefold())
            lines.append(f"{key} = {wrong!r}")
        else:
            lines.append(f"{key} = {key} * 1.1 + 0.01")
    return "\n".join(lines)


def _write(nb: Any, path: Path) -> None:
    nbformat.write(nb, path)


def _zip_raw(path: Path, name: str, data: bytes, *, method: int = 0, flags: int = 0) -> None:
    """A one-member zip written by hand (compression ``method``, general ``flags``)."""
    import zlib

    crc = zlib.crc32(data)
    fname = name.encode()
    local = struct.pack("<4s5H3I2H", b"PK\x03\x04", 20, flags, method, 0, 33, crc, len(data),
                        len(data), len(fname), 0) + fname + data
    central = struct.pack("<4s6H3I5H2I", b"PK\x01\x02", 20, 20, flags, method, 0, 33, crc,
                          len(data), len(data), len(fname), 0, 0, 0, 0, 0, 0) + fname
    end = struct.pack("<4s4H2IH", b"PK\x05\x06", 0, 0, 1, 1, len(central), len(local), 0)
    path.write_bytes(local + central + end)


def make_folder(folder: Path, solutions: Path, student: Path, reference: Path,
                options: dict[str, list[str]], *, quick: bool = False) -> dict[str, list[str]]:
    """Write the submissions into ``folder``; return the file names by kind."""
    folder.mkdir(parents=True, exist_ok=True)
    sol = nbformat.read(solutions, as_version=4)
    blank = nbformat.read(student, as_version=4)
    ref = json.loads(Path(reference).read_text(encoding="utf-8"))["answers"]
    names = sorted(ref)
    answer_cells = _answer_cells(sol, names)
    setup = next(i for i, c in enumerate(sol.cells) if c.cell_type == "code"
                 and "import coursekit as ck" in c.source)
    wrong = _copy(sol)
    wrong.cells.append(nbformat.v4.new_code_cell(_wrong_cell(ref, options)))
    kinds: dict[str, list[str]] = {"honest": [], "cheat": [], "fail": [], "file": []}

    def put(kind: str, name: str, nb: Any) -> None:
        _write(nb, folder / name)
        kinds[kind].append(name)

    put("honest", "honest_right.ipynb", sol)
    put("honest", "honest_wrong.ipynb", wrong)
    put("file", "blank.ipynb", blank)

    def variant(edit) -> Any:
        nb = _copy(sol)
        edit(nb)
        return nb

    def magic(prefix: str):
        def edit(nb):
            for i in answer_cells:
                nb.cells[i].source = prefix + nb.cells[i].source
        return edit

    def insert_after_setup(*codes: str):
        def edit(nb):
            for code in reversed(codes):
                nb.cells.insert(setup + 1, nbformat.v4.new_code_cell(code))
        return edit

    def check_in_if(nb):
        for c in nb.cells:
            if c.cell_type == "code" and c.source.startswith("grader.check("):
                c.source = "if True:\n    " + c.source
        first = re.search(r"^(\w+)\s*=", nb.cells[answer_cells[0]].source.split(
            "# BEGIN SOLUTION NO PROMPT")[-1], re.M).group(1)
        nb.cells[answer_cells[0]].source += f"\ndisplay({first})"

    honest = {
        "honest_cell_time.ipynb": magic("%%time\n"),
        "honest_line_time.ipynb": magic("%time _t = sum(range(10))\n"),
        "honest_capture.ipynb": magic("%%capture\n"),
        "honest_check_in_if_display.ipynb": check_in_if,
        "honest_matplotlib_chdir_pip.ipynb": insert_after_setup(
            "%pip install --quiet coursekit", "import os\nos.chdir('/tmp')",
            "import matplotlib.pyplot as plt\n%matplotlib inline",
            "plt.plot([1, 2], [3, 4])\nplt.show()"),
    }
    if quick:
        honest = {k: v for k, v in honest.items() if "cell_time" in k or "matplotlib" in k}
    for name, edit in honest.items():
        put("honest", name, variant(edit))
    text = nbformat.writes(sol).encode()
    if not quick:
        _odd_submissions(folder, sol, blank, text, kinds)

    cheats = ({"all": "\n".join(CHEATS[k].strip() for k in CHEATS)} if quick else CHEATS)
    for cheat, code in cheats.items():
        nb = _copy(wrong)
        nb.cells.append(nbformat.v4.new_code_cell(code.strip()))
        put("cheat", f"cheat_{cheat}.ipynb", nb)
    if not quick:
        big = _copy(wrong)
        big.cells.append(nbformat.v4.new_code_cell(
            f"{names[0]} = 'x' * 70_000_000\nimport numpy as np\n_deep = []\n"
            "for _ in range(10000):\n    _deep = [_deep]"))
        put("cheat", "cheat_huge_answer.ipynb", big)

    failures = {k: v for k, v in AFTER_Q2.items() if not quick or k in QUICK_FAILURES}
    for failure, code in failures.items():
        nb = _copy(sol)
        nb.cells.insert(answer_cells[1] + 1, nbformat.v4.new_code_cell(code))
        put("fail", f"fail_{failure}.ipynb", nb)

    return _files(folder, text, kinds)


def _files(folder: Path, text: bytes, kinds: dict[str, list[str]]) -> dict[str, list[str]]:
    """Entries that are not gradable notebooks (each must get a row with a reason)."""
    files = kinds["file"]
    os.symlink("/etc/passwd", folder / "file_link_to_passwd.ipynb")
    os.symlink(folder / "does-not-exist.ipynb", folder / "file_dangling_link.ipynb")
    os.mkfifo(folder / "file_fifo.ipynb")
    (folder / "file_essay.txt").write_text("my answers are in my head", encoding="utf-8")
    (folder / "file_broken.ipynb").write_text("{not json", encoding="utf-8")
    (folder / "file_two_notebooks").mkdir()
    (folder / "file_two_notebooks" / "a.ipynb").write_bytes(text)
    (folder / "file_two_notebooks" / "b.ipynb").write_bytes(text)
    _zip_raw(folder / "file_encrypted.zip", "a.ipynb", text, flags=1)
    _zip_raw(folder / "file_deflate64.zip", "a.ipynb", text, method=9)
    whole = io.BytesIO()
    with zipfile.ZipFile(whole, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("a.ipynb", text)
    (folder / "file_truncated.zip").write_bytes(whole.getvalue()[:400])
    with zipfile.ZipFile(folder / "file_bomb.zip", "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("bomb.ipynb", b"\x00" * (100 * 1024**2))
    files += ["file_link_to_passwd.ipynb", "file_dangling_link.ipynb", "file_fifo.ipynb",
              "file_essay.txt", "file_broken.ipynb", "file_two_notebooks", "file_encrypted.zip",
              "file_deflate64.zip", "file_truncated.zip", "file_bomb.zip"]
    return kinds


def _odd_submissions(folder: Path, sol: Any, blank: Any, text: bytes,
                     kinds: dict[str, list[str]]) -> None:
    """Honest notebooks in odd packaging or under odd names (each must score full marks)."""
    (folder / "honest_bom.ipynb").write_bytes(b"\xef\xbb\xbf" + nbformat.writes(sol).encode())
    kinds["honest"].append("honest_bom.ipynb")
    with zipfile.ZipFile(folder / "honest_working_folder.zip", "w") as z:
        z.writestr("work/ch.ipynb", text)
        z.writestr("work/.ipynb_checkpoints/ch-checkpoint.ipynb", nbformat.writes(blank))
        z.writestr("work/._ch.ipynb", b"\x00\x05\x16\x07mac")
        z.writestr("__MACOSX/work/._ch.ipynb", b"\x00\x05\x16\x07mac")
        z.writestr("work/coursekit/__init__.py", "raise SystemExit('shadow')\n")
    kinds["honest"].append("honest_working_folder.zip")
    (folder / "honest_lms_folder" / "attempt 1").mkdir(parents=True)
    (folder / "honest_lms_folder" / "attempt 1" / "notebook.ipynb").write_bytes(text)
    (folder / "honest_lms_folder" / ".ipynb_checkpoints").mkdir()
    (folder / "honest_lms_folder" / ".ipynb_checkpoints" / "x-checkpoint.ipynb").write_bytes(text)
    kinds["honest"].append("honest_lms_folder")
    for odd in ("=HYPERLINK(\"x\").ipynb", "-1+1.ipynb", "+cmd.ipynb", "@SUM(A1).ipynb",
                "Ünïcode (1).ipynb"):
        (folder / odd).write_bytes(text)
        kinds["honest"].append(odd)
    latin1 = os.fsdecode(b"honest_caf\xe9.ipynb")
    (folder / latin1).write_bytes(text)
    kinds["honest"].append(latin1)
    long_name = "honest_" + "x" * 240 + ".ipynb"
    (folder / long_name).write_bytes(text)
    kinds["honest"].append(long_name)

    # two names that a naive cleaning would give the same results folder
    (folder / "twin a.ipynb").write_bytes(text)
    (folder / "twin_a.ipynb").write_bytes(text)
    kinds["honest"] += ["twin a.ipynb", "twin_a.ipynb"]
