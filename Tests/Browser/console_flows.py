"""The web console and the technician app in a real Chromium, against a real gateway.

Started by Tests/GatewayCoreTests/ConsoleBrowserTests.swift, which runs the gateway (serving
console/) over the real services and provisions a tenant. This script creates the tenant's people
and work through the API, then drives each profile's main flow in the browser and checks the
outcome on the server through the API. Environment:

    CONSOLE_BASE_URL         the gateway, e.g. http://127.0.0.1:41234
    CONSOLE_TENANT           the provisioned tenant's slug
    CONSOLE_ADMIN_INVITE     the tenant admin's invitation token
    CONSOLE_PLATFORM_TOKEN   a platform_admin access token
    CONSOLE_NEW_TENANT       a slug for the platform admin to provision (removed by the caller)
    CONSOLE_CONTROL_PLANE_URL  the control-plane database (to find the tenant's database)
    CONSOLE_REDIS_URL        the Redis the gateway reads the live map and the notifications from
    CONSOLE_SCREENSHOTS      optional: a folder to save a screenshot of each screen in

What the workers would do (a GPS worker storing a fix, the notify worker delivering an in-app
notification) is done here with their own writes: rows in the tenant's database, then the Redis
read model or channel the gateway serves from.

Exits 0 when every flow passed; prints one line per check.
"""

import base64
import datetime as dt
import json
import os
import pathlib
import re
import subprocess
import sys
import time
import traceback
import urllib.parse
import urllib.error
import urllib.request
import uuid

from playwright.sync_api import Page, expect, sync_playwright

BASE = os.environ["CONSOLE_BASE_URL"].rstrip("/")
TENANT = os.environ["CONSOLE_TENANT"]
PASSWORD = "Chantier-2026-solide"
CONSOLE_DIR = pathlib.Path(__file__).resolve().parents[2] / "console"
SCREENSHOTS = os.environ.get("CONSOLE_SCREENSHOTS")
SITE = (48.8566, 2.3522)
# Offline emulation makes Chromium log failed loads; those are the point of the offline flow.
EXPECTED_CONSOLE_NOISE = re.compile(r"ERR_INTERNET_DISCONNECTED|Failed to load resource|Failed to fetch")

expect.set_options(timeout=15_000)
# A 64×48 black JPEG, the technician's photo.
JPEG = base64.b64decode(
    "/9j/2wBDABALDA4MChAODQ4SERATGCgaGBYWGDEjJR0oOjM9PDkzODdASFxOQERXRTc4UG1RV19iZ2hnPk1xeXBkeFxlZ2P/2wBDARESEhgVGC8aGi9jQjhCY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2P/wAARCAAwAEADASIAAhEBAxEB/8QAHwAAAQUBAQEBAQEAAAAAAAAAAAECAwQFBgcICQoL/8QAtRAAAgEDAwIEAwUFBAQAAAF9AQIDAAQRBRIhMUEGE1FhByJxFDKBkaEII0KxwRVS0fAkM2JyggkKFhcYGRolJicoKSo0NTY3ODk6Q0RFRkdISUpTVFVWV1hZWmNkZWZnaGlqc3R1dnd4eXqDhIWGh4iJipKTlJWWl5iZmqKjpKWmp6ipqrKztLW2t7i5usLDxMXGx8jJytLT1NXW19jZ2uHi4+Tl5ufo6erx8vP09fb3+Pn6/8QAHwEAAwEBAQEBAQEBAQAAAAAAAAECAwQFBgcICQoL/8QAtREAAgECBAQDBAcFBAQAAQJ3AAECAxEEBSExBhJBUQdhcRMiMoEIFEKRobHBCSMzUvAVYnLRChYkNOEl8RcYGRomJygpKjU2Nzg5OkNERUZHSElKU1RVVldYWVpjZGVmZ2hpanN0dXZ3eHl6goOEhYaHiImKkpOUlZaXmJmaoqOkpaanqKmqsrO0tba3uLm6wsPExcbHyMnK0tPU1dbX2Nna4uPk5ebn6Onq8vP09fb3+Pn6/9oADAMBAAIRAxEAPwDz+iiigAooooAKKKKACiiigAooooAKKKKACiiigAooooAKKKKACiiigAooooAKKKKAP//Z")


