// The Customer Agent overview page: reads the JSON API next to it (api/...), draws the charts as SVG, nothing from elsewhere.
// Every number shown comes from the API as computed by the library's rules; the page only formats and draws.

const SVG = "http://www.w3.org/2000/svg";
const PALETTE = ["#2454c5", "#e07b00", "#1a8a4a", "#b8336a", "#6b4fbb", "#00838f", "#8d6e00", "#c62828", "#546e7a", "#7cb342"];
const STATUS_NAMES = { "open": "Open", "resolved-by-ai": "Resolved by AI", "routed-to-team": "Routed to team", "closed": "Closed" };
const CHANNEL_NAMES = { "web-chat": "Web chat", "sms": "SMS", "email": "Email", "whatsapp": "WhatsApp" };

const $ = (id) => document.getElementById(id);
const state = {
  account: null,        // the account's description from api/accounts
  period: "last_7_days",
  groupBy: "channel",
  report: null,         // the report document of the current account and period
  sort: "last-updated",
  order: "desc",
  cursors: [null],      // the cursor of each page visited (keyset paging); the last is the current page's
  next: null,
  lastFocus: null,
};

function el(name, attrs = {}, ...children) {
  const node = document.createElement(name);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === null || v === undefined || v === false) continue;
    if (k === "text") node.textContent = v;
    else if (k === "class") node.className = v;
    else node.setAttribute(k, v === true ? "" : v);
  }
  for (const c of children) node.append(c);
  return node;
}

function svg(name, attrs = {}) {
  const node = document.createElementNS(SVG, name);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  return node;
}

const numbers = new Intl.NumberFormat(undefined);
const percent = new Intl.NumberFormat(undefined, { style: "percent", minimumFractionDigits: 1, maximumFractionDigits: 1 });
const when = (iso) => new Date(iso).toLocaleString(undefined, { timeZone: state.account?.timezone, dateStyle: "medium", timeStyle: "short" });

function say(text, error = false) {
  const s = $("status");
  s.textContent = text;
  s.classList.toggle("error", error);
}

async function api(path, params = {}) {
  const query = new URLSearchParams(Object.entries(params).filter(([, v]) => v !== null && v !== undefined && v !== ""));
  const url = "api/" + path + (query.toString() ? "?" + query : "");
  const response = await fetch(url, { headers: { accept: "application/json" } });
  const body = await response.json();
  if (!response.ok) {
    throw new Error(body.detail || body.title || response.statusText);
  }
  return body;
}

const accountPath = () => "accounts/" + encodeURIComponent(state.account.account);

// ---- accounts and period -------------------------------------------------------------------------------------------------

async function loadAccounts() {
  const { accounts } = await api("accounts");
  const select = $("account");
  select.replaceChildren(...accounts.map((a) => el("option", { value: a.account, text: a.account })));
  select.addEventListener("change", () => {
    state.account = accounts.find((a) => a.account === select.value);
    refresh();
  });
  state.account = accounts[0] ?? null;
  if (!state.account) {
    say("The log has no account.");
    return false;
  }
  return true;
}

function periodParam() {
  if (state.period !== "custom") return state.period;
  return $("from").value + ".." + $("to").value;
}

function showAccount() {
  const a = state.account;
  $("zone").textContent = `Days in ${a.timezone} (the account's time zone); weeks start on ${a["first-day-of-week"]}.`;
  $("as-of").textContent = `Statuses as of ${when(a["as-of"])}.`;
  for (const input of [$("from"), $("to")]) input.max = a.today;
  if (!$("from").value) {
    const today = new Date(a.today + "T00:00:00Z");
    const week = new Date(today.getTime() - 6 * 86400000);
    $("from").value = week.toISOString().slice(0, 10);
    $("to").value = a.today;
  }
}

// ---- the report: tiles, chart, skills -----------------------------------------------------------------------------------

async function loadReport() {
  state.report = await api(accountPath() + "/report", { period: periodParam(), groupBy: state.groupBy, rows: 0 });
  const p = state.report.period;
  $("period-label").textContent = `${p.key ? p.key.replaceAll("_", " ") + ": " : ""}${p["first-date"]} to ${p["last-date"]} (${p.timezone})`;
  showTiles(state.report.kpis);
  drawChart(state.report.days);
  drawSkills(state.report["skill-values-report"]);
}

