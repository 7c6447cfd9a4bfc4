// Drover agent status page: loads the REST API once, then follows /api/v1/events (SSE).
// Plain DOM, no framework; every value from the API goes in through textContent.
"use strict";

const state = { status: null, files: new Map(), history: new Map(), containers: null, updated: null, power: null, powerEvents: [], nomad: null };
const HISTORY_LIMIT = 30;
const ORDER = { fail: 0, warn: 1, skip: 2, pass: 3 };

const $ = (id) => document.getElementById(id);
function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === undefined || v === null) continue;
    if (k === "class") node.className = v;
    else if (k === "text") node.textContent = v;
    else node.setAttribute(k, v);
  }
  for (const c of children) if (c !== null && c !== undefined) node.append(c);
  return node;
}
const lower = (s) => String(s || "").toLowerCase();

// ---- formatting ----
function duration(seconds) {
  seconds = Math.max(0, Math.floor(seconds));
  const d = Math.floor(seconds / 86400), h = Math.floor(seconds % 86400 / 3600), m = Math.floor(seconds % 3600 / 60);
  if (d) return `${d}d ${h}h`;
  if (h) return `${h}h ${m}m`;
  if (m) return `${m}m ${seconds % 60}s`;
  return `${seconds}s`;
}
function ago(iso) {
  if (!iso) return "never";
  const s = (Date.now() - Date.parse(iso)) / 1000;
  return s < 2 ? "just now" : `${duration(s)} ago`;
}
function size(mb) {
  if (mb >= 1024 * 1024) return `${(mb / 1048576).toFixed(1)} TiB`;
  if (mb >= 1024) return `${(mb / 1024).toFixed(1)} GiB`;
  return `${mb} MiB`;
}
function setBar(bar, percent) {
  const p = Math.max(0, Math.min(100, percent || 0));
  bar.firstElementChild.style.width = `${p}%`;
  bar.dataset.level = p >= 90 ? "full" : p >= 75 ? "hot" : "ok";
  bar.setAttribute("role", "meter");
  bar.setAttribute("aria-valuemin", "0");
  bar.setAttribute("aria-valuemax", "100");
  bar.setAttribute("aria-valuenow", String(Math.round(p)));
}
function barItem(label, right, percent, detail) {
  const bar = el("div", { class: "bar", "aria-label": label }, el("span"));
  setBar(bar, percent);
  return el("li", {}, el("div", { class: "stat-head" }, el("span", { text: label }), el("span", { class: "num", text: right })),
    bar, el("div", { class: "sub", text: detail }));
}

// ---- node and banner ----
function renderStatus() {
  const s = state.status;
  if (!s) return;
  const n = s.node || {};
  $("hostname").textContent = n.hostname || "unknown host";
  document.title = `${n.hostname || "node"} · Drover agent`;
  $("uptime").textContent = duration(n.uptime_seconds || 0);
  $("agent-version").textContent = (s.agent && s.agent.version) || "–";
  $("cpu-usage").textContent = `${(n.cpu_usage_percent || 0).toFixed(0)}%`;
  setBar($("cpu-bar"), n.cpu_usage_percent);
  $("cpu-model").textContent = `${n.cpu_count || "?"} × ${n.cpu_model || "unknown CPU"}`;
  const total = n.memory_total_mb || 0, used = total - (n.memory_available_mb || 0);
  const memPercent = total ? 100 * used / total : 0;
  $("mem-usage").textContent = `${memPercent.toFixed(0)}%`;
  setBar($("mem-bar"), memPercent);
  $("mem-detail").textContent = `${size(used)} used of ${size(total)}`;
  const load = n.load || [];
  $("load").textContent = load.length ? load.map((l) => Number(l).toFixed(2)).join("  ") : "–";
  $("disks").replaceChildren(...(n.disks || []).map((d) =>
    barItem(d.mount, `${Math.round(d.used_percent)}%`, d.used_percent,
      `${size(d.free_mb)} free of ${size(d.total_mb)} · ${d.device} · ${d.fstype}`)));
  $("addresses").replaceChildren(...(n.addresses || []).map((a) =>
    el("tr", { title: a.mac ? `MAC ${a.mac}` : null }, el("td", { text: a.iface }), el("td", { text: `${a.address}/${a.prefix}` }))));
  const gpus = n.gpus || [];
  $("gpu-block").hidden = gpus.length === 0;
  $("gpus").replaceChildren(...gpus.map((g) => barItem(g.name, `${Math.round(g.utilization_percent)}%`, g.utilization_percent,
    `${size(g.memory_used_mb)} of ${size(g.memory_total_mb)} memory`)));
  renderPanels(s.panels || {});
  renderBanner();
}

function renderBanner() {
  const c = (state.status && state.status.checks) || {};
  const banner = $("banner");
  let failed = c.failed || 0, warned = c.warned || 0, passed = c.passed || 0;
  if (state.files.size) { // the per-file results are newer than the last status event
    failed = warned = passed = 0;
    for (const f of state.files.values()) for (const r of f.results || []) {
      const o = lower(r.outcome);
      if (o === "fail") failed++; else if (o === "warn") warned++; else if (o === "pass") passed++;
    }
  }
  const total = failed + warned + passed;
  let kind, title;
  if (!state.status && !state.files.size) { kind = "unknown"; title = "Waiting for the agent…"; }
  else if (total === 0) { kind = "unknown"; title = "No checks have run yet"; }
  else if (failed) { kind = "failing"; title = `Failing: ${failed} check${failed === 1 ? "" : "s"}`; }
  else if (warned) { kind = "warning"; title = `Healthy with ${warned} warning${warned === 1 ? "" : "s"}`; }
  else { kind = "healthy"; title = "Healthy"; }
  banner.dataset.state = kind;
  $("banner-title").textContent = title;
  const parts = [`${passed} passed`];
  if (failed) parts.push(`${failed} failed`);
  if (warned) parts.push(`${warned} warning${warned === 1 ? "" : "s"}`);
  if (c.skipped) parts.push(`${c.skipped} skipped`);
  if (c.last_run) parts.push(`last run ${ago(c.last_run)}`);
  $("banner-detail").textContent = total ? "· " + parts.join(" · ") : "";
}

