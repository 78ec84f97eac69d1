/**
 * The report model: a document of titled sections, each a list of blocks — key–value fields, tables
 * with typed columns, paragraphs, footnotes, signature lines (审核人 / 公示人) and charts.
 *
 * Columns are typed: `text`, `integer`, `money` (integer fen), `decimal` (an exact decimal, with a
 * unit for quantities), `date` (a local date), `instant` (a point in time, shown in the school's
 * zone) and `percent` (a ratio, 0.5 = 50 %). {@link make} checks every cell against its column and
 * returns a {@link Report} — or a `ValidationError` listing each bad cell with its path
 * (`["sections", 0, "blocks", 1, "rows", 17, 3]`) in zh-CN and en. Renderers take only checked
 * reports, so rendering never fails.
 *
 * ```ts
 * const report = Report.make({
 *   title: { zh: "每日公示", en: "Daily publication" },
 *   sections: [{ blocks: [{ type: "table", columns: [
 *     { label: { zh: "品名", en: "item" }, kind: "text" },
 *     { label: { zh: "金额", en: "amount" }, kind: "money" }
 *   ], rows: [["大米", 123450]] }] }]
 * })
 * ```
 *
 * @since 0.1.0
 */
import type { Errors, Messages, Path, Quantity } from "@houqin/core"
import { Decimal, LocalDate, Money, Time, Unit, ValidationError } from "@houqin/core"
import { BigDecimal, DateTime, Result } from "effect"
import type { Locale, Text } from "./Locale.ts"
import { isMessages } from "./Locale.ts"

type Currency = Money.Currency
type UnitCode = Unit.Unit
type Zone = Time.Zone
type Instant = Time.Instant
type Issue = Errors.Issue

// ---------------------------------------------------------------------------------------------
// columns

/**
 * What a column holds, and how its cells are checked and shown.
 *
 * - `text`: a string (data) or a label `{ zh, en }`.
 * - `integer`: a safe integer.
 * - `money`: `Money` or a number of fen, in the column's currency (default: the cells', else CNY).
 * - `decimal`: an exact decimal (`BigDecimal`, a decimal string, or a number through its shortest
 *   form) or a `Quantity`. With a `unit`, quantities are converted to it exactly (a quantity that
 *   does not convert is refused) and the heading names it; without, each cell shows its own unit.
 *   `scale` fixes the decimals shown (rounded half-up for display; CSV and XLSX keep the exact value);
 *   `minScale`, without `scale`, shows at least that many places and never rounds (a unit price
 *   `4.20`, `0.995`).
 * - `date`: a local date `YYYY-MM-DD`.
 * - `instant`: an instant (effect `DateTime`, ISO 8601 text with an offset, or epoch milliseconds),
 *   shown in the report's zone to the minute (or the second with `seconds`).
 * - `percent`: a ratio as a number or decimal (0.952 = 95.2 %), shown with `scale` decimals of a
 *   percent (default 1).
 *
 * @since 0.1.0
 * @category models
 */
export type ColumnType =
  | { readonly kind: "text" }
  | { readonly kind: "integer" }
  | { readonly kind: "money"; readonly currency?: Currency }
  | { readonly kind: "decimal"; readonly unit?: UnitCode; readonly scale?: number; readonly minScale?: number }
  | { readonly kind: "date" }
  | { readonly kind: "instant"; readonly seconds?: boolean }
  | { readonly kind: "percent"; readonly scale?: number }

/**
 * The kinds of column.
 *
 * @since 0.1.0
 * @category models
 */
export type ColumnKind = ColumnType["kind"]

/**
 * A column as given: its heading and its type.
 *
 * @since 0.1.0
 * @category models
 */
export type ColumnInput = ColumnType & { readonly label: Text }

/**
 * A checked column: the currency of a money column is settled.
 *
 * @since 0.1.0
 * @category models
 */
