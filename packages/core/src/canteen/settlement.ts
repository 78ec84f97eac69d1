/**
 * The monthly settlement (月结), reproducible from the records alone: a pure function of the lots
 * (with their movements), the month's deliveries, meals and meal-fee accounts, the previous
 * settlement and what the person closing the month enters (other costs, subsidies, other income).
 * Run twice on the same records it gives the same settlement, to the fen and the byte.
 *
 * Food cost is computed from stock values — opening stock + purchases − closing stock — and again
 * from what left stock — issues to meals and otherwise, spoilage, stocktake shortages less
 * surpluses. The records are cross-checked before anything is settled, and a month whose records
 * disagree is refused with a `SettlementMismatchError` naming the check:
 *
 * - `purchases`: the deliveries' accepted totals equal the receipts on the lots;
 * - `opening`: the opening stock equals the previous settlement's closing stock;
 * - `issuedToMeals`: the meals' recorded issues equal the lots' issues to meals;
 * - `revaluation`: moving-average revaluations sum to zero;
 * - `foodCost`: opening + purchases − closing equals what left stock;
 * - `lot`: each lot's balance is the sum of its movements.
 *
 * @since 0.1.0
 */
import { Result } from "effect"
import * as D from "../kernel/Decimal.ts"
import { CurrencyMismatchError, OverflowError } from "../kernel/Errors.ts"
import * as LD from "../kernel/LocalDate.ts"
import type { LocalDate } from "../kernel/LocalDate.ts"
import * as M from "../kernel/Money.ts"
import type { Currency, Money } from "../kernel/Money.ts"
import { InvalidStateError, SettlementMismatchError } from "./errors.ts"
import { incomeByGroup, incomeMonth } from "./mealFee.ts"
import type { Account, Delivery, Lot, Meal, Settlement, SettlementInputs, SettlementItem } from "./model.ts"
import { moneyOf } from "./model.ts"
import { isConsistent } from "./stock.ts"
import { proportional } from "./valuation.ts"

/**
 * Everything a settlement is computed from.
 *
 * @since 0.1.0
 * @category models
 */
export interface SettlementRecords {
  readonly schoolId: string
  readonly id: string
  readonly month: string
  readonly currency: Currency
  readonly closedBy: string
  /** every lot that held stock during the month or before it (lots closed earlier add nothing) */
  readonly lots: ReadonlyArray<Lot>
  /** the deliveries received in the month */
  readonly deliveries: ReadonlyArray<Delivery>
  /** the meals of the month */
  readonly meals: ReadonlyArray<Meal>
  /** the meal-fee accounts (charges and refunds for another month are ignored, whenever posted) */
  readonly accounts: ReadonlyArray<Account>
  /** the previous month's settlement, when there is one */
  readonly previous?: Settlement | undefined
  readonly inputs: SettlementInputs
}

/**
 * The first and last day of a month `YYYY-MM`.
 *
 * @since 0.1.0
 * @category getters
 */
export const monthRange = (month: string): { readonly from: LocalDate; readonly to: LocalDate } => {
  const from = `${month}-01` as LocalDate
  return { from, to: LD.endOfMonth(from) }
}

/**
 * The month before `YYYY-MM`.
 *
 * @since 0.1.0
 * @category getters
 */
export const previousMonth = (month: string): string => LD.monthOf(LD.addMonths(`${month}-01` as LocalDate, -1))

/**
 * The stock movements of a month, summed by what they were, in fen of the settlement's currency: the
 * basis of both food costs (an intermediate of {@link settle}, whose settlement holds them as money).
 *
 * @since 0.1.0
 * @category models
 */
export interface StockFlows {
  /** stock value at the start of the month (with opening stock recorded in it) */
  readonly opening: number
  readonly broughtForward: number
  readonly receipts: number
  readonly returns: number
  readonly issuedToMeals: number
  readonly issuedOther: number
  readonly spoilage: number
  readonly stocktakeShortage: number
  readonly stocktakeSurplus: number
  readonly revaluation: number
  /** stock value at the end of the month */
  readonly closing: number
}

/**
 * The stock flows of a month, from the lots' movements.
 *
 * @since 0.1.0
 * @category math
 */
