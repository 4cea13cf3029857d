// Restock operations dashboard: polls the JSON API every 2 s and draws with uPlot (served from its WebJar).
"use strict";

const POLL_MS = 2000;
const HISTORY = 300;
const COLORS = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f"];
const charts = {};
const history = { lag: new Map(), rate: new Map(), times: [] };

async function getJson(path) {
  const reply = await fetch(path, { headers: { Accept: "application/json" } });
  if (!reply.ok) throw new Error(path + ": " + reply.status);
  return reply.json();
}

function pct(v) { return v == null ? "no data" : (100 * v).toFixed(1) + " %"; }
function secs(v) {
  if (v == null) return "no data";
  if (v >= 86400) return (v / 86400).toFixed(2) + " d";
  if (v >= 3600) return (v / 3600).toFixed(2) + " h";
  if (v >= 60) return (v / 60).toFixed(1) + " min";
  return v.toFixed(1) + " s";
}
function num(v, digits) { return v == null ? "–" : Number(v).toFixed(digits || 0); }
function cell(text, cls) { const td = document.createElement("td"); td.textContent = text; if (cls) td.className = cls; return td; }
function fillTable(id, rows) {
  const body = document.querySelector("#" + id + " tbody");
  body.replaceChildren(...rows.map(cells => { const tr = document.createElement("tr"); tr.append(...cells); return tr; }));
}

// One uPlot per element; redrawn when the series change. data-points says how many points it shows.
function draw(id, series, data, opts) {
  const el = document.getElementById(id);
  const key = series.map(s => s.label).join("|");
  const points = data.length > 1 ? data[0].length : 0;
  el.dataset.points = String(points);
  if (!charts[id] || charts[id].key !== key) {
    if (charts[id]) charts[id].plot.destroy();
    const options = Object.assign({ width: el.clientWidth || 540, height: 220, series: [{}].concat(series) }, opts || {});
    charts[id] = { key: key, plot: new uPlot(options, data, el) };
  } else {
    charts[id].plot.setData(data);
  }
}

function line(label, i, scale) { return { label: label, stroke: COLORS[i % COLORS.length], width: 2, scale: scale, spanGaps: true }; }

function renderKpis(k) {
  const w = k.windows;
  const rows = [
    ["Backorder rate (lines backordered at order time)", f => pct(f.backorderRate)],
    ["Fill rate (units allocated at order time)", f => pct(f.fillRate)],
    ["Cancellation rate of backorders", f => pct(f.cancellationRate)],
    ["Waiting time of filled backorders: mean", f => secs(f.waitMeanSeconds)],
    ["… p50", f => secs(f.waitP50Seconds)],
    ["… p90", f => secs(f.waitP90Seconds)],
    ["… max", f => secs(f.waitMaxSeconds)],
    ["Promise accuracy (filled by the first promised date)", f => pct(f.promiseKeptRatio)],
    ["Mean days late against the first promise", f => f.promiseMeanDaysLate == null ? "no data" : f.promiseMeanDaysLate.toFixed(2)],
    ["Lines decided", f => String(f.linesDecided)],
    ["Backorders filled / cancelled", f => f.backordersFilled + " / " + f.backordersCancelled],
    ["Purchase orders issued", f => String(f.purchaseOrdersIssued)],
    ["Delivery dates moved", f => String(f.dateChanges)],
  ];
  fillTable("kpi-table", rows.map(([name, fmt], i) => [cell(name), cell(fmt(w["1h"]), "num"), cell(fmt(w["1d"]), "num"),
    Object.assign(cell(fmt(w.all), "num"), { id: "kpi-all-" + i })]));
  document.getElementById("open-lines").textContent = k.openBackorders.lines;
  document.getElementById("open-units").textContent = k.openBackorders.units;
  document.getElementById("open-value").textContent = Number(k.openBackorders.value).toFixed(2);
  document.getElementById("pos-in-flight").textContent = k.purchaseOrdersInFlight;
  const suppliers = Object.entries(w.all.supplierOnTime || {});
  fillTable("suppliers-table", suppliers.map(([s, v]) => [cell(s), cell(String(v.deliveries), "num"), cell(pct(v.onTimeRatio), "num")]));
  const dead = Object.entries(w.all.deadLetters || {});
  fillTable("dead-letters-table", dead.map(([t, n]) => [cell(t), cell(String(n), "num bad")]));
  fillTable("date-changes-table", (k.recentDateChanges || []).map(c => [cell(new Date(c.at).toLocaleTimeString()),
    cell(c.orderId + " / " + c.lineId), cell(c.sku), cell(c.previousDate), cell(c.newDate), cell(c.reason)]));
}

