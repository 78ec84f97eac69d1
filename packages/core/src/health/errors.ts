/**
 * Typed errors of the health module. Each carries a stable `code`, the `path` of the offending
 * field and messages in zh-CN and en; none is ever thrown.
 *
 * @since 0.1.0
 */
import { Schema } from "effect"
import type { Path } from "../kernel/Errors.ts"
import { errorFields, formatPath } from "../kernel/Errors.ts"

const describe = (self: { readonly en: string; readonly code: string; readonly path: Path }): string =>
  `${self.en} [${self.code} at ${formatPath(self.path)}]`

/**
 * What is wrong with a measurement.
 *
 * - `notFinite`: not a number (NaN, ±Infinity);
 * - `notPositive`: zero or negative (a weight of −3 kg);
 * - `likelyMetres`: a length or height so small it can only be metres (1.42 for 142 cm);
 * - `likelyMillimetres`: a length, height or circumference so large it can only be millimetres;
 * - `likelyGrams`: a weight so large it can only be grams (18000 for 18 kg);
 * - `notOnChart`: a visual acuity that is not a line of the chart;
 * - `implausible`: outside what the instrument can read (a body temperature of 25 °C).
 *
 * @since 0.1.0
 * @category models
 */
export type MeasurementProblem = "notFinite" | "notPositive" | "likelyMetres" | "likelyMillimetres" | "likelyGrams" | "notOnChart" | "implausible"

const problemMessages = (problem: MeasurementProblem, field: string, value: number): { zh: string; en: string } => {
  switch (problem) {
    case "notFinite":
      return { zh: `${field} 不是有效数字：${value}`, en: `${field} is not a finite number: ${value}` }
    case "notPositive":
      return { zh: `${field} 必须大于 0，实际为 ${value}`, en: `${field} must be greater than 0, got ${value}` }
    case "likelyMetres":
      return {
        zh: `${field} 为 ${value}，像是以米为单位；请以厘米录入（如 ${Math.round(value * 1000) / 10}）`,
        en: `${field} is ${value}, which looks like metres; enter centimetres (e.g. ${Math.round(value * 1000) / 10})`
      }
    case "likelyMillimetres":
      return {
        zh: `${field} 为 ${value}，像是以毫米为单位；请以厘米录入（如 ${value / 10}）`,
        en: `${field} is ${value}, which looks like millimetres; enter centimetres (e.g. ${value / 10})`
      }
    case "likelyGrams":
      return {
        zh: `${field} 为 ${value}，像是以克为单位；请以千克录入（如 ${value / 1000}）`,
        en: `${field} is ${value}, which looks like grams; enter kilograms (e.g. ${value / 1000})`
      }
    case "notOnChart":
      return { zh: `${field} 为 ${value}，不是视力表上的一行`, en: `${field} is ${value}, which is not a line of the chart` }
    case "implausible":
      return { zh: `${field} 为 ${value}，不是可能的读数，请复测`, en: `${field} is ${value}, which is not a possible reading; measure again` }
  }
}

/**
 * A measurement that cannot be scored: not a number, not positive, or in the wrong unit.
 *
 * @since 0.1.0
 * @category errors
 */
export class InvalidMeasurementError extends Schema.TaggedError<InvalidMeasurementError>()("InvalidMeasurementError", {
  ...errorFields,
  problem: Schema.Literals(["notFinite", "notPositive", "likelyMetres", "likelyMillimetres", "likelyGrams", "notOnChart", "implausible"]),
  value: Schema.Number
}) {
  override get message(): string {
    return describe(this)
  }
  /** @since 0.1.0 */
  static create(problem: MeasurementProblem, path: Path, value: number): InvalidMeasurementError {
    const field = String(path[path.length - 1] ?? "value")
    return new InvalidMeasurementError({ code: `health.measurement.${problem}`, path, problem, value, ...problemMessages(problem, field, value) })
  }
}