export type Column =
  | { readonly label: Text; readonly kind: "text" }
  | { readonly label: Text; readonly kind: "integer" }
  | { readonly label: Text; readonly kind: "money"; readonly currency: Currency }
  | { readonly label: Text; readonly kind: "decimal"; readonly unit: UnitCode | undefined; readonly scale: number | undefined; readonly minScale?: number | undefined }
  | { readonly label: Text; readonly kind: "date" }
  | { readonly label: Text; readonly kind: "instant"; readonly seconds: boolean }
  | { readonly label: Text; readonly kind: "percent"; readonly scale: number }

// ---------------------------------------------------------------------------------------------
// cells

/**
 * A cell as given (see {@link ColumnType} for what each kind accepts). `null` and `undefined` are
 * an empty cell.
 *
 * @since 0.1.0
 * @category models
 */
export type CellInput =
  | null
  | undefined
  | string
  | number
  | Messages
  | Money.Money
  | Decimal.Decimal
  | Quantity.Quantity
  | Instant

/**
 * An exact decimal with the unit it is shown in (`undefined`: a plain number).
 *
 * @since 0.1.0
 * @category models
 */
export interface Measure {
  readonly value: Decimal.Decimal
  readonly unit: UnitCode | undefined
}

/**
 * A checked cell: text (string or label) for `text`; a number for `integer`, `money` (fen),
 * `instant` (epoch milliseconds) and `percent` (the ratio); a {@link Measure} for `decimal`;
 * a `YYYY-MM-DD` string for `date`; `null` when empty.
 *
 * @since 0.1.0
 * @category models
 */
export type Cell = null | string | number | Messages | Measure

// ---------------------------------------------------------------------------------------------
// blocks

/**
 * One key–value field of a header (学校：红旗小学). Its `type` defaults to text.
 *
 * @since 0.1.0
 * @category models
 */
export interface FieldInput {
  readonly label: Text
  readonly value: CellInput
  readonly type?: ColumnType
}

/**
 * A signature line: the role (审核人, 公示人…), and the name and date when known; a blank line to
 * sign on otherwise.
 *
 * @since 0.1.0
 * @category models
 */
export interface Signature {
  readonly role: Text
  readonly name?: string
  readonly date?: string
}

/**
 * The totals row of a table: a label in the first column, and a value (or `null`) for each column
 * (`values[0]` is the label's place and must be empty).
 *
 * @since 0.1.0
 * @category models
 */
export interface TotalsInput {
  readonly label: Text
  readonly values: ReadonlyArray<CellInput>
}

/**
 * A chart: bars (grouped when there are several series), lines, or stacked bars, over categories.
 * Values are numbers (`null`: no value) of one `value` kind: `integer`, `decimal`, `money` (fen) or
 * `percent` (ratios), which decides how the axis is labelled.
 *
 * @since 0.1.0
 * @category models
 */
export interface ChartInput {
  readonly kind: "bar" | "line" | "stackedBar"
  readonly title: Text
  readonly description?: Text
  readonly categories: ReadonlyArray<Text>
  readonly series: ReadonlyArray<{ readonly name: Text; readonly values: ReadonlyArray<number | null> }>
  readonly value?: { readonly kind: "integer" | "decimal" | "money" | "percent"; readonly currency?: Currency; readonly unit?: UnitCode }
  readonly xLabel?: Text
  readonly yLabel?: Text
  readonly width?: number
  readonly height?: number
}

/**
 * A checked chart.
 *
 * @since 0.1.0
 * @category models
 */
export interface Chart {
  readonly kind: "bar" | "line" | "stackedBar"
  readonly title: Text
  readonly description: Text | undefined
  readonly categories: ReadonlyArray<Text>
  readonly series: ReadonlyArray<{ readonly name: Text; readonly values: ReadonlyArray<number | null> }>
  readonly value: { readonly kind: "integer" | "decimal" | "money" | "percent"; readonly currency: Currency; readonly unit: UnitCode | undefined }
  readonly xLabel: Text | undefined
  readonly yLabel: Text | undefined
  readonly width: number
  readonly height: number
}

