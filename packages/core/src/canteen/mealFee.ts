/**
 * Meal-fee accounts: prepaid fees, monthly charges, refunds for days absent (the rule pack says
 * from which day and how much), and the prepaid-items ledger (代办费) that a kindergarten settles
 * at the end of term and publishes to parents. Charges less refunds are the canteen's meal-fee
 * income, which feeds the monthly settlement: income of the month each fee is for.
 *
 * @since 0.1.0
 */
import { BigDecimal, Result, Schema } from "effect"
import * as D from "../kernel/Decimal.ts"
import { ValidationError } from "../kernel/Errors.ts"
import type { LocalDate } from "../kernel/LocalDate.ts"
import * as LD from "../kernel/LocalDate.ts"
import { LocalDateSchema } from "../kernel/LocalDate.ts"
import * as M from "../kernel/Money.ts"
import { DinerGroupId } from "../kernel/People.ts"
import type { Account, AccountEntry } from "./model.ts"
import { AccountEntryKind, AccountId, Holder, moneyOf } from "./model.ts"
import type { CanteenRules } from "./rules.ts"

/**
 * The balance of an account: deposits − charges + refunds − payouts ± adjustments (negative when
 * the diner owes), in the account's currency.
 *
 * @since 0.1.0
 * @category math
 */
export const accountBalance = (entries: ReadonlyArray<AccountEntry>, currency: M.Currency): M.Money => {
  let total = 0
  for (const e of entries) total += signedAmount(e)
  return moneyOf(total, currency)
}

/**
 * What an entry does to the balance, in fen: deposits, refunds and adjustments add (an adjustment
 * is signed), charges and payouts take away.
 *
 * @since 0.1.0
 * @category math
 */
export const signedAmount = (entry: AccountEntry): number =>
  entry.kind === "charge" || entry.kind === "payout" ? -entry.amount.amount : entry.amount.amount

/**
 * Runs of consecutive meal days on which a diner was absent (consecutive in the school's meal
 * days, so a weekend does not break a run). Absences on days without meals are ignored.
 *
 * @since 0.1.0
 * @category math
 */
export const absenceRuns = (absent: ReadonlyArray<LocalDate>, mealDays: ReadonlyArray<LocalDate>): Array<Array<LocalDate>> => {
  const away = new Set(absent)
  const runs: Array<Array<LocalDate>> = []
  let run: Array<LocalDate> = []
  for (const day of [...new Set(mealDays)].sort()) {
    if (away.has(day)) run.push(day)
    else if (run.length > 0) {
      runs.push(run)
      run = []
    }
  }
  if (run.length > 0) runs.push(run)
  return runs
}

/**
 * A refund for absence.
 *
 * @since 0.1.0
 * @category models
 */
export interface AbsenceRefund {
  /** meal days refunded */
  readonly days: number
  readonly amount: M.Money
  readonly runs: ReadonlyArray<{ readonly from: LocalDate; readonly to: LocalDate; readonly days: number; readonly refunded: number }>
}

/**
 * The refund of a charge for days absent under the rule pack's `mealFeeRefund`: each run of at
 * least `minConsecutiveDays` absent meal days refunds all its days (`firstDay`) or those from the
 * threshold day on (`afterThreshold`), at `ratio` of the daily fee (the charge ÷ its days), posted
 * once half-up. A refund never covers more days than the charge.
 *
 * @since 0.1.0
 * @category math
 */
export const absenceRefund = (input: {
  readonly charge: { readonly amount: M.Money; readonly days: number }
  readonly absent: ReadonlyArray<LocalDate>
  readonly mealDays: ReadonlyArray<LocalDate>
  readonly rules: CanteenRules
}): Result.Result<AbsenceRefund, ValidationError> => {
  if (input.charge.days <= 0) {
    return Result.fail(ValidationError.at(["charge", "days"], { zh: "收费天数必须大于 0", en: "the charge must cover at least one day" }, "canteen.chargeDays"))
  }
  const rule = input.rules.mealFeeRefund
  const runs = absenceRuns(input.absent, input.mealDays).map((run) => {
    const refunded = run.length < rule.minConsecutiveDays ? 0 : rule.countFrom === "firstDay" ? run.length : run.length - rule.minConsecutiveDays + 1
    return { from: run[0]!, to: run[run.length - 1]!, days: run.length, refunded }
  })
  const days = Math.min(input.charge.days, runs.reduce((a, r) => a + r.refunded, 0))
  // amount × days × ratio ÷ charge days, posted once
  const minor = M.divideRounded(
    BigDecimal.multiply(D.fromInt(BigInt(input.charge.amount.amount) * BigInt(days)), rule.ratio),
    D.fromInt(input.charge.days),
    0,
    "halfUp"
  )
  return Result.succeed({ days, amount: moneyOf(Number(D.format(minor)), input.charge.amount.currency), runs })
}

