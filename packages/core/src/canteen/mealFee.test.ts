import { BigDecimal, Result } from "effect"
import * as fc from "fast-check"
import { assert, describe, it } from "vitest"
import type { LocalDate } from "../kernel/LocalDate.ts"
import * as LD from "../kernel/LocalDate.ts"
import type { CanteenRules } from "./rules.ts"
import { absenceRefund, absenceRuns, accountBalance, accountStatement, incomeByGroup, prepaidStatement } from "./mealFee.ts"
import type { Account } from "./model.ts"
import { cn } from "./rules.ts"

// the school days of May 2026 with meals: weekdays except 1–5 May (Labour Day holiday)
const mealDays = LD.range("2026-05-06" as LocalDate, "2026-05-29" as LocalDate).filter((d) => LD.dayOfWeek(d) <= 5)
const withRule = (r: Partial<CanteenRules["mealFeeRefund"]>): CanteenRules => ({ ...cn, mealFeeRefund: { ...cn.mealFeeRefund, ...r } })
const days = (...ds: Array<string>) => ds as Array<LocalDate>

const cny = (amount: number) => ({ amount, currency: "CNY" as const })

describe("meal-fee refunds for absence", () => {
  it("counts runs of consecutive meal days: a weekend does not break a run", () => {
    // Thursday 7, Friday 8, Monday 11 are one run of 3 meal days; Wednesday 13 another
    assert.deepStrictEqual(absenceRuns(days("2026-05-07", "2026-05-08", "2026-05-11", "2026-05-13", "2026-05-09"), mealDays), [
      ["2026-05-07", "2026-05-08", "2026-05-11"],
      ["2026-05-13"]
    ])
  })

  it("cn default: every absent meal day refunded in full — 18 days charged ¥270.00 (¥15.00 a day), 4 days absent: ¥60.00", () => {
    assert.strictEqual(mealDays.length, 18)
    const r = Result.getOrThrow(absenceRefund({ charge: { amount: cny(27000), days: 18 }, absent: days("2026-05-07", "2026-05-08", "2026-05-11", "2026-05-13"), mealDays, rules: cn }))
    assert.strictEqual(r.days, 4)
    assert.deepStrictEqual(r.amount, cny(6000))
  })

  it("a rule from the 3rd consecutive day: the 3-day run counts all 3 days (firstDay) or only the 3rd (afterThreshold); the single day never", () => {
    const absent = days("2026-05-07", "2026-05-08", "2026-05-11", "2026-05-13")
    const first = Result.getOrThrow(absenceRefund({ charge: { amount: cny(27000), days: 18 }, absent, mealDays, rules: withRule({ minConsecutiveDays: 3 }) }))
    assert.deepStrictEqual([first.days, first.amount.amount], [3, 4500])
    const after = Result.getOrThrow(absenceRefund({ charge: { amount: cny(27000), days: 18 }, absent, mealDays, rules: withRule({ minConsecutiveDays: 3, countFrom: "afterThreshold" }) }))
    assert.deepStrictEqual([after.days, after.amount.amount], [1, 1500])
  })

  it("a partial refund ratio posts once, half-up: 80% of 5 days of ¥260.00 over 19 days = 20800 × 5 ÷ 19 → 5473.68… → 5474 fen", () => {
    const r = Result.getOrThrow(absenceRefund({ charge: { amount: cny(26000), days: 19 }, absent: mealDays.slice(0, 5), mealDays, rules: withRule({ ratio: BigDecimal.make(8n, 1) }) }))
    // 26000 × 5 × 0.8 ÷ 19 = 104000 ÷ 19 = 5473.684… → 5474
    assert.deepStrictEqual([r.days, r.amount.amount], [5, 5474])
  })

  it("never refunds more days than were charged, and refuses a charge of no days", () => {
    const r = Result.getOrThrow(absenceRefund({ charge: { amount: cny(1000), days: 2 }, absent: mealDays, mealDays, rules: cn }))
    assert.deepStrictEqual([r.days, r.amount.amount], [2, 1000])
    const e = absenceRefund({ charge: { amount: cny(1000), days: 0 }, absent: [], mealDays, rules: cn })
    assert.deepStrictEqual(Result.isFailure(e) ? e.failure.path : [], ["charge", "days"])
  })
})

const account = (id: string, group: string, entries: Account["entries"], prepaid: Account["prepaid"] = []): Account =>
  ({ schoolId: "s", id, version: 1, holder: { _tag: "student", id: `stu-${id}` }, dinerGroupId: group, currency: "CNY", active: true, entries, prepaid }) as unknown as Account
