#!/usr/bin/env python3
"""api_test.py PLANWATCH PLAN.txt - the JSON API of "planwatch serve"
(docs/api.md) against a server on a free port, standard library only.

Prints TAP-like "ok N - name" / "not ok N - name" lines (tests/e2e/lib.sh)
and exits non-zero when a check failed.  Every server it starts is killed
at the end, whatever happens.
"""
import hashlib
import http.client
import json
import os
import re
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time

PW, PLAN = sys.argv[1], sys.argv[2]
TMP = tempfile.mkdtemp(prefix="pw-api.")
DB = os.path.join(TMP, "t.db")
SERVERS = []
N = 0
FAILED = 0


def check(name, cond, detail=""):
    global N, FAILED
    N += 1
    if cond:
        print(f"ok {N} - {name}")
    else:
        FAILED += 1
        print(f"not ok {N} - {name}")
        if detail:
            for line in str(detail).splitlines()[:8]:
                print(f"#   {line}")


def pw(*args, stdin=None):
    r = subprocess.run([PW, *args, "--db", DB], input=stdin, capture_output=True, text=True)
    if r.returncode != 0:
        raise RuntimeError(f"planwatch {' '.join(args)}: {r.returncode} {r.stderr}")
    return r.stdout


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    def __init__(self, *extra):
        self.port = free_port()
        self.log = os.path.join(TMP, f"access-{self.port}.log")
        self.err = open(os.path.join(TMP, f"stderr-{self.port}.log"), "w")
        # an English environment: the site answers in Chinese all the same
        env = {k: v for k, v in os.environ.items() if k not in ("LANGUAGE", "LC_MESSAGES")}
        env.update(LC_ALL="C", LANG="C")
        self.proc = subprocess.Popen(
            [PW, "serve", "--db", DB, "--port", str(self.port), "--access-log", self.log, *extra],
            stdout=subprocess.DEVNULL, stderr=self.err, env=env)
        SERVERS.append(self)
        deadline = time.time() + 15
        while time.time() < deadline:
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=0.2).close()
                return
            except OSError:
                if self.proc.poll() is not None:
                    break
                time.sleep(0.05)
        raise RuntimeError(f"server did not start: {open(self.err.name).read()}")

    def stop(self, sig=signal.SIGTERM):
        if self.proc.poll() is None:
            self.proc.send_signal(sig)
        try:
            return self.proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            return self.proc.wait()


class Client:
    """One user agent: keeps its session cookie and CSRF token."""

    def __init__(self, srv):
        self.srv = srv
        self.cookie = None
        self.csrf = None

    def request(self, method, path, body=None, headers=None, raw=None):
        h = dict(headers or {})
        if self.cookie:
            h["Cookie"] = f"pw_session={self.cookie}"
        data = raw if raw is not None else (json.dumps(body) if body is not None else None)
        if data is not None:
            h["Content-Type"] = "application/json"
        conn = http.client.HTTPConnection("127.0.0.1", self.srv.port, timeout=30)
        try:
            conn.request(method, path, body=data, headers=h)
            r = conn.getresponse()
            text = r.read().decode("utf-8")
            return r.status, (json.loads(text) if text else None), r
        finally:
            conn.close()

    def write(self, method, path, body=None, csrf="own"):
        h = {}
        if csrf == "own" and self.csrf:
            h["X-CSRF-Token"] = self.csrf
        elif csrf not in ("own", None):
            h["X-CSRF-Token"] = csrf
        return self.request(method, path, body, h)

    def login(self, user, password):
        st, body, r = self.request("POST", "/api/session", {"username": user, "password": password})
        if st == 200:
            m = re.match(r"pw_session=([0-9a-f]+);", r.getheader("Set-Cookie") or "")
            self.cookie = m.group(1) if m else None
            self.csrf = body["csrf"]
        return st, body, r


def wait_log(srv, needle):
    """The access log once it holds needle (the line of a request is
    written after its response went out), or after 5 s."""
    deadline = time.time() + 5
    while True:
        log = open(srv.log).read()
        if needle in log or time.time() > deadline:
            return log
        time.sleep(0.02)


# Words a Chinese message may carry: the names of the API's fields and
# roles, file types, the user names of setup() (the pages name the user)
# and the words of test_review's note (shown as text: "<script>alert").
ALLOWED = {"indicator_id", "target_id", "plan_id", "project_id", "year", "value", "value_hi", "note", "unit", "source",
           "estimated", "percent", "username", "role", "password", "name", "admin", "planner",
           "editor", "viewer", "CSRF", "JSON", "PDF", "PNG", "JPEG", "xlsx", "MB", "true",
           "false", "Word", "Excel", "csv", "json", "planwatch", "user", "add",
           "pl", "adm", "vw", "ed_a", "ed_b", "script", "alert"} | {f"ed{i}" for i in range(8)}


def english(text):
    """The English words of a text users read, leaving out quoted input
    and ALLOWED: what reached them untranslated."""
    t = re.sub(r"“[^”]*”|‘[^’]*’|'[^']*'|\"[^\"]*\"", "", text or "")
    return [w for w in re.findall(r"(?<![0-9A-Za-z])[A-Za-z][A-Za-z0-9_]+", t) if w not in ALLOWED]


def chinese(body):
    """Whether an error body speaks Chinese only: its error and each of
    its errors (the validation messages) Chinese, no English left."""
    if not isinstance(body, dict) or not body.get("error"):
        return False
    msgs = [body["error"]] + [m for m in body.get("errors", []) if isinstance(m, str)]
    return all(re.search(r"[\u4e00-\u9fff]", m) and not english(m) for m in msgs)


def page_text(html):
    """What a reader sees of a page: its text without tags and scripts."""
    import html as h
    t = re.sub(r"<script.*?</script>|<style.*?</style>", "", html, flags=re.S)
    return h.unescape(re.sub(r"<[^>]+>", " ", t))


def setup():
    pw("import", PLAN)
    for unit in ["单位甲", "单位乙"] + [f"单位{i}" for i in range(8)]:
        pw("unit", "add", unit)
    users = [("pl", "planner", None), ("adm", "admin", None), ("ed_a", "editor", "单位甲"),
             ("ed_b", "editor", "单位乙"), ("vw", "viewer", None)]
    users += [(f"ed{i}", "editor", f"单位{i}") for i in range(8)]
    for name, role, unit in users:
        args = ["user", "add", name, "--role", role] + (["--unit", unit] if unit else [])
        pw(*args, stdin=f"secret-{name}\n")


def assign(indicators):
    """Units lead indicators: 单位甲 the first, 单位0..7 the next eight."""
    pw("assign", "--indicator", str(indicators[0]["id"]), "--unit", "单位甲")
    for i in range(8):
        pw("assign", "--indicator", str(indicators[1 + i]["id"]), "--unit", f"单位{i}")


