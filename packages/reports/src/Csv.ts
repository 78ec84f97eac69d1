/**
 * CSV (RFC 4180): fields separated by commas, records by CRLF, a field quoted when it holds a comma,
 * a quote, a line break or leading/trailing space, quotes doubled inside. UTF-8 with a byte-order
 * mark, so that Excel opens Chinese text correctly.
 *
 * **Formula injection**: a spreadsheet runs a text cell that begins with `=`, `+`, `-` or `@` (and,
 * in some programs, a tab or a carriage return) as a formula. Every cell that comes from text —
 * names, titles, labels, dish names — and begins with one of them is neutralised with a leading
 * apostrophe (`'=1+1`), as OWASP recommends. Numbers the renderer writes itself (a negative amount
 * `-12.50`) are numbers and are left as they are.
 *
 * Two forms:
 * - {@link table}: one table, its heading row and its rows — data to open, filter and sum. Money is
 *   in major units without symbol (`1234.50`, the heading says `金额(元)`), decimals exact.
 * - {@link render}: the whole report as it reads on paper, section by section — title, fields,
 *   tables with their totals, notes, signature lines, and each chart's data.
 *
 * @since 0.1.0
 */
import type { Locale } from "./Locale.ts"
import { text, words } from "./Locale.ts"
import * as Format from "./Format.ts"
import type { Cell, Chart, Column, RenderOptions, Report, Table } from "./Report.ts"
import { tables } from "./Report.ts"

const BOM = "\uFEFF"
const EOL = "\r\n"

const formulaStart = /^[=+\-@\t\r]/

/**
 * A text cell made safe to open in a spreadsheet: a leading `=`, `+`, `-`, `@`, tab or carriage
 * return gets an apostrophe in front.
 *
 * @since 0.1.0
 * @category formatting
 */
export const neutralise = (s: string): string => (formulaStart.test(s) ? `'${s}` : s)

