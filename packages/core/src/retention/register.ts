/**
 * The retention register (留样记录表): one row per sample with the fields the regulation names —
 * dish, grams, time taken (month, day, hour and minute in the school's zone), taker and reviewer —
 * and the fridge, container, earliest disposal time, disposal and hold (封存). Rows are data for the reports
 * package, which renders them (CSV, XLSX, printable HTML) with zh-CN or en labels.
 *
 * @since 0.1.0
 */
import * as D from "../kernel/Decimal.ts"
import type { Messages } from "../kernel/Errors.ts"
import type { Finding, Severity } from "../kernel/Finding.ts"
import { severityRank } from "../kernel/Finding.ts"
import type { Zone } from "../kernel/Time.ts"
import { defaultZone, formatInstant, formatLocal } from "../kernel/Time.ts"
import { earliestDisposalAt } from "./disposalSchedule.ts"
import type { Fridge, HoldOutcome, MealKind, Sample } from "./model.ts"
import { MealKind as MealKindSchema, mealKindLabels } from "./model.ts"
import type { RetentionRules } from "./rules.ts"

/**
 * One row of the register. Instants are ISO 8601 in UTC (`…At`) and as the school reads them
 * (`…Local`, `YYYY-MM-DD HH:mm` in its zone); grams are an exact decimal string.
 *
 * @since 0.1.0
 * @category models
 */
export interface RegisterRow {
  readonly sampleId: string
  readonly serviceDate: string
  readonly meal: MealKind
  readonly mealName: Messages
  readonly mealId: string
  readonly dishId: string
  readonly dishName: string | null
  readonly grams: string | null
  readonly takenAt: string
  readonly takenAtLocal: string
  readonly takerId: string | null
  readonly takerName: string | null
  readonly reviewerId: string | null
  readonly reviewerName: string | null
  readonly fridgeId: string
  readonly fridgeName: string | null
  readonly containerLabel: string | null
  readonly earliestDisposalAt: string
  readonly earliestDisposalLocal: string
  readonly disposedAt: string | null
  readonly disposedAtLocal: string | null
  readonly disposedBy: string | null
  readonly disposedByName: string | null
  /** the sample's hold (封存): present only when it was held (rows built elsewhere may leave it out) */
  readonly hold?: RegisterHold
  /** the rules the sample has findings of (sorted), and the worst severity among them */
  readonly findings: ReadonlyArray<string>
  readonly worstSeverity: Severity | null
}

/**
 * A sample's hold (封存) as the register prints it: when and by whose order, why, and its release
 * (the outcome, when, to whom it was handed over, the authority's decision) once there is one.
 *
 * @since 0.1.0
 * @category models
 */
export interface RegisterHold {
  readonly heldAt: string
  readonly heldAtLocal: string
  readonly heldBy: string
  readonly heldByName: string | null
  readonly orderedBy: string
  readonly reason: string
  readonly reference: string | null
  readonly releasedAt: string | null
  readonly releasedAtLocal: string | null
  readonly outcome: HoldOutcome | null
  readonly releasedTo: string | null
  readonly decision: string | null
}

/**
 * What the register needs besides the samples.
 *
 * @since 0.1.0
 * @category models
 */
export interface RegisterOptions {
  readonly policy: Pick<RetentionRules, "minHours">
  readonly zone?: Zone
  readonly fridges?: Iterable<Fridge>
  /** staff names by id */
  readonly staff?: ReadonlyMap<string, string>
  /** findings of an evaluation: each row lists those whose subject is its sample */
  readonly findings?: Iterable<Finding>
}

const mealOrder = new Map<string, number>(MealKindSchema.literals.map((m, i) => [m, i]))

const compareRows = (a: RegisterRow, b: RegisterRow): number =>
  a.serviceDate < b.serviceDate ? -1 : a.serviceDate > b.serviceDate ? 1
  : (mealOrder.get(a.meal)! - mealOrder.get(b.meal)!) ||
    (a.takenAt < b.takenAt ? -1 : a.takenAt > b.takenAt ? 1 : a.sampleId < b.sampleId ? -1 : a.sampleId > b.sampleId ? 1 : 0)

/**
 * The register's rows, by service date, meal (in the order of the day), time taken and id.
 *
 * @since 0.1.0
 * @category constructors
 */
