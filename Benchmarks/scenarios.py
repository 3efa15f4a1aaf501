#!/usr/bin/env python3
"""Ticket scenarios (README, "Benchmarks"): the five jobs a support engineer opens callscope
for, run in tmux against the mock server at 200 ms latency per request. For each it prints the
keystrokes typed (a paste counts as one) and the time from the first keystroke until the
answer is on screen. Targets: at most 30 keystrokes and 2 s each.

Usage: python3 Benchmarks/scenarios.py [path/to/callscope]   (default .build/debug/callscope)
"""
import json, os, re, subprocess, sys, time, datetime

binary = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else ".build/debug/callscope")
env = {"VOBIZ_AUTH_ID": "PA_DEMO0001", "VOBIZ_AUTH_TOKEN": "demo-vobiz-token", "TZ": "UTC"}
socket = f"callscope-scenarios-{os.getpid()}"

server = subprocess.Popen([binary, "mock-server", "--port", "0", "--latency", "200", "--days", "62", "--calls", "3000"],
                          stdout=subprocess.PIPE, text=True)
try:
    line = server.stdout.readline()
    base = re.search(r"(http://\S+)", line).group(1)

    def cli(*args):
        out = subprocess.run([binary, *args, "--provider", "vobiz", "--base-url", base], capture_output=True, text=True,
                             env={**os.environ, **env})
        return out.stdout

    failed = json.loads(cli("list", "--status", "failed", "--since", "3d", "--limit", "1", "--format", "json"))[0]["id"]
    anyone = json.loads(cli("list", "--since", "3d", "--limit", "5", "--format", "json"))[4]["id"]

    def tmux(*args):
        out = subprocess.run(["tmux", "-L", socket, *args], capture_output=True, text=True).stdout
        if args[:1] == ("kill-server",):
            # tmux leaves the socket file of a killed server behind.
            try:
                os.unlink(os.path.join(os.environ.get("TMUX_TMPDIR", "/tmp"), f"tmux-{os.getuid()}", socket))
            except FileNotFoundError:
                pass
        return out

    def screen():
        return tmux("capture-pane", "-p", "-t", "s")

    def wait(predicate, timeout=60):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            text = screen()
            if predicate(text):
                return text
            time.sleep(0.01)
        raise SystemExit("timed out; the screen:\n" + screen())

    runs = [0]

    def start():
        # A fresh tmux server each time: a new session right after kill-server can meet the dying one.
        tmux("kill-server")
        runs[0] += 1
        global socket
        socket = f"callscope-scenarios-{os.getpid()}-{runs[0]}"
        envs = " ".join(f"{k}={v}" for k, v in env.items())
        tmux("new-session", "-d", "-s", "s", "-x", "120", "-y", "40", "sh", "-c",
             f"env TERM=tmux-256color {envs} '{binary}' --provider vobiz --base-url {base}; read x")
        wait(lambda s: "TIME" in s and " calls" in s and "loading" not in s)

    results = []

    def scenario(name, steps, answer):
        """steps: ('keys', [..]) | ('type', text) | ('paste', text)"""
        count = 0
        began = time.monotonic()
        for kind, value in steps:
            if kind == "keys":
                tmux("send-keys", "-t", "s", *value)
                count += len(value)
            elif kind == "type":
                tmux("send-keys", "-t", "s", "-l", value)
                count += len(value)
            else:
                tmux("set-buffer", value)
                tmux("paste-buffer", "-p", "-t", "s")
                count += 1
        wait(answer)
        results.append((name, count, time.monotonic() - began))

    start()
    scenario("failed calls to a number yesterday afternoon",
             [("keys", ["="]), ("type", "failed 5550100 yest 12-18"), ("keys", ["Enter"])],
             lambda s: "calls" in s.splitlines()[-2] and "loading" not in s and "status:" not in s.splitlines()[-1]
             and all("failed" in row for row in s.splitlines()[5:8] if re.match(r".*\d\d-\d\d \d\d:\d\d", row)))
    start()
    scenario("open a pasted UUID", [("paste", anyone), ("keys", ["Enter"])],
             lambda s: anyone[:18] in s and "Outcome" in s)
    start()
    scenario("why did it fail (cause and SIP code in words)", [("paste", failed), ("keys", ["Enter"])],
             # The cause in words with its Q.850 code (and the SIP code where the record has one).
             lambda s: failed[:18] in s and "Q.850" in s)
    scenario("copy the UUID", [("keys", ["y"])], lambda s: "copied" in s)
    start()
    last_month = (datetime.date.today().replace(day=1) - datetime.timedelta(days=1)).strftime("%Y-%m")
    scenario(f"statistics of a billing month ({last_month})", [("keys", ["="]), ("type", last_month), ("keys", ["Enter"])],
             # Applied (the sidebar's since is the month's first day, the prompt gone) and complete.
             lambda s: re.search(rf"^since\s+{last_month}-01", s, re.M) is not None and not s.splitlines()[-1].startswith("=")
             and "calls " in s and "ASR" in s and "over " not in s and "reading" not in s and "loading" not in s)
    tmux("kill-server")

    print(f"{'scenario':50} {'keys':>5} {'seconds':>8}")
    for name, count, seconds in results:
        print(f"{name:50} {count:>5} {seconds:>8.2f}")
finally:
    server.terminate()
    server.wait()
    subprocess.run(["tmux", "-L", socket, "kill-server"], capture_output=True)
    try:
        os.unlink(os.path.join(os.environ.get("TMUX_TMPDIR", "/tmp"), f"tmux-{os.getuid()}", socket))
    except FileNotFoundError:
        pass
