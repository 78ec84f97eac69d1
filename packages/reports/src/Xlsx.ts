/**
 * XLSX (Office Open XML spreadsheet, ECMA-376): a real workbook with typed cells, zipped with fflate.
 *
 * - One worksheet per section (named after its title, made unique and cut to Excel's 31
 *   characters); a report of one section is one sheet.
 * - Numbers are numbers: integers, money (in major units, shown with a currency format such as
 *   `"¥"#,##0.00`), decimals (exact text of the value; with a unit per cell, a format that shows it),
 *   percentages (the ratio, shown as `0.0%`). Dates are date serials shown `yyyy-mm-dd`; instants
 *   are the school's local time as a serial shown `yyyy-mm-dd hh:mm` (a spreadsheet has no zones).
 *   Text is shared strings: it is never read as a formula.
 * - Each sheet prints on A4 (portrait or landscape as the report), fitted to the page width, with
 *   the first table's heading repeated on every page and page numbers in the footer; the first
 *   table's heading is frozen and filtered.
 * - Charts are written as their data (a small table under the chart's title).
 *
 * The bytes depend only on the report and the locale: entries are written in a fixed order with a
 * fixed time stamp (1980-01-01 00:00, the earliest a ZIP can hold), and nothing reads the clock.
 *
 * @since 0.1.0
 */
import { LocalDate, Money, Time } from "@houqin/core"
import { zipSync } from "fflate"
import * as Format from "./Format.ts"
import { displayWidth } from "./internal/width.ts"
import { clean, escape } from "./internal/xml.ts"
import type { Locale, Text } from "./Locale.ts"
import { text, words } from "./Locale.ts"
import type { Cell, Chart, Column, Measure, RenderOptions, Report, Section, Table } from "./Report.ts"

// ---------------------------------------------------------------------------------------------
// styles

type StyleKey =
  | "default"
  | "title"
  | "subtitle"
  | "heading"
  | "label"
  | "note"
  | `cell:${string}`
  | `total:${string}`

interface Xf {
  readonly numFmt: number
  readonly font: number
  readonly fill: number
  readonly border: number
  readonly wrap: boolean
  readonly horizontal?: "center" | "left" | "right"
}

const FONT = { regular: 0, bold: 1, title: 2, note: 3 } as const
const FILL = { none: 0, heading: 2 } as const
const BORDER = { none: 0, thin: 1 } as const

class Styles {
  private readonly numFmts = new Map<string, number>()
  private readonly xfs: Array<Xf> = []
  private readonly byKey = new Map<string, number>()

  constructor() {
    this.xf("default", { numFmt: 0, font: FONT.regular, fill: FILL.none, border: BORDER.none, wrap: false })
  }

  private fmt(code: string): number {
    let id = this.numFmts.get(code)
    if (id === undefined) {
      id = 164 + this.numFmts.size
      this.numFmts.set(code, id)
    }
    return id
  }

  xf(key: StyleKey, xf: Xf): number {
    let i = this.byKey.get(key)
    if (i === undefined) {
      i = this.xfs.length
      this.xfs.push(xf)
      this.byKey.set(key, i)
    }
    return i
  }

  named(key: "title" | "subtitle" | "heading" | "label" | "note"): number {
    switch (key) {
      case "title":
        return this.xf(key, { numFmt: 0, font: FONT.title, fill: FILL.none, border: BORDER.none, wrap: false, horizontal: "center" })
      case "subtitle":
        return this.xf(key, { numFmt: 0, font: FONT.regular, fill: FILL.none, border: BORDER.none, wrap: false, horizontal: "center" })
      case "heading":
        return this.xf(key, { numFmt: 0, font: FONT.bold, fill: FILL.heading, border: BORDER.thin, wrap: true, horizontal: "center" })
      case "label":
        return this.xf(key, { numFmt: 0, font: FONT.bold, fill: FILL.none, border: BORDER.none, wrap: false })
      case "note":
        return this.xf(key, { numFmt: 0, font: FONT.note, fill: FILL.none, border: BORDER.none, wrap: false })
    }
  }

