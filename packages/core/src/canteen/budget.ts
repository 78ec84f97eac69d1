/**
 * Food budgets per head (菜金 / 伙食标准): a daily amount per diner of each group, split over the
 * day's meals by the rule pack's meal shares. A meal or a week whose spending per head runs over
 * the budget (× `overRatio`) or far under it (× `farUnderRatio`) is a finding.
 *
 * Spending per head is a served meal's cost allocated to the group divided by the group's diners;
 * over a week it is the sum over the week's meals, compared with the sum of those meals' budgets
 * (a group that eats only lunch is held to the lunch share).
 *
 * @since 0.1.0
 */
import { BigDecimal } from "effect"
import type { Decimal } from "../kernel/Decimal.ts"
import * as D from "../kernel/Decimal.ts"
import type { Finding } from "../kernel/Finding.ts"
import * as F from "../kernel/Finding.ts"
import type { LocalDate } from "../kernel/LocalDate.ts"
import * as LD from "../kernel/LocalDate.ts"
import * as M from "../kernel/Money.ts"
import type { Zone } from "../kernel/Time.ts"
import * as T from "../kernel/Time.ts"
import type { Meal } from "./model.ts"
import { mealKindLabels } from "./model.ts"
import type { CanteenRules } from "./rules.ts"

const SCALE = 8

const yuan = (fen: Decimal): string => D.format(D.round(BigDecimal.multiply(fen, BigDecimal.make(1n, 2)), 4, "half-from-zero"))

interface Spend {
  readonly subject: { readonly kind: string; readonly id: string }
  readonly at: ReturnType<typeof T.startOfDay>
  readonly dinerGroupId: string
  readonly period: { readonly from: LocalDate; readonly to: LocalDate; readonly meals: number }
  /** spending per head, fen */
  readonly perHead: Decimal
  /** budget per head, fen */
  readonly budget: Decimal
}

const judge = (s: Spend, rules: CanteenRules, what: { readonly zh: string; readonly en: string }): Finding | undefined => {
  if (s.budget.value === 0n) return undefined
  const over = BigDecimal.multiply(s.budget, rules.budget.overRatio)
  const under = BigDecimal.multiply(s.budget, rules.budget.farUnderRatio)
  const ratio = M.divideRounded(s.perHead, s.budget, 4, "halfUp")
  const evidence = {
    dinerGroupId: s.dinerGroupId,
    from: s.period.from,
    to: s.period.to,
    meals: s.period.meals,
    spentPerHead: yuan(s.perHead),
    budgetPerHead: yuan(s.budget),
    ratio: D.format(ratio)
  }
  if (BigDecimal.isGreaterThan(s.perHead, over)) {
    return F.make({
      rule: "canteen.budget.overRatio",
      severity: "warning",
      subject: s.subject,
      at: s.at,
      evidence: { ...evidence, threshold: D.format(rules.budget.overRatio) },
      explanation: {
        zh: `${what.zh}人均伙食支出 ¥${yuan(s.perHead)} 超出菜金标准 ¥${yuan(s.budget)}（${D.format(BigDecimal.multiply(ratio, D.fromInt(100)))}%）`,
        en: `${what.en}: food spending per head ¥${yuan(s.perHead)} is over the budget of ¥${yuan(s.budget)} (${D.format(BigDecimal.multiply(ratio, D.fromInt(100)))}%)`
      }
    })
  }
  if (BigDecimal.isLessThan(s.perHead, under)) {
    return F.make({
      rule: "canteen.budget.farUnderRatio",
      severity: "warning",
      subject: s.subject,
      at: s.at,
      evidence: { ...evidence, threshold: D.format(rules.budget.farUnderRatio) },
      explanation: {
        zh: `${what.zh}人均伙食支出 ¥${yuan(s.perHead)} 远低于菜金标准 ¥${yuan(s.budget)}（${D.format(BigDecimal.multiply(ratio, D.fromInt(100)))}%），伙食费应用于伙食`,
        en: `${what.en}: food spending per head ¥${yuan(s.perHead)} is far under the budget of ¥${yuan(s.budget)} (${D.format(BigDecimal.multiply(ratio, D.fromInt(100)))}%); meal fees should be spent on food`
      }
    })
  }
  return undefined
}

/**
 * Budget findings on served meals: per meal and per ISO week (Monday to Sunday), per diner group
 * that has a budget in the rule pack.
 *
 * @since 0.1.0
 * @category checks
 */
export const budgetFindings = (
  meals: ReadonlyArray<Pick<Meal, "id" | "date" | "kind" | "actual">>,
  rules: CanteenRules,
  zone: Zone = T.defaultZone
): Array<Finding> => {
  const budgets = new Map(rules.budget.perHead.map((b) => [b.dinerGroupId as string, b.daily]))
  const out: Array<Finding> = []
  const weeks = new Map<string, { group: string; weekStart: LocalDate; perHead: Decimal; budget: Decimal; meals: number; last: LocalDate }>()
  for (const meal of meals) {
    if (meal.actual === undefined) continue
    const share = rules.budget.mealShares[meal.kind]
    for (const a of meal.actual.allocation) {
      const daily = budgets.get(a.dinerGroupId)
      if (daily === undefined || a.diners === 0 || share.value === 0n) continue
      const perHead = M.divideRounded(D.fromInt(a.amount.amount), D.fromInt(a.diners), SCALE, "halfUp")
      const budget = BigDecimal.multiply(D.fromInt(daily.amount), share)
      const f = judge({
        subject: { kind: "meal", id: `${meal.id}:${a.dinerGroupId}` },
        at: T.startOfDay(meal.date, zone),
        dinerGroupId: a.dinerGroupId,
        period: { from: meal.date, to: meal.date, meals: 1 },
        perHead,
        budget
      }, rules, { zh: `${meal.date} ${mealKindLabels[meal.kind].zh}`, en: `${meal.date} ${mealKindLabels[meal.kind].en}` })
      if (f !== undefined) out.push(f)
      const weekStart = LD.startOfWeek(meal.date)
      const key = `${weekStart}\u0000${a.dinerGroupId}`
      const w = weeks.get(key)
      weeks.set(key, w === undefined
        ? { group: a.dinerGroupId, weekStart, perHead, budget, meals: 1, last: meal.date }
        : {
          ...w,
          perHead: BigDecimal.sum(w.perHead, perHead),
          budget: BigDecimal.sum(w.budget, budget),
          meals: w.meals + 1,
          last: meal.date > w.last ? meal.date : w.last
        })
    }
  }
  for (const w of weeks.values()) {
    const f = judge({
      subject: { kind: "week", id: `${w.weekStart}:${w.group}` },
      at: T.startOfDay(w.weekStart, zone),
      dinerGroupId: w.group,
      period: { from: w.weekStart, to: LD.addDays(w.weekStart, 6), meals: w.meals },
      perHead: BigDecimal.normalize(w.perHead),
      budget: BigDecimal.normalize(w.budget)
    }, rules, { zh: `${w.weekStart} 这一周`, en: `the week of ${w.weekStart}` })
    if (f !== undefined) out.push(f)
  }
  return F.sort(out)
}