function rateTile(id, count, rate, volume) {
  const out = $(id);
  out.dataset.count = count;
  if (rate === null) {
    // no conversation in the period: no rate (never 0 %)
    out.textContent = "No conversations";
    out.dataset.rate = "";
    out.classList.add("none");
    $(id + "-detail").textContent = "no rate without conversations";
  } else {
    out.textContent = percent.format(rate);
    out.dataset.rate = String(rate);
    out.classList.remove("none");
    $(id + "-detail").textContent = `${numbers.format(count)} of ${numbers.format(volume)} conversations`;
  }
}

function showTiles(k) {
  const volume = $("kpi-volume");
  volume.textContent = numbers.format(k.volume);
  volume.dataset.value = k.volume;
  $("kpi-volume-detail").textContent = `open ${numbers.format(k.open)} · closed ${numbers.format(k.closed)}`;
  rateTile("kpi-resolved", k["resolved-by-ai"], k["resolved-by-ai-rate"], k.volume);
  rateTile("kpi-routed", k["routed-to-team"], k["routed-to-team-rate"], k.volume);
  const sales = $("kpi-sales");
  const items = k["ai-generated-sales"].map((m) => {
    const text = m.overflow
      ? `${m.currency}: past the decimal range`
      : new Intl.NumberFormat(undefined, { style: "currency", currency: m.currency }).format(m.amount);
    return el("li", { "data-currency": m.currency, "data-amount": m.overflow ? "" : String(m.amount), text });
  });
  sales.replaceChildren(...(items.length ? items : [el("li", { class: "none", text: "None" })]));
}

function segmentsOf(days) {
  const key = "by-" + state.groupBy;
  const keys = [];
  for (const d of days) for (const [k, v] of Object.entries(d[key])) if (v > 0 && !keys.includes(k)) keys.push(k);
  if (state.groupBy !== "tag" && days.length) {
    const order = Object.keys(days[0][key]);
    keys.sort((a, b) => order.indexOf(a) - order.indexOf(b));
  }
  return keys;
}

const label = (key) => STATUS_NAMES[key] ?? CHANNEL_NAMES[key] ?? key;

