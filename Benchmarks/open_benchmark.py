#!/usr/bin/env python3
"""Saved-file benchmark (issue 11): the first screen of `callscope open` on a saved 100,000-call
VOXO day, beside visidata (`vd`) on the same file in alternating runs; callscope's resident
memory once the first screen shows; and export throughput (`list --file … --output`).

The day is served by callscope's own mock server and saved with curl, as a user saves an answer.
Both programs run in tmux at 120x40; "first screen" is when the newest call's number is on it.
callscope shows a large file's first page before its index is done; when the status bar shows
the file's total, the index is complete, and that time and the memory then are printed too.
visidata's side is skipped, with a note, when `vd` is not installed (`pip install visidata`).

Usage: python3 Benchmarks/open_benchmark.py [path/to/callscope] [runs]   (default .build/release/callscope, 5)
"""
import os, re, shutil, statistics, subprocess, sys, tempfile, time, urllib.parse

binary = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else ".build/release/callscope")
runs = int(sys.argv[2]) if len(sys.argv) > 2 else 5
anchor = 1_774_440_000
token = "demo-voxo-token"
work = tempfile.mkdtemp(prefix="callscope-open-bench-")
day = os.path.join(work, "day.json")
socket = f"callscope-open-bench-{os.getpid()}"

server = subprocess.Popen([binary, "mock-server", "--port", "0", "--calls", "100000", "--days", "1", "--anchor", str(anchor)],
                          stdout=subprocess.PIPE, text=True)
try:
    base = re.search(r"(http://\S+)", server.stdout.readline()).group(1)
    query = urllib.parse.urlencode({"start": "2026-03-24 12:00:01", "end": "2026-03-25 12:00:01", "timezone": "UTC"},
                                   quote_via=urllib.parse.quote)
    with open(day, "wb") as out:
        subprocess.run(["curl", "-s", f"{base}/call-reports?{query}", "-H", f"Authorization: Bearer {token}"], stdout=out, check=True)
finally:
    server.terminate()
    server.wait()
size = os.path.getsize(day)
with open(day, "rb") as f:
    # The newest call's number: both programs show it on their first screen at 120 columns.
    first_number = re.search(rb'"callerIdNumber":"([^"]+)"', f.read(4096)).group(1).decode()

RUN = [0]

def tmux(*args):
    # A fresh server per run: a new session right after kill-server can meet the dying one.
    name = f"{socket}-{RUN[0]}"
    out = subprocess.run(["tmux", "-L", name, *args], capture_output=True, text=True).stdout
    if args[:1] == ("kill-server",):
        RUN[0] += 1
        try:  # tmux leaves the socket file of a killed server behind
            os.unlink(os.path.join(os.environ.get("TMUX_TMPDIR", "/tmp"), f"tmux-{os.getuid()}", name))
        except FileNotFoundError:
            pass
    return out

def first_screen(command):
    """Seconds from Enter to the newest call's number on screen, and the pane's process id then."""
    tmux("new-session", "-d", "-s", "b", "-x", "120", "-y", "40", "sh", "-c", f"read go; exec env TERM=tmux-256color {command}")
    pid = int(tmux("display-message", "-p", "-t", "b", "#{pane_pid}").strip())
    tmux("send-keys", "-t", "b", "Enter")
    started = time.monotonic()
    deadline = started + 120
    while time.monotonic() < deadline:
        if first_number in tmux("capture-pane", "-p", "-t", "b"):
            return time.monotonic() - started, pid
        # Polling back to back would take one of this machine's two cores from the program timed.
        time.sleep(0.002)
    raise SystemExit(f"timed out waiting for the first screen of: {command}\n" + tmux("capture-pane", "-p", "-t", "b"))

def resident_mb(pid):
    with open(f"/proc/{pid}/status") as f:
        return int(re.search(r"VmRSS:\s+(\d+)", f.read()).group(1)) / 1024

vd = shutil.which("vd")
ours, theirs, rss, settled, settled_rss = [], [], [], [], []
try:
    for _ in range(runs):
        seconds, pid = first_screen(f"'{binary}' open '{day}' --tz UTC")
        rss.append(resident_mb(pid))
        ours.append(seconds)
        # The first screen of a large file comes before its index; the total follows it.
        started = time.monotonic()
        while "100000 calls" not in tmux("capture-pane", "-p", "-t", "b"):
            if time.monotonic() - started > 60:
                raise SystemExit("timed out waiting for the file's total")
            time.sleep(0.002)
        settled.append(time.monotonic() - started + seconds)
        settled_rss.append(resident_mb(pid))
        tmux("kill-server")
        if vd:
            seconds, _ = first_screen(f"'{vd}' '{day}'")
            theirs.append(seconds)
            tmux("kill-server")
finally:
    tmux("kill-server")

print(f"saved VOXO day: 100,000 calls, {size / 1e6:.1f} MB")
print(f"callscope open, first screen: median {statistics.median(ours) * 1000:.0f} ms, best {min(ours) * 1000:.0f} ms "
      f"({runs} runs; target ≤ 150 ms); resident then {statistics.median(rss):.0f} MB (the file is {size / 1e6:.0f} MB)")
print(f"callscope open, total on screen (indexed): median {statistics.median(settled) * 1000:.0f} ms; "
      f"resident then {statistics.median(settled_rss):.0f} MB")
if theirs:
    print(f"visidata, same file, first screen: median {statistics.median(theirs) * 1000:.0f} ms")
    print(f"ratio (visidata ÷ callscope): {statistics.median(theirs) / statistics.median(ours):.1f}x (target ≥ 20x)")
else:
    print("visidata: not installed (pip install visidata), its side skipped")

for name in ["export.csv", "export.ndjson", "export.csv.gz"]:
    target = os.path.join(work, name)
    started = time.monotonic()
    subprocess.run([binary, "list", "--file", day, "--tz", "UTC", "--limit", "0", "--output", target], check=True, capture_output=True)
    elapsed = time.monotonic() - started
    print(f"export {name}: {elapsed:.2f} s, {100_000 / elapsed:,.0f} calls/s, {os.path.getsize(target) / 1e6:.1f} MB written")
shutil.rmtree(work)