// ---- checks ----
function fileRank(f) {
  const outcomes = (f.results || []).map((r) => lower(r.outcome));
  return outcomes.includes("fail") ? 0 : outcomes.includes("warn") ? 1 : 2;
}
function resultRow(r) {
  const o = lower(r.outcome);
  const what = el("td", { class: "what" },
    el("div", { class: "id", text: r.id === r.type ? r.type : `${r.type} ${r.id}` }),
    r.title && r.title !== r.id ? el("div", { class: "sub", text: r.title }) : null,
    el("div", { class: "prop", text: r.property }));
  const ef = el("td", { class: "ef" },
    el("div", {}, el("b", { text: "expected" }), " ", r.expected === undefined ? "" : String(r.expected)),
    el("div", {}, el("b", { text: "found" }), " ", r.found === undefined || r.found === null ? "–" : String(r.found)));
  return el("tr", { class: "check-row", "data-outcome": o },
    el("td", {}, el("span", { class: "pill", "data-outcome": o, text: o })), what, ef,
    // a pass's message only repeats the expectation; the row says it already
    el("td", { class: "msg", text: o === "pass" ? "" : r.message || "", title: r.message || null }));
}
function resultTable(rows) {
  return el("table", { class: "list results" },
    el("thead", {}, el("tr", {}, ...["", "Check", "Expected / found", "Message"].map((h) => el("th", { scope: "col", text: h })))),
    el("tbody", {}, ...rows.map(resultRow)));
}
function historyStrip(file) {
  const runs = (state.history.get(file) || []).slice().sort((a, b) => Date.parse(a.started_at) - Date.parse(b.started_at));
  const strip = el("div", { class: "history", role: "img",
    "aria-label": `last ${runs.length} runs: ${runs.filter((r) => !r.healthy).length} failing` });
  for (const run of runs.slice(-HISTORY_LIMIT)) {
    const st = !run.healthy ? "fail" : run.warned ? "warn" : "ok";
    strip.append(el("i", { "data-state": st,
      title: `${new Date(run.started_at).toLocaleString()}: ${run.passed} passed, ${run.failed} failed, ${run.warned} warnings (${run.duration_ms} ms)` }));
  }
  return strip;
}
function renderChecks() {
  const files = [...state.files.values()].sort((a, b) => fileRank(a) - fileRank(b) || a.file.localeCompare(b.file));
  if (!files.length) { $("check-files").replaceChildren(el("p", { class: "empty", text: "No check files configured, or none has run yet." })); return; }
  $("check-files").replaceChildren(...files.map((f) => {
    const results = (f.results || []).slice().sort((a, b) => (ORDER[lower(a.outcome)] ?? 9) - (ORDER[lower(b.outcome)] ?? 9));
    const notPassed = results.filter((r) => lower(r.outcome) !== "pass");
    const passed = results.filter((r) => lower(r.outcome) === "pass");
    const rank = fileRank(f);
    const section = el("section", { class: "file", "data-file": f.file, "aria-label": `check file ${f.file}` },
      el("div", { class: "file-head" },
        el("span", { class: "pill", "data-outcome": ["fail", "warn", "pass"][rank], text: ["failing", "warning", "healthy"][rank] }),
        el("span", { class: "file-name", title: f.file },
          el("span", { class: "file-dir", text: f.file.slice(0, f.file.lastIndexOf("/") + 1) }),
          f.file.slice(f.file.lastIndexOf("/") + 1)),
        el("span", { class: "file-meta", "data-ago": f.last_run || "",
          text: `${f.schedule ? f.schedule + " · " : ""}ran ${ago(f.last_run)} · ${f.duration_ms ?? "?"} ms` }),
        historyStrip(f.file)));
    if (passed.length > 6 && notPassed.length) {
      section.append(resultTable(notPassed),
        el("details", { class: "more" }, el("summary", { text: `${passed.length} passed` }), resultTable(passed)));
    } else {
      section.append(resultTable(results));
    }
    return section;
  }));
}

// ---- containers and later panels ----
function renderContainers() {
  const c = state.containers;
  const card = $("containers-card");
  if (!c) return;
  card.dataset.available = String(!!c.available);
  $("docker-reason").hidden = !!c.available;
  $("docker-reason").textContent = c.available ? ""
    : c.error === "not configured" ? "Not configured." : `Docker unavailable: ${c.error || "no reason given"}`;
  const rows = (c.containers || []).map((k) => el("tr", { class: "container-row" },
    el("td", {}, el("div", { class: "mono", text: k.name }), el("div", { class: "sub img-inline", text: k.image })),
    el("td", { class: "mono", text: k.image }),
    el("td", {}, el("span", { class: "pill", "data-state": lower(k.state), text: k.state, title: k.status })),
    el("td", {}, k.health && k.health !== "none" ? el("span", { class: "pill", "data-state": lower(k.health), text: k.health }) : el("span", { class: "sub", text: "no healthcheck" }))));
  if (c.available && !rows.length) rows.push(el("tr", {}, el("td", { colspan: "4", class: "sub", text: "No containers on this node." })));
  $("containers").replaceChildren(...rows);
}
function renderConsul(c) {
  const dd = $("consul");
  if (!c) { dd.textContent = "–"; return; }
  dd.textContent = c.registered ? `registered as ${c.service_id}` : c.error || (c.available ? "not registered" : "unavailable");
  dd.title = c.address ? `Consul at ${c.address}` : "";
  dd.dataset.state = c.registered ? "ok" : c.error === "not configured" ? "off" : "down";
}
function renderPanels(panels) {
  renderConsul(panels.consul);
  // a panel the agent reports (e.g. {"nomad": {"available": false, "error": "..."}}) replaces the placeholder text
  for (const card of document.querySelectorAll(".placeholder")) {
    const p = panels[card.dataset.panel];
    if (p && p.error) card.querySelector(".reason").textContent = p.error;
  }
}

// ---- nomad ----
function renderNomad() {
  const n = state.nomad, card = $("nomad-card"), reason = $("nomad-reason");
  if (!n) return;
  card.dataset.available = String(!!n.available);
  const shown = !!n.available;
  for (const id of ["nomad-allocs-h", "nomad-allocs-table", "nomad-jobs-h", "nomad-jobs-table"]) $(id).hidden = !shown;
  if (!n.configured) { reason.hidden = false; reason.textContent = "Not configured."; return; }
  if (!n.available) { reason.hidden = false; reason.textContent = `Nomad unavailable: ${n.error || "no reason given"}`; return; }
  // available, but this node may be unknown to Nomad (no client here): say so above the cluster's jobs
  reason.hidden = !n.error; reason.textContent = n.error || "";
  const allocs = (n.allocations || []).map((a) => el("tr", { class: "nomad-alloc", "data-job": a.job_id },
    el("td", {}, el("div", { class: "mono", text: a.name }), el("div", { class: "sub", text: `${a.job_type} · ${a.id.slice(0, 8)}` })),
    el("td", {}, el("span", { class: "pill", "data-state": lower(a.client_status), text: a.client_status,
      title: `desired: ${a.desired_status}` })),
    el("td", { class: "sub", text: (a.tasks || []).map((t) => `${t.name} ${t.state}${t.restarts ? ` (${t.restarts} restarts)` : ""}`).join(", ") })));
  if (!allocs.length) allocs.push(el("tr", {}, el("td", { colspan: "3", class: "sub", text: n.node ? "No allocations on this node." : "–" })));
  $("nomad-allocs").replaceChildren(...allocs);
  const jobs = (n.jobs || []).map((j) => el("tr", { class: "nomad-job", "data-job": j.id },
    el("td", { class: "mono", text: j.id }), el("td", { class: "sub", text: j.type + (j.parameterized ? " (parameterized)" : "") }),
    el("td", {}, el("span", { class: "pill", "data-state": lower(j.status), text: j.status }))));
  if (!jobs.length) jobs.push(el("tr", {}, el("td", { colspan: "3", class: "sub", text: "No jobs." })));
  $("nomad-jobs").replaceChildren(...jobs);
}
async function loadNomad() {
  state.nomad = await getJson("/api/v1/nomad");
  renderNomad();
}

