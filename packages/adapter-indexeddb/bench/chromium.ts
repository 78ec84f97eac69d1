/**
 * The IndexedDB benchmark in Chromium: the same workload as bulk.bench.ts (workload.ts), bundled
 * with esbuild and run in a page of the system's Chromium through Playwright (the page is served
 * by Playwright's request interception at http://localhost:9 — a secure context, as WebCrypto
 * requires — with no server and no network), on Chromium's own IndexedDB.
 *
 *   node --conditions=@houqin/source bench/chromium.ts [rows=100000]
 *
 * Not part of `pnpm bench` (it needs /usr/bin/chromium); its numbers are quoted in the README.
 */
import { build } from "esbuild"
import { join } from "node:path"
import { chromium } from "playwright"
import type { Measure } from "./workload.ts"
import { table } from "./workload.ts"

const n = Number(process.argv[2] ?? 100_000)
const bundle = await build({
  entryPoints: [join(import.meta.dirname, "chromium-entry.ts")],
  bundle: true,
  format: "iife",
  platform: "browser",
  target: "es2023",
  conditions: ["@houqin/source"],
  write: false,
  minify: true,
  logLevel: "error"
})
const script = bundle.outputFiles[0]!.text
const browser = await chromium.launch({
  executablePath: process.env["HOUQIN_CHROMIUM"] ?? "/usr/bin/chromium",
  args: ["--no-sandbox", "--headless", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"]
})
try {
  const page = await browser.newPage()
  await page.route("http://localhost:9/**", (route) =>
    route.fulfill(route.request().url().endsWith(".js")
      ? { contentType: "text/javascript", body: script }
      : { contentType: "text/html", body: `<!doctype html><meta charset="utf-8"><script src="/bench.js"></script>` }))
  page.on("pageerror", (e) => console.error(e))
  await page.goto("http://localhost:9/")
  const measures = await page.evaluate((rows) => (globalThis as unknown as { houqinBench: (n: number) => Promise<ReadonlyArray<Measure>> }).houqinBench(rows), n)
  console.log(`Chromium ${browser.version()} (its own IndexedDB, on disk), ${n.toLocaleString("en")} readings`)
  console.log(table(measures))
} finally {
  await browser.close()
}