  /** the style of a cell of a column (and of a unit, for decimals that show theirs) */
  cell(column: Column, measureUnit: string | undefined, locale: Locale, total: boolean, bordered: boolean): number {
    const key = `${column.kind}|${"currency" in column ? column.currency : ""}|${"scale" in column ? String(column.scale) : ""}|${"minScale" in column ? String(column.minScale) : ""}|${
      "seconds" in column ? String(column.seconds) : ""
    }|${measureUnit ?? ""}|${bordered ? "b" : ""}|${locale}`
    const full: StyleKey = total ? `total:${key}` : `cell:${key}`
    const cached = this.byKey.get(full)
    if (cached !== undefined) return cached
    let numFmt = 0
    switch (column.kind) {
      case "text":
        break
      case "integer":
        numFmt = 3 // #,##0
        break
      case "money": {
        const c = Money.currencies[column.currency]
        const symbol = locale === "zh-CN" || column.currency === "CNY" ? c.symbol : `${column.currency} `
        const zeros = c.minorDigits > 0 ? `.${"0".repeat(c.minorDigits)}` : ""
        const q = `"${symbol.replaceAll("\"", "")}"`
        numFmt = this.fmt(`${q}#,##0${zeros};\\-${q}#,##0${zeros}`)
        break
      }
      case "decimal": {
        // minScale: at least that many places shown, up to the 8 a stored decimal can have
        const base = column.scale !== undefined
          ? `#,##0${column.scale > 0 ? `.${"0".repeat(column.scale)}` : ""}`
          : column.minScale !== undefined && column.minScale > 0
          ? `#,##0.${"0".repeat(column.minScale)}${"#".repeat(Math.max(0, 8 - column.minScale))}`
          : "General"
        numFmt = measureUnit === undefined ? (base === "General" ? 0 : this.fmt(base)) : this.fmt(`${base}" ${measureUnit.replaceAll("\"", "")}"`)
        break
      }
      case "date":
        numFmt = this.fmt("yyyy-mm-dd")
        break
      case "instant":
        numFmt = this.fmt(column.seconds ? "yyyy-mm-dd hh:mm:ss" : "yyyy-mm-dd hh:mm")
        break
      case "percent":
        numFmt = this.fmt(column.scale > 0 ? `0.${"0".repeat(column.scale)}%` : "0%")
        break
    }
    return this.xf(full, {
      numFmt,
      font: total ? FONT.bold : FONT.regular,
      fill: FILL.none,
      border: bordered ? BORDER.thin : BORDER.none,
      wrap: column.kind === "text" && bordered,
      ...(column.kind === "text" ? {} : { horizontal: "right" as const })
    })
  }

  xml(locale: Locale): string {
    const font = locale === "zh-CN" ? "等线" : "Calibri"
    const fmts = [...this.numFmts].map(([code, id]) => `<numFmt numFmtId="${id}" formatCode="${escape(code)}"/>`).join("")
    const xfs = this.xfs.map((x) =>
      `<xf numFmtId="${x.numFmt}" fontId="${x.font}" fillId="${x.fill}" borderId="${x.border}" xfId="0"${x.numFmt !== 0 ? " applyNumberFormat=\"1\"" : ""}${
        x.font !== 0 ? " applyFont=\"1\"" : ""
      }${x.fill !== 0 ? " applyFill=\"1\"" : ""}${x.border !== 0 ? " applyBorder=\"1\"" : ""}${
        x.wrap || x.horizontal !== undefined
          ? ` applyAlignment="1"><alignment${x.horizontal === undefined ? "" : ` horizontal="${x.horizontal}"`} vertical="top"${x.wrap ? " wrapText=\"1\"" : ""}/></xf>`
          : "/>"
      }`
    ).join("")
    return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n` +
      `<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">` +
      (this.numFmts.size > 0 ? `<numFmts count="${this.numFmts.size}">${fmts}</numFmts>` : "") +
      `<fonts count="4">` +
      `<font><sz val="11"/><name val="${font}"/><family val="2"/></font>` +
      `<font><b/><sz val="11"/><name val="${font}"/><family val="2"/></font>` +
      `<font><b/><sz val="14"/><name val="${font}"/><family val="2"/></font>` +
      `<font><i/><sz val="10"/><color rgb="FF555555"/><name val="${font}"/><family val="2"/></font>` +
      `</fonts>` +
      `<fills count="3"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill>` +
      `<fill><patternFill patternType="solid"><fgColor rgb="FFE7E6E6"/><bgColor indexed="64"/></patternFill></fill></fills>` +
      `<borders count="2"><border><left/><right/><top/><bottom/><diagonal/></border>` +
      `<border><left style="thin"><color auto="1"/></left><right style="thin"><color auto="1"/></right>` +
      `<top style="thin"><color auto="1"/></top><bottom style="thin"><color auto="1"/></bottom><diagonal/></border></borders>` +
      `<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>` +
      `<cellXfs count="${this.xfs.length}">${xfs}</cellXfs>` +
      `<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>` +
      `</styleSheet>`
  }
}