class Backend:
    """The tenant's database (psql) and Redis (redis-cli), for what the workers would write."""

    def __init__(self):
        control = os.environ["CONSOLE_CONTROL_PLANE_URL"]
        row = self.psql(control, f"SELECT s.host, s.port, t.database_name FROM tenants t JOIN database_servers s ON s.name = t.server_name WHERE t.slug = '{TENANT}'")
        host, port, database = row.split("|")
        parts = urllib.parse.urlsplit(control)
        self.tenant_url = urllib.parse.urlunsplit((parts.scheme, f"{parts.username}:{parts.password}@{host}:{port}", f"/{database}", "", ""))

    @staticmethod
    def psql(url, statement):
        return subprocess.run(["psql", url, "-XAtq", "-v", "ON_ERROR_STOP=1", "-c", statement], check=True, capture_output=True, text=True).stdout.strip()

    def sql(self, statement):
        return self.psql(self.tenant_url, statement)

    @staticmethod
    def redis(*arguments):
        subprocess.run(["redis-cli", "-u", os.environ["CONSOLE_REDIS_URL"], *arguments], check=True, capture_output=True)

    def record_fix(self, device, vehicle_id, latitude, longitude, speed):
        """What the GPS worker does for one fix: store it, then update the live map (gps:<tenant>:live/seen)."""
        fix_ms = int(time.time() * 1000)
        self.sql(f"INSERT INTO positions (device_id, fix_time, latitude, longitude, speed, received_at) "
                 f"VALUES ('{device}', to_timestamp({fix_ms / 1000}), {latitude}, {longitude}, {speed}, now())")
        live = json.dumps({"device_id": device, "vehicle_id": vehicle_id, "latitude": latitude, "longitude": longitude, "fix_time": fix_ms, "speed": speed})
        self.redis("GEOADD", f"gps:{TENANT}:live", str(longitude), str(latitude), device)
        self.redis("HSET", f"gps:{TENANT}:seen", device, live)

    def notify(self, user_id, title, body, priority="high"):
        """What the notify worker does for an in-app notification: the inbox row, then the live channel."""
        row = self.sql(f"INSERT INTO inbox_notifications (user_id, event_type, priority, title, body) "
                       f"VALUES ('{user_id}', 'alert.raised', '{priority}', '{title}', '{body}') RETURNING id, to_json(created_at)")
        notification_id, created = row.split("|")
        message = json.dumps({"id": notification_id, "event_type": "alert.raised", "priority": priority, "title": title, "body": body,
                              "created_at": json.loads(created)})
        self.redis("PUBLISH", f"fieldops:notifications:{TENANT}:{user_id.lower()}", message)
        return notification_id

    def forget_fleet(self):
        self.redis("DEL", f"gps:{TENANT}:live", f"gps:{TENANT}:seen")


class API:
    """Plain HTTP calls to the gateway, for setting up data and checking outcomes."""

    def __init__(self, token=None):
        self.token = token

    def call(self, method, path, body=None, etag=None, expect_status=None):
        request = urllib.request.Request(BASE + path, method=method, data=None if body is None else json.dumps(body).encode())
        request.add_header("Accept", "application/json")
        if body is not None:
            request.add_header("Content-Type", "application/json")
        if self.token:
            request.add_header("Authorization", f"Bearer {self.token}")
        if etag:
            request.add_header("If-Match", etag)
        try:
            with urllib.request.urlopen(request, timeout=30) as response:
                status, text, headers = response.status, response.read().decode(), response.headers
        except urllib.error.HTTPError as error:
            status, text, headers = error.code, error.read().decode(), error.headers
        if expect_status is not None and status != expect_status:
            raise AssertionError(f"{method} {path}: {status} {text}")
        return status, (json.loads(text) if text else None), headers.get("ETag")

    def create(self, path, body):
        return self.call("POST", path, body, expect_status=201)[1]

    def get(self, path):
        return self.call("GET", path, expect_status=200)[1]

    def move(self, intervention_id, *targets):
        for target in targets:
            _, record, etag = self.call("GET", f"/v1/interventions/{intervention_id}", expect_status=200)
            self.call("POST", f"/v1/interventions/{intervention_id}/transitions", {"to": target}, etag=etag, expect_status=200)


def sign_in_api(email):
    _, grant, _ = API().call("POST", "/v1/auth/login", {"tenant": TENANT, "email": email, "password": PASSWORD}, expect_status=200)
    return API(grant["access_token"])


def at_today(hour, minute=0):
    """A time today in UTC, the browser's time zone here, so "today" is the same day on both sides."""
    now = dt.datetime.now(dt.timezone.utc)
    return now.replace(hour=hour, minute=minute, second=0, microsecond=0).isoformat()