def test_reads(c):
    st, plans, _ = c.request("GET", "/api/plans")
    check("GET /api/plans 200, a list", st == 200 and isinstance(plans, list) and len(plans) == 1, plans)
    p = plans[0]
    check("plan has id, title, region, period", p["id"] == 1 and "十四个五年规划" in p["title"]
          and p["region"] == "湛河区" and p["period"] == {"start": 2021, "end": 2025}, p)
    st, one, _ = c.request("GET", "/api/plans/1")
    check("GET /api/plans/1", st == 200 and one["id"] == 1 and one["counts"]["indicators"] > 0, one)
    st, body, _ = c.request("GET", "/api/plans/99")
    check("unknown plan 404 with a Chinese error", st == 404 and chinese(body), body)
    st, body, _ = c.request("GET", "/api/plans/abc/indicators")
    check("a path id that is not a number 404", st == 404, body)
    st, ev, _ = c.request("GET", "/api/plans/1/indicators")
    inds = ev["indicators"]
    check("GET /api/plans/1/indicators: 21 indicators of 表2 at 2025", st == 200
          and ev["year"] == 2025 and len(inds) == 21, (st, ev.get("year"), len(inds)))
    check("every indicator has id, name, status and targets with kind and status",
          all(isinstance(i["id"], int) and i["name"] and i["status"] and i["targets"]
              and all(t["kind"] and t["status"] for t in i["targets"]) for i in inds))
    check("a change by another process (assign on the command line) is seen at once",
          inds[0]["lead_unit"] == "单位甲" and inds[1]["lead_unit"] == "单位0",
          [i["lead_unit"] for i in inds[:2]])
    cli = json.loads(pw("assess", "--plan", "1", "--year", "2025", "--json"))
    cli_status = {i["id"]: i["status"] for i in cli["indicators"]}
    check("statuses are those of 'assess --db --json'",
          {i["id"]: i["status"] for i in inds} == cli_status)
    st, body, _ = c.request("GET", "/api/plans/1/indicators?year=20x")
    check("bad ?year= 400", st == 400 and chinese(body), body)
    st, body, _ = c.request("GET", "/api/plans/1/indicators?year=1950")
    check("a year with nothing to evaluate: 404 saying so (not 'no such plan')", st == 404
          and chinese(body) and "1950" in body["error"], body)
    st, body, _ = c.request("GET", "/plans/1/reports/1950/annual.html")
    check("a report of such a year: 404 saying so, not a server error", st == 404
          and chinese(body) and "1950" in body["error"], (st, body))
    st, ind, _ = c.request("GET", f"/api/indicators/{inds[0]['id']}")
    check("GET /api/indicators/ID with observations", st == 200 and ind["id"] == inds[0]["id"]
          and ind["observations"] == [], ind)
    st, body, r = c.request("PUT", "/api/plans")
    check("wrong method 405 with Allow", st == 405 and r.getheader("Allow") == "GET", r.getheader("Allow"))
    st, body, _ = c.request("GET", "/nothing")
    check("unknown path 404", st == 404 and chinese(body), body)
    st, body, _ = c.request("GET", "/api/x%0A2026-01-01T00:00:00Z%20forged")
    log = wait_log(c.srv, "forged")
    check("a path cannot forge an access log line", st == 404 and "\n2026-01-01" not in log
          and "forged" in log, log[-300:])
    st, body, _ = c.request("GET", "/api/long-" + "%0A" * 3000)
    log = wait_log(c.srv, "long-\\x0a")
    line = next((l for l in log.splitlines() if "/api/long-" in l), "")
    check("a long path is cut in the log: its line stays under 4 KiB (one write)",
          st == 404 and 0 < len(line.encode()) < 4096 and "\\x0a...\" 404" in line, line[-80:])
    st, body, _ = c.request("GET", "/api/plans", headers={f"X-Pad-{i}": "x" for i in range(70)})
    check("more than 64 request headers 431", st == 431 and chinese(body), (st, body))
    # our own limits sit below libmicrohttpd's 32 KiB, so these answers are ours, in Chinese
    st, body, _ = c.request("GET", "/api/plans", headers={"X-Pad": "x" * (20 << 10)})
    check("request headers over 16 KiB 431, in Chinese", st == 431 and chinese(body), (st, body))
    st, body, _ = c.request("GET", "/api/plans?pad=" + "x" * (12 << 10))
    check("a URL over 8 KiB 414, in Chinese", st == 414 and chinese(body), (st, body))
    st, body, _ = c.request("GET", "/api/plans?pad=" + "x" * (7 << 10),
                            headers={"X-Pad": "x" * (7 << 10)})
    check("a URL and headers under the limits are served", st == 200, st)
    return inds


def test_login(srv):
    c = Client(srv)
    st, body, _ = c.login("pl", "wrong-password")
    check("bad password 401 with a Chinese error", st == 401 and chinese(body), body)
    st, body, _ = c.login("nobody", "secret-pl")
    check("unknown user 401", st == 401, body)
    st, body, _ = c.request("POST", "/api/session", raw="{not json")
    check("sign-in body not JSON 400", st == 400 and chinese(body), body)
    st, body, r = c.login("pl", "secret-pl")
    cookie = r.getheader("Set-Cookie") or ""
    check("sign-in 200 with csrf", st == 200 and re.fullmatch(r"[0-9a-f]{64}", body["csrf"]), body)
    check("cookie HttpOnly, SameSite=Strict, Path=/", all(a in cookie for a in
          ("HttpOnly", "SameSite=Strict", "Path=/")) and c.cookie, cookie)
    db = sqlite3.connect(DB)
    rows = db.execute("SELECT token_hash FROM sessions").fetchall()
    db.close()
    check("the database keeps only the SHA-256 of the session id",
          (hashlib.sha256(c.cookie.encode()).hexdigest(),) in rows
          and not any(c.cookie in h for (h,) in rows))
    st, me, _ = c.request("GET", "/api/session")
    check("GET /api/session names the user", st == 200 and me["user"]["username"] == "pl"
          and me["csrf"] == c.csrf, me)
    return c


def test_write_auth(srv, inds, planner):
    """Every write route, tried by everyone who must be refused."""
    ind_a = inds[0]["id"]  # led by 单位甲
    obs = {"indicator_id": ind_a, "year": 2022, "value": 5.5, "note": "测试"}
    # the planning office's routes: no limits on ind_a (none were set), and
    # the default deadline restated; a planner gets planner_ok, an editor
    # even of the lead unit 403
    limits = {"indicator_id": ind_a}
    deadline = {"plan_id": 1, "year": 2021, "due": "2022-03-31"}
    routes = [("POST", "/api/observations", obs, True), ("DELETE", "/api/session", None, False),
              ("POST", "/api/limits", limits, True, 200), ("POST", "/api/deadlines", deadline, True, 200)]
    ed_b, vw, ed_a = Client(srv), Client(srv), Client(srv)
    ed_b.login("ed_b", "secret-ed_b")
    vw.login("vw", "secret-vw")
    ed_a.login("ed_a", "secret-ed_a")
    for method, path, body, role_checked, *planner_ok in routes:
        name = f"{method} {path}"
        st, b, _ = Client(srv).write(method, path, body)
        check(f"{name} anonymous 401", st == 401 and chinese(b), (st, b))
        st, b, _ = planner.write(method, path, body, csrf=None)
        check(f"{name} without CSRF token 403", st == 403 and chinese(b), (st, b))
        st, b, _ = planner.write(method, path, body, csrf="0" * 64)
        check(f"{name} with a wrong CSRF token 403", st == 403, (st, b))
        st, b, _ = planner.write(method, path, body, csrf=ed_a.csrf)
        check(f"{name} with another session's CSRF token 403", st == 403, (st, b))
        if role_checked:
            st, b, _ = ed_b.write(method, path, body)
            check(f"{name} as an editor of another unit 403", st == 403 and chinese(b), (st, b))
            st, b, _ = vw.write(method, path, body)
            check(f"{name} as a viewer 403", st == 403, (st, b))
        if planner_ok:
            st, b, _ = ed_a.write(method, path, body)
            check(f"{name} as an editor of the lead unit 403", st == 403 and chinese(b), (st, b))
            st, b, _ = planner.write(method, path, body)
            check(f"{name} as a planner {planner_ok[0]}", st == planner_ok[0], (st, b))
    st, _, _ = Client(srv).request("GET", f"/api/indicators/{ind_a}")
    _, ind, _ = Client(srv).request("GET", f"/api/indicators/{ind_a}")
    check("nothing refused was written", ind["observations"] == [], ind["observations"])
    st, b, _ = ed_a.write("POST", "/api/observations", obs)
    check("an editor of the lead unit 201 (submitted)", st == 201 and b["state"] == "submitted", (st, b))
    return ed_a