// ---------------------------------------------------------------------------------------------
// shared strings

class Strings {
  private readonly index = new Map<string, number>()
  private readonly list: Array<string> = []
  count = 0

  of(s: string): number {
    this.count++
    let i = this.index.get(s)
    if (i === undefined) {
      i = this.list.length
      this.list.push(s)
      this.index.set(s, i)
    }
    return i
  }

  xml(): string {
    const items = this.list.map((s) => {
      const t = escape(s.length > MAX_CELL_TEXT ? `${s.slice(0, MAX_CELL_TEXT - 1)}…` : s)
      return `<si><t xml:space="preserve">${t}</t></si>`
    })
    return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n` +
      `<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="${this.count}" uniqueCount="${this.list.length}">${items.join("")}</sst>`
  }
}

/** Excel's limit on the characters of one cell */
const MAX_CELL_TEXT = 32_767

// ---------------------------------------------------------------------------------------------
// numbers

const EXCEL_EPOCH_OFFSET = 25_569 // the serial of 1970-01-01 in the 1900 date system
const FIRST_SERIAL_DATE = "1900-03-01" // before it, Excel's serials are off by its 1900 leap-year bug

/**
 * The serial number of a local date in the 1900 date system (1970-01-01 is 25569).
 *
 * @since 0.1.0
 * @category conversions
 */
export const dateSerial = (date: string): number => LocalDate.toEpochDay(date as LocalDate.LocalDate) + EXCEL_EPOCH_OFFSET

/**
 * The serial number of an instant's local wall-clock time in a zone (days and fraction of a day).
 *
 * @since 0.1.0
 * @category conversions
 */
export const instantSerial = (ms: number, zone: Time.Zone): number => {
  const local = ms + Time.offsetAt(ms, zone)
  return local / 86_400_000 + EXCEL_EPOCH_OFFSET
}

// ---------------------------------------------------------------------------------------------
// sheets

const columnName = (index: number): string => {
  let n = index + 1
  let s = ""
  while (n > 0) {
    const r = (n - 1) % 26
    s = String.fromCharCode(65 + r) + s
    n = Math.floor((n - 1) / 26)
  }
  return s
}

interface SheetState {
  readonly rows: Array<string>
  readonly widths: Array<number>
  row: number
  maxCol: number
  merges: Array<string>
  firstTable: { readonly headingRow: number; readonly lastRow: number; readonly columns: number } | undefined
}

interface Context {
  readonly locale: Locale
  readonly zone: Time.Zone
  readonly styles: Styles
  readonly strings: Strings
}

const sampleLimit = 2_000 // rows measured for column widths

const textCell = (ref: string, s: string, style: number, ctx: Context): string =>
  `<c r="${ref}" s="${style}" t="s"><v>${ctx.strings.of(clean(s))}</v></c>`

const numberCell = (ref: string, v: string, style: number): string => `<c r="${ref}" s="${style}"><v>${v}</v></c>`

const emptyCell = (ref: string, style: number): string => (style === 0 ? "" : `<c r="${ref}" s="${style}"/>`)

/** the XML of one typed cell */
const typedCell = (ref: string, column: Column, cell: Cell, ctx: Context, total: boolean, bordered: boolean): string => {
  if (cell === null) return emptyCell(ref, bordered || total ? ctx.styles.cell(column, undefined, ctx.locale, total, bordered) : 0)
  switch (column.kind) {
    case "text":
      return textCell(ref, text(cell as Text, ctx.locale), ctx.styles.cell(column, undefined, ctx.locale, total, bordered), ctx)
    case "integer":
      return numberCell(ref, (cell as number).toString(), ctx.styles.cell(column, undefined, ctx.locale, total, bordered))
    case "money":
      return numberCell(ref, Format.moneyPlain(cell as number, column.currency), ctx.styles.cell(column, undefined, ctx.locale, total, bordered))
    case "decimal": {
      const m = cell as Measure
      const shown = column.unit === undefined && m.unit !== undefined ? Format.unitText(m.unit, ctx.locale) : undefined
      return numberCell(ref, Format.decimalText(m.value), ctx.styles.cell(column, shown, ctx.locale, total, bordered))
    }
    case "date": {
      const d = cell as string
      const style = ctx.styles.cell(column, undefined, ctx.locale, total, bordered)
      return d < FIRST_SERIAL_DATE ? textCell(ref, d, style, ctx) : numberCell(ref, String(dateSerial(d)), style)
    }
    case "instant": {
      const style = ctx.styles.cell(column, undefined, ctx.locale, total, bordered)
      const serial = instantSerial(cell as number, ctx.zone)
      return serial < dateSerial(FIRST_SERIAL_DATE)
        ? textCell(ref, Format.instantText(cell as number, ctx.zone, column.seconds), style, ctx)
        : numberCell(ref, String(serial), style)
    }
    case "percent":
      return numberCell(ref, (cell as number).toString(), ctx.styles.cell(column, undefined, ctx.locale, total, bordered))
  }
}

const measure = (sheet: SheetState, col: number, s: string): void => {
  const w = displayWidth(s)
  if ((sheet.widths[col] ?? 0) < w) sheet.widths[col] = w
}

const pushRow = (sheet: SheetState, cells: string): void => {
  sheet.row++
  sheet.rows.push(cells.length === 0 ? "" : `<row r="${sheet.row}">${cells}</row>`)
}

const textRow = (sheet: SheetState, values: ReadonlyArray<string>, style: number, ctx: Context, measured = true): void => {
  let cells = ""
  values.forEach((v, i) => {
    if (v.length === 0) return
    cells += textCell(`${columnName(i)}${sheet.row + 1}`, v, style, ctx)
    if (measured) measure(sheet, i, v)
  })
  sheet.maxCol = Math.max(sheet.maxCol, values.length)
  pushRow(sheet, cells)
}

const writeTable = (sheet: SheetState, t: Table, ctx: Context): void => {
  const headingStyle = ctx.styles.named("heading")
  if (t.caption !== undefined) textRow(sheet, [text(t.caption, ctx.locale)], ctx.styles.named("label"), ctx, false)
  const headings = t.columns.map((c) => Format.heading(c, ctx.locale, "display"))
  textRow(sheet, headings, headingStyle, ctx)
  const headingRow = sheet.row
  if (t.rows.length === 0 && t.empty !== undefined) {
    textRow(sheet, [text(t.empty, ctx.locale)], ctx.styles.named("note"), ctx, false)
    return
  }
  for (let r = 0; r < t.rows.length; r++) {
    const row = t.rows[r]!
    const n = sheet.row + 1
    let cells = ""
    for (let c = 0; c < row.length; c++) {
      const column = t.columns[c]!
      cells += typedCell(`${columnName(c)}${n}`, column, row[c]!, ctx, false, true)
      if (r < sampleLimit) measure(sheet, c, Format.display(column, row[c]!, ctx.locale, ctx.zone))
    }
    pushRow(sheet, cells)
  }
  if (t.totals !== undefined) {
    const totals = t.totals
    const n = sheet.row + 1
    let cells = textCell(`A${n}`, text(totals.label, ctx.locale), ctx.styles.xf("total:label", {
      numFmt: 0,
      font: FONT.bold,
      fill: FILL.none,
      border: BORDER.thin,
      wrap: false
    }), ctx)
    for (let c = 1; c < t.columns.length; c++) {
      const column = t.columns[c]!
      cells += typedCell(`${columnName(c)}${n}`, column, totals.values[c]!, ctx, true, true)
      measure(sheet, c, Format.display(column, totals.values[c]!, ctx.locale, ctx.zone))
    }
    pushRow(sheet, cells)
  }
  sheet.maxCol = Math.max(sheet.maxCol, t.columns.length)
  if (sheet.firstTable === undefined) sheet.firstTable = { headingRow, lastRow: sheet.row, columns: t.columns.length }
}

const writeChart = (sheet: SheetState, chart: Chart, ctx: Context): void => {
  textRow(sheet, [text(chart.title, ctx.locale)], ctx.styles.named("label"), ctx, false)
  const valueColumn: Column = chart.value.kind === "money"
    ? { label: "", kind: "money", currency: chart.value.currency }
    : chart.value.kind === "percent"
    ? { label: "", kind: "percent", scale: 1 }
    : chart.value.kind === "integer"
    ? { label: "", kind: "integer" }
    : { label: "", kind: "decimal", unit: undefined, scale: undefined, minScale: undefined }
  textRow(sheet, [text(chart.xLabel ?? words.category, ctx.locale), ...chart.series.map((s) => text(s.name, ctx.locale))], ctx.styles.named("heading"), ctx)
  chart.categories.forEach((cat, i) => {
    const n = sheet.row + 1
    let cells = textCell(`A${n}`, text(cat, ctx.locale), ctx.styles.cell({ label: "", kind: "text" }, undefined, ctx.locale, false, true), ctx)
    measure(sheet, 0, text(cat, ctx.locale))
    chart.series.forEach((s, j) => {
      const v = s.values[i]
      const cell: Cell = v === null || v === undefined
        ? null
        : valueColumn.kind === "decimal"
        ? { value: Format.decimalValue(v), unit: chart.value.unit }
        : valueColumn.kind === "integer" || valueColumn.kind === "money"
        ? Math.round(v)
        : v
      const style = valueColumn.kind === "decimal" && chart.value.unit !== undefined ? Format.unitText(chart.value.unit, ctx.locale) : undefined
      cells += cell === null
        ? emptyCell(`${columnName(j + 1)}${n}`, ctx.styles.cell(valueColumn, style, ctx.locale, false, true))
        : typedCell(`${columnName(j + 1)}${n}`, valueColumn, cell, ctx, false, true)
    })
    pushRow(sheet, cells)
  })
  sheet.maxCol = Math.max(sheet.maxCol, chart.series.length + 1)
}

const sheetOf = (report: Report, section: Section, first: boolean, ctx: Context): { xml: string; firstTable: SheetState["firstTable"] } => {
  const sheet: SheetState = { rows: [], widths: [], row: 0, maxCol: 1, merges: [], firstTable: undefined }
  const locale = ctx.locale
  const titleRows: Array<number> = []
  if (first) {
    textRow(sheet, [text(report.title, locale)], ctx.styles.named("title"), ctx, false)
    titleRows.push(sheet.row)
    if (report.subtitle !== undefined) {
      textRow(sheet, [text(report.subtitle, locale)], ctx.styles.named("subtitle"), ctx, false)
      titleRows.push(sheet.row)
    }
    if (report.school !== undefined) textRow(sheet, [text(words.school, locale), report.school], ctx.styles.named("label"), ctx, false)
    if (report.generatedAt !== undefined) {
      textRow(sheet, [text(words.generatedAt, locale), Format.instantText(report.generatedAt, report.zone)], ctx.styles.named("label"), ctx, false)
    }
  }
  if (section.title !== undefined) {
    if (sheet.row > 0) pushRow(sheet, "")
    textRow(sheet, [text(section.title, locale)], ctx.styles.named(first ? "label" : "title"), ctx, false)
    if (!first) titleRows.push(sheet.row)
  }
  for (const b of section.blocks) {
    if (sheet.row > 0) pushRow(sheet, "")
    switch (b.type) {
      case "fields":
        for (const f of b.fields) {
          const n = sheet.row + 1
          const label = text(f.label, locale)
          measure(sheet, 0, label)
          pushRow(sheet, textCell(`A${n}`, label, ctx.styles.named("label"), ctx) + typedCell(`B${n}`, f.column, f.value, ctx, false, false))
        }
        sheet.maxCol = Math.max(sheet.maxCol, 2)
        break
      case "table":
        writeTable(sheet, b, ctx)
        break
      case "paragraph":
        textRow(sheet, [text(b.text, locale)], 0, ctx, false)
        break
      case "notes":
        textRow(sheet, [text(words.notes, locale)], ctx.styles.named("label"), ctx, false)
        b.notes.forEach((note, i) => textRow(sheet, [`${i + 1}. ${text(note, locale)}`], ctx.styles.named("note"), ctx, false))
        break
      case "signatures":
        for (const s of b.signatures) {
          const colon = locale === "zh-CN" ? "：" : ":"
          textRow(sheet, [
            `${text(s.role, locale)}${colon}`,
            s.name ?? "",
            `${text(words.date, locale)}${colon}`,
            s.date ?? ""
          ], ctx.styles.named("label"), ctx, false)
        }
        break
      case "chart":
        writeChart(sheet, b.chart, ctx)
        break
    }
  }
  const lastCol = columnName(Math.max(sheet.maxCol, 1) - 1)
  for (const r of titleRows) if (sheet.maxCol > 1) sheet.merges.push(`A${r}:${lastCol}${r}`)

  const cols = Array.from({ length: sheet.maxCol }, (_, i) => {
    const w = Math.min(50, Math.max(8, (sheet.widths[i] ?? 8) + 2))
    return `<col min="${i + 1}" max="${i + 1}" width="${w}" customWidth="1"/>`
  }).join("")
  const ft = sheet.firstTable
  const pane = ft === undefined
    ? `<sheetView workbookViewId="0"${first ? " tabSelected=\"1\"" : ""}/>`
    : `<sheetView workbookViewId="0"${first ? " tabSelected=\"1\"" : ""}><pane ySplit="${ft.headingRow}" topLeftCell="A${
      ft.headingRow + 1
    }" activePane="bottomLeft" state="frozen"/><selection pane="bottomLeft" activeCell="A${ft.headingRow + 1}" sqref="A${ft.headingRow + 1}"/></sheetView>`
  const dimension = `A1:${lastCol}${Math.max(sheet.row, 1)}`
  const autoFilter = ft === undefined || ft.lastRow === ft.headingRow ? "" : `<autoFilter ref="A${ft.headingRow}:${columnName(ft.columns - 1)}${ft.lastRow}"/>`
  const merges = sheet.merges.length === 0 ? "" : `<mergeCells count="${sheet.merges.length}">${sheet.merges.map((m) => `<mergeCell ref="${m}"/>`).join("")}</mergeCells>`
  const footer = escape(`&C${text(words.page, locale)}`)
  const xml = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n` +
    `<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">` +
    `<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>` +
    `<dimension ref="${dimension}"/>` +
    `<sheetViews>${pane}</sheetViews>` +
    `<sheetFormatPr defaultRowHeight="15"/>` +
    `<cols>${cols}</cols>` +
    `<sheetData>${sheet.rows.join("")}</sheetData>` +
    autoFilter +
    merges +
    `<printOptions horizontalCentered="1"/>` +
    `<pageMargins left="0.5" right="0.5" top="0.6" bottom="0.6" header="0.3" footer="0.3"/>` +
    `<pageSetup paperSize="9" orientation="${report.orientation}" fitToWidth="1" fitToHeight="0"/>` +
    `<headerFooter><oddFooter>${footer}</oddFooter></headerFooter>` +
    `</worksheet>`
  return { xml, firstTable: ft }
}