def build_tenant():
    """People, a site with phases and interventions, through the API as the tenant admin."""
    _, grant, _ = API().call("POST", "/v1/auth/invitations/accept",
                             {"tenant": TENANT, "token": os.environ["CONSOLE_ADMIN_INVITE"], "password": PASSWORD}, expect_status=200)
    admin = API(grant["access_token"])
    people = {}
    for role, name in [("manager", "Claire Martin"), ("project_manager", "Julien Bernard"), ("site_lead", "Sophie Leroy"), ("technician", "Karim Haddad")]:
        email = f"{role.replace('_', '.')}@{TENANT}.example"
        invited = admin.create("/v1/users", {"email": email, "role": role, "display_name": name})
        API().call("POST", "/v1/auth/invitations/accept", {"tenant": TENANT, "token": invited["invite_token"], "password": PASSWORD}, expect_status=200)
        people[role] = {"email": email, "id": invited["user"]["id"], "name": name}
    team = admin.create("/v1/teams", {"name": "Équipe Gros œuvre"})
    # The planning plans only technicians with a home base, where their day starts and ends: both live a few kilometres from the site.
    technician = admin.create("/v1/technicians", {"user_id": people["technician"]["id"], "full_name": "Karim Haddad", "team_id": team["id"], "phone": "06 12 34 56 78",
                                                  "home_latitude": 48.8700, "home_longitude": 2.3800})
    admin.create("/v1/technicians", {"user_id": people["site_lead"]["id"], "full_name": "Sophie Leroy", "team_id": team["id"]})
    colleague = admin.create("/v1/technicians", {"full_name": "Lucas Moreau", "team_id": team["id"], "home_latitude": 48.8400, "home_longitude": 2.3300})
    today = dt.datetime.now(dt.timezone.utc).date()
    site = admin.create("/v1/sites", {
        "code": "PAR-012", "name": "Résidence Les Tilleuls", "site_type": "logement", "client_name": "Habitat Paris Est",
        "address": "12 rue des Tilleuls, 75011 Paris", "latitude": SITE[0], "longitude": SITE[1], "status": "active", "budget": 1_250_000,
        "starts_on": (today - dt.timedelta(days=20)).isoformat(), "ends_on": (today + dt.timedelta(days=60)).isoformat(),
    })
    admin.create("/v1/sites", {"code": "LYO-004", "name": "Groupe scolaire Jean Macé", "site_type": "équipement public", "client_name": "Ville de Lyon",
                               "latitude": 45.75, "longitude": 4.85, "status": "planned"})
    for position, (name, start, end) in enumerate([("Terrassement", -20, -8), ("Gros œuvre", -7, 12), ("Second œuvre", 10, 40)]):
        admin.create("/v1/phases", {"site_id": site["id"], "name": name, "position": position,
                                    "planned_start": (today + dt.timedelta(days=start)).isoformat(), "planned_end": (today + dt.timedelta(days=end)).isoformat()})

    def intervention(title, hour, **extra):
        return admin.create("/v1/interventions", {
            "site_id": site["id"], "work_type": "gros_oeuvre", "title": title, "estimated_minutes": 120,
            "scheduled_start": at_today(hour), "scheduled_end": at_today(hour + 2), **extra})

    opening = intervention("Ouverture de chantier", 8, checklist_template="ouverture_chantier", assigned_technician_id=technician["id"], priority="high")
    admin.move(opening["id"], "planned", "assigned")
    finished = intervention("Réception des réseaux", 10, assigned_technician_id=technician["id"])
    admin.move(finished["id"], "planned", "assigned", "in_progress", "done")
    slab = intervention("Coulage dalle R+1", 13, assigned_technician_id=colleague["id"], priority="urgent")
    admin.move(slab["id"], "planned", "assigned")
    draft = intervention("Pose des menuiseries", 15, description="Fenêtres du bâtiment B.")
    # The dispatch board's day: both technicians work it, Karim until 19:00 (time to get home after a 16:00–18:00 job).
    for who, (start, end) in ((technician, (7, 19)), (colleague, (7, 21))):
        admin.create("/v1/shifts", {"technician_id": who["id"], "starts_at": at_today(start), "ends_at": at_today(end)})
    networks = intervention("Raccordement réseaux", 16, assigned_technician_id=colleague["id"])
    admin.move(networks["id"], "planned", "assigned")
    formwork = intervention("Décoffrage", 18, assigned_technician_id=colleague["id"])
    admin.move(formwork["id"], "planned", "assigned")
    van = admin.create("/v1/vehicles", {"plate": "GH-482-KL", "label": "Fourgon 3", "kind": "van", "tracker_device": f"van-{TENANT}"})
    return {"admin": admin, "people": people, "site": site, "technician": technician, "colleague": colleague,
            "opening": opening, "finished": finished, "slab": slab, "draft": draft, "networks": networks, "formwork": formwork, "van": van}


class Run:
    def __init__(self, browser):
        self.browser = browser
        self.failures = []
        self.passed = 0
        self.noise = []

    def check(self, name, condition, detail=""):
        if condition:
            self.passed += 1
            print(f"ok   {name}", flush=True)
        else:
            self.failures.append(name)
            print(f"FAIL {name} {detail}", flush=True)

    def context(self, **options):
        context = self.browser.new_context(base_url=BASE, locale="fr-FR", timezone_id="UTC", **options)
        context.on("page", self.watch)
        return context

    def watch(self, page):
        page.on("pageerror", lambda error: self.noise.append(f"page error: {error}"))
        page.on("console", lambda message: message.type == "error" and not EXPECTED_CONSOLE_NOISE.search(message.text)
                and self.noise.append(f"console: {message.text}"))

    def shot(self, page: Page, name):
        if SCREENSHOTS:
            pathlib.Path(SCREENSHOTS).mkdir(parents=True, exist_ok=True)
            page.screenshot(path=f"{SCREENSHOTS}/{name}.png", full_page=True)