// ---- power ----
function powerStateText(n) {
  const since = Date.parse(n.since);
  if (n.state === "waking") return `waking · ${duration((Date.now() - since) / 1000)}`;
  if (n.state === "asleep") return `asleep · ${ago(n.since)}`;
  return n.state;
}
function renderPower() {
  const p = state.power, reason = $("power-reason"), table = $("power-table");
  if (!p) return;
  if (!p.configured) {
    reason.hidden = false; reason.textContent = "Not configured."; table.hidden = true;
    return;
  }
  reason.hidden = true; table.hidden = false;
  const rows = p.nodes.map((n) => {
    const label = el("span", { class: "power-state", "data-state": n.state, "data-since": n.since, text: powerStateText(n) });
    let action = null;
    if (n.state === "asleep" || n.state === "unreachable") {
      action = el("button", { type: "button", "data-node": n.name, "data-action": "wake", text: "Wake" });
    } else if (n.state === "awake") {
      action = el("button", { type: "button", class: "secondary", "data-node": n.name, "data-action": "sleep",
        "data-controller": String(n.controller), text: "Sleep" });
    }
    const name = el("td", {}, el("span", { text: n.name }),
      n.self ? el("span", { class: "sub", text: " (this node)" }) : null,
      n.controller ? el("span", { class: "sub", text: " controller" }) : null);
    return el("tr", { "data-node": n.name }, name, el("td", {}, label), el("td", {}, action));
  });
  $("power-nodes").replaceChildren(...rows);
  const idle = $("power-idle");
  if (p.idle && p.idle.enabled) {
    idle.hidden = false;
    idle.textContent = `Idle policy${p.idle.dry_run ? " (dry run)" : ""}: ${p.idle.reason || "not checked yet"}`;
  } else idle.hidden = true;
  // One line per job of the service idle policy: its state and how long it has been idle.
  const services = (p.services || []).map((s) => {
    const idleFor = s.state === "running" ? ` · no new connection for ${s.idle_seconds} s` : ` · ${s.state_seconds} s`;
    const last = s.last_event ? ` · last: ${s.last_event.action} ${s.last_event.result}` : "";
    return el("li", { "data-job": s.job, "data-state": s.state },
      `${s.job} :${s.port} ${s.state}${s.dry_run ? " (dry run)" : ""}${idleFor}${last}`);
  });
  $("power-services-h").hidden = services.length === 0;
  $("power-services").replaceChildren(...services);
  renderPowerEvents();
}
function renderPowerEvents() {
  const list = state.powerEvents.slice(0, 10).map((e) => {
    const took = e.wake_ms != null ? ` in ${(e.wake_ms / 1000).toFixed(1)} s` : "";
    return el("li", { "data-ok": String(e.result === "ok" || e.result === "dry run"), title: e.reason || "" },
      `${ago(e.time)} · ${e.action} ${e.node}${took} · ${e.cause} (${e.who}) · ${e.result}`);
  });
  $("power-events-h").hidden = list.length === 0;
  $("power-events").replaceChildren(...list);
}
async function loadPower() {
  const [power, events] = await Promise.allSettled([getJson("/api/v1/power"), getJson("/api/v1/power/events?limit=10")]);
  if (power.status === "fulfilled") state.power = power.value;
  if (events.status === "fulfilled") state.powerEvents = events.value;
  renderPower();
}
const POWER_ERRORS = {
  401: "401 Unauthorized: enter a valid API token.",
  403: "403 Forbidden: this token's role cannot wake or sleep nodes (needs operator or admin).",
};
async function powerRequest(action, node, force) {
  localStorage.setItem("drover.token", $("token").value.trim());
  const msg = $("power-msg");
  msg.hidden = true;
  try {
    const res = await fetch(`/api/v1/power/${action}`, { method: "POST",
      headers: { "Content-Type": "application/json", ...authHeaders() }, body: JSON.stringify({ node, force }) });
    if (res.ok) {
      const body = await res.json();
      msg.dataset.kind = "ok";
      msg.textContent = action === "wake" ? `Sent ${body.packets.length} magic packets to wake ${node}.` : `${node} is going to sleep.`;
    } else {
      let detail = "";
      try { detail = (await res.json()).error || ""; } catch (e) { /* not JSON */ }
      msg.dataset.kind = "error";
      msg.textContent = res.status === 429
        ? `429 Too many requests: try again in ${res.headers.get("Retry-After") || "a few"} s.`
        : POWER_ERRORS[res.status] || `${action === "wake" ? "Wake" : "Sleep"} failed: HTTP ${res.status} ${detail}`.trim();
    }
  } catch (e) {
    msg.dataset.kind = "error"; msg.textContent = `${action} failed: ${e.message}`;
  } finally {
    msg.hidden = false;
    loadPower().catch(() => {});
  }
}
let pendingSleep = null;
$("power-nodes").addEventListener("click", (e) => {
  const button = e.target.closest("button[data-action]");
  if (!button) return;
  const node = button.dataset.node;
  if (button.dataset.action === "wake") { powerRequest("wake", node, false); return; }
  // Sleep asks first, inline (no window.confirm): a mis-click must not power a machine down.
  pendingSleep = { node, force: button.dataset.controller === "true" };
  $("power-confirm-text").textContent = pendingSleep.force
    ? `Put ${node} to sleep? It is a controller; it will be forced.`
    : `Put ${node} to sleep?`;
  $("power-confirm").hidden = false;
  $("power-confirm-yes").focus();
});
$("power-confirm-yes").addEventListener("click", () => {
  $("power-confirm").hidden = true;
  if (pendingSleep) powerRequest("sleep", pendingSleep.node, pendingSleep.force);
  pendingSleep = null;
});
$("power-confirm-no").addEventListener("click", () => { $("power-confirm").hidden = true; pendingSleep = null; });


// ---- workflows ----
const wf = { defs: null, runs: [], run: null, selected: null, heard: new Map(), cancelling: null,
  filter: { workflow: "", status: "" }, next: null, olderShown: false, breakers: [] };
