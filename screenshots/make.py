#!/usr/bin/env python3
"""Makes the README's screenshots from real runs of `callscope --demo` in tmux:
capture-pane -p -e -N -> pyte (terminal emulator) -> Pillow, one PNG per scene.

Setup (pinned, so reruns are byte-identical): pip install pyte==0.8.2 Pillow==11.0.0
and apt-get install fonts-dejavu-core fonts-wqy-microhei.
Run from the repository root after `swift build`:  python3 screenshots/make.py
"""
import os, re, subprocess, sys, tempfile, time, urllib.parse
import pyte
from PIL import Image, ImageDraw, ImageFont

BINARY = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else ".build/debug/callscope")
OUT = os.path.dirname(os.path.abspath(__file__))
SOCKET = f"callscope-shots-{os.getpid()}"
MONO = "/usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf"
MONO_BOLD = "/usr/share/fonts/truetype/dejavu/DejaVuSansMono-Bold.ttf"
CJK = "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc"
SIZE = 15
CELL_W, CELL_H = 9, 19
COLORS = {"black": (30, 30, 30), "red": (220, 80, 80), "green": (110, 200, 110), "brown": (220, 190, 90),
          "yellow": (230, 210, 100), "blue": (100, 150, 230), "magenta": (200, 120, 200), "cyan": (90, 200, 210),
          "white": (220, 220, 220), "default": None}
FG, BG = (220, 220, 220), (24, 26, 30)


def tmux(*args):
    out = subprocess.run(["tmux", "-L", SOCKET, *args], capture_output=True, text=True).stdout
    if args[:1] == ("kill-server",):
        # tmux leaves the socket file of a killed server behind.
        try:
            os.unlink(os.path.join(os.environ.get("TMUX_TMPDIR", "/tmp"), f"tmux-{os.getuid()}", SOCKET))
        except FileNotFoundError:
            pass
    return out


def wait_for(text, timeout=20):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        screen = tmux("capture-pane", "-p", "-t", "s")
        if text in screen:
            return
    raise SystemExit(f"timed out waiting for {text!r}")


def color(name, default):
    if name in (None, "default"):
        return default
    if isinstance(name, str) and len(name) == 6 and all(c in "0123456789abcdefABCDEF" for c in name):
        return tuple(int(name[i:i + 2], 16) for i in (0, 2, 4))
    return COLORS.get(name) or default


def render(name, columns, rows):
    ansi = tmux("capture-pane", "-p", "-e", "-N", "-t", "s")
    screen = pyte.Screen(columns, rows)
    stream = pyte.Stream(screen)
    lines = ansi.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    # Each row is positioned explicitly: a newline after the last row would scroll it away.
    stream.feed("".join(f"\x1b[{i + 1};1H" + line for i, line in enumerate(lines[:rows])))
    mono, bold, cjk = ImageFont.truetype(MONO, SIZE), ImageFont.truetype(MONO_BOLD, SIZE), ImageFont.truetype(CJK, SIZE)
    image = Image.new("RGB", (columns * CELL_W + 16, rows * CELL_H + 16), BG)
    draw = ImageDraw.Draw(image)
    for y in range(rows):
        line = screen.buffer[y]
        for x in range(columns):
            char = line[x]
            fg, bg = color(char.fg, FG), color(char.bg, BG)
            if char.reverse:
                fg, bg = bg or BG, fg or FG
            px, py = 8 + x * CELL_W, 8 + y * CELL_H
            if bg != BG:
                draw.rectangle([px, py, px + CELL_W, py + CELL_H], fill=bg)
            if char.data.strip():
                font = cjk if ord(char.data[0]) > 0x2E80 else (bold if char.bold else mono)
                draw.text((px, py + 1), char.data, font=font, fill=fg)
            if char.underscore:
                draw.line([px, py + CELL_H - 2, px + CELL_W, py + CELL_H - 2], fill=fg)
    image.save(os.path.join(OUT, f"{name}.png"))
    print("wrote", f"screenshots/{name}.png")


def session(columns, rows, args, env=""):
    tmux("kill-server")
    tmux("new-session", "-d", "-s", "s", "-x", str(columns), "-y", str(rows), "sh", "-c",
         f"TERM=tmux-256color {env} exec '{BINARY}' {args}")
    wait_for(" calls")