/**
 * A block as given.
 *
 * @since 0.1.0
 * @category models
 */
export type BlockInput =
  | { readonly type: "fields"; readonly fields: ReadonlyArray<FieldInput> }
  | {
    readonly type: "table"
    readonly caption?: Text
    readonly columns: ReadonlyArray<ColumnInput>
    readonly rows: ReadonlyArray<ReadonlyArray<CellInput>>
    readonly totals?: TotalsInput
    /** shown instead of an empty table */
    readonly empty?: Text
  }
  | { readonly type: "paragraph"; readonly text: Text }
  | { readonly type: "notes"; readonly notes: ReadonlyArray<Text> }
  | { readonly type: "signatures"; readonly signatures: ReadonlyArray<Signature> }
  | { readonly type: "chart"; readonly chart: ChartInput }

/**
 * A checked field.
 *
 * @since 0.1.0
 * @category models
 */
export interface Field {
  readonly label: Text
  readonly column: Column
  readonly value: Cell
}

/**
 * A checked table.
 *
 * @since 0.1.0
 * @category models
 */
export interface Table {
  readonly type: "table"
  readonly caption: Text | undefined
  readonly columns: ReadonlyArray<Column>
  readonly rows: ReadonlyArray<ReadonlyArray<Cell>>
  readonly totals: { readonly label: Text; readonly values: ReadonlyArray<Cell> } | undefined
  readonly empty: Text | undefined
}

/**
 * A checked block.
 *
 * @since 0.1.0
 * @category models
 */
export type Block =
  | { readonly type: "fields"; readonly fields: ReadonlyArray<Field> }
  | Table
  | { readonly type: "paragraph"; readonly text: Text }
  | { readonly type: "notes"; readonly notes: ReadonlyArray<Text> }
  | { readonly type: "signatures"; readonly signatures: ReadonlyArray<Signature> }
  | { readonly type: "chart"; readonly chart: Chart }

/**
 * A section as given: an optional title and its blocks.
 *
 * @since 0.1.0
 * @category models
 */
export interface SectionInput {
  readonly title?: Text
  readonly blocks: ReadonlyArray<BlockInput>
}

/**
 * A checked section.
 *
 * @since 0.1.0
 * @category models
 */
export interface Section {
  readonly title: Text | undefined
  readonly blocks: ReadonlyArray<Block>
}

/**
 * A report as given. `zone` is the school's zone, in which instants are shown (default
 * Asia/Shanghai). `generatedAt` is printed only when given: rendering never reads the clock, so
 * the same report always renders to the same bytes.
 *
 * @since 0.1.0
 * @category models
 */
export interface ReportInput {
  readonly title: Text
  readonly subtitle?: Text
  readonly school?: string
  readonly zone?: string
  readonly generatedAt?: Instant | string | number
  /** wide tables print on A4 landscape; `auto` turns the page when a table has more than 7 columns */
  readonly orientation?: "portrait" | "landscape" | "auto"
  readonly sections: ReadonlyArray<SectionInput>
}

const TypeId: unique symbol = Symbol.for("@houqin/reports/Report")

/**
 * A checked report, made by {@link make} only.
 *
 * @since 0.1.0
 * @category models
 */
export interface Report {
  readonly [TypeId]: typeof TypeId
  readonly title: Text
  readonly subtitle: Text | undefined
  readonly school: string | undefined
  readonly zone: Zone
  readonly generatedAt: number | undefined
  readonly orientation: "portrait" | "landscape"
  readonly sections: ReadonlyArray<Section>
}

/**
 * Whether a value is a checked report.
 *
 * @since 0.1.0
 * @category guards
 */
export const isReport = (u: unknown): u is Report => typeof u === "object" && u !== null && TypeId in u

// ---------------------------------------------------------------------------------------------
// checking

const MAX_ISSUES = 50