const RUNS_PAGE = 10, RUNS_KEPT = 500; // a page of the list; how many a long-open page keeps as events add runs
const filtered = () => Boolean(wf.filter.workflow || wf.filter.status);
const matchesFilter = (r) => (!wf.filter.workflow || r.workflow === wf.filter.workflow) && (!wf.filter.status || r.status === wf.filter.status);
function renderRuns() {
  const body = $("wf-runs"), reason = $("wf-reason");
  body.replaceChildren(...wf.runs.map((r) => {
    const row = el("tr", { "data-run": r.id, "aria-selected": String(r.id === wf.selected) },
      el("td", {}, el("span", { text: r.workflow }), el("span", { class: "sub", text: ` ${r.trigger} · ${r.who}` })),
      el("td", {}, el("span", { class: "pill", "data-state": r.status, text: r.status })),
      el("td", { class: "sub", text: ago(r.created_at) }));
    return row;
  }));
  $("wf-runs-table").hidden = wf.runs.length === 0;
  $("wf-runs-h").hidden = $("wf-filters").hidden = wf.runs.length === 0 && !filtered();
  $("wf-older").hidden = !wf.next;
  reason.hidden = wf.runs.length > 0;
  reason.textContent = filtered() ? "No runs match these filters." : "No runs yet.";
}
/** Each step's depth in the DAG: 0 without needs, else one more than its deepest need. */
function depths(steps) {
  const byId = new Map(steps.map((s) => [s.id, s])), depth = new Map();
  const of = (id, seen = new Set()) => {
    if (depth.has(id)) return depth.get(id);
    if (seen.has(id) || !byId.has(id)) return 0;
    seen.add(id);
    const d = (byId.get(id).needs || []).reduce((m, n) => Math.max(m, of(n, seen) + 1), 0);
    depth.set(id, d);
    return d;
  };
  steps.forEach((s) => of(s.id));
  return depth;
}
function stepBox(run, s) {
  const took = s.duration_ms !== null && s.duration_ms !== undefined ? ` · ${(s.duration_ms / 1000).toFixed(1)} s` : "";
  const box = el("div", { class: "wf-step", role: "listitem", "data-step": s.id, "data-status": s.status },
    el("span", { class: "wf-id", text: s.id }), " ",
    el("span", { class: "pill", "data-state": s.status, text: s.status }),
    el("span", { class: "sub", text: `${s.type || "?"}${s.attempts > 1 ? ` · ${s.attempts} attempts` : ""}${took}` }),
    s.needs && s.needs.length ? el("span", { class: "wf-needs", text: `after ${s.needs.join(", ")}` }) : null,
    s.items && s.items.length ? el("span", { class: "sub", text: `${s.items.filter((i) => i.status === "done").length}/${s.items.length} items done` }) : null,
    s.error ? el("span", { class: "sub", text: s.error }) : null);
  if (s.status === "waiting" && s.detail && s.detail.prompt) {
    box.append(el("span", { class: "sub", text: `${s.detail.prompt} (until ${new Date(s.detail.expires_at).toLocaleString()}, then ${s.detail.default})` }),
      el("button", { type: "button", "data-decision": "approve", "data-step": s.id, text: "Approve" }),
      el("button", { type: "button", class: "secondary", "data-decision": "reject", "data-step": s.id, text: "Reject" }));
  }
  const asking = (s.items || []).filter((i) => i.status === "waiting" && i.detail && i.detail.prompt);
  if (asking.length) {
    box.append(el("ul", { class: "wf-items", "aria-label": `Items of ${s.id} waiting for a decision` }, ...asking.map((i) =>
      el("li", { "data-item": String(i.index) },
        el("span", { class: "sub", text: `${itemName(s, i.index)}: ${i.detail.prompt} (until ${new Date(i.detail.expires_at).toLocaleString()}, then ${i.detail.default})` }),
        el("button", { type: "button", "data-decision": "approve", "data-step": s.id, "data-item": String(i.index),
          "aria-label": `Approve ${itemName(s, i.index)} of ${s.id}`, text: "Approve" }),
        el("button", { type: "button", class: "secondary", "data-decision": "reject", "data-step": s.id, "data-item": String(i.index),
          "aria-label": `Reject ${itemName(s, i.index)} of ${s.id}`, text: "Reject" })))));
  }
  if (s.log) {
    const details = el("details", {}, el("summary", { class: "sub", text: "log" }), el("pre", { text: s.log }));
    box.append(details);
  }
  return box;
}
function renderRun() {
  const run = wf.run;
  $("wf-run").hidden = !run;
  if (!run) return;
  $("wf-run-title").textContent = `Run of ${run.workflow}: ${run.status}${run.error ? ` — ${run.error}` : ""}`;
  $("wf-cancel").hidden = run.status !== "running";
  $("wf-retry").hidden = run.status !== "failed" && run.status !== "cancelled";
  if (wf.cancelling && (wf.cancelling !== run.id || run.status !== "running")) { $("wf-confirm").hidden = true; wf.cancelling = null; }
  const open = new Set([...document.querySelectorAll("#wf-graph details[open]")].map((d) => d.closest(".wf-step").dataset.step));
  const depth = depths(run.steps), columns = [];
  for (const s of run.steps) (columns[depth.get(s.id)] ||= []).push(s);
  $("wf-graph").replaceChildren(...columns.filter(Boolean).map((col) => el("div", { class: "wf-col" }, ...col.map((s) => stepBox(run, s)))));
  for (const id of open) { const d = document.querySelector(`#wf-graph .wf-step[data-step="${id}"] details`); if (d) d.open = true; }
}
async function selectRun(id) {
  wf.selected = id;
  const before = heard(id);
  let run = null;
  try { run = await getJson(`/api/v1/workflows/runs/${encodeURIComponent(id)}`); } catch (e) { /* shown as gone */ }
  if (wf.selected !== id) return; // another run was chosen meanwhile
  if (heard(id) === before) wf.run = run; // else an event about it, newer than this answer, already showed it
  renderRuns(); renderRun();
}
/** The first page of runs under the chosen filters; the Link header's next page, if any, for "Older runs". */
function runsPath() {
  const q = new URLSearchParams({ limit: String(RUNS_PAGE) });
  if (wf.filter.workflow) q.set("workflow", wf.filter.workflow);
  if (wf.filter.status) q.set("status", wf.filter.status);
  return `/api/v1/workflows/runs?${q}`;
}
async function loadRuns(path) {
  const { body, res } = await fetchJson(path);
  const link = /<([^>]*)>\s*;\s*rel="next"/.exec(res.headers.get("Link") || "");
  return { runs: body, next: link ? link[1] : null };
}
async function loadWorkflows() {
  try {
    if (!wf.defs) { wf.defs = await getJson("/api/v1/workflows"); renderDefs(); } // again after a reload (the "workflows" event)
    takeFirstPage(await loadRuns(runsPath()));
  } catch (e) {
    $("wf-reason").textContent = `Workflows unavailable: ${e.message}`;
    return;
  }
  renderRuns();
  loadBreakers();
  if (!wf.selected && wf.runs.length) await selectRun(wf.runs[0].id);
  else if (wf.selected) await selectRun(wf.selected);
}
/**
 * The newest page of runs, read again (on load, on reconnect, after a reload). Once "Older runs"
 * has been pressed, the older pages stay: a refresh must not fold the list the reader opened.
 */