function drawChart(days) {
  const host = $("chart");
  const keys = segmentsOf(days);
  const color = Object.fromEntries(keys.map((k, i) => [k, PALETTE[i % PALETTE.length]]));
  const by = "by-" + state.groupBy;
  const max = Math.max(1, ...days.map((d) => keys.reduce((s, k) => s + (d[by][k] ?? 0), 0)));
  const width = Math.max(320, host.clientWidth || 640);
  const height = 220;
  const left = 36, bottom = 34, top = 10;
  const slot = (width - left - 6) / Math.max(1, days.length);
  const bar = Math.max(2, Math.min(40, slot * 0.7));
  const scale = (height - top - bottom) / max;
  const total = days.reduce((s, d) => s + d.total, 0);
  const chart = svg("svg", { viewBox: `0 0 ${width} ${height}`, role: "img", "aria-labelledby": "chart-title chart-desc" });
  const title = svg("title", { id: "chart-title" });
  title.textContent = `Conversations per day by ${state.groupBy}`;
  const desc = svg("desc", { id: "chart-desc" });
  desc.textContent = `${days.length} days, ${total} conversations. ` +
    days.map((d) => `${d.date}${d.hours !== 24 ? ` (${d.hours} hours)` : ""}: ${d.total}`).join("; ");
  chart.append(title, desc);
  for (const t of [0, max]) {
    const y = height - bottom - t * scale;
    chart.append(svg("line", { x1: left, x2: width, y1: y, y2: y, stroke: "#d9dde6" }));
    const text = svg("text", { x: left - 4, y: y + 4, "text-anchor": "end" });
    text.textContent = numbers.format(t);
    chart.append(text);
  }
  const every = Math.ceil(days.length / Math.max(1, Math.floor((width - left) / 44)));
  days.forEach((d, i) => {
    const x = left + i * slot + (slot - bar) / 2;
    let y = height - bottom;
    const group = svg("g", { "data-date": d.date, "data-hours": d.hours, "data-total": d.total });
    for (const k of keys) {
      const n = d[by][k] ?? 0;
      if (!n) continue;
      const h = n * scale;
      y -= h;
      const rect = svg("rect", { x, y, width: bar, height: h, fill: color[k], "data-key": k, "data-count": n });
      const tip = svg("title");
      tip.textContent = `${d.date}: ${label(k)} ${n}`;
      rect.append(tip);
      group.append(rect);
    }
    if (d.hours !== 24) {
      // a daylight-saving day: 23 or 25 hours long, outlined and labelled
      group.classList.add("dst-day");
      group.append(svg("rect", { class: "short-day", x: x - 2, y: top, width: bar + 4, height: height - bottom - top }));
      const mark = svg("text", { class: "dst", x: x + bar / 2, y: height - 4, "text-anchor": "middle" });
      mark.textContent = `${d.hours} h`;
      group.append(mark);
    }
    if (i % every === 0) {
      const text = svg("text", { x: x + bar / 2, y: height - bottom + 14, "text-anchor": "middle" });
      text.textContent = d.date.slice(5);
      group.append(text);
    }
    chart.append(group);
  });
  host.replaceChildren(chart);
  $("legend").replaceChildren(...keys.map((k) =>
    el("li", {}, el("span", { class: "swatch", "aria-hidden": "true", "data-color": color[k] }), label(k))));
  for (const swatch of $("legend").querySelectorAll(".swatch")) swatch.style.background = swatch.dataset.color;
  const dst = days.filter((d) => d.hours !== 24);
  $("chart-note").textContent = dst.length
    ? `Days of ${dst.map((d) => `${d.hours} hours (${d.date})`).join(", ")} are outlined: the clocks changed in ${state.report.period.timezone}.`
    : "";
}

function drawSkills(skillReport) {
  const host = $("skills");
  const results = skillReport.data.attributes.results
    .map((r) => ({ skill: r.groupings.skill, volume: r.statistics.volume }))
    .filter((r) => r.volume > 0)
    .sort((a, b) => b.volume - a.volume || String(a.skill).localeCompare(String(b.skill)));
  if (!results.length) {
    host.replaceChildren(el("p", { class: "note", text: "No skill invoked in the period." }));
    return;
  }
  const width = Math.max(320, host.clientWidth || 640);
  const row = 26, labelWidth = Math.min(200, width * 0.4);
  const max = Math.max(...results.map((r) => r.volume));
  const chart = svg("svg", { viewBox: `0 0 ${width} ${results.length * row + 4}`, role: "img", "aria-labelledby": "skills-title" });
  const title = svg("title", { id: "skills-title" });
  title.textContent = "Volume per skill: " + results.map((r) => `${r.skill} ${r.volume}`).join(", ");
  chart.append(title);
  results.forEach((r, i) => {
    const y = i * row + 4;
    const name = svg("text", { x: 0, y: y + 15 });
    name.textContent = r.skill;
    const w = Math.max(2, (width - labelWidth - 60) * r.volume / max);
    const rect = svg("rect", { x: labelWidth, y, width: w, height: row - 8, fill: "#00838f", "data-skill": r.skill, "data-volume": r.volume });
    const count = svg("text", { x: labelWidth + w + 6, y: y + 15 });
    count.textContent = numbers.format(r.volume);
    chart.append(name, rect, count);
  });
  host.replaceChildren(chart);
}

// ---- the conversations table --------------------------------------------------------------------------------------------

async function loadTags() {
  const days = await api(accountPath() + "/days", { period: periodParam(), groupBy: "tag" });
  const tags = [...new Set(days.days.flatMap((d) => Object.keys(d["by-tag"]).filter((t) => t !== "untagged")))].sort();
  const select = $("filter-tag");
  const current = select.value;
  select.replaceChildren(el("option", { value: "", text: "All" }), ...tags.map((t) => el("option", { value: t, text: t })));
  select.value = tags.includes(current) ? current : "";
}

