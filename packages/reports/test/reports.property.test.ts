import { Time } from "@houqin/core"
import * as fc from "fast-check"
import { Result } from "effect"
import { describe, expect, it } from "vitest"
import * as Csv from "../src/Csv.ts"
import * as Format from "../src/Format.ts"
import * as Html from "../src/Html.ts"
import { clean } from "../src/internal/xml.ts"
import type { CellInput, ColumnInput, Report } from "../src/Report.ts"
import { chart, make, tables } from "../src/Report.ts"
import * as Svg from "../src/Svg.ts"
import * as Xlsx from "../src/Xlsx.ts"
import { parseCsv } from "./support/csv.ts"
import { byName, parseXml, textOf } from "./support/xml.ts"
import { readXlsx } from "./support/xlsx.ts"

/** text with the characters that break formats: separators, quotes, markup, formula starts, controls, any code point */
const hostileText = fc.string({
  unit: fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom("=", "+", "-", "@", "\t", "\r", "\n", ",", "\"", "'", " ", "<", ">", "&", "大", "米", "；", "\u0000", "\uFFFE", "\uD800") },
    { weight: 2, arbitrary: fc.string({ unit: "binary", minLength: 1, maxLength: 1 }) },
    { weight: 3, arbitrary: fc.string({ unit: "grapheme-ascii", minLength: 1, maxLength: 1 }) }
  ),
  maxLength: 24
})

const columns: ReadonlyArray<ColumnInput> = [
  { label: "id", kind: "text" },
  { label: { zh: "文本", en: "text" }, kind: "text" },
  { label: "n", kind: "integer" },
  { label: "fen", kind: "money" },
  { label: "date", kind: "date" },
  { label: "at", kind: "instant" },
  { label: "g", kind: "decimal", unit: "g" },
  { label: "p", kind: "percent" }
]

const row = fc.tuple(
  hostileText,
  fc.option(fc.integer({ min: -1e12, max: 1e12 }), { nil: null }),
  fc.option(fc.integer({ min: -1e13, max: 1e13 }), { nil: null }),
  fc.option(fc.integer({ min: 0, max: 40_000 }).map((d) => Time.localDate(Time.fromEpochMillis(d * 86_400_000), "UTC" as Time.Zone)), { nil: null }),
  fc.option(fc.integer({ min: 0, max: 4_000_000_000_000 }), { nil: null }),
  fc.option(fc.tuple(fc.bigInt({ min: 0n, max: 10n ** 12n }), fc.integer({ min: 0, max: 6 })).map(([v, s]) => {
    const t = v.toString().padStart(s + 1, "0")
    return s === 0 ? t : `${t.slice(0, t.length - s)}.${t.slice(t.length - s)}`
  }), { nil: null }),
  fc.option(fc.double({ min: -10, max: 10, noNaN: true, noDefaultInfinity: true }), { nil: null })
)

const reportOf = (rows: ReadonlyArray<ReadonlyArray<CellInput>>): Report =>
  Result.getOrThrow(make({ title: "t", sections: [{ title: "s", blocks: [{ type: "table", columns, rows }] }] }))

const withIds = fc.array(row, { maxLength: 25 }).map((rows) => rows.map((r, i) => [`id-${i}`, ...r] as ReadonlyArray<CellInput>))