def test_writes(srv, inds, planner):
    ind = inds[0]  # not one the editors of test_concurrency write: approved values lock them out
    body = {"indicator_id": ind["id"], "year": 2023, "value": 123.5, "note": "规划办录入"}
    st, b, _ = planner.write("POST", "/api/observations", body)
    check("a planner's write 201 (approved)", st == 201 and b["state"] == "approved"
          and b["value"] == 123.5, (st, b))
    _, ev, _ = Client(srv).request("GET", "/api/plans/1/indicators")
    got = next(i for i in ev["indicators"] if i["id"] == ind["id"])
    check("visible in the next read of /api/plans/1/indicators",
          got["latest"] == {"year": 2023, "value": 123.5, "estimated": False}
          and got["status"] != "no_data", got)
    bad = [({"indicator_id": ind["id"], "year": 2023, "value": "abc"}, 422, "value not a number"),
           ({"indicator_id": ind["id"], "year": 1990, "value": 1}, 422, "year outside the plan"),
           ({"indicator_id": ind["id"], "year": 2023, "value": 1, "unit": "公顷"}, 422, "wrong unit"),
           ({"year": 2023, "value": 1}, 400, "no indicator_id"),
           ({"indicator_id": ind["id"], "year": 2023}, 400, "no value"),
           ({"indicator_id": ind["id"], "year": [2023], "value": 1}, 400, "year not a number"),
           ({"indicator_id": ind["id"], "year": 2023, "value": 1, "note": 5}, 400, "note not text"),
           ({"indicator_id": 999999, "year": 2023, "value": 1}, 404, "unknown indicator")]
    for req, want, what in bad:
        st, b, _ = planner.write("POST", "/api/observations", req)
        check(f"invalid observation ({what}) {want} with a Chinese message",
              st == want and chinese(b), (st, b))
    st, b, _ = planner.request("POST", "/api/observations", headers={"X-CSRF-Token": planner.csrf},
                               raw="[1, 2")
    check("a body that is not JSON 400", st == 400 and chinese(b), (st, b))
    # the server answers from the headers, before the body: read that
    # answer without sending the 2 MiB
    with socket.create_connection(("127.0.0.1", srv.port), timeout=10) as sock:
        sock.sendall(("POST /api/observations HTTP/1.1\r\nHost: x\r\n"
                      f"Cookie: pw_session={planner.cookie}\r\nX-CSRF-Token: {planner.csrf}\r\n"
                      f"Content-Type: application/json\r\nContent-Length: {2 << 20}\r\n\r\n").encode())
        resp = http.client.HTTPResponse(sock)
        resp.begin()
        b = json.loads(resp.read().decode())
    check("a body over 1 MiB 413", resp.status == 413 and chinese(b), (resp.status, b))


def test_office(srv, inds):
    """Limits and deadlines the planning office sets (schema step 11)."""
    planner = Client(srv)
    planner.login("pl", "secret-pl")
    ind = inds[14]["id"]  # 人均预期寿命 (岁): no other test writes it
    st, b, _ = planner.write("POST", "/api/limits", {"indicator_id": ind, "min": 60, "max": 100,
                                                     "note": "按统计口径"})
    check("limits set 200", st == 200 and b["min"] == 60 and b["max"] == 100, (st, b))
    _, one, _ = Client(srv).request("GET", f"/api/indicators/{ind}")
    check("the indicator shows its limits", one["limits"] and one["limits"]["min"] == 60
          and one["limits"]["max"] == 100 and one["limits"]["text"] == "60–100 岁", one.get("limits"))
    st, b, _ = planner.write("POST", "/api/observations", {"indicator_id": ind, "year": 2022, "value": 120})
    msg = (b or {}).get("errors", [""])[0]
    check("a value above the maximum 422, Chinese, naming the limits", st == 422 and chinese(b)
          and "60–100 岁" in msg and "按统计口径" in msg, (st, b))
    st, b, _ = planner.write("POST", "/api/observations", {"indicator_id": ind, "year": 2022, "value": 59.9})
    check("a value below the minimum 422", st == 422 and chinese(b), (st, b))
    _, one, _ = Client(srv).request("GET", f"/api/indicators/{ind}")
    check("nothing refused written", one["observations"] == [], one["observations"])
    st, b, _ = planner.write("POST", "/api/observations", {"indicator_id": ind, "year": 2022, "value": 79.5})
    check("a value inside 201", st == 201, (st, b))
    for body, want, what in [({"indicator_id": ind, "min": "x"}, 422, "min not a number"),
                             ({"indicator_id": ind, "min": 5, "max": 1}, 422, "min above max"),
                             ({"indicator_id": 999999, "max": 1}, 404, "unknown indicator"),
                             ({"min": 1}, 400, "no indicator_id"),
                             ({"plan_id": 1, "year": 2022, "due": "2023-02-30"}, 422, "not a date"),
                             ({"plan_id": 1, "year": 2022, "due": "2023-01-01", "unit": "无此单位"},
                              422, "unknown unit"),
                             ({"plan_id": 99, "year": 2022, "due": "2023-01-01"}, 404, "unknown plan"),
                             ({"plan_id": 1, "year": "x"}, 422, "year not a year")]:
        path = "/api/limits" if "plan_id" not in body else "/api/deadlines"
        st, b, _ = planner.write("POST", path, body)
        check(f"{path}: {what} {want}, Chinese", st == want and chinese(b), (st, b))
    r, html = get_raw(srv, "/admin", {"Cookie": f"pw_session={planner.cookie}"})
    form = re.search(r'<form[^>]*id="limits-form".*?</form>', html.decode(), re.S)
    check("the /admin limits form takes an indicator or a prose target",
          r.status == 200 and form and 'name="indicator_id"' in form.group(0)
          and 'name="target_id"' in form.group(0), r.status)
    db = sqlite3.connect(DB)
    tgt = db.execute("SELECT min(id) FROM targets WHERE indicator_id IS NULL").fetchone()[0]
    db.close()
    st, b, _ = planner.write("POST", "/api/limits", {"target_id": tgt, "min": 0})
    check("limits on a prose target 200", st == 200 and b["entity"] == "target" and b["id"] == tgt
          and b["min"] == 0 and b["max"] is None, (st, b))
    db = sqlite3.connect(DB)
    n = db.execute("SELECT count(*) FROM audit_log WHERE action = 'limits.set' AND actor = 'pl'").fetchone()[0]
    db.close()
    check("limits audited", n == 3, n)

    # deadlines: 2021 far ahead for everyone, 单位甲's passed; 2022 set; 2023 default
    for body in [{"plan_id": 1, "year": 2021, "due": "2099-12-31"},
                 {"plan_id": 1, "year": 2021, "due": "2022-01-10", "unit": "单位甲", "note": "提前"},
                 {"plan_id": 1, "year": 2022, "due": "2023-01-15"}]:
        st, b, _ = planner.write("POST", "/api/deadlines", body)
        check(f"deadline {body['year']} {body.get('unit', '')} set 200", st == 200 and b["set"]
              and b["due"] == body["due"], (st, b))
    conn = http.client.HTTPConnection("127.0.0.1", srv.port, timeout=60)
    conn.request("GET", "/plans/1/reporting")
    text = page_text(conn.getresponse().read().decode())
    check("the reporting page states the deadlines, set and default",
          "2021年数据：2099-12-31前报送（规划部门设定）" in text
          and "2022年数据：2023-01-15前报送（规划部门设定）" in text
          and "2023年数据：2024-03-31前报送（默认：次年3月31日）" in text, text[:600])
    conn.request("GET", "/data/plans/1/reporting.json")
    rows = json.loads(conn.getresponse().read().decode())["rows"]
    conn.close()
    r21 = [x for x in rows if x["year"] == 2021]
    a21 = [x for x in r21 if x["lead_unit"] == "单位甲"]
    o21 = [x for x in r21 if x["lead_unit"] != "单位甲"]
    check("open data: 2021 due 2099-12-31, not late, but for 单位甲 (2022-01-10)",
          a21 and o21 and all(x["deadline"] == "2099-12-31" and not x["late"] and x["state"] != "逾期未报"
                              for x in o21 if x["state"] in ("未到期", "逾期未报"))
          and all(x["deadline"] == "2022-01-10" for x in a21)
          and any(x["late"] and x["state"] == "逾期未报" for x in a21), (a21, o21[:2]))
    r22 = [x for x in rows if x["year"] == 2022]
    check("open data: 2022 due 2023-01-15, late from it",
          r22 and all(x["deadline"] == "2023-01-15" for x in r22)
          and any(x["late"] for x in r22), r22[:2])
    check("open data: 2023 by the default rule",
          all(x["deadline"] == "2024-03-31" for x in rows if x["year"] == 2023), [x for x in rows if x["year"] == 2023][:1])
    ed = Client(srv)
    ed.login("ed_a", "secret-ed_a")
    conn = http.client.HTTPConnection("127.0.0.1", srv.port, timeout=60)
    conn.request("GET", "/me", headers={"Cookie": f"pw_session={ed.cookie}"})
    me = page_text(conn.getresponse().read().decode())
    conn.close()
    st, due, _ = ed.request("GET", "/api/due")
    d0 = next((i for i in due if i["id"] == inds[0]["id"]), {}) if st == 200 else {}
    check("GET /api/due: the unit's deadlines by year", d0.get("deadlines", {}).get("2021") == "2022-01-10"
          and d0["deadlines"].get("2022") == "2023-01-15" and d0["deadlines"].get("2023") == "2024-03-31",
          d0.get("deadlines"))
    check("the editor's due list shows its unit's deadline", re.search(r"2021\s+2022-01-10", me)
          and re.search(r"2022\s+2023-01-15", me) and re.search(r"2023\s+2024-03-31", me), me[:800])