def sign_in(page: Page, email):
    page.goto("/console/")
    page.get_by_label("Entreprise (identifiant)").fill(TENANT)
    page.get_by_label("E-mail").fill(email)
    page.get_by_label("Mot de passe").fill(PASSWORD)
    page.locator("#login-form button[type=submit]").click()


def open_as(run: Run, email, home, **options):
    """A new browser context signed in as `email`, on its home page headed `home`."""
    context = run.context(**{"viewport": {"width": 1366, "height": 900}, **options})
    page = context.new_page()
    sign_in(page, email)
    expect(page.get_by_role("heading", name=home)).to_be_visible()
    return context, page


def manager_flow(run: Run, world):
    context = run.context(viewport={"width": 1366, "height": 900})
    page = context.new_page()
    page.goto("/")
    run.check("/ leads to the console's sign-in", page.url.startswith(BASE + "/console/"))
    run.shot(page, "01-login")
    page.get_by_label("Entreprise (identifiant)").fill(TENANT)
    page.get_by_label("E-mail").fill(world["people"]["manager"]["email"])
    page.get_by_label("Mot de passe").fill("wrong password!")
    page.locator("#login-form button[type=submit]").click()
    expect(page.get_by_role("alert")).to_contain_text("incorrect")
    run.check("a wrong password is refused in French", True)
    sign_in(page, world["people"]["manager"]["email"])
    expect(page.get_by_role("heading", name="Chantiers")).to_be_visible()
    nav = page.locator("#navigation a").all_inner_texts()
    menu = ["Chantiers", "Interventions", "Planning", "Affectations", "Tableau de bord", "Carte"]
    run.check("the manager's menu", nav == menu, str(nav))
    expect(page.locator("tbody tr")).to_have_count(2)
    run.shot(page, "02-manager-sites")
    page.get_by_label("Statut").select_option("active")
    expect(page.locator("tbody tr")).to_have_count(1)
    run.check("the status filter keeps the active site only", "Résidence Les Tilleuls" in page.locator("tbody").inner_text())

    page.locator("#navigation a", has_text="Interventions").click()
    expect(page.locator("tbody tr")).to_have_count(6)
    page.get_by_label("Priorité").select_option("urgent")
    expect(page.locator("tbody tr")).to_have_count(1)
    run.check("the priority filter keeps the urgent intervention", "Coulage dalle" in page.locator("tbody").inner_text())
    page.get_by_label("Priorité").select_option("")
    expect(page.locator("tbody tr")).to_have_count(6)
    run.shot(page, "03-manager-interventions")
    page.locator("tbody tr", has_text="Pose des menuiseries").click()
    expect(page.locator("#moves button")).to_have_count(2)
    moves = page.locator("#moves button").all_inner_texts()
    run.check("a draft offers the workflow's moves for a manager", moves == ["Planifier", "Annuler"], str(moves))
    run.shot(page, "04-manager-intervention")
    page.locator("#moves button[data-move=planned]").click()
    expect(page.locator("h1 .badge")).to_have_text("Planifiée")
    status = world["admin"].get(f"/v1/interventions/{world['draft']['id']}")["status"]
    run.check("moving the draft to planned changed it on the server", status == "planned", status)

    page.locator("#language").click()
    expect(page.locator("#navigation a").first).to_have_text("Sites")
    run.check("the English switch translates the menu", page.locator("html").get_attribute("lang") == "en")
    page.locator("#language").click()
    expect(page.locator("#navigation a").first).to_have_text("Chantiers")
    kpi_flow(run, world, page)
    map_flow(run, world, page)
    notification_flow(run, world, page)
    context.close()


def kpi_flow(run: Run, world, page: Page):
    page.locator("#navigation a", has_text="Tableau de bord").click()
    expect(page.locator("#kpi-cards .stat")).to_have_count(9)
    kpis = world["admin"].get("/v1/kpis")
    shown = {card.get_attribute("data-kpi"): card.get_attribute("data-value") for card in page.locator("#kpi-cards .stat").all()}
    expected = {}
    for key in shown:
        group, field = key.split(".")
        # The API leaves out a figure it cannot compute (no data yet); the card is then empty.
        value = kpis[group].get(field)
        expected[key] = "" if value is None else value
    def same(text, value):
        return text == "" if value == "" else text != "" and float(text) == float(value)
    differing = {k: (v, expected[k]) for k, v in shown.items() if not same(v, expected[k])}
    run.check("every KPI card shows the API's number", not differing, str(differing))
    budgets = sorted(float(b.get_attribute("data-value")) for b in page.locator("#profitability-chart rect.bar.budget").all())
    run.check("the profitability chart has one budget bar per project, at the API's value",
              budgets == sorted(float(p["budget"]) for p in kpis["projects"]), str(budgets))
    run.shot(page, "14-manager-kpis")
    page.locator("#kpi-site").select_option(world["site"]["id"])
    expect(page.locator("#projects tbody tr")).to_have_count(1)
    run.check("choosing a site narrows the KPIs to it", "PAR-012" in page.locator("#projects tbody").inner_text())

    form = page.locator("#report-form")
    form.locator("select[name=report]").select_option("weekly")
    form.locator("select[name=format]").select_option("xlsx")
    form.locator("button[type=submit]").click()
    job = page.locator("#report-jobs li").first
    expect(job.locator(".badge")).to_have_text(re.compile("En file d’attente|En cours|Prêt|Échec"))
    stored = world["admin"].get(f"/v1/jobs/{job.get_attribute('data-job')}")
    run.check("a report request from the dashboard is a queued report job on the server", stored["kind"].startswith("report.render"), str(stored))