export const stockFlows = (lots: ReadonlyArray<Lot>, from: LocalDate, to: LocalDate): StockFlows => {
  let before = 0
  let broughtForward = 0
  let receipts = 0
  let returns = 0
  let issuedToMeals = 0
  let issuedOther = 0
  let spoilage = 0
  let shortage = 0
  let surplus = 0
  let revaluation = 0
  let closing = 0
  for (const lot of lots) {
    for (const m of lot.movements) {
      const value = m.value.amount
      if (m.date <= to) closing += value
      if (m.date < from) {
        before += value
        continue
      }
      if (m.date > to) continue
      switch (m.kind) {
        case "opening":
          broughtForward += value
          break
        case "receipt":
          receipts += value
          break
        case "return":
          returns -= value
          break
        case "issue":
          if (m.mealId === undefined) issuedOther -= value
          else issuedToMeals -= value
          break
        case "spoilage":
          spoilage -= value
          break
        case "stocktake":
          if (value < 0) shortage -= value
          else surplus += value
          break
        case "revaluation":
          revaluation += value
          break
      }
    }
  }
  const opening = before + broughtForward
  return {
    opening,
    broughtForward,
    receipts,
    returns,
    issuedToMeals,
    issuedOther,
    spoilage,
    stocktakeShortage: shortage,
    stocktakeSurplus: surplus,
    revaluation,
    closing
  }
}

const sumItems = (
  items: ReadonlyArray<SettlementItem>,
  currency: Currency,
  field: string
): Result.Result<number, CurrencyMismatchError> => {
  let total = 0
  for (let i = 0; i < items.length; i++) {
    const it = items[i]!
    if (it.amount.currency !== currency) return Result.fail(CurrencyMismatchError.create(currency, it.amount.currency, ["inputs", field, i, "amount", "currency"]))
    total += it.amount.amount
  }
  return Result.succeed(total)
}

const mismatch = (check: string, expected: number, actual: number, zh: string, en: string) =>
  Result.fail(SettlementMismatchError.create(check, expected, actual, { zh, en }))

/**
 * Settles a month from its records.
 *
 * @since 0.1.0
 * @category math
 */