async function loadPage() {
  const cursor = state.cursors[state.cursors.length - 1];
  const page = await api(accountPath() + "/conversations", {
    period: periodParam(),
    status: $("filter-status").value,
    channel: $("filter-channel").value,
    tag: $("filter-tag").value,
    search: $("search").value.trim(),
    sort: state.sort,
    order: state.order,
    pageSize: 20,
    cursor,
  });
  state.next = page["next-cursor"];
  const body = $("table").tBodies[0];
  body.replaceChildren(...page.rows.map(rowOf));
  if (!page.rows.length) {
    body.append(el("tr", {}, el("td", { colspan: 8, text: "No conversation matches." })));
  }
  const first = (state.cursors.length - 1) * 20;
  $("page-status").textContent = page.rows.length
    ? `Rows ${first + 1}–${first + page.rows.length} of ${page.matching} · page ${state.cursors.length}`
    : `0 of ${page.matching}`;
  $("page-status").dataset.matching = page.matching;
  $("page-status").dataset.page = state.cursors.length;
  $("next-page").disabled = !state.next;
  $("prev-page").disabled = state.cursors.length === 1;
  $("first-page").disabled = state.cursors.length === 1;
  for (const th of document.querySelectorAll("#table th[data-sort]")) {
    if (th.dataset.sort === state.sort) th.setAttribute("aria-sort", state.order === "asc" ? "ascending" : "descending");
    else th.removeAttribute("aria-sort");
  }
}

function rowOf(r) {
  const open = el("button", { type: "button", class: "open-thread", "aria-label": `Open the conversation ${r.id} with ${r.profile}`, text: r.profile || r.id });
  open.addEventListener("click", (e) => { e.stopPropagation(); openThread(r.id, open); });
  const tr = el("tr", { "data-id": r.id },
    el("td", {}, open),
    el("td", { text: r["first-question"] }),
    el("td", {}, el("span", { class: "pill " + r.status, text: STATUS_NAMES[r.status] ?? r.status })),
    el("td", { text: CHANNEL_NAMES[r.channel] ?? r.channel }),
    el("td", {}, ...r.tags.map((t) => el("span", { class: "chip", text: t }))),
    el("td", { class: "num", text: numbers.format(r.messages) }),
    el("td", { "data-value": r.started, text: when(r.started) }),
    el("td", { "data-value": r["last-updated"], text: when(r["last-updated"]) }));
  tr.addEventListener("click", () => openThread(r.id, open));
  return tr;
}

function restartTable() {
  state.cursors = [null];
  return guard(loadPage);
}

// ---- one thread ---------------------------------------------------------------------------------------------------------

async function openThread(id, opener) {
  state.lastFocus = opener;
  const t = await guard(() => api(accountPath() + "/conversations/" + encodeURIComponent(id)));
  if (!t) return;
  const c = t.conversation, s = t.classification;
  $("thread-title").textContent = `Conversation ${c.id}`;
  const facts = [
    ["Profile", c.profile], ["Channel", CHANNEL_NAMES[c.channel] ?? c.channel],
    ["Status", `${STATUS_NAMES[s.status] ?? s.status} since ${when(s.since)}`],
    ["Started", when(c.started)], ["Messages", String(c.messages)],
    ["Tags", c.tags.join(", ") || "none"], ["Skills", t.skills.join(", ") || "none"],
    ["Closed", s["closed-at"] ? `${when(s["closed-at"])} (${s["close-reason"]})` : `not yet; closes automatically at ${when(s["auto-close-at"])} without a new message`],
  ];
  if (t.preview) facts.push(["Mode", "preview (never counted)"]);
  $("thread-facts").replaceChildren(...facts.flatMap(([k, v]) => [el("dt", { text: k }), el("dd", { text: v })]));
  $("thread-timeline").replaceChildren(...t.timeline.map(activityItem));
  $("thread").showModal();
  $("thread-close").focus();
}

