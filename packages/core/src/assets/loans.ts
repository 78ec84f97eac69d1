/**
 * Loans (借用): an asset lent with an expected return date is overdue the day after that date (plus
 * the pack's grace days) until it comes back; each overdue loan is a finding.
 *
 * @since 0.1.0
 */
import type { Finding } from "../kernel/Finding.ts"
import * as F from "../kernel/Finding.ts"
import type { LocalDate } from "../kernel/LocalDate.ts"
import * as LD from "../kernel/LocalDate.ts"
import type { Zone } from "../kernel/Time.ts"
import { defaultZone, startOfDay } from "../kernel/Time.ts"
import type { Asset } from "./model.ts"
import type { AssetsRules } from "./rules.ts"

/**
 * The first day a loan counts as overdue.
 *
 * @since 0.1.0
 * @category calculations
 */
export const overdueFrom = (expectedReturn: LocalDate, rules: AssetsRules): LocalDate =>
  LD.addDays(expectedReturn, rules.loanOverdue.graceDays + 1)

/**
 * Findings (`assets.loanOverdue`) for the assets on loan past their expected return date as of a
 * date, one per asset, at the start of the first overdue day.
 *
 * @since 0.1.0
 * @category checks
 */
export const overdueLoans = (assets: Iterable<Asset>, asOf: LocalDate, rules: AssetsRules, zone: Zone = defaultZone): Array<Finding> => {
  const out: Array<Finding> = []
  for (const a of assets) {
    if (a.status !== "onLoan" || a.loan === undefined) continue
    const from = overdueFrom(a.loan.expectedReturn, rules)
    if (asOf < from) continue
    const days = LD.daysBetween(a.loan.expectedReturn, asOf)
    out.push(F.make({
      rule: "assets.loanOverdue",
      severity: "warning",
      subject: { kind: "asset", id: a.id },
      at: startOfDay(from, zone),
      period: true,
      evidence: { tag: a.tag, borrower: a.loan.borrower, since: a.loan.since, expectedReturn: a.loan.expectedReturn, asOf, daysOverdue: days, graceDays: rules.loanOverdue.graceDays },
      explanation: {
        zh: `资产 ${a.tag}（${a.name}）借给 ${a.loan.borrower}，应于 ${a.loan.expectedReturn} 归还，截至 ${asOf} 已逾期 ${days} 天`,
        en: `asset ${a.tag} (${a.name}) lent to ${a.loan.borrower} was due back on ${a.loan.expectedReturn}; ${days} days overdue as of ${asOf}`
      }
    }))
  }
  return F.sort(out)
}