def head_of(c, ind_id, year):
    _, ind, _ = c.request("GET", f"/api/indicators/{ind_id}")
    return next((o for o in ind["observations"] if o["year"] == year and o["current"]), None)


def test_review(srv, inds, planner, ed_a):
    """The review queue, approve and return, the lock, the audit trail."""
    ind_a = inds[0]["id"]
    st, q, _ = planner.request("GET", "/api/review")
    mine = [o for o in q or [] if o["indicator_id"] == ind_a and o["year"] == 2022]
    check("GET /api/review lists the editor's submitted value", st == 200 and len(mine) == 1
          and mine[0]["state"] == "submitted" and mine[0]["lead_unit"] == "单位甲", (st, q))
    obs_id = mine[0]["id"] if mine else 0
    vw, ed_b = Client(srv), Client(srv)
    vw.login("vw", "secret-vw")
    ed_b.login("ed_b", "secret-ed_b")
    for action, body in (("approve", None), ("return", {"comment": "请核实"})):
        path = f"/api/observations/{obs_id}/{action}"
        st, b, _ = Client(srv).write("POST", path, body)
        check(f"{action} anonymous 401", st == 401, (st, b))
        st, b, _ = planner.write("POST", path, body, csrf=None)
        check(f"{action} without CSRF token 403", st == 403, (st, b))
        for who, c in (("an editor", ed_a), ("a viewer", vw)):
            st, b, _ = c.write("POST", path, body)
            check(f"{action} as {who} 403", st == 403 and chinese(b), (st, b))
    st, one, _ = planner.request("GET", "/api/review?limit=1&offset=0")
    st2, none, _ = planner.request("GET", "/api/review?offset=1000")
    check("GET /api/review pages: ?limit=1 one row, past the end none", st == st2 == 200
          and len(one) == 1 and none == [], (st, one, st2, none))
    conn = http.client.HTTPConnection("127.0.0.1", srv.port, timeout=30)
    conn.request("GET", "/review?page=1", headers={"Cookie": f"pw_session={planner.cookie}"})
    html = conn.getresponse().read().decode()
    conn.close()
    check("the review page says how many and which page", re.search(r"共 \d+ 条，第 1 页，共 1 页", html)
          is not None and f'data-obs="{obs_id}"' in html, html[-1500:])
    st, b, _ = planner.write("POST", f"/api/observations/{obs_id}/return", {})
    check("return without a comment 400", st == 400 and chinese(b), (st, b))
    st, b, _ = planner.write("POST", f"/api/observations/{obs_id}/return", {"comment": "请核实来源"})
    check("return with a comment 200", st == 200 and b["state"] == "returned", (st, b))
    st, q, _ = ed_a.request("GET", "/api/review")
    ret = [o for o in q or [] if o["indicator_id"] == ind_a and o["year"] == 2022]
    check("the editor sees the comment", st == 200 and ret and ret[0]["state"] == "returned"
          and ret[0]["review_note"] == "请核实来源", (st, q))
    st, q, _ = ed_b.request("GET", "/api/review")
    check("an editor of another unit does not see it", st == 200
          and not [o for o in q if o["indicator_id"] == ind_a], q)
    note = "复核后<script>alert(1)</script>"
    st, b, _ = ed_a.write("POST", "/api/observations",
                          {"indicator_id": ind_a, "year": 2022, "value": 5.6, "note": note})
    check("the editor corrects and submits again 201", st == 201 and b["state"] == "submitted", (st, b))
    head = head_of(planner, ind_a, 2022)
    st, b, _ = planner.write("POST", f"/api/observations/{head['id']}/approve")
    check("approve 200", st == 200 and b["state"] == "approved", (st, b))
    st, b, _ = planner.write("POST", f"/api/observations/{head['id']}/approve")
    check("approving a value no longer awaiting review 404 or 409", st in (404, 409), (st, b))
    st, b, _ = ed_a.write("POST", "/api/observations",
                          {"indicator_id": ind_a, "year": 2022, "value": 9.9})
    check("an approved value is locked for the editor (409)", st == 409 and chinese(b), (st, b))
    check("still the approved value", head_of(planner, ind_a, 2022)["value"] == 5.6)
    st, rows, _ = vw.request("GET", f"/api/audit?indicator={ind_a}")
    actions = [r[2] for r in rows or []]
    check("GET /api/audit as a viewer: record, return, approve with actors", st == 200
          and "observation.approve" in actions and "observation.return" in actions
          and any(r[1] == "pl" and r[2] == "observation.approve" and r[4] == 5.6 for r in rows),
          (st, rows[:4] if rows else rows))
    from urllib.parse import quote
    st, rows_a, _ = vw.request("GET", "/api/audit?unit=" + quote("单位甲"))
    st2, rows_b, _ = vw.request("GET", "/api/audit?unit=" + quote("单位乙"))
    check("GET /api/audit per unit: the unit's values only", st == st2 == 200
          and rows_a and all(r[8] == ind_a for r in rows_a) and rows_b == [], (rows_a[:2], rows_b))
    st, b, _ = ed_a.request("GET", "/api/audit")
    check("GET /api/audit as an editor 403", st == 403, (st, b))
    st, due, _ = ed_a.request("GET", "/api/due")
    check("GET /api/due lists the unit's indicator", st == 200 and [d["id"] for d in due] == [ind_a], due)
    # the public page shows the value, the note as text
    conn = http.client.HTTPConnection("127.0.0.1", srv.port, timeout=30)
    conn.request("GET", f"/indicators/{ind_a}")
    r = conn.getresponse()
    html = r.read().decode()
    conn.close()
    check("the public indicator page: HTML with a CSP and no inline script",
          r.status == 200 and r.getheader("Content-Type", "").startswith("text/html")
          and "default-src 'self'" in (r.getheader("Content-Security-Policy") or "")
          and not re.search(r"<script(?![^>]*\bsrc=)", html) and " style=" not in html, r.status)
    check("the approved value is on the page, the note escaped",
          "5.6" in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
          and "<script>alert" not in html, html[-3000:])