class Issues {
  readonly list: Array<Issue> = []
  add(path: Path, zh: string, en: string): void {
    if (this.list.length < MAX_ISSUES) this.list.push({ path, zh, en })
  }
  get full(): boolean {
    return this.list.length >= MAX_ISSUES
  }
}

const describeValue = (u: unknown, zh = false): string => {
  if (u === null) return "null"
  if (typeof u === "string") return JSON.stringify(u.length > 40 ? `${u.slice(0, 40)}…` : u)
  if (typeof u === "number" || typeof u === "boolean" || typeof u === "bigint") return String(u)
  if (Array.isArray(u)) return zh ? "数组" : "an array"
  if (typeof u === "object") return zh ? "对象" : "an object"
  return zh ? `${typeof u} 类型的值` : typeof u
}

/** whether an input that the types say is a list really is one (untyped callers), without narrowing to `any[]` */
const isList = <T>(u: ReadonlyArray<T>): boolean => Array.isArray(u)
const listOf = <T>(u: ReadonlyArray<T>): ReadonlyArray<T> => (isList(u) ? u : [])

const isMoney = (u: unknown): u is Money.Money =>
  typeof u === "object" && u !== null && typeof (u as Money.Money).amount === "number" && typeof (u as Money.Money).currency === "string"

const isQuantity = (u: unknown): u is Quantity.Quantity =>
  typeof u === "object" && u !== null && BigDecimal.isBigDecimal((u as Quantity.Quantity).value) && Unit.isUnit((u as Quantity.Quantity).unit)

const isText = (u: unknown): u is Text => typeof u === "string" || isMessages(u)

const kindNames: Record<ColumnKind, Messages> = {
  text: { zh: "文本", en: "text" },
  integer: { zh: "整数", en: "an integer" },
  money: { zh: "金额（分，整数）", en: "money (a whole number of fen)" },
  decimal: { zh: "十进制数或数量", en: "a decimal or a quantity" },
  date: { zh: "日期 YYYY-MM-DD", en: "a date YYYY-MM-DD" },
  instant: { zh: "时间点（带时区偏移的 ISO 8601 时间）", en: "an instant (ISO 8601 with an offset)" },
  percent: { zh: "比例（数值）", en: "a ratio (a number)" }
}

const bad = (issues: Issues, path: Path, kind: ColumnKind, u: unknown): null => {
  issues.add(
    path,
    `应为${kindNames[kind].zh}，实际为 ${describeValue(u, true)}`,
    `expected ${kindNames[kind].en}, got ${describeValue(u)}`
  )
  return null
}

const toInstantMillis = (u: unknown): number | undefined => {
  if (typeof u === "number") return Number.isFinite(u) ? u : undefined
  if (typeof u === "string") return Time.parseInstant(u)?.epochMilliseconds
  if (DateTime.isDateTime(u)) return u.epochMilliseconds
  return undefined
}

const toDecimal = (u: unknown): Decimal.Decimal | undefined => {
  if (BigDecimal.isBigDecimal(u)) return BigDecimal.normalize(u)
  if (typeof u === "string") {
    const d = Decimal.parse(u)
    return d._tag === "Some" ? d.value : undefined
  }
  if (typeof u === "number") {
    const d = Decimal.fromNumber(u)
    return d._tag === "Some" ? d.value : undefined
  }
  return undefined
}

