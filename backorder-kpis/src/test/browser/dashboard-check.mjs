// Opens backorder-kpis' dashboard in headless Chromium (Debian's /usr/bin/chromium, driven by playwright-core) and
// checks it: the page loads, every chart has data, the all-time backorder rate shown equals GET /kpis, and a
// screenshot is written. Usage: node dashboard-check.mjs <base URL> <screenshot.png>. Prints one JSON line.
import { chromium } from "playwright-core";

const [base, screenshot] = process.argv.slice(2);
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync"],
});
const result = { ok: false };
try {
  const page = await browser.newPage({ viewport: { width: 1400, height: 1800 } });
  const errors = [];
  page.on("pageerror", e => errors.push(String(e)));
  result.errors = errors;
  const pending = new Set();
  page.on("console", m => { if (m.type() === "error") errors.push("console: " + m.text()); });
  page.on("request", r => pending.add(r.url()));
  page.on("response", r => { if (r.status() >= 400) errors.push("status " + r.status() + ": " + r.url()); });
  page.on("requestfinished", r => pending.delete(r.url()));
  page.on("requestfailed", r => { pending.delete(r.url()); errors.push("failed: " + r.url() + " " + r.failure()?.errorText); });
  result.pending = pending;
  await page.goto(base + "/", { waitUntil: "load" });
  result.url = page.url();
  // Lag and processing-rate charts build up over polls: wait for three.
  await page.waitForFunction(() => Number(document.body.dataset.polls || 0) >= 3, null, { timeout: 60000 });
  result.charts = await page.$$eval(".chart", els => els.map(e => ({ id: e.id, points: Number(e.dataset.points || 0),
    canvas: e.querySelector("canvas") !== null })));
  result.shownBackorderRate = (await page.textContent("#kpi-all-0")).trim();
  const kpis = await (await page.request.get(base + "/kpis")).json();
  const rate = kpis.windows.all.backorderRate;
  result.apiBackorderRate = rate == null ? "no data" : (100 * rate).toFixed(1) + " %";
  result.shownOpenLines = (await page.textContent("#open-lines")).trim();
  result.apiOpenLines = String(kpis.openBackorders.lines);
  await page.screenshot({ path: screenshot, fullPage: true });
  result.errors = errors;
  result.ok = errors.length === 0 && result.charts.length > 0
    // A chart may be empty only where the API has nothing for it: no open backorder left, no open-SKU bar.
    && result.charts.every(c => c.canvas && (c.points > 0 || (c.id === "chart-open-skus" && kpis.openBackorders.lines === 0)))
    && result.shownBackorderRate === result.apiBackorderRate && result.shownOpenLines === result.apiOpenLines;
} catch (e) {
  result.error = String(e);
  result.pending = [...(result.pending || [])];
  try {
    result.status = await browser.contexts()[0].pages()[0].textContent("#updated");
  } catch (ignored) {
    // no page to read
  }
} finally {
  await browser.close();
}
console.log(JSON.stringify(result));
process.exit(result.ok ? 0 : 1);
