/**
 * Screening summaries: prevalence of each screening outcome (overweight, obesity, stunting,
 * wasting, reduced vision, screening myopia …) by class, grade, sex and age, with a Wilson interval
 * and a cluster-robust interval (the class, or the school, as cluster), and the mean and SD of
 * z-scores leaving out flagged values; and their publication form, in which cells of fewer
 * children than the rule pack's minimum are suppressed.
 *
 * @since 0.1.0
 */
import type { Sex } from "../kernel/People.ts"
import type { ClusterInterval, Interval } from "./prevalence.ts"
import { clusterRobust, wilson, zStatistics } from "./prevalence.ts"
import type { PublicationRules } from "./rules.ts"

/**
 * One screened child: where they belong, and per outcome `true`, `false`, or `undefined` when not
 * assessed (not measured, outside the standards' ages, an implausible value); per indicator the
 * z-score, NaN or undefined when not scored or flagged.
 *
 * @since 0.1.0
 * @category models
 */
export interface Row {
  readonly studentId: string
  readonly classId: string
  readonly gradeId?: string | undefined
  readonly schoolId?: string | undefined
  readonly sex: Sex
  /** completed years of age */
  readonly ageYears: number
  readonly outcomes: Readonly<Record<string, boolean | undefined>>
  readonly zScores: Readonly<Record<string, number | undefined>>
}

/**
 * A breakdown: everyone, or by class, grade, sex or completed years of age.
 *
 * @since 0.1.0
 * @category models
 */
export type Dimension = "all" | "class" | "grade" | "sex" | "age"

/**
 * One outcome in one cell.
 *
 * @since 0.1.0
 * @category models
 */
export interface OutcomeCell {
  readonly cases: number
  readonly assessed: number
  readonly prevalence: number | undefined
  readonly wilson: Interval | undefined
  readonly clusterRobust: ClusterInterval | undefined
}

/**
 * One cell of a breakdown.
 *
 * @since 0.1.0
 * @category models
 */
export interface Cell {
  readonly dimension: Dimension
  readonly value: string
  readonly children: number
  readonly outcomes: Readonly<Record<string, OutcomeCell>>
  readonly zScores: Readonly<Record<string, { readonly n: number; readonly mean: number | undefined; readonly sd: number | undefined }>>
}

/**
 * A summary: the cells of each requested breakdown, in a stable order.
 *
 * @since 0.1.0
 * @category models
 */
export interface Summary {
  readonly cluster: "class" | "school"
  readonly level: number
  readonly cells: ReadonlyArray<Cell>
}

const keyOf = (row: Row, dimension: Dimension): string | undefined => {
  switch (dimension) {
    case "all":
      return "all"
    case "class":
      return row.classId
    case "grade":
      return row.gradeId
    case "sex":
      return row.sex
    case "age":
      return String(Math.floor(row.ageYears))
  }
}

const compareValues = (a: string, b: string): number => {
  const na = Number(a)
  const nb = Number(b)
  if (!Number.isNaN(na) && !Number.isNaN(nb)) return na - nb
  return a < b ? -1 : a > b ? 1 : 0
}

const cellOf = (dimension: Dimension, value: string, rows: ReadonlyArray<Row>, cluster: "class" | "school", level: number): Cell => {
  const outcomeNames = [...new Set(rows.flatMap((r) => Object.keys(r.outcomes)))].sort()
  const zNames = [...new Set(rows.flatMap((r) => Object.keys(r.zScores)))].sort()
  const outcomes: Record<string, OutcomeCell> = {}
  for (const name of outcomeNames) {
    let cases = 0
    let assessed = 0
    const byCluster = new Map<string, { cases: number; n: number }>()
    for (const r of rows) {
      const v = r.outcomes[name]
      if (v === undefined) continue
      assessed++
      if (v) cases++
      const k = cluster === "class" ? r.classId : r.schoolId ?? "school"
      const c = byCluster.get(k) ?? { cases: 0, n: 0 }
      c.n++
      if (v) c.cases++
      byCluster.set(k, c)
    }
    outcomes[name] = {
      cases,
      assessed,
      prevalence: assessed === 0 ? undefined : cases / assessed,
      wilson: wilson(cases, assessed, level),
      clusterRobust: clusterRobust([...byCluster.values()], level)
    }
  }
  const zScores: Record<string, { n: number; mean: number | undefined; sd: number | undefined }> = {}
  for (const name of zNames) zScores[name] = zStatistics(rows.map((r) => r.zScores[name] ?? Number.NaN))
  return { dimension, value, children: rows.length, outcomes, zScores }
}