const forbidden = /[\\/?*[\]:]/g

/**
 * Sheet names for sections: the section's title (or `Sheet N`), without the characters Excel
 * forbids (`\ / ? * [ ] :`), at most 31 characters, unique regardless of case.
 *
 * @since 0.1.0
 * @category formatting
 */
export const sheetNames = (titles: ReadonlyArray<string | undefined>): Array<string> => {
  const used = new Set<string>()
  return titles.map((t, i) => {
    let base = clean(t ?? "").replace(forbidden, " ").replace(/^'+|'+$/g, "").trim()
    if (base.length === 0) base = `Sheet${i + 1}`
    base = Array.from(base).slice(0, 31).join("")
    let name = base
    for (let k = 2; used.has(name.toLowerCase()); k++) {
      const suffix = ` (${k})`
      name = Array.from(base).slice(0, 31 - suffix.length).join("") + suffix
    }
    used.add(name.toLowerCase())
    return name
  })
}

const quoteSheet = (name: string): string => `'${name.replaceAll("'", "''")}'`

const encoder = new TextEncoder()

/** the fixed time stamp of every entry: the earliest a ZIP can hold, in any zone the machine is in */
const zipTime = (): Date => new Date(1980, 0, 1, 0, 0, 0)

/**
 * The report as an XLSX workbook (bytes of a ZIP file). Deterministic: the same report and locale
 * give the same bytes.
 *
 * @since 0.1.0
 * @category renderers
 */