const entry = (seq: number, date: string, kind: Account["entries"][number]["kind"], amount: number): Account["entries"][number] =>
  ({ seq, date: date as LocalDate, kind, amount: cny(amount) })

describe("meal-fee accounts", () => {
  it("balance = deposits − charges + refunds − payouts ± adjustments", () => {
    assert.deepStrictEqual(accountBalance([entry(1, "2026-05-01", "deposit", 30000), entry(2, "2026-05-01", "charge", 27000), entry(3, "2026-05-31", "refund", 6000), entry(4, "2026-06-01", "payout", 5000), entry(5, "2026-06-01", "adjustment", -100)], "CNY"), cny(3900))
  })

  it("income by diner group = charges − refunds of the month (entries without `month` by their date)", () => {
    const accounts = [
      account("a", "lower", [entry(1, "2026-05-01", "charge", 27000), entry(2, "2026-05-31", "refund", 6000), entry(3, "2026-06-01", "charge", 27000)]),
      account("b", "lower", [entry(1, "2026-05-01", "charge", 27000), entry(2, "2026-05-01", "deposit", 50000)]),
      account("c", "upper", [entry(1, "2026-05-02", "charge", 30000)])
    ]
    // lower: 27000 + 27000 charged, 6000 refunded → 48000; the June charge is June's
    assert.deepStrictEqual(incomeByGroup(accounts, "2026-05"), [
      { dinerGroupId: "lower", charged: cny(54000), refunded: cny(6000), net: cny(48000) },
      { dinerGroupId: "upper", charged: cny(30000), refunded: cny(0), net: cny(30000) }
    ])
  })

  it("income is of the month a fee is for: collected in advance, refunded after the month", () => {
    const forMonth = (e: Account["entries"][number], month: string) => ({ ...e, month })
    const accounts = [
      account("a", "lower", [
        // June's fee collected on 26 May, May's refund for absence posted on 3 June
        forMonth(entry(1, "2026-05-26", "charge", 30000), "2026-06"),
        forMonth(entry(2, "2026-06-03", "refund", 4500), "2026-05"),
        forMonth(entry(3, "2026-04-27", "charge", 27000), "2026-05")
      ])
    ]
    // May: the charge for May (posted in April) less May's refund (posted in June): 27000 − 4500 = 22500
    assert.deepStrictEqual(incomeByGroup(accounts, "2026-05"), [{ dinerGroupId: "lower", charged: cny(27000), refunded: cny(4500), net: cny(22500) }])
    // June: only the fee for June, though it was posted in May
    assert.deepStrictEqual(incomeByGroup(accounts, "2026-06"), [{ dinerGroupId: "lower", charged: cny(30000), refunded: cny(0), net: cny(30000) }])
    assert.deepStrictEqual(incomeByGroup(accounts, "2026-04"), [])
  })

  it("a term's prepaid-items statement (代办费): ¥300.00 paid in, three items ¥246.50, ¥53.50 to give back", () => {
    const a = account("k", "lower", [], [
      { seq: 1, date: "2026-03-01" as LocalDate, term: "2026春", kind: "deposit", amount: cny(30000) },
      { seq: 2, date: "2026-03-02" as LocalDate, term: "2026春", kind: "purchase", amount: cny(12000), item: "被褥" },
      { seq: 3, date: "2026-03-02" as LocalDate, term: "2026春", kind: "purchase", amount: cny(8650), item: "图书", quantity: BigDecimal.make(5n, 0) },
      { seq: 4, date: "2026-04-10" as LocalDate, term: "2026春", kind: "purchase", amount: cny(4000), item: "美术材料" },
      { seq: 5, date: "2025-09-01" as LocalDate, term: "2025秋", kind: "deposit", amount: cny(99900) }
    ])
    const s = prepaidStatement(a, "2026春")
    // 12000 + 8650 + 4000 = 24650; 30000 − 24650 = 5350
    assert.deepStrictEqual([s.deposits, s.spent, s.refunded, s.balance, s.items.length], [cny(30000), cny(24650), cny(0), cny(5350), 3])
  })
})