def map_flow(run: Run, world, page: Page):
    backend = Backend()
    backend.forget_fleet()
    device = world["van"]["tracker_device"]
    page.locator("#navigation a", has_text="Carte").click()
    expect(page.locator("#live-map g.site")).to_have_count(2)
    run.check("the map has no vehicle before any position", page.locator(f"#live-map g.vehicle[data-device='{device}']").count() == 0)
    backend.record_fix(device, world["van"]["id"], SITE[0] + 0.003, SITE[1] + 0.004, 8.5)
    marker = page.locator(f"#live-map g.vehicle[data-device='{device}']")
    expect(marker).to_be_visible(timeout=25_000)
    live = [v for v in world["admin"].get("/v1/vehicles/live")["vehicles"] if v["device_id"] == device]
    run.check("the map shows the vehicle the API reports live", len(live) == 1 and "Fourgon 3" in marker.text_content())
    expect(page.locator("#fleet tbody tr", has_text="Fourgon 3")).to_contain_text("31 km/h")
    marker.click()
    expect(page.locator("#live-map polyline.track")).to_have_count(1)
    expect(page.locator("#track-info")).to_contain_text("1 points")
    run.check("a vehicle's marker opens its track", True)
    run.shot(page, "15-manager-live-map")
    backend.forget_fleet()


def notification_flow(run: Run, world, page: Page):
    expect(page.locator("#inbox[data-live=on]")).to_be_visible()
    title = f"Retard béton {uuid.uuid4().hex[:6]}"
    notification_id = Backend().notify(world["people"]["manager"]["id"], title, "La toupie arrive à 11 h.")
    expect(page.locator("#toast")).to_contain_text(title)
    expect(page.locator("#unread")).to_have_text("1")
    run.check("a notification appears live, with the unread badge", True)
    page.locator("#inbox").click()
    # Found by its unique title: the API spells notification ids in capitals, the database in lower case.
    item = page.locator("#notifications li", has_text=title)
    expect(item).to_have_class(re.compile("unread"))
    run.check("the inbox lists that notification", item.get_attribute("data-id").lower() == notification_id, item.get_attribute("data-id"))
    run.shot(page, "16-manager-notifications")
    item.get_by_role("button").click()
    expect(page.locator("#unread")).to_be_hidden()
    unread = sign_in_api(world["people"]["manager"]["email"]).get("/v1/notifications/unread-count")["unread"]
    run.check("marking it read reaches the server", unread == 0, str(unread))


def project_manager_flow(run: Run, world):
    context, page = open_as(run, world["people"]["project_manager"]["email"], "Chantiers")
    page.goto(f"/console/#/planning?site={world['site']['id']}")
    bar = page.locator(f".gantt-bar[data-id='{world['slab']['id']}']")
    expect(bar).to_be_visible()
    expect(page.locator(".gantt-bar.phase")).to_have_count(3)
    run.shot(page, "05-project-manager-gantt")
    before = world["admin"].get(f"/v1/interventions/{world['slab']['id']}")
    bar.scroll_into_view_if_needed()
    box = bar.bounding_box()
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.mouse.down()
    page.mouse.move(box["x"] + box["width"] / 2 + 2 * 44 + 5, box["y"] + box["height"] / 2, steps=12)
    page.mouse.up()
    expect(page.locator("#toast")).to_contain_text("+2")
    after = world["admin"].get(f"/v1/interventions/{world['slab']['id']}")
    shift = dt.datetime.fromisoformat(after["scheduled_start"]) - dt.datetime.fromisoformat(before["scheduled_start"])
    run.check("dragging a bar two days right moved the intervention two days on the server", shift == dt.timedelta(days=2), str(shift))
    length = (dt.datetime.fromisoformat(after["scheduled_end"]) - dt.datetime.fromisoformat(after["scheduled_start"]))
    run.check("the move kept the intervention's length", length == dt.timedelta(hours=2), str(length))

    # The chart reads the moved intervention again after the move: wait until it shows the new version,
    # or the keyboard move below could land on a bar that is about to be replaced.
    expect(page.locator(f".gantt-bar[data-id='{world['slab']['id']}'][data-version='{after['version']}']")).to_have_count(1)
    # Someone else changes the intervention behind the chart's back: the next drag is refused (412) and shown inline.
    _, _, etag = world["admin"].call("GET", f"/v1/interventions/{world['slab']['id']}")
    world["admin"].call("PATCH", f"/v1/interventions/{world['slab']['id']}", {"description": "Changé par le bureau."}, etag=etag, expect_status=200)
    bar = page.locator(f".gantt-bar[data-id='{world['slab']['id']}']")
    bar.focus()
    page.keyboard.press("ArrowLeft")
    row = page.locator(f".gantt-row.conflict[data-id='{world['slab']['id']}']")
    expect(row).to_contain_text("Conflit")
    unchanged = world["admin"].get(f"/v1/interventions/{world['slab']['id']}")["scheduled_start"]
    run.check("a stale move is refused and shown on its row", unchanged == after["scheduled_start"])
    run.shot(page, "06-project-manager-gantt-conflict")
    dispatch_flow(run, world, page)
    context.close()