def test_progress(srv, planner, ed_a):
    """专栏 project progress: per-unit authorisation, field errors, review."""
    pw("assign", "--project", "1", "--unit", "单位甲")
    vw, ed_b = Client(srv), Client(srv)
    vw.login("vw", "secret-vw")
    ed_b.login("ed_b", "secret-ed_b")
    body = {"project_id": 1, "year": 2023, "status": "in_progress", "percent": 60, "note": "主体完工"}
    st, b, _ = Client(srv).write("POST", "/api/progress", body)
    check("POST /api/progress anonymous 401", st == 401, (st, b))
    st, b, _ = ed_a.write("POST", "/api/progress", body, csrf=None)
    check("POST /api/progress without CSRF token 403", st == 403, (st, b))
    for who, c in (("an editor of another unit", ed_b), ("a viewer", vw)):
        st, b, _ = c.write("POST", "/api/progress", body)
        check(f"POST /api/progress as {who} 403", st == 403 and chinese(b), (st, b))
    for field, bad in (("percent", {"percent": 150}), ("status", {"status": "done"}),
                       ("year", {"year": 1800})):
        st, b, _ = ed_a.write("POST", "/api/progress", {**body, **bad})
        check(f"progress with a bad {field}: 422 naming the field", st == 422
              and b.get("field") == field and chinese(b), (st, b))
    st, b, _ = ed_a.write("POST", "/api/progress", body)
    check("the lead unit's editor reports progress 201 (submitted)", st == 201
          and b["state"] == "submitted", (st, b))
    pid = b.get("id") if isinstance(b, dict) else None
    st, q, _ = planner.request("GET", "/api/progress/review")
    check("GET /api/progress/review lists it", st == 200 and [r["id"] for r in q] == [pid], q)
    st, b, _ = ed_a.write("POST", f"/api/progress/{pid}/approve")
    check("an editor cannot approve 403", st == 403, (st, b))
    st, b, _ = planner.write("POST", f"/api/progress/{pid}/approve")
    check("a planner approves 200", st == 200 and b["state"] == "approved", (st, b))
    conn = http.client.HTTPConnection("127.0.0.1", srv.port, timeout=30)
    conn.request("GET", "/plans/1/projects")
    html = conn.getresponse().read().decode()
    conn.close()
    check("the projects page shows the approved progress",
          re.search(r"金融服务</td><td>单位甲</td><td>推进中</td><td[^>]*><progress max=\"100\" value=\"60\">",
                    html) is not None, html[:200])


def test_admin(srv, inds):
    """Accounts and units (admin), assignments (planner, admin); after
    test_user_cli, which counts the users."""
    adm, ed_b, planner = Client(srv), Client(srv), Client(srv)
    planner.login("pl", "secret-pl")
    adm.login("adm", "new-secret-adm")  # test_user_cli changed it
    ed_b.login("ed0", "secret-ed0")  # ed_b is disabled by then
    st, users, _ = adm.request("GET", "/api/users")
    check("GET /api/users as admin", st == 200 and {"pl", "ed_a"} <= {u["username"] for u in users}
          and all("hash" not in u for u in users), (st, users))
    st, b, _ = planner.request("GET", "/api/users")
    check("GET /api/users as a planner 403", st == 403, (st, b))
    new = {"username": "新填报员", "role": "editor", "unit": "单位甲", "password": "secret-new-1"}
    st, b, _ = planner.write("POST", "/api/users", new)
    check("POST /api/users as a planner 403", st == 403, (st, b))
    st, b, _ = adm.write("POST", "/api/users", new, csrf=None)
    check("POST /api/users without CSRF token 403", st == 403, (st, b))
    for what, bad, want in (("a short password", {"password": "short"}, 422),
                            ("an editor without unit", {"unit": None}, 422),
                            ("an unknown unit", {"unit": "没有的单位"}, 422),
                            ("an unknown role", {"role": "root"}, 400)):
        st, b, _ = adm.write("POST", "/api/users", {**new, **bad})
        check(f"POST /api/users with {what} {want}", st == want and chinese(b), (st, b))
    st, b, _ = adm.write("POST", "/api/users", new)
    check("POST /api/users 201", st == 201 and b["unit"] == "单位甲", (st, b))
    st, b, _ = adm.write("POST", "/api/users", new)
    check("the same name again 409", st == 409 and chinese(b), (st, b))
    c = Client(srv)
    st, b, _ = c.login("新填报员", "secret-new-1")
    check("the new user signs in", st == 200 and b["user"]["unit"] == "单位甲", (st, b))
    st, b, _ = adm.write("POST", "/api/users/disable", {"username": "新填报员"})
    check("POST /api/users/disable 200", st == 200, (st, b))
    st, b, _ = c.request("GET", "/api/session")
    check("a disabled user's session ends", st == 401, (st, b))
    st, b, _ = Client(srv).login("新填报员", "secret-new-1")
    check("a disabled user cannot sign in", st == 401, (st, b))
    st, b, _ = adm.write("POST", "/api/units", {"name": "单位丙"})
    st2, b2, _ = adm.write("POST", "/api/units", {"name": "单位丙"})
    check("POST /api/units 201, again 409", st == 201 and st2 == 409, (st, b, st2, b2))
    ind = inds[13]["id"]
    st, b, _ = ed_b.write("POST", "/api/assignments", {"indicator_id": ind, "unit": "单位0"})
    check("POST /api/assignments as an editor 403", st == 403, (st, b))
    st, b, _ = planner.write("POST", "/api/assignments", {"indicator_id": ind, "unit": "单位0"})
    check("POST /api/assignments as a planner 200", st == 200 and b["changed"] is True, (st, b))
    st, due, _ = ed_b.request("GET", "/api/due")
    check("the unit now owes the indicator's figures", st == 200 and ind in [d["id"] for d in due], due)
    st, b, _ = ed_b.write("POST", "/api/observations", {"indicator_id": ind, "year": 2022, "value": 1})
    check("and its editor may enter them", st in (201, 422) and st != 403, (st, b))
    ext = next(i for i in inds if any(t["kind"] == "external" for t in i["targets"]))
    plain = next(i for i in inds if all(t["kind"] != "external" for t in i["targets"]))
    body = {"indicator_id": ext["id"], "kind": "level", "cmp": "ge", "value": 12.5, "year": 2025,
            "source": "市政府文件"}
    st, b, _ = ed_b.write("POST", "/api/external-targets", body)
    check("POST /api/external-targets as an editor 403", st == 403, (st, b))
    st, b, _ = planner.write("POST", "/api/external-targets", {**body, "indicator_id": plain["id"]})
    check("an external target for an indicator without one 422", st == 422 and chinese(b), (st, b))
    st, b, _ = planner.write("POST", "/api/external-targets", body)
    check("POST /api/external-targets as a planner 200", st == 200, (st, b))
    _, ev, _ = Client(srv).request("GET", "/api/plans/1/indicators")
    got = next(i for i in ev["indicators"] if i["id"] == ext["id"])
    check("the evaluation can judge it now (not assessable before, without a target)",
          ext["status"] == "not_assessable" and got["status"] != "not_assessable", (ext, got))