/** checks one cell against its column; `null` for an empty or refused cell (the refusal is recorded) */
const checkCell = (column: Column, u: unknown, path: Path, issues: Issues): Cell => {
  if (u === null || u === undefined) return null
  switch (column.kind) {
    case "text":
      return isText(u) ? u : bad(issues, path, "text", u)
    case "integer":
      return typeof u === "number" && Number.isSafeInteger(u) ? u : bad(issues, path, "integer", u)
    case "money": {
      if (typeof u === "number") return Number.isSafeInteger(u) ? u : bad(issues, path, "money", u)
      if (isMoney(u)) {
        if (!Number.isSafeInteger(u.amount)) return bad(issues, path, "money", u.amount)
        if (u.currency !== column.currency) {
          issues.add(path, `货币 ${u.currency} 与本列的 ${column.currency} 不一致`, `currency ${u.currency} differs from the column's ${column.currency}`)
          return null
        }
        return u.amount === 0 ? 0 : u.amount
      }
      return bad(issues, path, "money", u)
    }
    case "decimal": {
      if (isQuantity(u)) {
        if (column.unit === undefined) return { value: BigDecimal.normalize(u.value), unit: u.unit }
        const f = Unit.factor(u.unit, column.unit)
        if (f === undefined) {
          issues.add(path, `${u.unit} 不能换算为本列的单位 ${column.unit}`, `${u.unit} does not convert to the column's unit ${column.unit}`)
          return null
        }
        return { value: BigDecimal.normalize(BigDecimal.multiply(u.value, f)), unit: column.unit }
      }
      const d = toDecimal(u)
      return d === undefined ? bad(issues, path, "decimal", u) : { value: d, unit: column.unit }
    }
    case "date":
      return LocalDate.isLocalDate(u) ? u : bad(issues, path, "date", u)
    case "instant": {
      const ms = toInstantMillis(u)
      return ms === undefined ? bad(issues, path, "instant", u) : ms
    }
    case "percent": {
      if (typeof u === "number") return Number.isFinite(u) ? (u === 0 ? 0 : u) : bad(issues, path, "percent", u)
      if (BigDecimal.isBigDecimal(u)) return BigDecimal.toNumberUnsafe(u)
      return bad(issues, path, "percent", u)
    }
  }
}

const currencyOfCells = (rows: ReadonlyArray<ReadonlyArray<CellInput>>, index: number): Currency | undefined => {
  for (const row of rows) {
    const c = row[index]
    if (isMoney(c) && Object.hasOwn(Money.currencies, c.currency)) return c.currency
  }
  return undefined
}

const checkColumn = (
  input: ColumnInput,
  path: Path,
  issues: Issues,
  cells: () => Currency | undefined
): Column => {
  const label = isText(input.label) ? input.label : (issues.add([...path, "label"], "列标题应为文本", "a column label must be text"), "")
  switch (input.kind) {
    case "text":
    case "integer":
    case "date":
      return { label, kind: input.kind }
    case "money": {
      const currency = input.currency ?? cells() ?? "CNY"
      if (!Object.hasOwn(Money.currencies, currency)) {
        issues.add([...path, "currency"], `未知的货币：${String(currency)}`, `unknown currency ${String(currency)}`)
        return { label, kind: "money", currency: "CNY" }
      }
      return { label, kind: "money", currency }
    }
    case "decimal": {
      if (input.unit !== undefined && !Unit.isUnit(input.unit)) {
        issues.add([...path, "unit"], `未知的计量单位：${String(input.unit)}`, `unknown unit ${String(input.unit)}`)
      }
      const scale = checkScale(input.scale, [...path, "scale"], issues)
      const minScale = checkScale(input.minScale, [...path, "minScale"], issues)
      return { label, kind: "decimal", unit: input.unit !== undefined && Unit.isUnit(input.unit) ? input.unit : undefined, scale, minScale: scale === undefined ? minScale : undefined }
    }
    case "instant":
      return { label, kind: "instant", seconds: input.seconds === true }
    case "percent":
      return { label, kind: "percent", scale: checkScale(input.scale, [...path, "scale"], issues) ?? 1 }
    default:
      issues.add([...path, "kind"], `未知的列类型：${describeValue((input as { kind: unknown }).kind, true)}`, `unknown column kind ${describeValue((input as { kind: unknown }).kind)}`)
      return { label, kind: "text" }
  }
}

const checkScale = (scale: number | undefined, path: Path, issues: Issues): number | undefined => {
  if (scale === undefined) return undefined
  if (!Number.isInteger(scale) || scale < 0 || scale > 10) {
    issues.add(path, "小数位数应为 0 至 10 的整数", "scale must be an integer from 0 to 10")
    return undefined
  }
  return scale
}