// The last hour on the x axis, whatever minutes have events.
const LAST_HOUR = { time: true, range: () => { const now = Date.now() / 1000; return [now - 3600, now]; } };

function renderTimeline(t) {
  const m = t.minutes || [];
  const xs = m.map(p => p.minute / 1000);
  draw("chart-rates", [line("backorder rate", 0, "ratio"), line("fill rate", 2, "ratio")],
    [xs, m.map(p => p.backorderRate), m.map(p => p.fillRate)],
    { scales: { x: LAST_HOUR, ratio: { range: [0, 1] } }, axes: [{}, { scale: "ratio" }] });
  draw("chart-volume", [line("lines decided", 0), line("backorders filled", 1), line("dead letters", 3)],
    [xs, m.map(p => p.linesDecided), m.map(p => p.backordersFilled), m.map(p => p.deadLetters)],
    { scales: { x: LAST_HOUR } });
}

function renderOpenSkus(o) {
  const skus = o.skus || [];
  draw("chart-open-skus", [{ label: "open value", stroke: COLORS[0], fill: COLORS[0] + "88",
      paths: uPlot.paths.bars({ size: [0.6, 60] }), points: { show: false } }],
    [skus.map((_, i) => i), skus.map(s => Number(s.value))],
    { scales: { x: { time: false } }, axes: [{ values: (u, ticks) => ticks.map(i => skus[i] ? skus[i].sku : "") }, {}] });
}

function remember(map, name, value) {
  if (!map.has(name)) map.set(name, new Array(history.times.length - 1).fill(null));
  map.get(name).push(value);
}

function trim() {
  if (history.times.length > HISTORY) {
    history.times.shift();
    for (const m of [history.lag, history.rate]) for (const v of m.values()) v.shift();
  }
}

function renderLagAndServices(lag, services) {
  history.times.push(Date.now() / 1000);
  for (const [group, value] of Object.entries(lag.byGroup || {})) remember(history.lag, group, value);
  for (const m of [history.lag, history.rate]) for (const v of m.values()) while (v.length < history.times.length) v.push(null);
  for (const s of services.services || []) remember(history.rate, s.service, s.processRate);
  for (const v of history.rate.values()) while (v.length < history.times.length) v.push(null);
  trim();
  const lagGroups = [...history.lag.keys()].sort();
  draw("chart-lag", lagGroups.map((g, i) => line(g, i)), [history.times.slice()].concat(lagGroups.map(g => history.lag.get(g).slice())));
  const svc = [...history.rate.keys()].sort();
  draw("chart-process-rate", svc.map((s, i) => line(s, i)), [history.times.slice()].concat(svc.map(s => history.rate.get(s).slice())));
  fillTable("services-table", (services.services || []).map(s => [cell(s.service), cell(s.status || "?", s.status === "UP" ? "good" : "bad"),
    cell(s.streamsState || "–"), cell(num(s.aliveStreamThreads), "num"), cell(num(s.processRate, 1), "num"),
    cell(num(s.rebalances), "num"), cell(num(s.restoredRecords), "num")]));
}

async function poll() {
  try {
    const [kpis, timeline, open, lag, services] = await Promise.all([getJson("/kpis"), getJson("/kpis/timeline"),
      getJson("/kpis/open-backorders?top=10"), getJson("/lag"), getJson("/services")]);
    renderKpis(kpis);
    renderTimeline(timeline);
    renderOpenSkus(open);
    renderLagAndServices(lag, services);
    document.getElementById("updated").textContent = "updated " + new Date().toLocaleTimeString();
    document.body.dataset.polls = String(Number(document.body.dataset.polls || 0) + 1);
  } catch (e) {
    document.getElementById("updated").textContent = "waiting for the service: " + e.message;
  }
  setTimeout(poll, POLL_MS);
}

poll();