describe("laws of the renderers", () => {
  it("CSV round-trips every cell: reading the table back gives each heading and each cell's plain text, text neutralised", () => {
    fc.assert(fc.property(withIds, fc.constantFrom("zh-CN" as const, "en" as const), (rows, locale) => {
      const report = reportOf(rows)
      const t = tables(report)[0]!
      const back = parseCsv(Csv.table(report, { locale }))
      expect(back[0]).toEqual(t.columns.map((c) => Format.heading(c, locale, "plain")))
      expect(back.slice(1)).toEqual(t.rows.map((r) => r.map((cell, i) => {
        const c = t.columns[i]!
        const s = Format.plain(c, cell, locale, report.zone)
        return c.kind === "text" ? Csv.neutralise(s) : s
      })))
    }), { numRuns: 150 })
  })

  it("CSV neutralises every formula: no text field read back starts with = + - @, tab or CR", () => {
    fc.assert(fc.property(fc.array(hostileText, { minLength: 1, maxLength: 20 }), (texts) => {
      const report = Result.getOrThrow(make({ title: "t", sections: [{ blocks: [{ type: "table", columns: [{ label: "x", kind: "text" }], rows: texts.map((x) => [x]) }] }] }))
      for (const [field] of parseCsv(Csv.table(report)).slice(1)) expect(field).not.toMatch(/^[=+\-@\t\r]/)
      for (const rec of parseCsv(Csv.render(report))) for (const field of rec) expect(field).not.toMatch(/^[=+\-@\t\r]/)
    }), { numRuns: 150 })
  })

  it("every table row appears once in every format (CSV, XLSX, HTML), in order", () => {
    fc.assert(fc.property(withIds, (rows) => {
      const report = reportOf(rows)
      const ids = rows.map((r) => r[0] as string)
      const csvIds = parseCsv(Csv.table(report)).slice(1).map((r) => r[0])
      const sheet = readXlsx(Xlsx.render(report)).sheets[0]!
      const xlsxIds = [...sheet.rows.values()].map((r) => r.get("A")?.value).filter((v) => v !== undefined && v.startsWith("id-"))
      const htmlIds = byName(parseXml(Html.render(report)), "tbody").flatMap((b) => byName(b, "tr")).map((tr) => textOf(byName(tr, "td")[0]!))
      expect(csvIds).toEqual(ids)
      expect(xlsxIds).toEqual(ids)
      expect(htmlIds).toEqual(rows.length === 0 ? ["（无记录）"] : ids)
    }), { numRuns: 40 })
  })

  it("XLSX round-trips typed cells: integers, money (in yuan), dates (serials), decimals and ratios read back as the numbers written", () => {
    fc.assert(fc.property(withIds, (rows) => {
      const report = reportOf(rows)
      const t = tables(report)[0]!
      const sheet = readXlsx(Xlsx.render(report)).sheets[0]!
      const body = [...sheet.rows.values()].filter((r) => r.get("A")?.value.startsWith("id-"))
      body.forEach((cells, r) => {
        const src = t.rows[r]!
        expect(cells.get("B")?.value ?? "").toBe(clean(Format.plain(t.columns[1]!, src[1]!, "zh-CN", report.zone)))
        if (src[2] !== null) expect(cells.get("C")).toMatchObject({ type: "n", value: String(src[2] as number) })
        if (src[3] !== null) expect(cells.get("D")).toMatchObject({ type: "n", value: Format.moneyPlain(src[3] as number, "CNY") })
        if (src[4] !== null && (src[4] as string) >= "1900-03-01") expect(cells.get("E")).toMatchObject({ type: "n", value: String(Xlsx.dateSerial(src[4] as string)) })
        if (src[6] !== null) expect(Number(cells.get("G")!.value)).toBe(Number(Format.plain(t.columns[6]!, src[6]!, "zh-CN", report.zone)))
        if (src[7] !== null) expect(Number(cells.get("H")!.value)).toBe(src[7])
      })
    }), { numRuns: 30 })
  })

  it("HTML shows every text as given: escaped on the way in, the same text read back (U+FFFD for what XML cannot carry)", () => {
    fc.assert(fc.property(hostileText, hostileText, (title, cell) => {
      const report = Result.getOrThrow(make({ title, sections: [{ title: cell, blocks: [{ type: "table", columns: [{ label: cell, kind: "text" }], rows: [[cell]] }] }] }))
      const doc = parseXml(Html.render(report))
      expect(textOf(byName(doc, "title")[0]!)).toBe(clean(title))
      expect(textOf(byName(doc, "h2")[0]!)).toBe(clean(cell))
      expect(textOf(byName(doc, "th")[0]!)).toBe(clean(cell))
      expect(textOf(byName(doc, "td")[0]!)).toBe(clean(cell))
      expect(byName(doc, "script")).toHaveLength(0)
    }), { numRuns: 200 })
  })

  it("SVG is well-formed for any data: one mark per value, every label read back as given", () => {
    const data = fc.record({
      kind: fc.constantFrom("bar" as const, "line" as const, "stackedBar" as const),
      title: hostileText,
      categories: fc.array(hostileText, { minLength: 1, maxLength: 12 }),
      series: fc.integer({ min: 1, max: 4 }),
      seed: fc.array(fc.option(fc.double({ min: -1e9, max: 1e9, noNaN: true, noDefaultInfinity: true }), { nil: null }), { minLength: 48, maxLength: 48 })
    })
    fc.assert(fc.property(data, (d) => {
      const series = Array.from({ length: d.series }, (_, s) => ({ name: `s${s}`, values: d.categories.map((_, i) => d.seed[(s * 12 + i) % 48]!) }))
      const c = Result.getOrThrow(chart({ kind: d.kind, title: d.title, categories: d.categories, series }))
      const svg = parseXml(Svg.render(c))
      expect(textOf(byName(svg, "title")[0]!)).toBe(clean(d.title))
      const values = series.flatMap((s) => s.values).filter((v) => v !== null)
      const marks = byName(svg, "g").filter((g) => g.attrs["class"] === "series").flatMap((g) => [...byName(g, "rect"), ...byName(g, "circle")])
      expect(marks.length).toBe(d.kind === "stackedBar" ? values.filter((v) => v !== 0).length : values.length)
      for (const m of marks) for (const k of ["x", "y", "width", "height", "cx", "cy"]) if (m.attrs[k] !== undefined) expect(Number.isFinite(Number(m.attrs[k]))).toBe(true)
    }), { numRuns: 150 })
  })

  it("rendering is deterministic: the same report gives the same bytes in every format and locale", () => {
    fc.assert(fc.property(withIds, fc.constantFrom("zh-CN" as const, "en" as const), (rows, locale) => {
      const a = reportOf(rows)
      const b = reportOf(rows)
      expect(Csv.render(b, { locale })).toBe(Csv.render(a, { locale }))
      expect(Html.render(b, { locale })).toBe(Html.render(a, { locale }))
      expect(Xlsx.render(b, { locale })).toEqual(Xlsx.render(a, { locale }))
    }), { numRuns: 25 })
  })
})