export const render = (report: Report, options: RenderOptions = {}): Uint8Array => {
  const locale = options.locale ?? "zh-CN"
  const ctx: Context = { locale, zone: report.zone, styles: new Styles(), strings: new Strings() }
  const sections = report.sections.length > 0 ? report.sections : [{ title: undefined, blocks: [] }]
  const names = sheetNames(sections.map((s, i) => (s.title === undefined ? (i === 0 ? text(report.title, locale) : undefined) : text(s.title, locale))))
  const sheets = sections.map((s, i) => sheetOf(report, s, i === 0, ctx))

  const definedNames: Array<string> = []
  sheets.forEach((s, i) => {
    const ft = s.firstTable
    if (ft === undefined) return
    const q = quoteSheet(names[i]!)
    if (ft.lastRow > ft.headingRow) {
      definedNames.push(
        `<definedName name="_xlnm._FilterDatabase" localSheetId="${i}" hidden="1">${escape(`${q}!$A$${ft.headingRow}:$${columnName(ft.columns - 1)}$${ft.lastRow}`)}</definedName>`
      )
    }
    definedNames.push(`<definedName name="_xlnm.Print_Titles" localSheetId="${i}">${escape(`${q}!$${ft.headingRow}:$${ft.headingRow}`)}</definedName>`)
  })

  const head = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n`
  const files: Record<string, Uint8Array> = {}
  const put = (path: string, xml: string) => {
    files[path] = encoder.encode(xml)
  }
  put(
    "[Content_Types].xml",
    head + `<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
      `<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>` +
      `<Default Extension="xml" ContentType="application/xml"/>` +
      `<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>` +
      sheets.map((_, i) =>
        `<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`
      ).join("") +
      `<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>` +
      `<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>` +
      `<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>` +
      `<Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/>` +
      `</Types>`
  )
  put(
    "_rels/.rels",
    head + `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
      `<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>` +
      `<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>` +
      `<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties" Target="docProps/app.xml"/>` +
      `</Relationships>`
  )
  const created = report.generatedAt === undefined
    ? ""
    : `<dcterms:created xsi:type="dcterms:W3CDTF">${Time.formatInstant(Time.fromEpochMillis(report.generatedAt)).replace(/\.\d{3}Z$/, "Z")}</dcterms:created>`
  put(
    "docProps/core.xml",
    head + `<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" ` +
      `xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">` +
      `<dc:title>${escape(text(report.title, locale))}</dc:title><dc:creator>Houqin</dc:creator><dc:language>${locale}</dc:language>${created}</cp:coreProperties>`
  )
  put(
    "docProps/app.xml",
    head + `<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"><Application>Houqin</Application></Properties>`
  )
  put(
    "xl/workbook.xml",
    head + `<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">` +
      `<bookViews><workbookView activeTab="0"/></bookViews>` +
      `<sheets>${names.map((n, i) => `<sheet name="${escape(n)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`).join("")}</sheets>` +
      (definedNames.length > 0 ? `<definedNames>${definedNames.join("")}</definedNames>` : "") +
      `</workbook>`
  )
  put(
    "xl/_rels/workbook.xml.rels",
    head + `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
      sheets.map((_, i) =>
        `<Relationship Id="rId${i + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`
      ).join("") +
      `<Relationship Id="rId${sheets.length + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>` +
      `<Relationship Id="rId${sheets.length + 2}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>` +
      `</Relationships>`
  )
  sheets.forEach((s, i) => put(`xl/worksheets/sheet${i + 1}.xml`, s.xml))
  put("xl/styles.xml", ctx.styles.xml(locale))
  put("xl/sharedStrings.xml", ctx.strings.xml())
  return zipSync(files, { level: 6, mtime: zipTime() })
}
