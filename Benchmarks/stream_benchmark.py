#!/usr/bin/env python3
"""A busy VOXO day end to end (README, "Benchmarks"): the mock server holds 100,000 calls in
one day; `callscope list --limit 0 --format ndjson > file` reads it, beside
`curl | jq -c '.[]' > file` on the same endpoint, in alternating runs (each checked to write
every call; lines are counted after the clock stops). Prints each side's median, the
ratio of medians, the answer's size and callscope's peak RSS.

Usage: python3 Benchmarks/stream_benchmark.py [path/to/callscope] [runs] [latency-ms] [requests-in-flight]
       (default .build/release/callscope if built, else .build/debug/callscope; 5 runs; the mock
       server waits latency-ms before every answer, 0 by default: run it at 0 and at 200;
       requests-in-flight sets the profile's max_requests_in_flight, else its default)
"""
import os, re, shutil, statistics, subprocess, sys, tempfile, time, urllib.parse

default = ".build/release/callscope" if os.path.exists(".build/release/callscope") else ".build/debug/callscope"
binary = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else default)
runs = int(sys.argv[2]) if len(sys.argv) > 2 else 5
latency = int(sys.argv[3]) if len(sys.argv) > 3 else 0
in_flight = int(sys.argv[4]) if len(sys.argv) > 4 else None
anchor = 1_774_440_000  # the mock's newest call: 2026-03-25 12:00 UTC
token = "demo-voxo-token"

server = subprocess.Popen([binary, "mock-server", "--port", "0", "--calls", "100000", "--days", "1", "--anchor", str(anchor),
                           "--latency", str(latency), "--control-routes"],
                          stdout=subprocess.PIPE, text=True)
try:
    base = re.search(r"(http://\S+)", server.stdout.readline()).group(1)
    since, until = "2026-03-24 12:00:01", "2026-03-25 12:00:01"
    query = urllib.parse.urlencode({"start": since, "end": until, "timezone": "UTC"}, quote_via=urllib.parse.quote)
    url = f"{base}/call-reports?{query}"
    size = len(subprocess.run(["curl", "-s", url, "-H", f"Authorization: Bearer {token}"], capture_output=True).stdout)

    # Each side writes to a file, as `> day.ndjson` would; lines are counted after the clock stops.
    out_path = os.path.join(tempfile.mkdtemp(prefix="callscope-stream-"), "out.ndjson")
    # callscope reads through a profile, as a team would set it up.
    config_home = os.path.dirname(out_path)
    os.makedirs(os.path.join(config_home, "callscope"))
    with open(os.path.join(config_home, "callscope", "config.toml"), "w") as config:
        config.write(f'[profiles.bench]\nprovider = "voxo"\nbase_url = "{base}"\ntoken_env = "VOXO_TOKEN"\n'
                     + (f"max_requests_in_flight = {in_flight}\n" if in_flight else ""))
    environment = {**os.environ, "VOXO_TOKEN": token, "XDG_CONFIG_HOME": config_home,
                   "XDG_CACHE_HOME": os.path.join(config_home, "cache")}

    def requests_served():
        answer = subprocess.run(["curl", "-s", f"{base}/_mock/requests"], capture_output=True, text=True).stdout
        return int(re.search(r"\d+", answer).group(0))

    def count_lines():
        with open(out_path, "rb") as f:
            return sum(chunk.count(b"\n") for chunk in iter(lambda: f.read(1 << 20), b""))

    def callscope(store=False):
        started = time.monotonic()
        with open(out_path, "wb") as out:
            done = subprocess.run([binary, "list", "--profile", "bench", "--tz", "UTC",
                                   "--since", since, "--until", until, "--limit", "0", "--format", "ndjson"]
                                  + ([] if store else ["--no-store"]),
                                  stdout=out, stderr=subprocess.PIPE, env=environment)
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
    before = requests_served()
    callscope()
    requests_per_read = requests_served() - before
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
                            f"XDG_CONFIG_HOME={config_home} VOXO_TOKEN={token} /usr/bin/time -f %M '{binary}' list --profile bench --tz UTC "
                            f"--since '{since}' --until '{until}' --limit 0 --format ndjson --no-store > /dev/null"],
                           capture_output=True, text=True)
    peak_kb = int(probe.stderr.strip().splitlines()[-1]) if probe.returncode == 0 and probe.stderr.strip() else 0
    # What the mock server alone costs per answer (both sides wait for it): the whole day to /dev/null.
    serving = []
    for _ in range(3):
        started = time.monotonic()
        subprocess.run(["curl", "-s", url, "-H", f"Authorization: Bearer {token}", "-o", "/dev/null"])
        serving.append(time.monotonic() - started)
    # The local store: the day has closed, so the first look keeps it and the second asks nothing.
    looks = []
    for _ in range(2):
        before = requests_served()
        elapsed, count = callscope(store=True)
        if count != lines:
            raise SystemExit(f"through the store callscope wrote {count} lines, not {lines}")
        looks.append((elapsed, requests_served() - before))
    m_ours, m_theirs = statistics.median(ours), statistics.median(theirs)
    print(f"answer: {size / 1e6:.1f} MB, {lines} calls; {runs} alternating runs; {latency} ms per request; "
          f"max_requests_in_flight {in_flight or 'default'}")
    print(f"callscope list --format ndjson --no-store  median {m_ours:.2f} s, {requests_per_read} requests")
    print(f"curl | jq -c '.[]'             median {m_theirs:.2f} s")
    print(f"curl > /dev/null (the mock serving alone) median {statistics.median(serving):.2f} s")
    print(f"ratio (curl|jq ÷ callscope): {m_theirs / m_ours:.2f}x (target ≥ {8 if latency == 0 else 5}x)")
    print(f"callscope peak RSS: {peak_kb / 1024:.0f} MB (target ≤ 128 MB)")
    print(f"through the local store: first look {looks[0][0]:.2f} s, {looks[0][1]} requests (kept); "
          f"second look {looks[1][0]:.2f} s, {looks[1][1]} requests")
finally:
    server.terminate()
    server.wait()
    if "out_path" in globals():
        shutil.rmtree(os.path.dirname(out_path), ignore_errors=True)