/**
 * Meal-fee income of one diner group in a month.
 *
 * @since 0.1.0
 * @category models
 */
export interface GroupIncome {
  readonly dinerGroupId: string
  readonly charged: M.Money
  readonly refunded: M.Money
  readonly net: M.Money
}

/**
 * The month a meal-fee entry is income of: the month it is for (`month`, as a charge collected in
 * advance or a refund for absence records it), else the month of its date.
 *
 * @since 0.1.0
 * @category getters
 */
export const incomeMonth = (entry: Pick<AccountEntry, "date" | "month">): string => entry.month ?? LD.monthOf(entry.date)

/**
 * Meal-fee income by diner group of a month (`YYYY-MM`): the charges less the refunds that are
 * for that month ({@link incomeMonth}) — a fee collected on 26 February for March is March's
 * income, and so is a refund for March's absences posted in April — by the account's diner
 * group, in group-id order.
 *
 * @since 0.1.0
 * @category math
 */
export const incomeByGroup = (accounts: ReadonlyArray<Account>, month: string): Array<GroupIncome> => {
  const groups = new Map<string, { charged: number; refunded: number; currency: M.Currency }>()
  for (const a of accounts) {
    for (const e of a.entries) {
      if ((e.kind !== "charge" && e.kind !== "refund") || incomeMonth(e) !== month) continue
      const g = groups.get(a.dinerGroupId) ?? { charged: 0, refunded: 0, currency: a.currency }
      if (e.kind === "charge") g.charged += e.amount.amount
      else g.refunded += e.amount.amount
      groups.set(a.dinerGroupId, g)
    }
  }
  return Array.from(groups, ([dinerGroupId, g]) => ({
    dinerGroupId,
    charged: moneyOf(g.charged, g.currency),
    refunded: moneyOf(g.refunded, g.currency),
    net: moneyOf(g.charged - g.refunded, g.currency)
  }))
    .sort((a, b) => (a.dinerGroupId < b.dinerGroupId ? -1 : a.dinerGroupId > b.dinerGroupId ? 1 : 0))
}

/**
 * A term's prepaid-items statement (代办费结算) for parents, as data a report can print: what was
 * paid in, each item bought, what was paid back and the balance still due to the parents.
 *
 * @since 0.1.0
 * @category schemas
 */
export const PrepaidStatement = Schema.Struct({
  accountId: AccountId,
  holder: Holder,
  dinerGroupId: DinerGroupId,
  term: Schema.String,
  currency: M.Currency,
  deposits: M.MoneySchema,
  items: Schema.Array(Schema.Struct({
    date: LocalDateSchema,
    item: Schema.String,
    quantity: Schema.optionalKey(D.PositiveDecimal),
    amount: M.MoneySchema
  })),
  spent: M.MoneySchema,
  refunded: M.MoneySchema,
  balance: M.MoneySchema
})

/**
 * @since 0.1.0
 * @category models
 */
export type PrepaidStatement = typeof PrepaidStatement.Type

/**
 * The prepaid-items statement of an account for a term: balance = deposits − items − refunds.
 *
 * @since 0.1.0
 * @category math
 */
export const prepaidStatement = (account: Account, term: string): PrepaidStatement => {
  const entries = account.prepaid.filter((e) => e.term === term)
  let deposits = 0
  let spent = 0
  let refunded = 0
  const items: Array<PrepaidStatement["items"][number]> = []
  for (const e of entries) {
    if (e.kind === "deposit") deposits += e.amount.amount
    else if (e.kind === "refund") refunded += e.amount.amount
    else {
      spent += e.amount.amount
      items.push({ date: e.date, item: e.item ?? "", ...(e.quantity === undefined ? {} : { quantity: e.quantity }), amount: e.amount })
    }
  }
  const money = (amount: number) => moneyOf(amount, account.currency)
  return {
    accountId: account.id,
    holder: account.holder,
    dinerGroupId: account.dinerGroupId,
    term,
    currency: account.currency,
    deposits: money(deposits),
    items,
    spent: money(spent),
    refunded: money(refunded),
    balance: money(deposits - spent - refunded)
  }
}