def keys(*k):
    tmux("send-keys", "-t", "s", *k)


def partner_profile(home, base, since=None):
    """A Vobiz profile over the mock's partner with its four customers named (0600, as callscope asks)."""
    os.makedirs(os.path.join(home, "callscope"))
    config = os.path.join(home, "callscope", "config.toml")
    with open(config, "w") as out:
        out.write(f"""[profiles.partner]
provider = "vobiz"
base_url = "{base}"
auth_id = "PA_DEMO0001"
token_env = "PARTNER_TOKEN"
""" + (f'since = "{since}"\n' if since else "") + """
[profiles.partner.customers]
MA_48149cf4 = "Acme Corp"
MA_7d2e91a0 = "Globex"
MA_c05b3f18 = "Initech"
MA_e6a4d722 = "Umbrella Health"
""")
    os.chmod(config, 0o600)


session(120, 40, "--demo --provider voxo")
keys("j", "j", "j")
time.sleep(0.3)
render("wide", 120, 40)
keys("Enter")
wait_for("Outcome")
render("detail", 120, 40)
keys("Escape", "Tab")
keys("j", "j", "j", "j", "Enter")
tmux("send-keys", "-t", "s", "-l", "failed")
wait_for("status: failed")
render("filters", 120, 40)
keys("Escape", "Escape", "?")
wait_for("Everywhere")
render("help", 120, 40)
keys("Escape", "P")
wait_for("Switch profile")
tmux("send-keys", "-t", "s", "-l", "vob")
wait_for("1 of 2")
render("profiles", 120, 40)
session(120, 40, "--demo")
wait_for("ASR ")
wait_for("NORMAL_CLEARING")
time.sleep(1.5)
render("statistics", 120, 40)
keys("F")
wait_for("Calls by cause")
time.sleep(1)
render("groups", 120, 40)
# Which numbers go unanswered most: grouped by the number called, sorted by the no-answer rate,
# numbers with few calls left out.
keys("Tab", "Tab", "Tab", "Tab", "Tab", "Tab", "Tab")
wait_for("Calls by to")
keys("o", "o", "m")
wait_for("calls hidden")
time.sleep(0.5)
render("groups-rates", 120, 40)
# Y in a call's detail: what can be copied for a ticket.
keys("Escape", "Enter")
wait_for("Outcome")
keys("Y")
wait_for("Copy for a ticket")
render("copy-menu", 120, 40)
session(80, 24, "--demo")
keys("j", "Enter")
wait_for("Outcome")
render("narrow-80x24", 80, 24)

# A partner's customers by name: a profile naming them, over the Vobiz spelling whose rows
# name their customer.
home = tempfile.mkdtemp(prefix="callscope-shots-")
mock = subprocess.Popen([BINARY, "mock-server", "--port", "0", "--calls", "3000", "--days", "2", "--vobiz-dialect", "alternate"],
                        stdout=subprocess.PIPE, text=True)
try:
    base = re.search(r"(http://\S+)", mock.stdout.readline()).group(1)
    partner_profile(home, base, since="1d")
    session(120, 40, "--profile partner", env=f"XDG_CONFIG_HOME='{home}' XDG_CACHE_HOME='{home}/cache' PARTNER_TOKEN=demo-vobiz-token")
    wait_for("CUSTOMER")
    wait_for("ASR ")
    time.sleep(1)
    render("customers", 120, 40)
finally:
    tmux("kill-server")
    mock.terminate()
    mock.wait()
    subprocess.run(["rm", "-rf", home])

# Now vs normal (W): a week of the mock's partner with two incidents planted in the last hour,
# a burst of short calls on one customer and an ASR drop on another.
home = tempfile.mkdtemp(prefix="callscope-shots-")
mock = subprocess.Popen([BINARY, "mock-server", "--port", "0", "--calls", str(8 * 24 * 200), "--days", "8",
                         "--incident", "short-burst:MA_7d2e91a0", "--incident", "asr-drop:MA_c05b3f18"],
                        stdout=subprocess.PIPE, text=True)