function takeFirstPage(page) {
  if (!wf.olderShown) { wf.runs = page.runs; wf.next = page.next; return; }
  const fresh = new Set(page.runs.map((r) => r.id));
  wf.runs = page.runs.concat(wf.runs.filter((r) => !fresh.has(r.id)));
}
/** A run's newest state: into the list, and into the graph when it is the chosen run (or none is). */
function showRun(run) {
  const summary = { ...run, steps: [] };
  const at = wf.runs.findIndex((r) => r.id === run.id);
  if (at >= 0) wf.runs[at] = summary; else if (matchesFilter(summary)) wf.runs = [summary, ...wf.runs].slice(0, RUNS_KEPT);
  if (!wf.selected || wf.selected === run.id) { wf.selected = run.id; wf.run = run; renderRun(); }
  renderRuns();
}
const heard = (id) => wf.heard.get(id) || 0; // events seen about a run, to tell which of an answer and an event is newer
function workflowEvent(run) {
  wf.heard.set(run.id, heard(run.id) + 1);
  showRun(run);
  breakersSoon(); // an http or llm step's call may have moved a breaker
}
/** Chooses the run an action answered with; if an event about it came while the request was out, asks again. */
function showAnswer(run, heardBefore) {
  wf.selected = run.id;
  if (heard(run.id) === heardBefore) showRun(run); else selectRun(run.id);
}
$("wf-runs").addEventListener("click", (e) => {
  const row = e.target.closest("tr[data-run]");
  if (row) { $("wf-msg").hidden = true; selectRun(row.dataset.run); }
});
async function refilter() {
  wf.filter = { workflow: $("wf-filter-workflow").value, status: $("wf-filter-status").value };
  wf.olderShown = false;
  try { takeFirstPage(await loadRuns(runsPath())); } catch (e) { $("wf-reason").textContent = `Runs unavailable: ${e.message}`; }
  renderRuns();
}
$("wf-filter-workflow").addEventListener("change", refilter);
$("wf-filter-status").addEventListener("change", refilter);
$("wf-older").addEventListener("click", async () => {
  const button = $("wf-older");
  button.disabled = true;
  wf.olderShown = true;
  const filter = wf.filter;
  try {
    const page = await loadRuns(wf.next);
    if (filter !== wf.filter) return; // the filters changed while this page was out: it belongs to another list
    const have = new Set(wf.runs.map((r) => r.id));
    wf.runs = wf.runs.concat(page.runs.filter((r) => !have.has(r.id)));
    wf.next = page.next;
  } catch (e) {
    say($("wf-msg"), "error", `Older runs not loaded: ${e.message}`);
  } finally {
    button.disabled = false;
  }
  renderRuns();
  if (!button.hidden) button.focus();
});

/** POSTs to the workflows API with the token field's token: the answer, or an Error worded for a person. */
async function workflowPost(path, body, words) {
  localStorage.setItem("drover.token", $("token").value.trim());
  let res;
  try {
    res = await fetch(path, { method: "POST", headers: { "Content-Type": "application/json", ...authHeaders() }, body: JSON.stringify(body) });
  } catch (e) {
    throw new Error(`${words.failed}: the agent did not answer (${e.message}).`);
  }
  if (res.ok) return res.json();
  throw await refusal(res, words);
}
/** An answer the agent refused, as an Error worded for a person. */
async function refusal(res, words) {
  let detail = "";
  try { detail = (await res.json()).error || ""; } catch (e) { /* not JSON */ }
  if (res.status === 401) return new Error("401 Unauthorized: enter an operator's API token in the field beside “Run checks now”.");
  if (res.status === 403) return new Error(`403 Forbidden: this token's role cannot ${words.may} (needs operator or admin).`);
  if (res.status === 429) return new Error(`429 Too many requests: try again in ${res.headers.get("Retry-After") || "a few"} s.`);
  const why = detail || `the agent answered HTTP ${res.status}`;
  return new Error(`${words.failed}: ${why}${/[.!?]$/.test(why) ? "" : "."}`);
}
function say(msg, kind, text) { msg.dataset.kind = kind; msg.textContent = text; msg.hidden = false; }

$("wf-graph").addEventListener("click", async (e) => {
  const button = e.target.closest("button[data-decision]");
  if (!button || !wf.run) return;
  const { step, decision, item } = button.dataset, id = wf.run.id, before = heard(id);
  const shownStep = (wf.run.steps || []).find((s) => s.id === step);
  const done = decision === "approve" ? "Approved" : "Rejected";
  const which = item === undefined ? step : `${step} ${shownStep ? itemName(shownStep, Number(item)) : `item ${item}`}`;
  $("wf-msg").hidden = true;
  try {
    const run = await workflowPost(`/api/v1/workflows/runs/${encodeURIComponent(id)}/steps/${encodeURIComponent(step)}/${decision}`
      + (item === undefined ? "" : `?item=${encodeURIComponent(item)}`), {},
      { failed: `Not ${done.toLowerCase()}`, may: "approve or reject steps" });
    showAnswer(run, before);
    say($("wf-msg"), "ok", `${done} ${which}.`);
  } catch (err) {
    say($("wf-msg"), "error", err.message);
  }
});

// Cancel and Retry act on the chosen run; Cancel asks first, inline, as Sleep does.
async function runAction(id, action) {
  const name = (wf.runs.find((r) => r.id === id) || wf.run || {}).workflow;
  const words = action === "cancel"
    ? { failed: "Not cancelled", may: "cancel runs", done: `Cancelled the run of ${name}.` }
    : { failed: "Not retried", may: "retry runs", done: `Retrying the run of ${name} from its failed steps.` };
  const msg = $("wf-msg"), before = heard(id);
  msg.hidden = true;
  try {
    showAnswer(await workflowPost(`/api/v1/workflows/runs/${encodeURIComponent(id)}/${action}`, {}, words), before);
    say(msg, "ok", words.done);
  } catch (err) {
    say(msg, "error", err.message);
  }
  msg.focus(); // the pressed button has gone (or will): keep the keyboard in the card
}
$("wf-cancel").addEventListener("click", () => {
  if (!wf.run) return;
  wf.cancelling = wf.run.id;
  $("wf-confirm-text").textContent = `Cancel this run of ${wf.run.workflow}? Its running steps are stopped and no more start.`;
  $("wf-confirm").hidden = false;
  $("wf-confirm-yes").focus();
});
$("wf-confirm-yes").addEventListener("click", () => {
  const id = wf.cancelling;
  $("wf-confirm").hidden = true; wf.cancelling = null;
  if (id) runAction(id, "cancel");
});
$("wf-confirm-no").addEventListener("click", () => {
  $("wf-confirm").hidden = true; wf.cancelling = null;
  $("wf-cancel").focus();
});
$("wf-retry").addEventListener("click", () => { if (wf.run) runAction(wf.run.id, "retry"); });