const checkTable = (input: Extract<BlockInput, { type: "table" }>, path: Path, issues: Issues): Table => {
  if (!isList(input.columns) || input.columns.length === 0) {
    issues.add([...path, "columns"], "表格至少应有一列", "a table needs at least one column")
  }
  const inputs = listOf(input.columns)
  const rowsIn = listOf(input.rows)
  if (!isList(input.rows)) issues.add([...path, "rows"], "rows 应为数组", "rows must be an array")
  const columns = inputs.map((c, i) => checkColumn(c, [...path, "columns", i], issues, () => currencyOfCells(rowsIn, i)))
  const width = columns.length
  const rows: Array<ReadonlyArray<Cell>> = new Array<ReadonlyArray<Cell>>(rowsIn.length)
  for (let r = 0; r < rowsIn.length; r++) {
    const row = rowsIn[r]!
    if (!isList(row) || row.length !== width) {
      issues.add(
        [...path, "rows", r],
        `第 ${r + 1} 行应有 ${width} 个单元格，实际为 ${isList(row) ? row.length : describeValue(row, true)}`,
        `row ${r + 1} must have ${width} cells, got ${isList(row) ? row.length : describeValue(row)}`
      )
      rows[r] = new Array<Cell>(width).fill(null)
      continue
    }
    const out = new Array<Cell>(width)
    for (let c = 0; c < width; c++) {
      const u = row[c]
      // the common cases first, without building a path
      const col = columns[c]!
      if (u === null || u === undefined) out[c] = null
      else if (col.kind === "text" && typeof u === "string") out[c] = u
      else out[c] = checkCell(col, u, [...path, "rows", r, c], issues)
    }
    rows[r] = out
    if (issues.full) break
  }
  let totals: Table["totals"]
  if (input.totals !== undefined) {
    const t = input.totals
    if (!isText(t.label)) issues.add([...path, "totals", "label"], "合计行的标题应为文本", "the totals label must be text")
    if (!isList(t.values) || t.values.length !== width) {
      issues.add([...path, "totals", "values"], `合计行应有 ${width} 个单元格`, `the totals row must have ${width} cells`)
    } else {
      if (t.values[0] !== null && t.values[0] !== undefined) {
        issues.add([...path, "totals", "values", 0], "合计行第一格用于标题，应为空", "the first cell of the totals row holds the label and must be empty")
      }
      totals = {
        label: isText(t.label) ? t.label : "",
        values: t.values.map((u, c) => (c === 0 ? null : checkCell(columns[c]!, u, [...path, "totals", "values", c], issues)))
      }
    }
  }
  return {
    type: "table",
    caption: optionalText(input.caption, [...path, "caption"], issues),
    columns,
    rows,
    totals,
    empty: optionalText(input.empty, [...path, "empty"], issues)
  }
}

const optionalText = (u: unknown, path: Path, issues: Issues): Text | undefined => {
  if (u === undefined) return undefined
  if (isText(u)) return u
  issues.add(path, "应为文本", "expected text")
  return undefined
}

const requiredText = (u: unknown, path: Path, issues: Issues): Text => {
  if (isText(u)) return u
  issues.add(path, "应为文本", "expected text")
  return ""
}

const DEFAULT_CHART = { width: 640, height: 360 } as const

/**
 * Checks a chart on its own (for {@link Svg.render} outside a report): values finite or `null`,
 * one value per category in every series.
 *
 * @since 0.1.0
 * @category constructors
 */
export const chart = (input: ChartInput, path: Path = []): Result.Result<Chart, ValidationError> => {
  const issues = new Issues()
  const c = checkChart(input, path, issues)
  return issues.list.length > 0 ? Result.fail(ValidationError.fromIssues(issues.list, "reports.invalid")) : Result.succeed(c)
}

