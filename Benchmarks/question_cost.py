#!/usr/bin/env python3
"""What a question costs the provider (README, "Benchmarks"): requests and time of a few
questions a ticket asks, each asked three times against the mock server: without the local
store (--no-store), then twice through it (the first look keeps the closed range, the second
asks nothing). The mock counts the requests it serves (GET /_mock/requests).

Usage: python3 Benchmarks/question_cost.py [path/to/callscope] [latency-ms]
       (default .build/release/callscope if built, else .build/debug/callscope; 0 ms)
"""
import os, re, shutil, subprocess, sys, tempfile, time

default = ".build/release/callscope" if os.path.exists(".build/release/callscope") else ".build/debug/callscope"
binary = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else default)
latency = int(sys.argv[2]) if len(sys.argv) > 2 else 0
anchor = 1_774_440_000  # the mock's newest call: 2026-03-25 12:00 UTC

# 20,000 calls a month: a busy Vobiz customer's month, and a VOXO partner's.
server = subprocess.Popen([binary, "mock-server", "--port", "0", "--calls", "20000", "--days", "30", "--anchor", str(anchor),
                           "--latency", str(latency), "--control-routes"], stdout=subprocess.PIPE, text=True)
cache = tempfile.mkdtemp(prefix="callscope-cost-")
try:
    base = re.search(r"(http://\S+)", server.stdout.readline()).group(1)
    environment = {**os.environ, "XDG_CACHE_HOME": cache, "TZ": "UTC", "VOXO_TOKEN": "demo-voxo-token",
                   "VOBIZ_AUTH_ID": "PA_DEMO0001", "VOBIZ_AUTH_TOKEN": "demo-vobiz-token"}

    def served():
        answer = subprocess.run(["curl", "-s", f"{base}/_mock/requests"], capture_output=True, text=True).stdout
        return int(re.search(r"\d+", answer).group(0))

    month = ["--since", "2026-02-24", "--until", "2026-03-24"]
    questions = [
        ("Vobiz month: stats", ["stats", "--provider", "vobiz", *month, "--format", "json"]),
        ("Vobiz month: stats --by cause", ["stats", "--provider", "vobiz", *month, "--by", "cause", "--format", "json"]),
        ("Vobiz month: failed calls, all", ["list", "--provider", "vobiz", *month, "--status", "failed", "--limit", "0", "--format", "ndjson"]),
        ("VOXO month: stats", ["stats", "--provider", "voxo", *month, "--format", "json"]),
        ("VOXO month: sql per trunk", ["sql", "--provider", "voxo", *month, "SELECT status, count(*) FROM calls GROUP BY 1"]),
    ]
    print(f"{latency} ms per request; 20,000 calls in 30 days; requests / seconds")
    print(f"{'question':34} {'--no-store':>16} {'first look':>16} {'second look':>16}")
    for name, arguments in questions:
        cells = []
        for extra in (["--no-store"], [], []):
            before = served()
            started = time.monotonic()
            done = subprocess.run([binary, *arguments, "--base-url", base, *extra], stdout=subprocess.DEVNULL,
                                  stderr=subprocess.PIPE, env=environment, text=True)
            elapsed = time.monotonic() - started
            if done.returncode != 0:
                raise SystemExit(f"{name}: {done.stderr}")
            cells.append(f"{served() - before:5d} / {elapsed:5.2f} s")
        print(f"{name:34} {cells[0]:>16} {cells[1]:>16} {cells[2]:>16}")
finally:
    server.terminate()
    server.wait()
    shutil.rmtree(cache, ignore_errors=True)
