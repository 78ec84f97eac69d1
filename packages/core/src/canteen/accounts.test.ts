/**
 * Meal-fee accounts through the commands: a month's fee charged, a refund for days absent under
 * the rule pack, the prepaid-items ledger settled at the end of term, and the totals in the
 * monthly settlement.
 */
import { assert, describe, layer } from "@effect/vitest"
import { Effect } from "effect"
import * as D from "../kernel/Decimal.ts"
import * as LD from "../kernel/LocalDate.ts"
import type { LocalDate } from "../kernel/LocalDate.ts"
import { enrolStudents, saveOrganisation } from "../ports/people.ts"
import { organisation, services } from "../testing/canteenFixtures.ts"
import { closeMonth, closePrepaidTerm, openAccount, postAccountEntries, recordPrepaidItems, refundAbsence } from "./commands.ts"
import { accountStatement, prepaidStatement } from "./queries.ts"

const schoolId = "fees"
const ctx = { schoolId, actor: "director-1" }
// May 2026: meals on the 18 weekdays from 6 May (1–5 May is the Labour Day holiday)
const mealDays = LD.range("2026-05-06" as LocalDate, "2026-05-29" as LocalDate).filter((d) => LD.dayOfWeek(d) <= 5)

layer(services({ prefix: "f" }))((it) => {
  describe("meal-fee accounts", () => {
    it.effect("charge ¥270.00 for 18 days, refund 4 absent days (¥60.00), settle the prepaid items; the month's income is ¥210.00 + ¥300.00", () =>
      Effect.gen(function*() {
        yield* saveOrganisation({ ...ctx, organisation: organisation(schoolId) })
        yield* enrolStudents({ ...ctx, students: [{ id: "stu-1", name: "小明", sex: "M", birthDate: "2019-03-01", classId: "class-1-1" }] })
        yield* openAccount({ ...ctx, id: "acct-stu-1", holder: { _tag: "student", id: "stu-1" }, dinerGroupId: "lower" })
        yield* openAccount({ ...ctx, id: "acct-cook-1", holder: { _tag: "staff", id: "cook-1" }, dinerGroupId: "staff" })
        const again = yield* Effect.flip(openAccount({ ...ctx, holder: { _tag: "student", id: "stu-1" }, dinerGroupId: "lower" }))
        assert.strictEqual((again as { code: string }).code, "canteen.accountExists")
        const unknown = yield* Effect.flip(openAccount({ ...ctx, holder: { _tag: "student", id: "stu-404" }, dinerGroupId: "lower" }))
        assert.deepStrictEqual((unknown as { path: ReadonlyArray<string> }).path, ["holder", "id"])
        const posted = yield* postAccountEntries({
          ...ctx,
          entries: [
            { accountId: "acct-stu-1", date: "2026-05-01", kind: "deposit", amount: { amount: 50000, currency: "CNY" } },
            { accountId: "acct-stu-1", date: "2026-05-01", kind: "charge", amount: { amount: 27000, currency: "CNY" }, days: 18, month: "2026-05" },
            { accountId: "acct-cook-1", date: "2026-05-01", kind: "charge", amount: { amount: 30000, currency: "CNY" }, days: 18, month: "2026-05" }
          ]
        })
        // 50000 − 27000 = 23000; the cook owes 30000
        assert.deepStrictEqual(posted.map((p) => [p.account.id, p.balance]), [["acct-stu-1", { amount: 23000, currency: "CNY" }], ["acct-cook-1", { amount: -30000, currency: "CNY" }]])
        // absent Thursday 7, Friday 8, Monday 11 (one run across the weekend) and Wednesday 13: 4 days × ¥15.00
        const refund = yield* refundAbsence({ ...ctx, accountId: "acct-stu-1", month: "2026-05", absent: ["2026-05-07", "2026-05-08", "2026-05-11", "2026-05-13"], mealDays })
        assert.deepStrictEqual([refund.refund.days, refund.refund.amount.amount], [4, 6000])
        const twice = yield* Effect.flip(refundAbsence({ ...ctx, accountId: "acct-stu-1", month: "2026-05", absent: ["2026-05-14"], mealDays }))
        assert.strictEqual((twice as { code: string }).code, "canteen.refundExists")

        yield* recordPrepaidItems({
          ...ctx,
          accountId: "acct-stu-1",
          entries: [
            { date: "2026-03-01", term: "2026春", kind: "deposit", amount: { amount: 30000, currency: "CNY" } },
            { date: "2026-03-02", term: "2026春", kind: "purchase", amount: { amount: 12000, currency: "CNY" }, item: "被褥" },
            { date: "2026-04-10", term: "2026春", kind: "purchase", amount: { amount: 8650, currency: "CNY" }, item: "图书", quantity: "5" }
          ]
        })
        const closed = yield* closePrepaidTerm({ ...ctx, accountId: "acct-stu-1", term: "2026春", date: "2026-07-10" })
        // 30000 − 12000 − 8650 = 9350 fen paid back; the statement then balances to zero
        assert.deepStrictEqual([closed.refunded.amount, closed.statement.balance.amount, closed.statement.items.map((i) => i.item)], [9350, 0, ["被褥", "图书"]])
        assert.strictEqual((yield* prepaidStatement(schoolId, "acct-stu-1", "2026春")).refunded.amount, 9350)

        // the May statement of the student's account: 0 brought forward; +50000, −27000, +6000 (the refund) = 29000
        const statement = yield* accountStatement(schoolId, "acct-stu-1", "2026-05-01", "2026-05-31")
        assert.deepStrictEqual([statement.opening.amount, statement.lines.map((l) => l.balance.amount), statement.closing.amount], [0, [50000, 23000, 29000], 29000])
        const badDate = yield* Effect.flip(accountStatement(schoolId, "acct-stu-1", "2026-05-01", "2026-05-32"))
        assert.deepStrictEqual((badDate as { path: ReadonlyArray<string> }).path, ["to"])

        const settlement = yield* closeMonth({ ...ctx, month: "2026-05" })
        // lower: 27000 − 6000 = 21000; staff: 30000
        assert.deepStrictEqual(settlement.income.mealFees.map((g) => [g.dinerGroupId, g.charged.amount, g.refunded.amount, g.net.amount]), [["lower", 27000, 6000, 21000], ["staff", 30000, 0, 30000]])
        assert.deepStrictEqual(settlement.income.total, { amount: 51000, currency: "CNY" })
        assert.deepStrictEqual(settlement.balance, { amount: 51000, currency: "CNY" })
        // no food was bought or used: the food cost ratio is 0 ÷ 51000 = 0; no meals, so no cost per head-meal
        assert.strictEqual(D.format(settlement.foodCostRatio!), "0")
        assert.isUndefined(settlement.costPerHeadMeal)
      }))
  })
})