def drag_to_row(page: Page, bar, row):
    box = bar.bounding_box()
    target = row.locator(".gantt-track").bounding_box()
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.mouse.down()
    page.mouse.move(box["x"] + box["width"] / 2, target["y"] + target["height"] / 2, steps=12)
    page.mouse.up()


def dispatch_flow(run: Run, world, page: Page):
    page.locator("#navigation a", has_text="Affectations").click()
    # Within the board: the planning page being left has a bar for the same intervention.
    board = page.locator("#dispatch")
    karim = board.locator(f".gantt-row[data-row='{world['technician']['id']}']")
    bar = board.locator(f".gantt-bar[data-id='{world['networks']['id']}']")
    expect(bar).to_be_visible()
    run.shot(page, "17-project-manager-dispatch")
    before = world["admin"].get(f"/v1/interventions/{world['networks']['id']}")
    drag_to_row(page, bar, karim)
    expect(page.locator("#toast")).to_contain_text("Karim Haddad")
    after = world["admin"].get(f"/v1/interventions/{world['networks']['id']}")
    run.check("dropping a bar on another technician's row reassigns it on the server, at the same time",
              after["assigned_technician_id"] == world["technician"]["id"] and after["scheduled_start"] == before["scheduled_start"], str(after))
    expect(karim.locator(f".gantt-bar[data-id='{world['networks']['id']}']")).to_be_visible()

    # Karim's shift ends at 19:00: the 18:00–20:00 job cannot go to him; every conflict is listed on his row.
    drag_to_row(page, board.locator(f".gantt-bar[data-id='{world['formwork']['id']}']"), karim)
    expect(karim.locator("ul.conflicts li").first).to_be_visible()
    codes = karim.locator("ul.conflicts li").evaluate_all("items => items.map(i => i.dataset.code)")
    unchanged = world["admin"].get(f"/v1/interventions/{world['formwork']['id']}")["assigned_technician_id"]
    run.check("a move the planning refuses is shown with its conflicts and changes nothing",
              "outside_shift" in codes and unchanged == world["colleague"]["id"], f"{codes} {unchanged}")
    run.shot(page, "18-project-manager-dispatch-conflict")