function activityItem(a) {
  const time = el("span", { class: "when", text: when(a.at) });
  switch (a.type) {
    case "shopper-message":
      return el("li", { class: "shopper-message", "aria-label": "Shopper" }, time, el("span", { text: a.text }));
    case "agent-message":
      return el("li", { class: "agent-message", "aria-label": `Agent, skill ${a.skill}` },
        el("span", { class: "when", text: `${when(a.at)} · agent · ${a.skill}` }), el("span", { text: a.text }),
        ...(a.products.length ? [el("div", { "aria-label": "Product cards" }, ...a.products.map((p) => el("span", { class: "product", title: "Product card", text: p })))] : []));
    case "product-click":
      return el("li", { class: "event" }, time, `Product card clicked: ${a.product}`);
    case "tag":
      return el("li", { class: "event" }, time, `Tagged ${a.tag}`);
    case "handoff":
      return el("li", { class: "event handoff" }, time, `Handoff (${a.kind}, ${a.mode}, ${a.reason})`);
    case "support-ticket-offer":
      return el("li", { class: "event" }, time, `Support ticket offered (${a.mode}, ${a.reason})`);
    case "support-ticket-answer":
      return el("li", { class: "event" }, time, `Support ticket ${a.accepted ? "accepted" : "declined"}`);
    case "close":
      return el("li", { class: "event close" }, time, `Closed by ${a.by}`);
    default:
      return el("li", { class: "event" }, time, a.type);
  }
}

// ---- wiring -------------------------------------------------------------------------------------------------------------

async function guard(work) {
  try {
    const result = await work();
    say("");
    return result;
  } catch (e) {
    say(e.message, true);
    return null;
  }
}

async function refresh() {
  document.body.setAttribute("aria-busy", "true");
  showAccount();
  await guard(async () => {
    state.cursors = [null];
    await Promise.all([loadReport(), loadTags()]);
    await loadPage();
  });
  document.body.removeAttribute("aria-busy");
  document.body.dataset.ready = String(Number(document.body.dataset.ready ?? 0) + 1);
}

async function start() {
  if (!(await guard(loadAccounts))) return;
  $("period").addEventListener("change", () => {
    state.period = $("period").value;
    $("custom").hidden = state.period !== "custom";
    if (state.period !== "custom") refresh();
    else $("from").focus();
  });
  $("controls").addEventListener("submit", (e) => { e.preventDefault(); refresh(); });
  for (const radio of document.querySelectorAll('input[name="group-by"]')) {
    radio.addEventListener("change", async () => {
      state.groupBy = radio.value;
      document.body.setAttribute("aria-busy", "true");
      await guard(loadReport);
      document.body.removeAttribute("aria-busy");
      document.body.dataset.ready = String(Number(document.body.dataset.ready ?? 0) + 1);
    });
  }
  $("filters").addEventListener("submit", (e) => { e.preventDefault(); track(restartTable()); });
  for (const id of ["filter-status", "filter-channel", "filter-tag"]) $(id).addEventListener("change", () => track(restartTable()));
  for (const th of document.querySelectorAll("#table th[data-sort]")) {
    th.querySelector("button").addEventListener("click", () => {
      const column = th.dataset.sort;
      state.order = state.sort === column && state.order === "desc" ? "asc" : "desc";
      state.sort = column;
      track(restartTable());
    });
  }
  $("next-page").addEventListener("click", () => {
    if (!state.next) return;
    state.cursors.push(state.next);
    track(guard(loadPage));
  });
  $("prev-page").addEventListener("click", () => {
    if (state.cursors.length > 1) state.cursors.pop();
    track(guard(loadPage));
  });
  $("first-page").addEventListener("click", () => track(restartTable()));
  $("thread-close").addEventListener("click", () => $("thread").close());
  $("thread").addEventListener("close", () => state.lastFocus?.focus());
  let resize;
  window.addEventListener("resize", () => {
    clearTimeout(resize);
    resize = setTimeout(() => { if (state.report) { drawChart(state.report.days); drawSkills(state.report["skill-values-report"]); } }, 150);
  });
  await refresh();
}

// marks the page busy while the table loads, so a reader (or a test) knows when it shows the answer
async function track(promise) {
  document.body.setAttribute("aria-busy", "true");
  await promise;
  document.body.removeAttribute("aria-busy");
  document.body.dataset.ready = String(Number(document.body.dataset.ready ?? 0) + 1);
}

start();