def test_documents(srv, inds, ed_a):
    """Supporting documents: type from the bytes, per unit, served safely."""
    ind = inds[0]["id"]
    ed_b, vw = Client(srv), Client(srv)
    ed_b.login("ed_b", "secret-ed_b")
    vw.login("vw", "secret-vw")
    pdf = b"%PDF-1.4 supporting document for 2022"
    path = f"/api/indicators/{ind}/documents?year=2022"

    def up(c, body, p=path, name="%E5%BF%AB%E6%8A%A5%3Cb%3E.pdf"):
        h = {"X-Filename": name}
        if c.csrf:
            h["X-CSRF-Token"] = c.csrf
        return c.request("POST", p, headers=h, raw=body)
    st, b, _ = up(Client(srv), pdf)
    check("upload anonymous 401", st == 401, (st, b))
    st, b, _ = up(ed_b, pdf)
    check("upload by an editor of another unit 403", st == 403 and chinese(b), (st, b))
    for what, body in (("HTML", b"<html><script>alert(1)</script>"), ("an executable", b"MZ\x90\x00"),
                       ("a zip that is no workbook", b"PK\x03\x04rest")):
        st, b, _ = up(ed_a, body)
        check(f"upload of {what} 415", st == 415 and chinese(b), (st, b))
    st, b, _ = up(ed_a, pdf, p=f"/api/indicators/{ind}/documents")
    check("upload without ?year= 400", st == 400, (st, b))
    st, b, _ = up(ed_a, pdf)
    check("a PDF 201, typed from its bytes", st == 201 and b["type"] == "application/pdf"
          and b["name"] == "快报<b>.pdf" and b["file"] == b["sha256"] + ".pdf", (st, b))
    f = b.get("file", "x") if isinstance(b, dict) else "x"
    on_disk = os.path.join(DB + ".files", f)
    check("stored under its hash, readable by the owner only", os.path.exists(on_disk)
          and (os.stat(on_disk).st_mode & 0o077) == 0 and open(on_disk, "rb").read() == pdf)
    st, lst, _ = vw.request("GET", f"/api/indicators/{ind}/documents")
    check("GET .../documents as a viewer lists it with who", st == 200 and len(lst) == 1
          and lst[0]["by"] == "ed_a" and lst[0]["year"] == 2022, (st, lst))
    st, b, _ = Client(srv).request("GET", f"/documents/{ind}/{f}")
    check("a document anonymous 401", st == 401, (st, b))
    conn = http.client.HTTPConnection("127.0.0.1", srv.port, timeout=30)
    conn.request("GET", f"/documents/{ind}/{f}", headers={"Cookie": f"pw_session={vw.cookie}"})
    r = conn.getresponse()
    data = r.read()
    conn.close()
    check("a document: its fixed type, as an attachment, nosniff, sandboxed",
          r.status == 200 and data == pdf and r.getheader("Content-Type") == "application/pdf"
          and r.getheader("Content-Disposition", "").startswith("attachment")
          and r.getheader("X-Content-Type-Options") == "nosniff"
          and "sandbox" in (r.getheader("Content-Security-Policy") or ""), r.getheaders())
    for p in (f"/documents/{ind}/{'0' * 64}.pdf", f"/documents/{inds[1]['id']}/{f}",
              f"/documents/{ind}/..%2Fx.db"):
        st, b, _ = vw.request("GET", p)
        check(f"GET {p[:40]}… 404", st == 404, (st, b))
    conn = http.client.HTTPConnection("127.0.0.1", srv.port, timeout=30)
    conn.request("GET", "/me", headers={"Cookie": f"pw_session={ed_a.cookie}"})
    html = conn.getresponse().read().decode()
    conn.close()
    check("the editor's page links the document, its name escaped",
          f'href="/documents/{ind}/{f}"' in html and "快报&lt;b&gt;.pdf" in html, html[-2000:])


def test_pages(srv):
    """Every public page and open data file answers; CSV has a BOM."""
    conn = http.client.HTTPConnection("127.0.0.1", srv.port, timeout=60)
    for path in ["/", "/plans/1", "/plans/1/indicators?status=no_data&sort=name",
                 "/plans/1/targets", "/plans/1/projects", "/plans/1/previous",
                 "/plans/1/reporting", "/plans/1/downloads", "/login"]:
        conn.request("GET", path)
        r = conn.getresponse()
        body = r.read().decode()
        check(f"GET {path} 200 HTML", r.status == 200 and body.startswith("<!DOCTYPE html>")
              and 'lang="zh-CN"' in body, r.status)
    for path, want in [("/plans/999", 404), ("/static/../web.h", 404), ("/static/nope.js", 404),
                       ("/data/plans/1/nope.csv", 404), ("/plans/1/reports/2023/annual.exe", 404)]:
        conn.request("GET", path)
        r = conn.getresponse()
        r.read()
        check(f"GET {path} {want}", r.status == want, r.status)
    conn.request("GET", "/data/plans/1/indicators.csv")
    r = conn.getresponse()
    data = r.read()
    check("open data CSV with BOM, as an attachment", r.status == 200 and data.startswith(b"\xef\xbb\xbf")
          and "attachment" in (r.getheader("Content-Disposition") or "")
          and "指标" in data.decode("utf-8-sig").splitlines()[0], data[:80])
    conn.request("GET", "/data/plans/1/indicators.json")
    r = conn.getresponse()
    doc = json.loads(r.read().decode())
    check("open data JSON: columns and rows", doc["columns"][0]["key"] == "id" and len(doc["rows"]) > 10)
    conn.request("GET", "/data/plans/1/reporting.json")
    r = conn.getresponse()
    doc = json.loads(r.read().decode())
    late = [x for x in doc["rows"] if x["state"] == "逾期未报"]
    check("open data: reporting status, late years marked", r.status == 200 and late
          and all(x["late"] for x in late) and all(x["deadline"].endswith("-03-31") for x in doc["rows"])
          and any(x["state"] == "已审核" for x in doc["rows"]), doc["rows"][:3])
    conn.request("GET", "/plans/1/reports/2023/annual.docx")
    r = conn.getresponse()
    data = r.read()
    check("a report to download (docx)", r.status == 200 and data[:2] == b"PK", (r.status, data[:40]))
    conn.close()