// The workflows of this agent, each with a Run button opening a form for its inputs.
function triggersText(d) {
  const any = (names, what) => names.includes("*") ? `any ${what}` : names.join(", ");
  const on = d.on || {}, parts = ["by hand"];
  if (d.schedule) parts.push(`on schedule ${d.schedule}`);
  if ((on.check_failed || []).length) parts.push(`when check ${any(on.check_failed, "file")} fails`);
  if ((on.node_woke || []).length) parts.push(`when ${any(on.node_woke, "node")} wakes`);
  return `Runs ${parts.join(" · ")}`;
}
function renderDefs() {
  $("wf-filter-workflow").replaceChildren(el("option", { value: "", text: "all" }),
    ...wf.defs.map((d) => el("option", { value: d.name, text: d.name })));
  $("wf-defs-h").hidden = wf.defs.length === 0;
  $("wf-defs").replaceChildren(...wf.defs.map((d) => el("li", { class: "wf-def", "data-workflow": d.name },
    el("div", { class: "wf-def-head" },
      el("span", { class: "wf-id", text: d.name }),
      el("button", { type: "button", class: "secondary", "data-source": d.name, "aria-controls": "wf-check",
        "aria-label": `Open ${d.name}'s file in the checker`, text: "File" }),
      el("button", { type: "button", class: "secondary", "data-start": d.name, "aria-expanded": "false",
        "aria-label": `Run ${d.name}`, text: "Run" })),
    d.description ? el("span", { class: "sub", text: d.description }) : null,
    el("span", { class: "sub", text: triggersText(d) }))));
}
/**
 * A for_each item as a person knows it: its value ("lab2"), from the step's items (in its
 * detail while it runs, in its outputs once gathered), else its place ("item 3").
 */
function itemName(s, index) {
  const values = (s.detail && s.detail.items) || (s.outputs && s.outputs.items) || [];
  if (index >= values.length) return `item ${index}`;
  const text = shown(values[index]);
  return text.length > 40 ? `${text.slice(0, 39)}…` : text;
}
/** The text a field shows for an input's default: strings as they are, other values as JSON. */
const shown = (v) => v === null || v === undefined ? "" : typeof v === "string" ? v : JSON.stringify(v);
/** The value sent for a field: text, or JSON when the default is not a string or the text looks like a list or map. */
function inputValue(spec, text) {
  const d = spec.default_value;
  if ((d === null || d === undefined || typeof d === "string") && !/^\s*[[{]/.test(text)) return text;
  try { return JSON.parse(text); } catch (e) {
    throw new Error(`${spec.name}: write a JSON value, e.g. ${typeof d === "number" ? "3" : '["lab1", "lab2"]'}.`);
  }
}
/** The field an input gets: from its type and choices in the file, else from what its default is. */
function fieldKind(i) {
  if (i.choices) return i.type === "list" || Array.isArray(i.default_value) ? "pick-many" : "pick-one";
  const d = i.default_value;
  const type = i.type || (typeof d === "boolean" ? "boolean" : typeof d === "number" ? "number" : null);
  return type === "boolean" ? "boolean" : type === "number" || type === "integer" ? "number" : "text";
}
const sameChoice = (a, b) => JSON.stringify(a) === JSON.stringify(b);
/** One input's control: a text or number field, a checkbox, a list of choices to pick one of, or boxes to tick. */
function inputControl(i, id, hint) {
  const kind = fieldKind(i), d = i.default_value;
  if (kind === "pick-many") {
    const picked = Array.isArray(d) ? d : [];
    return el("div", { id, class: "wf-choices", role: "group", "aria-labelledby": `${id}-label`, "aria-describedby": hint },
      ...i.choices.map((c, k) => el("label", { class: "wf-choice" },
        el("input", { type: "checkbox", name: i.name, value: String(k), checked: picked.some((p) => sameChoice(p, c)) ? "" : null }),
        el("span", { class: "mono", text: shown(c) }))));
  }
  if (kind === "pick-one") {
    const select = el("select", { id, name: i.name, required: i.required ? "" : null, "aria-describedby": hint },
      ...(i.required || d !== null && d !== undefined ? [] : [el("option", { value: "", text: "(none)" })]),
      ...i.choices.map((c, k) => el("option", { value: String(k), text: shown(c) })));
    const at = i.choices.findIndex((c) => sameChoice(c, d));
    if (at >= 0) select.value = String(at);
    return select;
  }
  if (kind === "boolean") {
    return el("input", { id, name: i.name, type: "checkbox", checked: d === true ? "" : null, "aria-describedby": hint });
  }
  const input = el("input", { id, name: i.name, type: kind === "number" ? "number" : "text", spellcheck: "false",
    autocomplete: "off", step: kind === "number" ? (i.type === "integer" ? "1" : "any") : null,
    required: i.required ? "" : null, "aria-describedby": hint });
  input.value = shown(d);
  return input;
}
/** The value a control holds for an input; undefined when left empty (then the input's default applies). */
function controlValue(i, form) {
  const kind = fieldKind(i);
  if (kind === "pick-many") {
    return [...form.querySelectorAll(`input[type=checkbox][name="${CSS.escape(i.name)}"]`)].filter((b) => b.checked)
      .map((b) => i.choices[Number(b.value)]);
  }
  const control = form.elements.namedItem(i.name);
  if (kind === "boolean") return control.checked;
  if (kind === "pick-one") return control.value === "" ? undefined : i.choices[Number(control.value)];
  if (control.value === "") return undefined;
  return kind === "number" ? Number(control.value) : inputValue(i, control.value);
}
function startForm(d) {
  const form = el("form", { class: "wf-start", "aria-label": `Start a run of ${d.name}` });
  d.inputs.forEach((i, n) => {
    const id = `wf-in-${n}`, hint = i.description ? `${id}-hint` : null;
    const grouped = fieldKind(i) === "pick-many";
    form.append(el("div", { class: "wf-field", "data-kind": fieldKind(i) },
      el(grouped ? "span" : "label", grouped ? { id: `${id}-label`, class: "wf-label" } : { for: id },
        el("span", { class: "mono", text: i.name }), i.required ? el("span", { class: "wf-req", text: " required" }) : null),
      inputControl(i, id, hint), hint ? el("span", { id: hint, class: "sub", text: i.description }) : null));
  });
  if (!d.inputs.length) form.append(el("p", { class: "sub", text: "No inputs." }));
  const msg = el("p", { class: "run-msg", role: "alert", hidden: "" });
  form.append(el("div", { class: "wf-buttons" },
    el("button", { type: "submit", text: "Start run" }),
    el("button", { type: "button", class: "secondary", "data-close": "", text: "Close" })), msg);
  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    const submit = form.querySelector("button[type=submit]"), inputs = {};
    msg.hidden = true;
    try {
      for (const i of d.inputs) {
        const value = controlValue(i, form);
        if (value !== undefined) inputs[i.name] = value; // left empty: the default applies
      }
    } catch (err) { say(msg, "error", err.message); return; }
    submit.disabled = true;
    try {
      const run = await workflowPost(`/api/v1/workflows/${encodeURIComponent(d.name)}/runs`, { inputs },
        { failed: "Not started", may: "start runs" });
      closeStartForm(true);
      showAnswer(run, 0);
      say($("wf-msg"), "ok", `Started a run of ${d.name}.`);
    } catch (err) {
      say(msg, "error", err.message);
    } finally {
      submit.disabled = false;
    }
  });
  form.addEventListener("keydown", (e) => { if (e.key === "Escape") closeStartForm(true); });
  return form;
}
/** Closes the open form, if any; with refocus, the keyboard goes back to its Run button. */
function closeStartForm(refocus) {
  const form = $("wf-defs").querySelector("form");
  if (!form) return;
  const button = form.closest("li").querySelector("button[data-start]");
  form.remove();
  button.setAttribute("aria-expanded", "false");
  if (refocus) button.focus();
}
/** An installed workflow's file, into the checker: to read it, or to try a change before installing it. */
async function openSource(name) {
  const msg = $("wf-check-msg");
  try {
    const { workflow, source } = await getJson(`/api/v1/workflows/${encodeURIComponent(name)}`);
    $("wf-yaml").value = source;
    $("wf-check-name").value = workflow.file.split("/").pop();
    $("wf-check").open = true;
    renderGutter(0);
    say(msg, "ok", `Loaded ${workflow.file}. Changes here are only checked; install the file on the node, then reload.`);
    $("wf-yaml").focus();
  } catch (err) {
    $("wf-check").open = true;
    say(msg, "error", `Could not load ${name}: ${err.message}`);
  }
}
$("wf-defs").addEventListener("click", (e) => {
  if (e.target.closest("button[data-close]")) { closeStartForm(true); return; }
  const source = e.target.closest("button[data-source]");
  if (source) { openSource(source.dataset.source); return; }
  const button = e.target.closest("button[data-start]");
  if (!button) return;
  const wasOpen = button.getAttribute("aria-expanded") === "true";
  closeStartForm(false);
  if (wasOpen) return;
  const form = startForm(wf.defs.find((d) => d.name === button.dataset.start));
  button.closest("li").append(form);
  button.setAttribute("aria-expanded", "true");
  (form.querySelector("input") || form.querySelector("button")).focus();
});

