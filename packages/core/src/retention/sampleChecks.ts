/**
 * The checks of one sample's record, without its fridge's readings: weight (`retention.minGrams`),
 * keeping time (`retention.minHours`), the register's required fields (`retention.recordFields`),
 * a reviewer other than the taker (`retention.reviewerNotTaker`) and a registered, dedicated
 * fridge (`retention.dedicatedFridge`).
 *
 * @since 0.1.0
 */
import { BigDecimal, Option } from "effect"
import * as D from "../kernel/Decimal.ts"
import type { Finding } from "../kernel/Finding.ts"
import type { Instant, Zone } from "../kernel/Time.ts"
import { earliestDisposalAt } from "./disposalSchedule.ts"
import * as Findings from "./findings.ts"
import type { Fridge, Sample } from "./model.ts"
import type { RecordField, RetentionRules } from "./rules.ts"

/**
 * The required fields a sample's record leaves empty, in the pack's order.
 *
 * @since 0.1.0
 * @category getters
 */
export const missingFields = (policy: Pick<RetentionRules, "recordFields">, sample: Sample): Array<RecordField> => {
  const missing: Array<RecordField> = []
  for (const f of policy.recordFields) {
    if (sample[f] === undefined && !missing.includes(f)) missing.push(f)
  }
  return missing
}

/**
 * What the record checks need besides the sample.
 *
 * @since 0.1.0
 * @category models
 */
export interface SampleCheckContext {
  readonly policy: RetentionRules
  readonly zone: Zone
  /** disposals after this instant have not happened yet */
  readonly asOf: Instant
  readonly fridges: ReadonlyMap<string, Fridge>
  /** the pack's minimum grams as an exact decimal (computed once per evaluation) */
  readonly minGrams: D.Decimal
  /** staff names by id, for explanations (ids where a name is missing) */
  readonly staff?: ReadonlyMap<string, string>
}

/**
 * The minimum grams of a pack as an exact decimal.
 *
 * @since 0.1.0
 * @category getters
 */
export const minGramsOf = (policy: Pick<RetentionRules, "minGrams">): D.Decimal =>
  Option.getOrElse(D.fromNumber(policy.minGrams), () => BigDecimal.fromNumberUnsafe(policy.minGrams))

/**
 * The findings of one sample's record.
 *
 * @since 0.1.0
 * @category checks
 */
export const checkSample = (ctx: SampleCheckContext, sample: Sample, out: Array<Finding>): void => {
  const { policy } = ctx
  if (sample.grams !== undefined && BigDecimal.isLessThan(sample.grams, ctx.minGrams)) {
    out.push(Findings.underweight(sample, sample.grams, policy))
  }
  const disposal = sample.disposal
  if (disposal !== undefined && disposal.at.epochMilliseconds <= ctx.asOf.epochMilliseconds) {
    const earliest = earliestDisposalAt(policy, sample)
    if (disposal.at.epochMilliseconds < earliest.epochMilliseconds) {
      out.push(Findings.disposedEarly(sample, disposal.at, earliest, policy, ctx.zone))
    }
  }
  const missing = missingFields(policy, sample)
  if (missing.length > 0) out.push(Findings.missingFields(sample, missing))
  if (policy.reviewerNotTaker && sample.reviewerId !== undefined && sample.reviewerId === sample.takerId) {
    out.push(Findings.selfReviewed(sample, sample.reviewerId, ctx.staff?.get(sample.reviewerId)))
  }
  if (policy.dedicatedFridge) {
    const fridge = ctx.fridges.get(sample.fridgeId)
    if (fridge === undefined || !fridge.dedicated) out.push(Findings.notDedicated(sample, fridge))
  }
}