const needsQuotes = /[",\r\n]|^\s|\s$/

/**
 * One field in RFC 4180 form: quoted when it holds a comma, a quote, a line break, or leading or
 * trailing white space; inner quotes doubled.
 *
 * @since 0.1.0
 * @category formatting
 */
export const field = (s: string): string => (needsQuotes.test(s) ? `"${s.replaceAll("\"", "\"\"")}"` : s)

/**
 * Records to CSV text (without the byte-order mark), each record ended by CRLF.
 *
 * @since 0.1.0
 * @category formatting
 */
export const records = (rows: ReadonlyArray<ReadonlyArray<string>>): string => {
  let out = ""
  for (const row of rows) {
    let line = ""
    for (let i = 0; i < row.length; i++) line += (i === 0 ? "" : ",") + field(row[i]!)
    out += line + EOL
  }
  return out
}

/** a typed cell as a CSV field: text neutralised, numbers plain */
const cellText = (column: Column, cell: Cell, locale: Locale, zone: Report["zone"]): string => {
  const s = Format.plain(column, cell, locale, zone)
  return Format.isNumeric(column) || column.kind === "date" || column.kind === "instant" ? s : neutralise(s)
}

const tableRecords = (t: Table, locale: Locale, zone: Report["zone"], out: Array<ReadonlyArray<string>>): void => {
  out.push(t.columns.map((c) => neutralise(Format.heading(c, locale, "plain"))))
  for (const row of t.rows) {
    const rec = new Array<string>(row.length)
    for (let i = 0; i < row.length; i++) rec[i] = cellText(t.columns[i]!, row[i]!, locale, zone)
    out.push(rec)
  }
  if (t.totals !== undefined) {
    const totals = t.totals
    out.push(t.columns.map((c, i) => (i === 0 ? neutralise(text(totals.label, locale)) : cellText(c, totals.values[i]!, locale, zone))))
  }
}

/**
 * One table of a report as CSV: the heading row and the rows (and the totals row, when there is
 * one), UTF-8 text starting with a byte-order mark. `index` picks the table in document order
 * (default the first); a report without that table gives only the byte-order mark.
 *
 * @since 0.1.0
 * @category renderers
 */
export const table = (report: Report, options: RenderOptions & { readonly index?: number } = {}): string => {
  const locale = options.locale ?? "zh-CN"
  const t = tables(report)[options.index ?? 0]
  if (t === undefined) return BOM
  const out: Array<ReadonlyArray<string>> = []
  tableRecords(t, locale, report.zone, out)
  return BOM + records(out)
}

const chartRecords = (c: Chart, locale: Locale, out: Array<ReadonlyArray<string>>): void => {
  out.push([neutralise(text(c.title, locale))])
  out.push([neutralise(text(c.xLabel ?? words.category, locale)), ...c.series.map((s) => neutralise(text(s.name, locale)))])
  c.categories.forEach((cat, i) => {
    out.push([
      neutralise(text(cat, locale)),
      ...c.series.map((s) => {
        const v = s.values[i]
        return v === null || v === undefined ? "" : c.value.kind === "money" ? Format.moneyPlain(Math.round(v), c.value.currency) : String(v)
      })
    ])
  })
}

/**
 * The whole report as CSV, as it reads on paper: the title (and subtitle, school, generation time
 * when given), then each section — its title, its fields as `label,value` records, its tables
 * (heading, rows, totals), paragraphs, notes, signature lines (`审核人：,王主任`), and each chart's
 * data as a table — with an empty record between blocks. UTF-8 text starting with a byte-order
 * mark.
 *
 * @since 0.1.0
 * @category renderers
 */
export const render = (report: Report, options: RenderOptions = {}): string => {
  const locale = options.locale ?? "zh-CN"
  const zone = report.zone
  const out: Array<ReadonlyArray<string>> = []
  out.push([neutralise(text(report.title, locale))])
  if (report.subtitle !== undefined) out.push([neutralise(text(report.subtitle, locale))])
  if (report.school !== undefined) out.push([neutralise(text(words.school, locale)), neutralise(report.school)])
  if (report.generatedAt !== undefined) out.push([text(words.generatedAt, locale), Format.instantText(report.generatedAt, zone)])
  for (const section of report.sections) {
    out.push([])
    if (section.title !== undefined) out.push([neutralise(text(section.title, locale))])
    section.blocks.forEach((b, i) => {
      if (i > 0) out.push([])
      switch (b.type) {
        case "fields":
          // the label carries the unit the plain value leaves out: 合计(元),1234.50
          for (const f of b.fields) out.push([neutralise(Format.heading(f.column, locale, "plain")), cellText(f.column, f.value, locale, zone)])
          break
        case "table":
          if (b.caption !== undefined) out.push([neutralise(text(b.caption, locale))])
          if (b.rows.length === 0 && b.empty !== undefined) {
            out.push(b.columns.map((c) => neutralise(Format.heading(c, locale, "plain"))))
            out.push([neutralise(text(b.empty, locale))])
          } else tableRecords(b, locale, zone, out)
          break
        case "paragraph":
          out.push([neutralise(text(b.text, locale))])
          break
        case "notes":
          out.push([neutralise(text(words.notes, locale))])
          b.notes.forEach((n, j) => out.push([`${j + 1}. ${text(n, locale)}`].map(neutralise)))
          break
        case "signatures":
          for (const s of b.signatures) {
            out.push([
              neutralise(`${text(s.role, locale)}${locale === "zh-CN" ? "：" : ":"}`),
              neutralise(s.name ?? ""),
              `${text(words.date, locale)}${locale === "zh-CN" ? "：" : ":"}`,
              s.date ?? ""
            ])
          }
          break
        case "chart":
          chartRecords(b.chart, locale, out)
          break
      }
    })
  }
  return BOM + records(out)
}

const encoder = new TextEncoder()

/**
 * CSV text as UTF-8 bytes (the byte-order mark becomes EF BB BF).
 *
 * @since 0.1.0
 * @category conversions
 */
export const toBytes = (csv: string): Uint8Array => encoder.encode(csv)