try:
    base = re.search(r"(http://\S+)", mock.stdout.readline()).group(1)
    partner_profile(home, base)
    session(120, 40, "--profile partner --named-customers --since 1h", env=f"XDG_CONFIG_HOME='{home}' XDG_CACHE_HOME='{home}/cache' PARTNER_TOKEN=demo-vobiz-token")
    wait_for("NORMAL_CLEARING")
    keys("W")
    wait_for("ALERT")
    time.sleep(1)
    render("board", 120, 40)
    keys("q")
    # Billing: a rate deck beside the bill, the strip and the group view by customer.
    deck = os.path.join(home, "carrier.csv")
    with open(deck, "w") as out:
        out.write("prefix,destination,rate,increment,currency,connection_fee\n1,United States and Canada,0.0125,60/60,USD,\n"
                  "1876,Jamaica,0.25,60/60,USD,0.05\n44,United Kingdom,0.012,6/6,USD,\n91,India,0.0075,30/6,USD,0.01\n"
                  "49,Germany,0.02,1/1,USD,\n81,Japan,0.03,60/60,USD,\n86,China,0.015,60/60,USD,\n")
    session(120, 40, f"--profile partner --named-customers --since 6h --rates {deck}", env=f"XDG_CONFIG_HOME='{home}' XDG_CACHE_HOME='{home}/cache' PARTNER_TOKEN=demo-vobiz-token")
    wait_for("billable")
    time.sleep(2)
    render("billing", 120, 40)
finally:
    tmux("kill-server")
    mock.terminate()
    mock.wait()
    subprocess.run(["rm", "-rf", home])

# A 20,000-call month past the request budget: the strip is an estimate from pages spread over
# it (S reads all); the month read whole is then kept, and a second look asks nothing.
cache = tempfile.mkdtemp(prefix="callscope-shots-")
mock = subprocess.Popen([BINARY, "mock-server", "--port", "0", "--calls", "20000", "--days", "30", "--anchor", "1774440000"],
                        stdout=subprocess.PIPE, text=True)
try:
    base = re.search(r"(http://\S+)", mock.stdout.readline()).group(1)
    month = f"--provider vobiz --base-url {base} --tz UTC --since 2026-02-24 --until 2026-03-24"
    env = f"XDG_CACHE_HOME='{cache}' VOBIZ_AUTH_ID=PA_DEMO0001 VOBIZ_AUTH_TOKEN=demo-vobiz-token"
    session(120, 40, month, env=env)
    wait_for("S reads all")
    time.sleep(2)
    render("estimate", 120, 40)
    keys("S")
    # Read whole: no sample label, no progress.
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        screen = tmux("capture-pane", "-p", "-t", "s")
        if "S reads all" not in screen and " of 19333 calls" not in screen and "calls 19333  answered" in screen:
            break
        time.sleep(0.2)
    keys("q")
    session(120, 40, month, env=env)
    wait_for("from store")
    wait_for("NORMAL_CLEARING")
    time.sleep(1)
    render("store", 120, 40)
finally:
    tmux("kill-server")
    mock.terminate()
    mock.wait()
    subprocess.run(["rm", "-rf", cache])

# A saved VOXO answer (a day of the mock's, saved with curl), opened offline, narrowed to the
# failed calls, with `e` offering the export's name.
saved = os.path.join(tempfile.mkdtemp(prefix="callscope-shots-"), "acme-2026-03-24.json")
mock = subprocess.Popen([BINARY, "mock-server", "--port", "0", "--calls", "3000", "--days", "1", "--anchor", "1774440000"],
                        stdout=subprocess.PIPE, text=True)
try:
    base = re.search(r"(http://\S+)", mock.stdout.readline()).group(1)
    query = urllib.parse.urlencode({"start": "2026-03-24 08:00:01", "end": "2026-03-25 08:00:01", "timezone": "America/New_York"},
                                   quote_via=urllib.parse.quote)
    with open(saved, "wb") as out:
        subprocess.run(["curl", "-s", f"{base}/call-reports?{query}", "-H", "Authorization: Bearer demo-voxo-token"], stdout=out, check=True)
finally:
    mock.terminate()
    mock.wait()
session(120, 40, f"open '{saved}' --tz America/New_York")
wait_for("ASR ")
keys("=")
keys("C-u")
tmux("send-keys", "-t", "s", "-l", "status:failed")
keys("Enter")
wait_for("status     failed")
time.sleep(1)
keys("e")
wait_for("export to:")
render("open-file", 120, 40)
tmux("kill-server")
os.remove(saved)
os.rmdir(os.path.dirname(saved))