def technician_flow(run: Run, world):
    context, page = open_as(run, world["people"]["technician"]["email"], "Ma journée",
                            viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True,
                            geolocation={"latitude": SITE[0] + 0.0002, "longitude": SITE[1]}, permissions=["geolocation"])
    # His two interventions of the day, and the one the dispatch board gave him.
    expect(page.locator("a.job")).to_have_count(3)
    expect(page.locator(f"a.job[data-id='{world['networks']['id']}']")).to_be_visible()
    run.shot(page, "07-technician-today")
    manifest = page.evaluate("fetch('manifest.webmanifest').then(r => r.json())")
    run.check("the app has a manifest for installing", manifest["display"] == "standalone" and any(i["sizes"] == "512x512" for i in manifest["icons"]))
    page.evaluate("navigator.serviceWorker.ready")
    page.wait_for_function("navigator.serviceWorker.controller !== null")
    run.check("a service worker controls the app", page.evaluate("navigator.serviceWorker.controller !== null"))

    page.locator(f"a.job[data-id='{world['opening']['id']}']").click()
    expect(page.locator("li.check")).to_have_count(4)
    path = f"/v1/interventions/{world['opening']['id']}"
    context.set_offline(True)
    page.locator("li.check[data-position='3'] button[data-answer=true]").click()
    expect(page.locator("li.check[data-position='3'] .badge.waiting")).to_be_visible()
    page.locator("li.check[data-position='4'] button[data-answer=false]").click()
    expect(page.locator("li.check[data-position='4'] .badge.waiting")).to_be_visible()
    page.locator("#signature-form input[name=signer_name]").fill("M. Dupont (Habitat Paris Est)")
    page.locator("canvas.signature-pad").scroll_into_view_if_needed()
    pad = page.locator("canvas.signature-pad").bounding_box()
    for stroke in ([(0.1, 0.6), (0.3, 0.3), (0.5, 0.7)], [(0.6, 0.4), (0.9, 0.5)]):
        page.mouse.move(pad["x"] + stroke[0][0] * pad["width"], pad["y"] + stroke[0][1] * pad["height"])
        page.mouse.down()
        for x, y in stroke[1:]:
            page.mouse.move(pad["x"] + x * pad["width"], pad["y"] + y * pad["height"], steps=6)
        page.mouse.up()
    page.locator("#signature-form button[type=submit]").click()
    expect(page.locator("#sync-status")).to_have_text("3 en attente")
    page.locator("#photos input[name=note]").fill("Tableau posé")
    page.locator("#photo-input").set_input_files(files=[{"name": "photo.jpg", "mimeType": "image/jpeg", "buffer": JPEG}])
    expect(page.locator("#sync-status")).to_have_text("4 en attente")
    expect(page.locator("#photos li.photo .badge.waiting")).to_have_count(1)
    run.shot(page, "08-technician-offline-checklist-signature")
    page.reload()
    expect(page.locator("li.check[data-position='3'] .badge.waiting")).to_be_visible()
    # The status line is filled once the queue is read back from IndexedDB: wait for it, do not sample it.
    try:
        expect(page.locator("#sync-status")).to_have_text("4 en attente")
        kept = True
    except AssertionError:
        kept = False
    run.check("offline, the app reloads from its service worker and keeps the queue", kept, page.locator("#sync-status").inner_text())
    checklist = world["admin"].get(f"{path}/checklist")
    signatures = world["admin"].get(f"/v1/signatures?intervention_id={world['opening']['id']}")["items"]
    photos = world["admin"].get(f"{path}/photos")["photos"]
    run.check("nothing reached the server while offline", all(i["value"] is None for i in checklist) and not signatures and not photos)

    context.set_offline(False)
    expect(page.locator("#sync-status")).to_have_text("Synchronisé", timeout=20_000)
    checklist = {i["position"]: i["value"] for i in world["admin"].get(f"{path}/checklist")}
    signatures = world["admin"].get(f"/v1/signatures?intervention_id={world['opening']['id']}")["items"]
    photos = world["admin"].get(f"{path}/photos")["photos"]
    run.check("back online, the answers reached the server", checklist[3] is True and checklist[4] is False, str(checklist))
    run.check("back online, the signature reached the server exactly once", len(signatures) == 1, str(len(signatures)))
    run.check("back online, the photo reached the server exactly once, with its note and position",
              len(photos) == 1 and photos[0]["note"] == "Tableau posé" and photos[0].get("latitude") is not None, str(photos))
    audit = world["admin"].get("/v1/audit?entity=intervention_checklist_items&limit=200")["items"]
    answers = [entry for entry in audit if entry.get("action") == "update" and world["opening"]["id"] in json.dumps(entry)]
    run.check("each answer was applied exactly once", len(answers) == 2, str(len(answers)))
    page.reload()
    expect(page.locator("li.check[data-position='3'].answered")).to_be_visible()
    expect(page.locator("#photos li.photo img")).to_have_count(1)
    signatures = world["admin"].get(f"/v1/signatures?intervention_id={world['opening']['id']}")["items"]
    photos = world["admin"].get(f"{path}/photos")["photos"]
    run.check("a reload sends nothing again", len(signatures) == 1 and len(photos) == 1)
    run.check("the photo is listed from the server with its image", page.locator("#photos .badge.waiting").count() == 0)

    # A change the gateway refuses for good leaves the queue for the rejected list, with its reason.
    context.set_offline(True)
    page.locator("li.check[data-position='3'] button[data-answer=false]").click()
    expect(page.locator("li.check[data-position='3'] .badge.waiting")).to_be_visible()
    world["admin"].move(world["opening"]["id"], "cancelled")
    context.set_offline(False)
    expect(page.locator("#sync-status")).to_have_text("Synchronisé", timeout=20_000)
    page.locator("#navigation a", has_text="Ma journée").click()
    expect(page.locator("#refused")).to_contain_text("not cancelled")
    run.shot(page, "09-technician-refused-change")
    value = {i["position"]: i["value"] for i in world["admin"].get(f"{path}/checklist")}[3]
    run.check("an answer refused by the workflow is shown to the technician and changes nothing", value is True, str(value))
    page.locator("#refused button").click()
    expect(page.locator("#refused")).to_have_count(0)

    page.locator("#navigation a", has_text="Pointage").click()
    page.locator("button[data-punch=in]").click()
    expect(page.locator("#clock-state")).to_have_text("Arrivée")
    entries = world["admin"].get(f"/v1/time-clock?technician_id={world['technician']['id']}")["items"]
    run.check("clocking in records one geolocated punch inside the geofence",
              len(entries) == 1 and entries[0]["kind"] == "in" and entries[0]["outside_geofence"] is False, str(entries))
    run.shot(page, "10-technician-clock")
    context.close()