def test_page_language(srv):
    """No English reason or label reaches a page: the error pages, and
    the signed-in pages (users, roles, the audit trail's actions) once
    every kind of write has been made."""
    adm, ed = Client(srv), Client(srv)
    adm.login("adm", "new-secret-adm")
    ed.login("ed0", "secret-ed0")
    pages = [(None, "/plans/999", 404), (None, "/", 200), (ed, "/audit", 403), (ed, "/me", 200),
             (adm, "/me", 200), (adm, "/review", 200), (adm, "/audit", 200), (adm, "/admin", 200)]
    for c, path, want in pages:
        h = {"Cookie": f"pw_session={c.cookie}"} if c else {}
        conn = http.client.HTTPConnection("127.0.0.1", srv.port, timeout=30)
        conn.request("GET", path, headers=h)
        r = conn.getresponse()
        words = english(page_text(r.read().decode()))
        conn.close()
        who = "anonymous" if not c else "as an editor" if c is ed else "as an admin"
        check(f"GET {path} {who} {want}: no English on the page", r.status == want and not words,
              (r.status, sorted(set(words))[:20]))


def get_raw(srv, path, headers=None):
    """One GET: the response (read) and its body's bytes as sent."""
    conn = http.client.HTTPConnection("127.0.0.1", srv.port, timeout=60)
    try:
        conn.request("GET", path, headers=headers or {})
        r = conn.getresponse()
        return r, r.read()
    finally:
        conn.close()


def test_encoding(srv, planner, inds):
    """gzip for text when asked, Vary, ETags per representation, 304s,
    the ECharts bundle compressed once, ETags that follow the data."""
    import gzip
    bodies = [("/plans/1", "HTML"), ("/api/plans/1/indicators", "JSON"),
              ("/data/plans/1/indicators.csv", "CSV"), ("/static/site.js", "JS"),
              ("/static/site.css", "CSS"), ("/static/echarts.min.js", "the ECharts bundle")]
    for path, what in bodies:
        pr, plain = get_raw(srv, path)
        if path.endswith("echarts.min.js") and pr.status == 404:
            check(f"{what}: # skip, not installed (npm ci in web/)", True)
            continue
        zr, z = get_raw(srv, path, {"Accept-Encoding": "gzip, deflate, br"})
        check(f"{what} ({path}): gzip for a client that takes it, the same bytes, smaller",
              pr.status == zr.status == 200 and zr.getheader("Content-Encoding") == "gzip"
              and gzip.decompress(z) == plain and len(z) < len(plain) / 2,
              (pr.status, zr.status, zr.getheader("Content-Encoding"), len(z), len(plain)))
        check(f"{what}: as it is without Accept-Encoding; Vary: Accept-Encoding on both",
              pr.getheader("Content-Encoding") is None
              and pr.getheader("Vary") == zr.getheader("Vary") == "Accept-Encoding",
              (pr.getheader("Content-Encoding"), pr.getheader("Vary"), zr.getheader("Vary")))
        tag, ztag = pr.getheader("ETag"), zr.getheader("ETag")
        check(f"{what}: an ETag for each representation", tag and ztag and tag != ztag
              and re.fullmatch(r'"[0-9a-f]{32}"', tag) and ztag == tag[:-1] + '-gz"', (tag, ztag))
        for sent, enc in ((tag, {}), (ztag, {"Accept-Encoding": "gzip"}), ("W/" + tag, {})):
            r, b = get_raw(srv, path, {"If-None-Match": sent, **enc})
            check(f"{what}: If-None-Match {sent[:12]}… 304, no body, the ETag again",
                  r.status == 304 and b == b"" and r.getheader("ETag") in (tag, ztag)
                  and r.getheader("Vary") == "Accept-Encoding", (r.status, len(b), r.getheader("ETag")))
        if path.startswith("/static/"):
            z2 = get_raw(srv, path, {"Accept-Encoding": "gzip"})[1]
            check(f"{what}: the same compressed bytes every time (made once, at start)", z2 == z)
    r, b = get_raw(srv, "/plans/1", {"Accept-Encoding": "gzip;q=0, identity"})
    check("Accept-Encoding gzip;q=0: not compressed", r.getheader("Content-Encoding") is None
          and b.startswith(b"<!DOCTYPE"), r.getheader("Content-Encoding"))
    r, b = get_raw(srv, "/plans/999", {"Accept-Encoding": "gzip"})
    check("an error page has no ETag and is not kept (no-store)", r.status == 404
          and r.getheader("ETag") is None and r.getheader("Cache-Control") == "no-store", r.getheaders())
    r, _ = get_raw(srv, "/plans/1", {"Cookie": f"pw_session={planner.cookie}"})
    check("a signed-in user's page: no ETag, no-store", r.status == 200
          and r.getheader("ETag") is None and r.getheader("Cache-Control") == "no-store", r.getheaders())
    path = "/api/plans/1/indicators"
    old = get_raw(srv, path)[0].getheader("ETag")
    st, b, _ = planner.write("POST", "/api/observations",
                             {"indicator_id": inds[15]["id"], "year": 2021, "value": 7.25})
    r, body = get_raw(srv, path, {"If-None-Match": old})
    check("after a write the old ETag no longer matches: 200 with the new data and a new ETag",
          st == 201 and r.status == 200 and r.getheader("ETag") != old
          and any(i["id"] == inds[15]["id"] and i["latest"] and i["latest"]["value"] == 7.25
                  for i in json.loads(body)["indicators"]), (st, r.status))


def test_logout(srv, planner):
    st, b, r = planner.write("DELETE", "/api/session")
    check("DELETE /api/session 204 and clears the cookie", st == 204
          and "Max-Age=0" in (r.getheader("Set-Cookie") or ""), (st, b))
    st, b, _ = planner.request("GET", "/api/session")
    check("the old cookie no longer signs in", st == 401, (st, b))


def run_pw(*args, stdin=""):
    return subprocess.run([PW, *args, "--db", DB], input=stdin, capture_output=True, text=True)


def test_user_cli(srv):
    """planwatch user: refusals and their exit codes, passwd and disable."""
    cases = [(("user", "add", "x1", "--role", "viewer"), "short\n", 3, "a password under 8 bytes"),
             (("user", "add", "x2", "--role", "viewer"), "", 3, "no password"),
             (("user", "add", "x3", "--role", "editor"), "secret-x3\n", 2, "an editor without unit"),
             (("user", "add", "x4", "--role", "root"), "secret-x4\n", 2, "an unknown role"),
             (("user", "add", "x5", "--role", "editor", "--unit", "无此单位"), "secret-x5\n", 5,
              "an unknown unit"),
             (("user", "add", "pl", "--role", "viewer"), "secret-pl2\n", 1, "an existing name"),
             (("user", "passwd", "nobody"), "secret-nobody\n", 5, "passwd of an unknown user"),
             (("user", "disable", "nobody"), "", 5, "disable of an unknown user")]
    for args, stdin, want, what in cases:
        r = run_pw(*args, stdin=stdin)
        check(f"user: {what} refused (exit {want})", r.returncode == want and "error" in r.stderr,
              (r.returncode, r.stderr))
    users = json.loads(run_pw("user", "list", "--json").stdout)
    check("user list --json: every user, no hash", len(users) == 13
          and {"username", "role", "unit", "disabled"} <= set(users[0])
          and "argon2" not in json.dumps(users), users[:2])
    c = Client(srv)
    c.login("adm", "secret-adm")
    r = run_pw("user", "passwd", "adm", stdin="new-secret-adm\n")
    st_old_session = c.request("GET", "/api/session")[0]
    st_old = Client(srv).login("adm", "secret-adm")[0]
    st_new = Client(srv).login("adm", "new-secret-adm")[0]
    check("user passwd: the old password and its sessions no longer work, the new one does",
          r.returncode == 0 and st_old_session == 401 and st_old == 401 and st_new == 200,
          (r.returncode, st_old_session, st_old, st_new))
    r = run_pw("user", "disable", "ed_b")
    st = Client(srv).login("ed_b", "secret-ed_b")[0]
    check("user disable: the user can no longer sign in", r.returncode == 0 and st == 401, st)