const zhUnits: Readonly<Record<string, string>> = { days: "天", months: "月", years: "岁", cm: "厘米" }

/**
 * A value outside the range a reference covers: an age outside 0–60 months for the WHO Child
 * Growth Standards, a length outside 45–110 cm for weight-for-length, an age below 6 years for
 * WS/T 586. `max` is exclusive when `maxExclusive`.
 *
 * @since 0.1.0
 * @category errors
 */
export class OutsideReferenceError extends Schema.TaggedError<OutsideReferenceError>()("OutsideReferenceError", {
  ...errorFields,
  reference: Schema.String,
  dimension: Schema.Literals(["age", "length", "height"]),
  unit: Schema.String,
  value: Schema.Number,
  min: Schema.Number,
  max: Schema.Number,
  maxExclusive: Schema.Boolean
}) {
  override get message(): string {
    return describe(this)
  }
  /** @since 0.1.0 */
  static create(options: {
    readonly reference: string
    readonly dimension: "age" | "length" | "height"
    readonly unit: string
    readonly value: number
    readonly min: number
    readonly max: number
    readonly maxExclusive: boolean
    readonly path: Path
  }): OutsideReferenceError {
    const { reference, dimension, unit, value, min, max, maxExclusive } = options
    const zhDimension = dimension === "age" ? "年龄" : dimension === "length" ? "身长" : "身高"
    const zhUnit = zhUnits[unit] ?? unit
    const range = `${min}–${max}${zhUnit}${maxExclusive ? "（不含上限）" : ""}`
    const rangeEn = `${min} to ${maxExclusive ? "below " : ""}${max} ${unit}`
    return new OutsideReferenceError({
      code: `health.reference.${dimension}Outside`,
      path: options.path,
      reference,
      dimension,
      unit,
      value,
      min,
      max,
      maxExclusive,
      zh: `${zhDimension} ${value}${zhUnit} 超出 ${reference} 的适用范围（${range}）`,
      en: `${dimension} ${value} ${unit} is outside the range of ${reference} (${rangeEn})`
    })
  }
}

/**
 * A sex code that is neither male nor female (`M`/`F`, `1`/`2`, `男`/`女`).
 *
 * @since 0.1.0
 * @category errors
 */
export class UnknownSexError extends Schema.TaggedError<UnknownSexError>()("UnknownSexError", {
  ...errorFields,
  value: Schema.String
}) {
  override get message(): string {
    return describe(this)
  }
  /** @since 0.1.0 */
  static create(value: unknown, path: Path): UnknownSexError {
    const text = typeof value === "string" ? JSON.stringify(value) : String(value)
    return new UnknownSexError({
      code: "health.sex.unknown",
      path,
      value: text,
      zh: `无法识别的性别代码 ${text}（应为 M/F、1/2 或 男/女）`,
      en: `unknown sex code ${text} (expected M/F, 1/2 or 男/女)`
    })
  }
}

/**
 * A screening session that no longer accepts measurements (closed), or that a measurement does
 * not belong to.
 *
 * @since 0.1.0
 * @category errors
 */
export class SessionClosedError extends Schema.TaggedError<SessionClosedError>()("SessionClosedError", {
  ...errorFields,
  sessionId: Schema.String
}) {
  override get message(): string {
    return describe(this)
  }
  /** @since 0.1.0 */
  static create(sessionId: string, path: Path = ["sessionId"]): SessionClosedError {
    return new SessionClosedError({
      code: "health.session.closed",
      path,
      sessionId,
      zh: `筛查批次 ${sessionId} 已结束，不能再录入测量结果`,
      en: `screening session ${sessionId} is closed and accepts no more measurements`
    })
  }
}

/**
 * Every error of the health module's pure calculations.
 *
 * @since 0.1.0
 * @category models
 */
export type HealthError = InvalidMeasurementError | OutsideReferenceError | UnknownSexError