def site_lead_flow(run: Run, world):
    context, page = open_as(run, world["people"]["site_lead"]["email"], "Aujourd’hui")
    run.check("the site lead's menu", page.locator("#navigation a").all_inner_texts() == ["Aujourd’hui", "Équipe", "Interventions", "Carte"])
    validate = page.locator(f"button[data-validate='{world['finished']['id']}']")
    expect(validate).to_be_visible()
    run.shot(page, "11-site-lead-today")
    validate.click()
    expect(page.locator("#toast")).to_contain_text("validée")
    status = world["admin"].get(f"/v1/interventions/{world['finished']['id']}")["status"]
    run.check("validation moved the finished intervention to validated", status == "validated", status)
    page.locator("#navigation a", has_text="Équipe").click()
    row = page.locator("tbody tr", has_text="Karim Haddad")
    expect(row).to_contain_text("Arrivée")
    expect(row).to_contain_text("Dans la zone")
    run.check("the team view shows the technician clocked in on site", True)
    expect(page.locator("tbody tr", has_text="Lucas Moreau")).to_contain_text("Pas pointé")
    run.shot(page, "12-site-lead-team")
    context.close()


def platform_admin_flow(run: Run):
    context = run.context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto("/console/#/login")
    page.locator("#operator-form summary").click()
    page.get_by_label("Jeton d’accès").fill(os.environ["CONSOLE_PLATFORM_TOKEN"])
    page.locator("#operator-form button[type=submit]").click()
    expect(page.get_by_role("heading", name="Clients", exact=True)).to_be_visible()
    slug = os.environ["CONSOLE_NEW_TENANT"]
    form = page.locator("#provision-form")
    form.get_by_label("Identifiant").fill(slug)
    form.get_by_label("Nom").fill("Électricité Durand")
    form.get_by_label("Secteur").select_option("electrical")
    form.get_by_label("E-mail de l’administrateur").fill(f"admin@{slug}.example")
    form.locator("button[type=submit]").click()
    expect(page.locator("#provisioned code.token")).to_be_visible(timeout=60_000)
    tenants = API(os.environ["CONSOLE_PLATFORM_TOKEN"]).get("/admin/v1/tenants")["items"]
    created = [x for x in tenants if x["slug"] == slug]
    run.check("the provisioning form created the tenant", len(created) == 1 and created[0]["sector"] == "electrical", str(created))
    page.locator("#provisioned").scroll_into_view_if_needed()
    run.shot(page, "13-platform-admin-tenants")
    context.close()


def static_checks(run: Run):
    files = sorted(str(p.relative_to(CONSOLE_DIR)) for p in CONSOLE_DIR.rglob("*") if p.is_file() and p.name != "sw.js")
    worker = (CONSOLE_DIR / "sw.js").read_text()
    missing = [f for f in files if f"'{f}'" not in worker]
    run.check("the service worker keeps every file of the app for offline starts", not missing, str(missing))
    sources = "\n".join(p.read_text() for p in CONSOLE_DIR.rglob("*.js"))
    keys = set(re.findall(r"\bt\('([a-zA-Z]+\.[a-zA-Z_.]+)'", sources))
    dictionaries = (CONSOLE_DIR / "js/i18n.js").read_text()
    french, english = dictionaries.split("const en = {")
    absent = sorted(k for k in keys if f"'{k}'" not in french or f"'{k}'" not in english)
    run.check("every text the pages name exists in French and English", not absent, str(absent))


def failure(error):
    """The error and the line of this script it was raised from."""
    frame = [f for f in traceback.extract_tb(error.__traceback__) if f.filename == __file__][-1]
    return f"{error!r} at line {frame.lineno} ({frame.line})"


def main():
    run_started = dt.datetime.now()
    world = build_tenant()
    print(f"tenant {TENANT} ready in {(dt.datetime.now() - run_started).total_seconds():.1f} s", flush=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox"])
        run = Run(browser)
        static_checks(run)
        for flow in (manager_flow, project_manager_flow, technician_flow, site_lead_flow):
            try:
                flow(run, world)
            except Exception as error:  # a failed expectation ends that flow only
                run.check(flow.__name__, False, failure(error))
        try:
            platform_admin_flow(run)
        except Exception as error:
            run.check("platform_admin_flow", False, failure(error))
        browser.close()
    run.check("no script errors in any page", not run.noise, "\n".join(run.noise))
    print(f"{run.passed} passed, {len(run.failures)} failed")
    return 0 if not run.failures else 1


if __name__ == "__main__":
    sys.exit(main())
