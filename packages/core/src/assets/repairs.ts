/**
 * Repair requests and their deadline. A request must be dispatched to the repair service (or
 * completed) by the end of the local day `repairDeadline.days` after it was reported — with the
 * `cn` default 0, the same day (当天通知维修部门，不留问题过夜). A request handled late, or still open after
 * its deadline, is a finding.
 *
 * A repair request is a small state machine: `open → dispatched → completed`, `open → completed`,
 * and `open | dispatched → cancelled`.
 *
 * @since 0.1.0
 */
import { Result } from "effect"
import type { Finding } from "../kernel/Finding.ts"
import * as F from "../kernel/Finding.ts"
import * as LD from "../kernel/LocalDate.ts"
import type { Instant, Zone } from "../kernel/Time.ts"
import { defaultZone, formatInstant, localDate, startOfDay } from "../kernel/Time.ts"
import { IllegalTransitionError } from "./errors.ts"
import type { RepairRequest } from "./model.ts"
import type { AssetsRules } from "./rules.ts"

/**
 * The events of a repair request.
 *
 * @since 0.1.0
 * @category models
 */
export type RepairEvent = "dispatch" | "complete" | "cancel"

const repairTransitions: Record<RepairRequest["status"], Partial<Record<RepairEvent, RepairRequest["status"]>>> = {
  open: { dispatch: "dispatched", complete: "completed", cancel: "cancelled" },
  dispatched: { complete: "completed", cancel: "cancelled" },
  completed: {},
  cancelled: {}
}

/**
 * The state a repair event leads to, or a typed error naming the request, its state and the event.
 *
 * @since 0.1.0
 * @category transitions
 */
export const transition = (request: RepairRequest, event: RepairEvent): Result.Result<RepairRequest["status"], IllegalTransitionError> => {
  const next = repairTransitions[request.status][event]
  return next === undefined
    ? Result.fail(IllegalTransitionError.create({ subject: "assets.repairRequest", id: request.id, state: request.status, event }))
    : Result.succeed(next)
}

/**
 * The deadline of a request: the start of the day after the last allowed day (the end of the
 * reporting day, with the `cn` default).
 *
 * @since 0.1.0
 * @category calculations
 */
export const deadlineOf = (request: Pick<RepairRequest, "reportedAt">, rules: AssetsRules, zone: Zone = defaultZone): Instant =>
  startOfDay(LD.addDays(localDate(request.reportedAt, zone), rules.repairDeadline.days + 1), zone)

/**
 * Findings (`assets.repairDeadline`) for requests handled after their deadline, or not handled and
 * past it as of `asOf`; cancelled requests are not counted.
 *
 * @since 0.1.0
 * @category checks
 */
export const missedRepairDeadlines = (
  requests: Iterable<RepairRequest>,
  asOf: Instant,
  rules: AssetsRules,
  zone: Zone = defaultZone
): Array<Finding> => {
  const out: Array<Finding> = []
  for (const r of requests) {
    if (r.status === "cancelled") continue
    const deadline = deadlineOf(r, rules, zone)
    const handled = r.dispatchedAt ?? r.completedAt
    const late = handled === undefined
      ? asOf.epochMilliseconds >= deadline.epochMilliseconds
      : handled.epochMilliseconds >= deadline.epochMilliseconds
    if (!late) continue
    out.push(F.make({
      rule: "assets.repairDeadline",
      severity: "violation",
      subject: { kind: "repairRequest", id: r.id },
      at: deadline,
      evidence: {
        reportedAt: formatInstant(r.reportedAt),
        deadline: formatInstant(deadline),
        handledAt: handled === undefined ? null : formatInstant(handled),
        days: rules.repairDeadline.days,
        ...(r.assetId === undefined ? {} : { assetId: r.assetId })
      },
      explanation: handled === undefined
        ? {
          zh: `报修（${r.description}）于 ${localDate(r.reportedAt, zone)} 报告，超过处理期限仍未派修`,
          en: `the repair request (${r.description}) reported on ${localDate(r.reportedAt, zone)} was not dispatched by its deadline`
        }
        : {
          zh: `报修（${r.description}）于 ${localDate(r.reportedAt, zone)} 报告，${localDate(handled, zone)} 才派修，超过处理期限`,
          en: `the repair request (${r.description}) reported on ${localDate(r.reportedAt, zone)} was dispatched late, on ${localDate(handled, zone)}`
        }
    }))
  }
  return F.sort(out)
}
