/**
 * Configuration check (配置依据): what a school holds against a configuration standard given as data —
 * e.g. one computer per 10 students, one piano per class, one projector per teaching room.
 *
 * A standard's line names the categories it counts (a category id, or a prefix such as
 * `通用设备/` for a whole class), the basis (students, classes, staff, or the school) and the ratio
 * (`atLeast` items for every `every` of the basis). The required number is
 * ⌈basis × atLeast ÷ every⌉; the held number counts assets on the books (received, in service,
 * under repair, idle or on loan). A line held short is a finding.
 *
 * Houqin ships no national standard: the numbers differ by province, school type and year
 * (办学条件标准, 教育技术装备标准), so a school or district supplies its own.
 *
 * @since 0.1.0
 */
import { BigDecimal, Schema } from "effect"
import type { Decimal } from "../kernel/Decimal.ts"
import * as D from "../kernel/Decimal.ts"
import { PositiveDecimal } from "../kernel/Decimal.ts"
import { Messages } from "../kernel/Errors.ts"
import type { Finding } from "../kernel/Finding.ts"
import * as F from "../kernel/Finding.ts"
import type { Instant } from "../kernel/Time.ts"
import type { Asset } from "./model.ts"

/**
 * A configuration standard.
 *
 * @since 0.1.0
 * @category schemas
 */
export const ConfigurationStandard = Schema.Struct({
  id: Schema.String.check(Schema.isMinLength(1)),
  name: Messages,
  source: Schema.optionalKey(Schema.String),
  lines: Schema.Array(Schema.Struct({
    key: Schema.String.check(Schema.isMinLength(1)),
    name: Messages,
    categories: Schema.Array(Schema.String.check(Schema.isMinLength(1))).check(Schema.isMinLength(1)),
    basis: Schema.Literals(["students", "classes", "staff", "school"]),
    every: Schema.Int.check(Schema.isGreaterThanOrEqualTo(1)),
    atLeast: PositiveDecimal
  }))
})

/**
 * @since 0.1.0
 * @category models
 */
export type ConfigurationStandard = typeof ConfigurationStandard.Type

/**
 * The counts a standard's bases refer to.
 *
 * @since 0.1.0
 * @category models
 */
export interface SchoolCounts {
  readonly students: number
  readonly classes: number
  readonly staff: number
}

/**
 * One line of a configuration report.
 *
 * @since 0.1.0
 * @category models
 */
export interface ConfigurationLine {
  readonly key: string
  readonly name: Messages
  readonly held: number
  readonly required: number
  readonly meets: boolean
}

const held = new Set<Asset["status"]>(["received", "inService", "underRepair", "idle", "onLoan"])

const matches = (category: string, patterns: ReadonlyArray<string>): boolean =>
  patterns.some((p) => (p.endsWith("/") ? category.startsWith(p) : category === p))

const ceilDiv = (numerator: Decimal, every: number): number => {
  // ⌈v / 10^s / every⌉ for v ≥ 0, exactly
  const n = BigDecimal.normalize(numerator)
  const num = n.scale >= 0 ? n.value : n.value * 10n ** BigInt(-n.scale)
  const den = (n.scale >= 0 ? 10n ** BigInt(n.scale) : 1n) * BigInt(every)
  return Number((num + den - 1n) / den)
}

/**
 * Checks holdings against a standard: a report line per standard line, and a finding
 * (`assets.configuration`) for each line held short.
 *
 * @since 0.1.0
 * @category checks
 */
export const checkConfiguration = (
  assets: Iterable<Asset>,
  standard: ConfigurationStandard,
  counts: SchoolCounts,
  at: Instant
): { readonly lines: ReadonlyArray<ConfigurationLine>; readonly findings: ReadonlyArray<Finding> } => {
  const list = [...assets].filter((a) => held.has(a.status))
  const lines: Array<ConfigurationLine> = []
  const findings: Array<Finding> = []
  for (const line of standard.lines) {
    const basis = line.basis === "school" ? 1 : counts[line.basis]
    const required = ceilDiv(BigDecimal.multiply(D.fromInt(basis), line.atLeast), line.every)
    const have = list.filter((a) => matches(a.category, line.categories)).length
    const meets = have >= required
    lines.push({ key: line.key, name: line.name, held: have, required, meets })
    if (!meets) {
      findings.push(F.make({
        rule: "assets.configuration",
        severity: "warning",
        subject: { kind: "configuration", id: `${standard.id}/${line.key}` },
        at,
        evidence: { standard: standard.id, line: line.key, held: have, required, basis: line.basis, basisCount: basis, every: line.every, atLeast: D.format(line.atLeast) },
        explanation: {
          zh: `${line.name.zh}：现有 ${have}，按配置标准“${standard.name.zh}”应有 ${required}`,
          en: `${line.name.en}: ${have} held, ${required} required by the standard "${standard.name.en}"`
        }
      }))
    }
  }
  return { lines, findings: F.sort(findings) }
}
