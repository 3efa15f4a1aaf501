#!/usr/bin/env python3
"""A busy VOXO day end to end (README, "Benchmarks"): the mock server holds 100,000 calls in
one day; `callscope list --limit 0 --format ndjson > file` reads it, beside
`curl | jq -c '.[]' > file` on the same endpoint, in alternating runs (each checked to write
every call; lines are counted after the clock stops). Prints each side's median, the
ratio of medians, the answer's size and callscope's peak RSS.

Usage: python3 Benchmarks/stream_benchmark.py [path/to/callscope] [runs]
       (default .build/release/callscope if built, else .build/debug/callscope; 5 runs)
"""
import os, re, shutil, statistics, subprocess, sys, tempfile, time, urllib.parse

default = ".build/release/callscope" if os.path.exists(".build/release/callscope") else ".build/debug/callscope"
binary = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else default)
runs = int(sys.argv[2]) if len(sys.argv) > 2 else 5
anchor = 1_774_440_000  # the mock's newest call: 2026-03-25 12:00 UTC
token = "demo-voxo-token"

server = subprocess.Popen([binary, "mock-server", "--port", "0", "--calls", "100000", "--days", "1", "--anchor", str(anchor)],
                          stdout=subprocess.PIPE, text=True)
try:
    base = re.search(r"(http://\S+)", server.stdout.readline()).group(1)
    since, until = "2026-03-24 12:00:01", "2026-03-25 12:00:01"
    query = urllib.parse.urlencode({"start": since, "end": until, "timezone": "UTC"}, quote_via=urllib.parse.quote)
    url = f"{base}/call-reports?{query}"
    size = len(subprocess.run(["curl", "-s", url, "-H", f"Authorization: Bearer {token}"], capture_output=True).stdout)

    # Each side writes to a file, as `> day.ndjson` would; lines are counted after the clock stops.
    out_path = os.path.join(tempfile.mkdtemp(prefix="callscope-stream-"), "out.ndjson")

    def count_lines():
        with open(out_path, "rb") as f:
            return sum(chunk.count(b"\n") for chunk in iter(lambda: f.read(1 << 20), b""))

    def callscope():
        started = time.monotonic()
        with open(out_path, "wb") as out:
            done = subprocess.run([binary, "list", "--provider", "voxo", "--base-url", base, "--tz", "UTC",
                                   "--since", since, "--until", until, "--limit", "0", "--format", "ndjson"],
                                  stdout=out, stderr=subprocess.PIPE, env={**os.environ, "VOXO_TOKEN": token})
        elapsed = time.monotonic() - started
        if done.returncode != 0:
            raise SystemExit(done.stderr.decode())
        return elapsed, count_lines()

    def curl_jq():
        started = time.monotonic()
        with open(out_path, "wb") as out:
            subprocess.run(f"curl -s '{url}' -H 'Authorization: Bearer {token}' | jq -c '.[]'", shell=True, stdout=out)
        return time.monotonic() - started, count_lines()

    ours, theirs, lines = [], [], None
    for run in range(runs):
        for side in ((callscope, ours), (curl_jq, theirs)) if run % 2 == 0 else ((curl_jq, theirs), (callscope, ours)):
            elapsed, count = side[0]()
            side[1].append(elapsed)
            if side[0] is callscope:
                lines = count
            elif count != lines and lines is not None:
                raise SystemExit(f"curl | jq wrote {count} lines, callscope {lines}")
    # callscope's own peak, measured alone by time(1) (jq's would mix in otherwise).
    probe = subprocess.run(["bash", "-c",
                            f"VOXO_TOKEN={token} /usr/bin/time -f %M '{binary}' list --provider voxo --base-url {base} --tz UTC "
                            f"--since '{since}' --until '{until}' --limit 0 --format ndjson > /dev/null"],
                           capture_output=True, text=True)
    peak_kb = int(probe.stderr.strip().splitlines()[-1]) if probe.returncode == 0 and probe.stderr.strip() else 0
    # What the mock server alone costs per answer (both sides wait for it): the whole day to /dev/null.
    serving = []
    for _ in range(3):
        started = time.monotonic()
        subprocess.run(["curl", "-s", url, "-H", f"Authorization: Bearer {token}", "-o", "/dev/null"])
        serving.append(time.monotonic() - started)
    m_ours, m_theirs = statistics.median(ours), statistics.median(theirs)
    print(f"answer: {size / 1e6:.1f} MB, {lines} calls; {runs} alternating runs")
    print(f"callscope list --format ndjson  median {m_ours:.2f} s")
    print(f"curl | jq -c '.[]'             median {m_theirs:.2f} s")
    print(f"curl > /dev/null (the mock serving alone) median {statistics.median(serving):.2f} s")
    print(f"ratio (curl|jq ÷ callscope): {m_theirs / m_ours:.2f}x (target ≥ 5x)")
    print(f"callscope peak RSS: {peak_kb / 1024:.0f} MB (target ≤ 128 MB)")
finally:
    server.terminate()
    server.wait()
    if "out_path" in globals():
        shutil.rmtree(os.path.dirname(out_path), ignore_errors=True)