const checkChart = (input: ChartInput, path: Path, issues: Issues): Chart => {
  if (input.kind !== "bar" && input.kind !== "line" && input.kind !== "stackedBar") {
    issues.add([...path, "kind"], "图表类型应为 bar、line 或 stackedBar", "a chart's kind is bar, line or stackedBar")
  }
  const categories = listOf(input.categories)
  categories.forEach((t, i) => {
    if (!isText(t)) issues.add([...path, "categories", i], "类别名应为文本", "a category must be text")
  })
  const series = listOf(input.series)
  series.forEach((s, i) => {
    if (!isText(s.name)) issues.add([...path, "series", i, "name"], "系列名应为文本", "a series name must be text")
    if (!isList(s.values) || s.values.length !== categories.length) {
      issues.add([...path, "series", i, "values"], `每个系列应有 ${categories.length} 个值`, `each series needs ${categories.length} values, one per category`)
      return
    }
    s.values.forEach((v: unknown, j: number) => {
      if (v !== null && (typeof v !== "number" || !Number.isFinite(v))) {
        issues.add([...path, "series", i, "values", j], `应为有限数值或 null，实际为 ${describeValue(v, true)}`, `expected a finite number or null, got ${describeValue(v)}`)
      }
    })
  })
  const kind = input.value?.kind ?? "decimal"
  const currency = input.value?.currency ?? "CNY"
  if (!Object.hasOwn(Money.currencies, currency)) issues.add([...path, "value", "currency"], `未知的货币：${currency}`, `unknown currency ${currency}`)
  const unit = input.value?.unit
  if (unit !== undefined && !Unit.isUnit(unit)) issues.add([...path, "value", "unit"], `未知的计量单位：${String(unit)}`, `unknown unit ${String(unit)}`)
  const size = (u: number | undefined, fallback: number, key: string): number => {
    if (u === undefined) return fallback
    if (!Number.isInteger(u) || u < 160 || u > 4000) {
      issues.add([...path, key], "图表尺寸应为 160 至 4000 的整数", "a chart's size must be an integer from 160 to 4000")
      return fallback
    }
    return u
  }
  return {
    kind: input.kind,
    title: requiredText(input.title, [...path, "title"], issues),
    description: optionalText(input.description, [...path, "description"], issues),
    categories,
    series: series.map((s) => ({ name: s.name, values: listOf(s.values) })),
    value: { kind, currency, unit },
    xLabel: optionalText(input.xLabel, [...path, "xLabel"], issues),
    yLabel: optionalText(input.yLabel, [...path, "yLabel"], issues),
    width: size(input.width, DEFAULT_CHART.width, "width"),
    height: size(input.height, DEFAULT_CHART.height, "height")
  }
}

const checkBlock = (input: BlockInput, path: Path, issues: Issues): Block | undefined => {
  switch (input?.type) {
    case "fields":
      if (!isList(input.fields)) {
        issues.add([...path, "fields"], "fields 应为数组", "fields must be an array")
        return undefined
      }
      return {
        type: "fields",
        fields: input.fields.map((f, i) => {
          const column = checkColumn({ ...(f.type ?? { kind: "text" }), label: f.label }, [...path, "fields", i, "type"], issues, () =>
            isMoney(f.value) ? f.value.currency : undefined)
          return { label: requiredText(f.label, [...path, "fields", i, "label"], issues), column, value: checkCell(column, f.value, [...path, "fields", i, "value"], issues) }
        })
      }
    case "table":
      return checkTable(input, path, issues)
    case "paragraph":
      return { type: "paragraph", text: requiredText(input.text, [...path, "text"], issues) }
    case "notes":
      if (!isList(input.notes)) {
        issues.add([...path, "notes"], "notes 应为数组", "notes must be an array")
        return undefined
      }
      return { type: "notes", notes: input.notes.map((n, i) => requiredText(n, [...path, "notes", i], issues)) }
    case "signatures":
      if (!isList(input.signatures)) {
        issues.add([...path, "signatures"], "signatures 应为数组", "signatures must be an array")
        return undefined
      }
      input.signatures.forEach((s, i) => {
        requiredText(s.role, [...path, "signatures", i, "role"], issues)
        if (s.name !== undefined && typeof s.name !== "string") issues.add([...path, "signatures", i, "name"], "姓名应为文本", "a name must be text")
        if (s.date !== undefined && !LocalDate.isLocalDate(s.date)) issues.add([...path, "signatures", i, "date"], "日期应为 YYYY-MM-DD", "a date must be YYYY-MM-DD")
      })
      return { type: "signatures", signatures: input.signatures }
    case "chart":
      return { type: "chart", chart: checkChart(input.chart, [...path, "chart"], issues) }
    default:
      issues.add([...path, "type"], `未知的内容类型：${describeValue((input as { type?: unknown } | undefined)?.type, true)}`, `unknown block type ${describeValue((input as { type?: unknown } | undefined)?.type)}`)
      return undefined
  }
}