// The circuit breakers of the http and llm steps' endpoints; open ones stand out, and an operator may reset one.
function until(iso) {
  const s = (Date.parse(iso) - Date.now()) / 1000;
  return s < 1 ? "now" : `in ${duration(s)}`;
}
function breakerText(b) {
  const parts = [];
  if (b.next_trial_at) parts.push(`${b.state === "open" ? "next trial" : "trial lease ends"} ${until(b.next_trial_at)}`);
  if (b.last_error) parts.push(`last error ${ago(b.last_error_at)}: ${b.last_error}`);
  return parts.join(" · ");
}
function renderBreakers() {
  const list = wf.breakers, open = list.filter((b) => b.state === "open").length;
  $("wf-breakers-h").hidden = $("wf-breakers-table").hidden = list.length === 0;
  $("wf-breakers-h").textContent = open ? `Circuit breakers · ${open} open` : "Circuit breakers";
  $("wf-breakers-h").dataset.state = open ? "open" : "";
  $("wf-breakers").replaceChildren(...list.map((b) => el("tr", { "data-endpoint": b.endpoint, "data-state": b.state },
    el("td", {}, el("span", { class: "mono", text: b.endpoint }), el("span", { class: "sub", text: breakerText(b) })),
    el("td", {}, el("span", { class: "pill", "data-state": b.state, text: b.state })),
    el("td", {}, el("span", { class: "wf-count", text: `${b.consecutive_failures} of ${b.failure_threshold} in a row · cool-down ${b.cool_down}` })),
    el("td", {}, b.state !== "closed" || b.consecutive_failures > 0
      ? el("button", { type: "button", class: "secondary", "data-reset": b.endpoint, "aria-label": `Reset the breaker of ${b.endpoint}`, text: "Reset" })
      : null))));
}
async function loadBreakers() {
  try { wf.breakers = await getJson("/api/v1/workflows/breakers"); } catch (e) { return; }
  renderBreakers();
}
let breakersTimer = null;
function breakersSoon() { // events come in bursts: one read per burst
  if (!breakersTimer) breakersTimer = setTimeout(() => { breakersTimer = null; loadBreakers(); }, 300);
}
$("wf-breakers").addEventListener("click", async (e) => {
  const button = e.target.closest("button[data-reset]");
  if (!button) return;
  const endpoint = button.dataset.reset, msg = $("wf-breakers-msg");
  msg.hidden = true;
  try {
    await workflowPost("/api/v1/workflows/breakers/reset", { endpoint }, { failed: "Not reset", may: "reset circuit breakers" });
    say(msg, "ok", `Reset the breaker of ${endpoint}: closed, calls go through again.`);
  } catch (err) {
    say(msg, "error", err.message);
  }
  await loadBreakers();
  msg.focus(); // the Reset button has gone
});

// Check a workflow file before it goes into the agent's workflows/: pasted or typed, the first mistake shown at its line.
function renderGutter(bad) {
  const lines = $("wf-yaml").value.split("\n").length;
  $("wf-gutter").replaceChildren(...Array.from({ length: lines }, (_, n) =>
    el("span", n + 1 === bad ? { class: "wf-bad", "data-line": String(n + 1), title: "the mistake is on this line" }
      : { "data-line": String(n + 1) }, `${n + 1}\n`)));
  $("wf-gutter").scrollTop = $("wf-yaml").scrollTop;
}
function caretTo(line, column) {
  const area = $("wf-yaml"), lines = area.value.split("\n");
  let at = 0;
  for (let n = 0; n < line - 1 && n < lines.length; n++) at += lines[n].length + 1;
  at += Math.max(0, Math.min((column || 1) - 1, (lines[line - 1] || "").length));
  area.focus();
  area.setSelectionRange(at, at);
  const lineHeight = parseFloat(getComputedStyle(area).lineHeight) || 18;
  area.scrollTop = Math.max(0, (line - 3) * lineHeight);
  $("wf-gutter").scrollTop = area.scrollTop;
}
$("wf-yaml").addEventListener("input", () => renderGutter(0));
$("wf-yaml").addEventListener("scroll", () => { $("wf-gutter").scrollTop = $("wf-yaml").scrollTop; });
$("wf-check-form").addEventListener("submit", async (e) => {
  e.preventDefault();
  const msg = $("wf-check-msg"), button = $("wf-validate"), name = $("wf-check-name").value.trim() || "workflow.yml";
  msg.hidden = true;
  renderGutter(0);
  localStorage.setItem("drover.token", $("token").value.trim());
  button.disabled = true;
  try {
    let res;
    try {
      res = await fetch(`/api/v1/workflows/validate?name=${encodeURIComponent(name)}`,
        { method: "POST", headers: { "Content-Type": "application/yaml", ...authHeaders() }, body: $("wf-yaml").value });
    } catch (err) {
      throw new Error(`Not checked: the agent did not answer (${err.message}).`);
    }
    if (res.status !== 200 && res.status !== 422) throw await refusal(res, { failed: "Not checked", may: "validate workflows" });
    const answer = await res.json();
    if (answer.valid) {
      say(msg, "ok", `Valid: workflow ${answer.name} with ${answer.steps} step${answer.steps === 1 ? "" : "s"}.`);
    } else {
      const where = answer.line ? `Line ${answer.line}${answer.column ? `, column ${answer.column}` : ""}: ` : "";
      say(msg, "error", `${where}${answer.message}${answer.hint ? ` — ${answer.hint}` : ""}`);
      if (answer.line) { renderGutter(answer.line); caretTo(answer.line, answer.column); }
    }
  } catch (err) {
    say(msg, "error", err.message);
  } finally {
    button.disabled = false;
  }
});
renderGutter(0);

