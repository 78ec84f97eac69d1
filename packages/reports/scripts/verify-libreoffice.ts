/**
 * Opens the renderer's XLSX in LibreOffice (headless) and checks what it reads: every sheet
 * converts to CSV, the cells hold the numbers written (money 1234.5, the date 2026-03-16, the
 * time 10:40 in Shanghai), and their formats show them as a person expects (¥1,234.50). Needs
 * `libreoffice` on PATH (Debian: `apt-get install libreoffice-calc-nogui`); fails when it is
 * missing rather than passing without looking.
 *
 *   pnpm --filter @houqin/reports verify:libreoffice
 */
import { execFileSync } from "node:child_process"
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { Quantity } from "@houqin/core"
import { Result } from "effect"
import { make } from "../src/Report.ts"
import * as Xlsx from "../src/Xlsx.ts"

const has = (() => {
  try {
    execFileSync("libreoffice", ["--version"], { stdio: "ignore" })
    return true
  } catch {
    return false
  }
})()
if (!has) {
  console.error("libreoffice is not on PATH: install it (apt-get install -y --no-install-recommends libreoffice-calc-nogui) and run again")
  process.exit(1)
}

const report = Result.getOrThrow(make({
  title: { zh: "每日公示", en: "Daily publication" },
  school: "红旗小学",
  sections: [{
    title: { zh: "采购明细", en: "Purchases" },
    blocks: [{
      type: "table",
      columns: [
        { label: { zh: "品名", en: "item" }, kind: "text" },
        { label: { zh: "数量", en: "quantity" }, kind: "decimal" },
        { label: { zh: "金额", en: "amount" }, kind: "money" },
        { label: { zh: "日期", en: "date" }, kind: "date" },
        { label: { zh: "验收时间", en: "accepted" }, kind: "instant" },
        { label: { zh: "合格率", en: "passed" }, kind: "percent" }
      ],
      rows: [
        ["大米", Result.getOrThrow(Quantity.make("2.5", "jin")), 123450, "2026-03-16", "2026-03-16T02:40:00Z", 0.9525],
        ["=1+1", "12.345", -5, "2026-03-15", "2026-03-15T15:59:00Z", 1]
      ],
      totals: { label: { zh: "合计", en: "total" }, values: [null, null, 123445, null, null, null] }
    }]
  }, { title: { zh: "说明", en: "Notes" }, blocks: [{ type: "notes", notes: ["一"] }] }]
}))

const dir = mkdtempSync(join(tmpdir(), "houqin-lo-"))
let failed = false
try {
  const file = join(dir, "report.xlsx")
  writeFileSync(file, Xlsx.render(report))
  const read = (shown: boolean): Map<string, Array<Array<string>>> => {
    const out = join(dir, shown ? "shown" : "raw")
    // CSV filter options: comma, double quote, UTF-8, from line 1, …, "save as shown", …, every sheet (-1)
    execFileSync("libreoffice", [
      "--headless",
      "--convert-to",
      `csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,${shown},false,false,-1`,
      "--outdir",
      out,
      file
    ], { stdio: "ignore", timeout: 120_000 })
    const sheets = new Map<string, Array<Array<string>>>()
    for (const f of readdirSync(out).sort()) {
      sheets.set(f, readFileSync(join(out, f), "utf8").trimEnd().split("\n").map((l) => l.split(",")))
    }
    return sheets
  }
  const check = (label: string, ok: boolean) => {
    console.log(`${ok ? "ok  " : "FAIL"} ${label}`)
    if (!ok) failed = true
  }
  const raw = read(false)
  read(true)
  check("two sheets, named after the sections", [...raw.keys()].sort().join(" ") === ["report-采购明细.csv", "report-说明.csv"].sort().join(" "))
  const rawRows = raw.get("report-采购明细.csv")!
  const shownText = readFileSync(join(dir, "shown", "report-采购明细.csv"), "utf8")
  const rice = rawRows.find((r) => r[0] === "大米")!
  check(`money is the number 1234.5 (got ${rice[2]})`, rice[2] === "1234.5")
  check(`2.5 斤 is the number 2.5 (got ${rice[1]})`, rice[1] === "2.5")
  check(`the date reads 2026-03-16 (got ${rice[3]})`, rice[3] === "2026-03-16")
  check(`10:40 in Shanghai (got ${rice[4]})`, rice[4] === "2026-03-16 10:40:00")
  check("shown: ¥1,234.50, 2.5 斤, 95.3%, −¥0.05, total ¥1,234.45", ["\"¥1,234.50\"", "2.5 斤", "95.3%", "-¥0.05", "\"¥1,234.45\""].every((s) => shownText.includes(s)))
  check("=1+1 is text, not a formula (LibreOffice would show 2)", rawRows.some((r) => r[0]?.includes("=1+1") === true))
  console.log(shownText)
} finally {
  rmSync(dir, { recursive: true, force: true })
}
if (failed) process.exit(1)
console.log("LibreOffice reads the workbook as written")