/**
 * Summarises screened children by the requested breakdowns (`all` first when asked), with
 * intervals at `level` and clusters of `cluster`.
 *
 * @since 0.1.0
 * @category calculations
 */
export const summarise = (
  rows: ReadonlyArray<Row>,
  options: { readonly by?: ReadonlyArray<Dimension>; readonly cluster?: "class" | "school"; readonly level?: number } = {}
): Summary => {
  const by = options.by ?? ["all", "class", "grade", "sex", "age"]
  const cluster = options.cluster ?? "class"
  const level = options.level ?? 0.95
  const cells: Array<Cell> = []
  for (const dimension of by) {
    const groups = new Map<string, Array<Row>>()
    for (const r of rows) {
      const k = keyOf(r, dimension)
      if (k === undefined) continue
      const list = groups.get(k) ?? []
      list.push(r)
      groups.set(k, list)
    }
    for (const value of [...groups.keys()].sort(compareValues)) cells.push(cellOf(dimension, value, groups.get(value)!, cluster, level))
  }
  return { cluster, level, cells }
}

/**
 * A cell as published: the counts and estimates, or `suppressed` (with the reason) when the cell
 * has too few children to publish.
 *
 * @since 0.1.0
 * @category models
 */
export type PublishedCell =
  | {
    readonly dimension: Dimension
    readonly value: string
    readonly suppressed: false
    readonly children: number
    /** an outcome or a z-score summary assessed on fewer children than the minimum is suppressed too */
    readonly outcomes: Readonly<Record<string, OutcomeCell | { readonly suppressed: true }>>
    readonly zScores: Readonly<Record<string, Cell["zScores"][string] | { readonly suppressed: true }>>
  }
  | {
    readonly dimension: Dimension
    readonly value: string
    readonly suppressed: true
    readonly reason: "smallCell" | "secondary"
  }

/**
 * The publication form of a summary: cells with fewer children than `minCellSize` are
 * suppressed; with `secondarySuppression`, a breakdown with exactly one suppressed cell also loses
 * its next smallest cell, so that the suppressed one cannot be recovered from the total. Within a
 * published cell, an outcome or z-score summary assessed on fewer than `minCellSize` children is
 * suppressed, and, with `minCases`, an outcome counted in 1 to `minCases − 1` children.
 *
 * @since 0.1.0
 * @category calculations
 */
export const publish = (summary: Summary, rules: PublicationRules): { readonly cluster: "class" | "school"; readonly level: number; readonly cells: ReadonlyArray<PublishedCell> } => {
  const suppressed = new Map<Cell, "smallCell" | "secondary">()
  for (const cell of summary.cells) if (cell.children < rules.minCellSize) suppressed.set(cell, "smallCell")
  if (rules.secondarySuppression) {
    const dimensions = [...new Set(summary.cells.map((c) => c.dimension))].filter((d) => d !== "all")
    for (const dimension of dimensions) {
      const cells = summary.cells.filter((c) => c.dimension === dimension)
      const primary = cells.filter((c) => suppressed.has(c))
      if (primary.length !== 1 || cells.length < 2) continue
      const next = cells.filter((c) => !suppressed.has(c)).sort((a, b) => a.children - b.children || compareValues(a.value, b.value))[0]
      if (next !== undefined) suppressed.set(next, "secondary")
    }
  }
  return {
    cluster: summary.cluster,
    level: summary.level,
    cells: summary.cells.map((cell): PublishedCell => {
      const reason = suppressed.get(cell)
      if (reason !== undefined) return { dimension: cell.dimension, value: cell.value, suppressed: true, reason }
      const small = { suppressed: true } as const
      return {
        dimension: cell.dimension,
        value: cell.value,
        suppressed: false,
        children: cell.children,
        outcomes: Object.fromEntries(Object.entries(cell.outcomes).map(([k, o]) => [
          k,
          o.assessed < rules.minCellSize || (rules.minCases !== undefined && o.cases > 0 && o.cases < rules.minCases) ? small : o
        ])),
        zScores: Object.fromEntries(Object.entries(cell.zScores).map(([k, z]) => [k, z.n < rules.minCellSize ? small : z]))
      }
    })
  }
}