export const settle = (
  records: SettlementRecords
): Result.Result<Settlement, SettlementMismatchError | InvalidStateError | CurrencyMismatchError | OverflowError> => {
  const { from, to } = monthRange(records.month)
  for (const lot of records.lots) {
    if (!isConsistent(lot)) {
      return mismatch("lot", lot.movements.reduce((a, m) => a + m.value.amount, 0), lot.remainingValue.amount, `批次 ${lot.id} 的结存与其出入库记录不符`, `lot ${lot.id}'s balance is not the sum of its movements`)
    }
    if (lot.currency !== records.currency) return Result.fail(CurrencyMismatchError.create(records.currency, lot.currency, ["lots", lot.id]))
  }
  const open = records.meals.filter((m) => m.date >= from && m.date <= to && m.status === "planned")
  if (open.length > 0) {
    return Result.fail(InvalidStateError.create({
      code: "canteen.mealsNotServed",
      aggregate: "canteen.meal",
      id: open[0]!.id,
      state: open[0]!.status,
      path: ["month"],
      zh: `${records.month} 还有 ${open.length} 餐未登记就餐人数（如 ${open[0]!.date} ${open[0]!.id}），不能月结`,
      en: `${open.length} meals of ${records.month} have no diners recorded (such as ${open[0]!.id} on ${open[0]!.date}); the month cannot be closed`
    }))
  }
  const flows = stockFlows(records.lots, from, to)
  const deliveries = records.deliveries.filter((d) => d.receivedOn >= from && d.receivedOn <= to)
  const purchased = deliveries.reduce((a, d) => a + d.total.amount, 0)
  if (purchased !== flows.receipts) {
    return mismatch("purchases", purchased, flows.receipts, "验收单金额合计与入库批次金额不符", "the deliveries' accepted totals differ from the receipts on the lots")
  }
  if (records.previous !== undefined && records.previous.month === previousMonth(records.month)) {
    const carried = flows.opening - flows.broughtForward
    if (records.previous.food.closing.amount !== carried) {
      return mismatch("opening", records.previous.food.closing.amount, carried, "期初库存与上月月结的期末库存不符", "the opening stock differs from the previous settlement's closing stock")
    }
  }
  // a cancelled meal was not served (and has no stock issued to it: `cancelMeal` refuses one that has)
  const meals = records.meals.filter((m) => m.date >= from && m.date <= to && m.status !== "cancelled")
  const mealIssues = meals.reduce((a, m) => a + m.issues.reduce((b, i) => b + i.value.amount, 0), 0)
  if (mealIssues !== flows.issuedToMeals) {
    return mismatch("issuedToMeals", mealIssues, flows.issuedToMeals, "各餐次登记的出库金额与批次出库记录不符", "the issues recorded on the meals differ from the lots' issues to meals")
  }
  if (flows.revaluation !== 0) {
    return mismatch("revaluation", 0, flows.revaluation, "移动加权平均的调整金额合计不为零", "moving-average revaluations do not sum to zero")
  }
  const otherCosts = sumItems(records.inputs.otherCosts, records.currency, "otherCosts")
  if (Result.isFailure(otherCosts)) return Result.fail(otherCosts.failure)
  const subsidies = sumItems(records.inputs.subsidies, records.currency, "subsidies")
  if (Result.isFailure(subsidies)) return Result.fail(subsidies.failure)
  const otherIncome = sumItems(records.inputs.otherIncome, records.currency, "otherIncome")
  if (Result.isFailure(otherIncome)) return Result.fail(otherIncome.failure)

  const purchases = flows.receipts - flows.returns
  const foodCost = flows.opening + purchases - flows.closing
  const consumed = flows.issuedToMeals + flows.issuedOther + flows.spoilage + flows.stocktakeShortage - flows.stocktakeSurplus
  if (foodCost !== consumed) {
    return mismatch("foodCost", consumed, foodCost, "期初 + 采购 − 期末 与出库、报损、盘点差额之和不符", "opening + purchases − closing differs from issues, spoilage and stocktake differences")
  }
  const mealFees = incomeByGroup(records.accounts.filter((a) => a.currency === records.currency), records.month)
  const mealFeesTotal = mealFees.reduce((a, g) => a + g.net.amount, 0)
  const incomeTotal = mealFeesTotal + subsidies.success + otherIncome.success
  const headMeals = meals.reduce((a, m) => a + (m.actual?.diners ?? 0), 0)

  const groups = new Map<string, { headMeals: number; mealCost: number; income: number }>()
  const group = (id: string) => {
    let g = groups.get(id)
    if (g === undefined) {
      g = { headMeals: 0, mealCost: 0, income: 0 }
      groups.set(id, g)
    }
    return g
  }
  for (const m of meals) {
    for (const a of m.actual?.allocation ?? []) {
      const g = group(a.dinerGroupId)
      g.headMeals += a.diners
      g.mealCost += a.amount.amount
    }
  }
  for (const f of mealFees) group(f.dinerGroupId).income += f.net.amount
  for (const s of records.inputs.subsidies) if (s.dinerGroupId !== undefined) group(s.dinerGroupId).income += s.amount.amount

  const amounts = [flows.opening, flows.receipts, flows.returns, flows.closing, foodCost, consumed, mealFeesTotal, incomeTotal, otherCosts.success, incomeTotal - foodCost - otherCosts.success]
  if (!amounts.every(Number.isSafeInteger)) return Result.fail(OverflowError.create("settle", ["month"]))
  const money = (amount: number): Money => moneyOf(amount, records.currency)
  return Result.succeed({
    schoolId: records.schoolId,
    id: records.id,
    version: 0,
    month: records.month,
    from,
    to,
    currency: records.currency,
    closedBy: records.closedBy,
    inputs: records.inputs,
    income: { mealFees, mealFeesTotal: money(mealFeesTotal), subsidies: money(subsidies.success), other: money(otherIncome.success), total: money(incomeTotal) },
    food: {
      opening: money(flows.opening),
      receipts: money(flows.receipts),
      returns: money(flows.returns),
      purchases: money(purchases),
      closing: money(flows.closing),
      cost: money(foodCost)
    },
    consumption: {
      issuedToMeals: money(flows.issuedToMeals),
      issuedOther: money(flows.issuedOther),
      spoilage: money(flows.spoilage),
      stocktakeShortage: money(flows.stocktakeShortage),
      stocktakeSurplus: money(flows.stocktakeSurplus),
      total: money(consumed)
    },
    otherCosts: money(otherCosts.success),
    balance: money(incomeTotal - foodCost - otherCosts.success),
    meals: meals.length,
    headMeals,
    ...(headMeals > 0 ? { costPerHeadMeal: money(proportional(foodCost, D.fromInt(1), D.fromInt(headMeals))) } : {}),
    ...(incomeTotal !== 0 ? { foodCostRatio: M.divideRounded(D.fromInt(foodCost), D.fromInt(incomeTotal), 4, "halfUp") } : {}),
    byDinerGroup: Array.from(groups, ([dinerGroupId, g]) => ({ dinerGroupId, headMeals: g.headMeals, mealCost: money(g.mealCost), income: money(g.income) }))
      .sort((a, b) => (a.dinerGroupId < b.dinerGroupId ? -1 : a.dinerGroupId > b.dinerGroupId ? 1 : 0)),
    records: {
      lots: records.lots.filter((l) => l.movements.some((m) => m.date >= from && m.date <= to) || (l.receivedOn < from && (l.closedOn === undefined || l.closedOn >= from))).length,
      deliveries: deliveries.length,
      meals: meals.length,
      accounts: records.accounts.filter((a) =>
        a.entries.some((e) => (e.date >= from && e.date <= to) || ((e.kind === "charge" || e.kind === "refund") && incomeMonth(e) === records.month))
      ).length
    }
  } as unknown as Settlement)
}