const WIDE = 7

/**
 * Checks a report: every cell against its column, every chart's series against its categories.
 * Fails with a `ValidationError` (code `reports.invalid`) whose `issues` list every problem found
 * (up to 50), each with its path and messages in zh-CN and en.
 *
 * @since 0.1.0
 * @category constructors
 */
export const make = (input: ReportInput): Result.Result<Report, ValidationError> => {
  const issues = new Issues()
  const title = requiredText(input.title, ["title"], issues)
  const zoneName = input.zone ?? Time.defaultZone
  const zoneResult = Time.zone(zoneName, ["zone"])
  if (Result.isFailure(zoneResult)) issues.add(["zone"], zoneResult.failure.zh, zoneResult.failure.en)
  let generatedAt: number | undefined
  if (input.generatedAt !== undefined) {
    generatedAt = toInstantMillis(input.generatedAt)
    if (generatedAt === undefined) bad(issues, ["generatedAt"], "instant", input.generatedAt)
  }
  if (input.school !== undefined && typeof input.school !== "string") issues.add(["school"], "学校名称应为文本", "the school name must be text")
  const sectionsIn = listOf(input.sections)
  if (!isList(input.sections)) issues.add(["sections"], "sections 应为数组", "sections must be an array")
  const sections = sectionsIn.map((s, i): Section => ({
    title: optionalText(s.title, ["sections", i, "title"], issues),
    blocks: listOf(s.blocks).flatMap((b: BlockInput, j: number) => {
      const block = checkBlock(b, ["sections", i, "blocks", j], issues)
      return block === undefined ? [] : [block]
    })
  }))
  if (issues.list.length > 0) return Result.fail(ValidationError.fromIssues(issues.list, "reports.invalid"))
  const widest = Math.max(0, ...sections.flatMap((s) => s.blocks.map((b) => (b.type === "table" ? b.columns.length : 0))))
  const orientation = input.orientation === "portrait" || input.orientation === "landscape"
    ? input.orientation
    : widest > WIDE ? "landscape" : "portrait"
  return Result.succeed({
    [TypeId]: TypeId,
    title,
    subtitle: optionalText(input.subtitle, ["subtitle"], issues),
    school: input.school,
    zone: Result.isSuccess(zoneResult) ? zoneResult.success : Time.defaultZone,
    generatedAt,
    orientation,
    sections
  })
}

/**
 * The tables of a report, in document order.
 *
 * @since 0.1.0
 * @category getters
 */
export const tables = (report: Report): ReadonlyArray<Table> =>
  report.sections.flatMap((s) => s.blocks.flatMap((b) => (b.type === "table" ? [b] : [])))

/**
 * The charts of a report, in document order.
 *
 * @since 0.1.0
 * @category getters
 */
export const charts = (report: Report): ReadonlyArray<Chart> =>
  report.sections.flatMap((s) => s.blocks.flatMap((b) => (b.type === "chart" ? [b.chart] : [])))

/**
 * The options every renderer takes: the locale of the labels (default zh-CN).
 *
 * @since 0.1.0
 * @category models
 */
export interface RenderOptions {
  readonly locale?: Locale
}