// ---- loading and live updates ----
const token = () => localStorage.getItem("drover.token") || "";
function authHeaders() { return token() ? { Authorization: `Bearer ${token()}` } : {}; }
async function getJson(path) {
  return (await fetchJson(path)).body;
}
/** A GET's JSON and the response (for its headers). */
async function fetchJson(path) {
  let res = await fetch(path, { headers: { Accept: "application/json", ...authHeaders() }, cache: "no-store" });
  if (res.status === 401 && token()) { // a stale token must not hide what open reads would show
    res = await fetch(path, { headers: { Accept: "application/json" }, cache: "no-store" });
  }
  if (!res.ok) { const e = new Error(`${path}: HTTP ${res.status}`); e.status = res.status; throw e; }
  return { body: await res.json(), res };
}
async function loadHistory(file) {
  try {
    state.history.set(file, await getJson(`/api/v1/checks/history?file=${encodeURIComponent(file)}&limit=${HISTORY_LIMIT}`));
  } catch (e) { /* the strip stays as it was */ }
}
function touched() { state.updated = new Date().toISOString(); $("updated").textContent = "just now"; }
async function loadAll() {
  const [status, checks, containers] = await Promise.allSettled([getJson("/api/v1/status"), getJson("/api/v1/checks"), getJson("/api/v1/containers")]);
  if (status.status === "fulfilled") state.status = status.value;
  else if (status.reason.status === 401 || status.reason.status === 403) { needToken(status.reason.status); return; }
  if (checks.status === "fulfilled") {
    state.files = new Map(checks.value.map((f) => [f.file, f]));
    await Promise.all(checks.value.map((f) => loadHistory(f.file)));
  }
  if (containers.status === "fulfilled") state.containers = containers.value;
  renderStatus(); renderChecks(); renderContainers(); renderBanner(); touched();
  await loadPower().catch(() => {});
  await loadNomad().catch(() => {});
  await loadWorkflows().catch(() => {});
}
// Reads may be closed by the agent's config: then the page asks for a token instead of showing blanks.
function needToken(status) {
  const banner = $("banner");
  banner.dataset.state = "unknown";
  $("banner-title").textContent = status === 401 ? "This agent needs a token to show its status" : "This token may not read this agent";
  $("banner-detail").textContent = "· enter a viewer (or operator) token in the field beside “Run checks now”";
}
let events = null;
function connect() {
  const live = $("live");
  if (events) events.close();
  // EventSource cannot send headers; the agent accepts a read token in the URL instead
  events = new EventSource("/api/v1/events" + (token() ? `?access_token=${encodeURIComponent(token())}` : ""));
  let dropped = false;
  events.onopen = () => {
    live.dataset.state = "live"; live.textContent = "live";
    // Catch up on what happened while away — and, on the first open, between the page's first
    // reads and this stream starting (a run started then would otherwise never show).
    if (dropped) { dropped = false; loadAll().catch(() => {}); } else loadWorkflows().catch(() => {});
  };
  events.onerror = () => { dropped = true; live.dataset.state = "down"; live.textContent = "reconnecting…"; };
  events.addEventListener("status", (e) => {
    state.status = JSON.parse(e.data);
    renderStatus(); touched();
    getJson("/api/v1/containers").then((c) => { state.containers = c; renderContainers(); }).catch(() => {});
  });
  events.addEventListener("power", (e) => {
    state.power = JSON.parse(e.data);
    renderPower();
    getJson("/api/v1/power/events?limit=10").then((list) => { state.powerEvents = list; renderPowerEvents(); }).catch(() => {});
  });
  events.addEventListener("workflow", (e) => workflowEvent(JSON.parse(e.data)));
  // The agent read its workflow files again: the list, its inputs and triggers may have changed.
  events.addEventListener("workflows", () => { wf.defs = null; loadWorkflows().catch(() => {}); });
  events.addEventListener("nomad", (e) => {
    state.nomad = JSON.parse(e.data);
    renderNomad();
  });
  events.addEventListener("checks", async (e) => {
    const entry = JSON.parse(e.data);
    state.files.set(entry.file, entry);
    renderChecks(); renderBanner(); touched();
    await loadHistory(entry.file);
    renderChecks();
  });
}

// ---- run checks now ----
const RUN_ERRORS = {
  401: "401 Unauthorized: enter a valid API token.",
  403: "403 Forbidden: this token's role cannot run checks (needs operator or admin).",
};
async function runNow(event) {
  event.preventDefault();
  localStorage.setItem("drover.token", $("token").value.trim());
  const button = $("run"), msg = $("run-msg");
  button.disabled = true; button.textContent = "Running…"; msg.hidden = true;
  try {
    const res = await fetch("/api/v1/checks/run", { method: "POST", headers: authHeaders() });
    if (res.ok) {
      const files = await res.json();
      for (const f of files) state.files.set(f.file, f);
      await Promise.all(files.map((f) => loadHistory(f.file)));
      renderChecks(); renderBanner(); touched();
      msg.dataset.kind = "ok"; msg.textContent = `Ran ${files.length} check file${files.length === 1 ? "" : "s"}.`;
    } else {
      msg.dataset.kind = "error";
      msg.textContent = res.status === 429
        ? `429 Too many requests: try again in ${res.headers.get("Retry-After") || "a few"} s.`
        : RUN_ERRORS[res.status] || `Run failed: HTTP ${res.status} ${await res.text()}`.trim();
    }
  } catch (e) {
    msg.dataset.kind = "error"; msg.textContent = `Run failed: ${e.message}`;
  } finally {
    msg.hidden = false; button.disabled = false; button.textContent = "Run checks now";
  }
}

function tick() { // relative times age without any traffic
  if (state.updated) $("updated").textContent = ago(state.updated);
  for (const node of document.querySelectorAll("[data-ago]")) {
    if (node.dataset.ago) node.textContent = node.textContent.replace(/ran .*? ·/, `ran ${ago(node.dataset.ago)} ·`);
  }
  renderBanner();
  for (const row of document.querySelectorAll("#wf-breakers tr[data-endpoint]")) { // only the words: a focused Reset stays
    const b = wf.breakers.find((x) => x.endpoint === row.dataset.endpoint);
    if (b) row.querySelector(".sub").textContent = breakerText(b);
  }
  for (const node of document.querySelectorAll(".power-state[data-state]")) {
    const n = { state: node.dataset.state, since: node.dataset.since };
    if (n.state === "waking" || n.state === "asleep") node.textContent = powerStateText(n);
  }
}

$("token").value = token();
$("run-form").addEventListener("submit", runNow);
$("token").addEventListener("change", () => { // a new token may open reads: load again with it
  localStorage.setItem("drover.token", $("token").value.trim());
  loadAll().catch(() => {}).finally(connect);
});
loadAll().catch(() => {}).finally(connect);
setInterval(tick, 5000);