def test_concurrency(srv, inds):
    """8 editors writing and 4 readers at once: no lost write, no 5xx."""
    editors = []
    for i in range(8):
        c = Client(srv)
        c.login(f"ed{i}", f"secret-ed{i}")
        editors.append(c)
    statuses, lock, stop = [], threading.Lock(), threading.Event()

    def write(i):
        for year in range(2021, 2026):
            for k in range(3):  # three corrections of each year
                st, b, _ = editors[i].write("POST", "/api/observations", {
                    "indicator_id": inds[1 + i]["id"], "year": year, "value": year * 10 + k + i / 10})
                with lock:
                    statuses.append(st)

    def read():
        c = Client(srv)
        while not stop.is_set():
            st, _, _ = c.request("GET", "/api/plans/1/indicators")
            with lock:
                statuses.append(st)

    readers = [threading.Thread(target=read) for _ in range(4)]
    writers = [threading.Thread(target=write, args=(i,)) for i in range(8)]
    for t in readers + writers:
        t.start()
    for t in writers:
        t.join()
    stop.set()
    for t in readers:
        t.join()
    writes = [s for s in statuses if s == 201]
    check("8 editors x 15 writes all 201", len(writes) == 120, sorted(set(statuses)))
    check("no 5xx while writing and reading", all(s < 500 for s in statuses), sorted(set(statuses)))
    lost = []
    for i in range(8):
        _, ind, _ = Client(srv).request("GET", f"/api/indicators/{inds[1 + i]['id']}")
        cur = {o["year"]: o["value"] for o in ind["observations"] if o["current"]}
        want = {y: y * 10 + 2 + i / 10 for y in range(2021, 2026)}
        if cur != want:
            lost.append((i, cur, want))
    check("no lost write: each year's last value is current", not lost, lost)
    # four planners correct one indicator's year at the same moment: one
    # chain of four versions, never a fork or a lost value
    planners = []
    for _ in range(4):
        c = Client(srv)
        c.login("pl", "secret-pl")
        planners.append(c)
    target = inds[12]["id"]
    results = [None] * 4

    def correct(k):
        results[k] = planners[k].write("POST", "/api/observations",
                                       {"indicator_id": target, "year": 2024, "value": 100 + k})[0]

    ts = [threading.Thread(target=correct, args=(k,)) for k in range(4)]
    for t in ts:
        t.start()
    for t in ts:
        t.join()
    _, ind, _ = Client(srv).request("GET", f"/api/indicators/{target}")
    rows = [o for o in ind["observations"] if o["year"] == 2024]
    heads = [o for o in rows if o["current"]]
    check("simultaneous corrections of one value: all 201, one chain of versions 1-4",
          results == [201] * 4 and len(heads) == 1 and sorted({o["version"] for o in rows}) == [1, 2, 3, 4]
          and sorted(o["value"] for o in rows if o["state"] == "approved") == [100, 101, 102, 103],
          (results, rows))
    log = open(srv.log).read()
    check("access log: one line per request, no database error",
          "error:" not in log and "locked" not in log and log.count("\n") >= 120, log[-500:])


def test_idle_and_throttle():
    srv = Server("--idle-timeout", "2", "--host", "localhost")
    c = Client(srv)
    c.login("vw", "secret-vw")
    st1, _, _ = c.request("GET", "/api/session")
    time.sleep(3.2)
    st2, _, _ = c.request("GET", "/api/session")
    check("a session unused longer than the idle timeout ends", st1 == 200 and st2 == 401, (st1, st2))
    got = [Client(srv).login("adm", "bad-password")[0] for _ in range(6)]
    st, b, r = Client(srv).login("adm", "secret-adm")
    check("after 5 failures the account waits: 429 with Retry-After, even with the right password",
          got[:5] == [401] * 5 and got[5] == 429 and st == 429 and r.getheader("Retry-After")
          and chinese(b), (got, st, b))
    st, _, _ = Client(srv).login("vw", "secret-vw")
    check("other accounts from the same address still sign in", st == 200, st)
    rc = srv.stop()
    check("second server stops on SIGTERM with 0", rc == 0, rc)


def test_sigterm(srv):
    """A request in flight when SIGTERM comes still gets its answer: its
    headers and half its body are sent before the signal, the rest after."""
    body = json.dumps({"username": "pl", "password": "secret-pl"}).encode()
    sock = socket.create_connection(("127.0.0.1", srv.port), timeout=20)
    sock.sendall(b"POST /api/session HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                 + f"Content-Length: {len(body)}\r\n\r\n".encode() + body[:10])
    time.sleep(0.3)
    t0 = time.time()
    srv.proc.send_signal(signal.SIGTERM)
    time.sleep(0.3)
    sock.sendall(body[10:])
    resp = http.client.HTTPResponse(sock)
    resp.begin()
    resp.read()
    sock.close()
    rc = srv.stop(signal.SIGTERM)
    check("SIGTERM: the request in flight was answered", resp.status == 200, resp.status)
    check("SIGTERM: exit 0", rc == 0, rc)
    check("SIGTERM: stopped within 5 s", time.time() - t0 < 5)
    try:
        socket.create_connection(("127.0.0.1", srv.port), timeout=0.5).close()
        closed = False
    except OSError:
        closed = True
    check("SIGTERM: the port is closed", closed)


def main():
    try:
        setup()
        srv = Server()
        anon = Client(srv)
        _, ev, _ = anon.request("GET", "/api/plans/1/indicators")
        assign(ev["indicators"])
        inds = test_reads(anon)
        planner = test_login(srv)
        ed_a = test_write_auth(srv, inds, planner)
        test_writes(srv, inds, planner)
        test_review(srv, inds, planner, ed_a)
        test_progress(srv, planner, ed_a)
        test_documents(srv, inds, ed_a)
        test_pages(srv)
        test_encoding(srv, planner, inds)
        test_logout(srv, planner)
        test_user_cli(srv)
        test_admin(srv, inds)
        test_page_language(srv)
        test_office(srv, inds)
        test_concurrency(srv, inds)
        test_idle_and_throttle()
        test_sigterm(srv)
    except Exception as e:  # a crash is a failed check, and cleanup still runs
        import traceback
        check("no exception", False, traceback.format_exc())
    finally:
        for s in SERVERS:
            if s.proc.poll() is None:
                s.proc.kill()
                s.proc.wait()
        shutil.rmtree(TMP, ignore_errors=True)
    print(f"# {N} checks, {FAILED} failed")
    sys.exit(1 if FAILED or N == 0 else 0)


if __name__ == "__main__":
    main()