describe("meal-fee account statement (伙食费对账单)", () => {
  // April: ¥300.00 paid in, April charged ¥270.00 → ¥30.00 brought forward into May
  // May: ¥300.00 paid in, May charged ¥270.00 (18 days), 4 days absent refunded ¥60.00, a ¥1.00
  // correction taken off; June: ¥89.00 paid out
  const a = account("m", "lower", [
    entry(1, "2026-04-01", "deposit", 30000),
    entry(2, "2026-04-01", "charge", 27000),
    entry(6, "2026-05-31", "adjustment", -100),
    entry(4, "2026-05-01", "charge", 27000),
    entry(3, "2026-05-01", "deposit", 30000),
    entry(5, "2026-05-31", "refund", 6000),
    entry(7, "2026-06-30", "payout", 8900)
  ])

  it("May: opening 30000 + 30000 − 27000 + 6000 − 100 = closing 38900 fen, lines in date then entry order", () => {
    const s = Result.getOrThrow(accountStatement(a, "2026-05-01" as LocalDate, "2026-05-31" as LocalDate))
    assert.deepStrictEqual(s.opening, cny(3000))
    // entries 3 and 4 share a date: entry 3 (the deposit) comes first
    assert.deepStrictEqual(s.lines.map((l) => [l.seq, l.change.amount, l.balance.amount]), [
      [3, 30000, 33000], // 3000 + 30000
      [4, -27000, 6000], // 33000 − 27000
      [5, 6000, 12000], //  6000 + 6000
      [6, -100, 11900] //  12000 − 100
    ])
    assert.deepStrictEqual(s.totals, { deposits: cny(30000), charges: cny(27000), refunds: cny(6000), payouts: cny(0), adjustments: cny(-100) })
    assert.deepStrictEqual(s.closing, cny(11900))
    // the payout on 30 June: 11900 − 8900 = 3000 left in the account
    assert.deepStrictEqual(Result.getOrThrow(accountStatement(a, "2026-06-01" as LocalDate, "2026-06-30" as LocalDate)).closing, cny(3000))
  })

  it("a period that ends before it starts is refused at `to`", () => {
    const r = accountStatement(a, "2026-05-31" as LocalDate, "2026-05-01" as LocalDate)
    assert.isTrue(Result.isFailure(r))
    if (Result.isFailure(r)) assert.deepStrictEqual([r.failure.code, r.failure.path], ["canteen.statementPeriod", ["to"]])
  })

  const kinds = ["deposit", "charge", "refund", "payout", "adjustment"] as const
  const day = fc.integer({ min: 0, max: 120 }).map((d) => LD.addDays("2026-03-01" as LocalDate, d))
  const entries = fc.array(fc.tuple(day, fc.constantFrom(...kinds), fc.integer({ min: 0, max: 500_000 }), fc.boolean()), { maxLength: 40 })
    .map((es) => es.map(([date, kind, amount, negative], i) => ({ seq: i + 1, date, kind, amount: cny(kind === "adjustment" && negative ? -amount : amount) })))

  it("law: closing = the balance of every entry up to `to`, opening = of every entry before `from`", () => {
    fc.assert(fc.property(entries, day, day, (es, x, y) => {
      const [from, to] = x <= y ? [x, y] : [y, x]
      const s = Result.getOrThrow(accountStatement(account("p", "g", es), from, to))
      assert.deepStrictEqual(s.closing, accountBalance(es.filter((e) => e.date <= to), "CNY"))
      assert.deepStrictEqual(s.opening, accountBalance(es.filter((e) => e.date < from), "CNY"))
      const t = s.totals
      assert.strictEqual(s.closing.amount, s.opening.amount + t.deposits.amount - t.charges.amount + t.refunds.amount - t.payouts.amount + t.adjustments.amount)
      assert.strictEqual(s.lines[s.lines.length - 1]?.balance.amount ?? s.opening.amount, s.closing.amount)
    }))
  })

  it("law: statements of adjacent periods chain — one period's closing is the next one's opening", () => {
    fc.assert(fc.property(entries, day, fc.integer({ min: 0, max: 60 }), fc.integer({ min: 1, max: 60 }), (es, from, len1, len2) => {
      const acct = account("p", "g", es)
      const mid = LD.addDays(from, len1)
      const first = Result.getOrThrow(accountStatement(acct, from, mid))
      const second = Result.getOrThrow(accountStatement(acct, LD.addDays(mid, 1), LD.addDays(mid, len2)))
      const whole = Result.getOrThrow(accountStatement(acct, from, LD.addDays(mid, len2)))
      assert.deepStrictEqual(second.opening, first.closing)
      assert.deepStrictEqual(whole.closing, second.closing)
      assert.strictEqual(whole.lines.length, first.lines.length + second.lines.length)
    }))
  })
})