/**
 * A meal-fee account's statement for a period (伙食费对账单), as data a report can print: the
 * balance brought forward, every entry dated in the period in order (date, then entry number) with
 * the balance after it, the totals of each kind and the closing balance.
 *
 * @since 0.1.0
 * @category schemas
 */
export const AccountStatement = Schema.Struct({
  accountId: AccountId,
  holder: Holder,
  dinerGroupId: DinerGroupId,
  currency: M.Currency,
  from: LocalDateSchema,
  to: LocalDateSchema,
  opening: M.MoneySchema,
  lines: Schema.Array(Schema.Struct({
    seq: Schema.Int,
    date: LocalDateSchema,
    kind: AccountEntryKind,
    /** the entry's effect on the balance: negative for a charge or a payout */
    change: M.MoneySchema,
    days: Schema.optionalKey(Schema.Int),
    month: Schema.optionalKey(Schema.String),
    note: Schema.optionalKey(Schema.String),
    balance: M.MoneySchema
  })),
  totals: Schema.Struct({
    deposits: M.MoneySchema,
    charges: M.MoneySchema,
    refunds: M.MoneySchema,
    payouts: M.MoneySchema,
    /** signed: the adjustments' net effect */
    adjustments: M.MoneySchema
  }),
  closing: M.MoneySchema
})

/**
 * @since 0.1.0
 * @category models
 */
export type AccountStatement = typeof AccountStatement.Type

const byDateThenSeq = (a: AccountEntry, b: AccountEntry) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.seq - b.seq)

/**
 * The statement of an account from `from` to `to` (both included): opening = the balance of every
 * entry dated before `from`; each line's balance = the previous one + its change; closing =
 * opening + deposits − charges + refunds − payouts ± adjustments, which is the balance of every
 * entry dated up to `to`. A period that ends before it starts is a `ValidationError` at `to`.
 *
 * @since 0.1.0
 * @category math
 */
export const accountStatement = (account: Account, from: LocalDate, to: LocalDate): Result.Result<AccountStatement, ValidationError> => {
  if (to < from) {
    return Result.fail(ValidationError.at(["to"], {
      zh: `对账期间的结束日期 ${to} 早于开始日期 ${from}`,
      en: `the statement's period ends (${to}) before it starts (${from})`
    }, "canteen.statementPeriod"))
  }
  const money = (amount: number) => moneyOf(amount, account.currency)
  let opening = 0
  const inPeriod: Array<AccountEntry> = []
  for (const e of account.entries) {
    if (e.date < from) opening += signedAmount(e)
    else if (e.date <= to) inPeriod.push(e)
  }
  inPeriod.sort(byDateThenSeq)
  const totals = { deposit: 0, charge: 0, refund: 0, payout: 0, adjustment: 0 }
  let balance = opening
  const lines: Array<AccountStatement["lines"][number]> = []
  for (const e of inPeriod) {
    const change = signedAmount(e)
    balance += change
    totals[e.kind] += e.amount.amount
    lines.push({
      seq: e.seq,
      date: e.date,
      kind: e.kind,
      change: money(change),
      ...(e.days === undefined ? {} : { days: e.days }),
      ...(e.month === undefined ? {} : { month: e.month }),
      ...(e.note === undefined ? {} : { note: e.note }),
      balance: money(balance)
    })
  }
  return Result.succeed({
    accountId: account.id,
    holder: account.holder,
    dinerGroupId: account.dinerGroupId,
    currency: account.currency,
    from,
    to,
    opening: money(opening),
    lines,
    totals: {
      deposits: money(totals.deposit),
      charges: money(totals.charge),
      refunds: money(totals.refund),
      payouts: money(totals.payout),
      adjustments: money(totals.adjustment)
    },
    closing: money(balance)
  })
}