export const registerRows = (samples: Iterable<Sample>, options: RegisterOptions): Array<RegisterRow> => {
  const zone = options.zone ?? defaultZone
  const fridges = new Map<string, Fridge>()
  for (const f of options.fridges ?? []) fridges.set(f.id, f)
  const staff = options.staff ?? new Map<string, string>()
  const bySample = new Map<string, { rules: Set<string>; worst: Severity }>()
  for (const f of options.findings ?? []) {
    if (f.subject.kind !== "sample") continue
    const entry = bySample.get(f.subject.id)
    if (entry === undefined) bySample.set(f.subject.id, { rules: new Set([f.rule]), worst: f.severity })
    else {
      entry.rules.add(f.rule)
      if (severityRank(f.severity) > severityRank(entry.worst)) entry.worst = f.severity
    }
  }
  const name = (id: string | undefined): string | null => (id === undefined ? null : staff.get(id) ?? null)
  const rows: Array<RegisterRow> = []
  for (const s of samples) {
    const earliest = earliestDisposalAt(options.policy, s)
    const found = bySample.get(s.id)
    rows.push({
      sampleId: s.id,
      serviceDate: s.serviceDate,
      meal: s.meal,
      mealName: mealKindLabels[s.meal],
      mealId: s.mealId,
      dishId: s.dishId,
      dishName: s.dishName ?? null,
      grams: s.grams === undefined ? null : D.format(s.grams),
      takenAt: formatInstant(s.takenAt),
      takenAtLocal: formatLocal(s.takenAt, zone),
      takerId: s.takerId ?? null,
      takerName: name(s.takerId),
      reviewerId: s.reviewerId ?? null,
      reviewerName: name(s.reviewerId),
      fridgeId: s.fridgeId,
      fridgeName: fridges.get(s.fridgeId)?.name ?? null,
      containerLabel: s.containerLabel ?? null,
      earliestDisposalAt: formatInstant(earliest),
      earliestDisposalLocal: formatLocal(earliest, zone),
      disposedAt: s.disposal === undefined ? null : formatInstant(s.disposal.at),
      disposedAtLocal: s.disposal === undefined ? null : formatLocal(s.disposal.at, zone),
      disposedBy: s.disposal?.by ?? null,
      disposedByName: name(s.disposal?.by),
      ...(s.hold === undefined ? {} : {
        hold: {
          heldAt: formatInstant(s.hold.at),
          heldAtLocal: formatLocal(s.hold.at, zone),
          heldBy: s.hold.by,
          heldByName: name(s.hold.by),
          orderedBy: s.hold.orderedBy,
          reason: s.hold.reason,
          reference: s.hold.reference ?? null,
          releasedAt: s.hold.release === undefined ? null : formatInstant(s.hold.release.at),
          releasedAtLocal: s.hold.release === undefined ? null : formatLocal(s.hold.release.at, zone),
          outcome: s.hold.release?.outcome ?? null,
          releasedTo: s.hold.release?.to ?? null,
          decision: s.hold.release?.decision ?? null
        }
      }),
      findings: found === undefined ? [] : [...found.rules].sort(),
      worstSeverity: found?.worst ?? null
    })
  }
  return rows.sort(compareRows)
}

/**
 * The register's columns in order, with their labels in both languages (for renderers).
 *
 * @since 0.1.0
 * @category constants
 */
export const registerColumns: ReadonlyArray<{ readonly key: keyof RegisterRow; readonly label: Messages }> = [
  { key: "serviceDate", label: { zh: "日期", en: "date" } },
  { key: "mealName", label: { zh: "餐次", en: "meal" } },
  { key: "dishName", label: { zh: "留样食品名称", en: "dish" } },
  { key: "grams", label: { zh: "留样量(克)", en: "grams" } },
  { key: "takenAtLocal", label: { zh: "留样时间", en: "time taken" } },
  { key: "takerName", label: { zh: "留样人", en: "taker" } },
  { key: "reviewerName", label: { zh: "审核人", en: "reviewer" } },
  { key: "fridgeName", label: { zh: "留样柜", en: "fridge" } },
  { key: "containerLabel", label: { zh: "容器标识", en: "container" } },
  { key: "earliestDisposalLocal", label: { zh: "最早销毁时间", en: "earliest disposal" } },
  { key: "disposedAtLocal", label: { zh: "销毁时间", en: "disposed at" } },
  { key: "disposedByName", label: { zh: "销毁人", en: "disposed by" } },
  { key: "hold", label: { zh: "封存", en: "hold" } },
  { key: "findings", label: { zh: "问题", en: "findings" } }
]
