/**
 * The monthly settlement's meal-fee income, through the commands: schools collect a month's fee
 * before the month, and refund absences after it, so income belongs to the month a fee is for
 * (the entry's `month`, else the month of its date), not to the day it was posted.
 */
import { assert, describe, layer } from "@effect/vitest"
import { Effect } from "effect"
import type { HouqinError } from "../kernel/Errors.ts"
import type { LocalDate } from "../kernel/LocalDate.ts"
import * as LD from "../kernel/LocalDate.ts"
import { saveOrganisation } from "../ports/people.ts"
import { organisation, services } from "../testing/canteenFixtures.ts"
import { closeMonth, openAccount, postAccountEntries, refundAbsence } from "./commands.ts"
import { verifySettlement } from "./queries.ts"

const schoolId = "fees-in-advance"
const ctx = { schoolId, actor: "director-1" }
const cny = (amount: number) => ({ amount, currency: "CNY" as const })

// March 2026's meal days: the 22 weekdays
const marchMealDays = LD.range("2026-03-01" as LocalDate, "2026-03-31" as LocalDate).filter((d) => LD.dayOfWeek(d) <= 5)

layer(services({ prefix: "f" }))((it) => {
  describe("monthly settlement: meal fees are income of the month they are for", () => {
    it.effect("fees collected in advance and a refund for absence posted after the month", () =>
      Effect.gen(function*() {
        assert.strictEqual(marchMealDays.length, 22)
        yield* saveOrganisation({ ...ctx, organisation: organisation(schoolId) })
        yield* openAccount({ ...ctx, id: "acct-a", holder: { _tag: "staff", id: "cook-1" }, dinerGroupId: "lower" })
        yield* openAccount({ ...ctx, id: "acct-b", holder: { _tag: "staff", id: "cook-2" }, dinerGroupId: "upper" })
        yield* postAccountEntries({
          ...ctx,
          entries: [
            // February's fee, collected on 26 January
            { accountId: "acct-a", date: "2026-01-26", kind: "charge", amount: cny(28000), days: 20, month: "2026-02" },
            // March's fees, collected on 26 February
            { accountId: "acct-a", date: "2026-02-26", kind: "charge", amount: cny(30000), days: 22, month: "2026-03" },
            { accountId: "acct-b", date: "2026-02-26", kind: "charge", amount: cny(33000), days: 22, month: "2026-03" },
            // a deposit is not income
            { accountId: "acct-b", date: "2026-02-26", kind: "deposit", amount: cny(50000) }
          ]
        })
        const february = yield* closeMonth({ ...ctx, month: "2026-02" })
        // February's income is February's fee (posted in January) and nothing collected for March:
        // 28000 fen, not 30000 + 33000 = 63000 fen dated in February
        const fees = (s: typeof february) => s.income.mealFees.map((g) => [g.dinerGroupId, g.charged.amount, g.refunded.amount, g.net.amount])
        assert.deepStrictEqual(fees(february), [["lower", 28000, 0, 28000]])
        assert.deepStrictEqual(february.income.mealFeesTotal, cny(28000))
        // no food and no other costs: the balance is the income
        assert.deepStrictEqual(february.balance, cny(28000))

        // account A was away 4 meal days in March (Monday 9 to Thursday 12): refunded on 2 April
        const refund = yield* refundAbsence({
          ...ctx,
          accountId: "acct-a",
          month: "2026-03",
          absent: ["2026-03-09", "2026-03-10", "2026-03-11", "2026-03-12"],
          mealDays: marchMealDays,
          date: "2026-04-02"
        })
        // 30000 × 4 ÷ 22 = 5454.54… → 5455 fen
        assert.deepStrictEqual(refund.refund.amount, cny(5455))
        const march = yield* closeMonth({ ...ctx, month: "2026-03" })
        // March: charged 30000 + 33000 = 63000, refunded 5455 (posted in April, for March):
        // net 63000 − 5455 = 57545 fen
        assert.deepStrictEqual(fees(march), [
          ["lower", 30000, 5455, 24545], // 30000 − 5455
          ["upper", 33000, 0, 33000]
        ])
        assert.deepStrictEqual(march.income.mealFeesTotal, cny(57545))
        assert.deepStrictEqual(march.byDinerGroup.map((g) => [g.dinerGroupId, g.income.amount]), [["lower", 24545], ["upper", 33000]])
        assert.strictEqual(march.records.accounts, 2)
        assert.isTrue((yield* verifySettlement(schoolId, "2026-03")).ok)
      }))

    it.effect("an entry for a settled month is refused, whenever it is posted", () =>
      Effect.gen(function*() {
        // March is closed: a late charge for March posted in April would change March's income
        const late = (yield* Effect.flip(postAccountEntries({
          ...ctx,
          entries: [{ accountId: "acct-b", date: "2026-04-03", kind: "charge", amount: cny(1000), days: 1, month: "2026-03" }]
        }))) as unknown as HouqinError
        assert.deepStrictEqual([late._tag, late.code, late.path], ["MonthClosedError", "canteen.monthClosed", ["entries", 0, "month"]])
        const refund = (yield* Effect.flip(refundAbsence({ ...ctx, accountId: "acct-b", month: "2026-03", absent: ["2026-03-02"], mealDays: marchMealDays, date: "2026-04-03" }))) as unknown as HouqinError
        assert.deepStrictEqual([refund._tag, refund.code, refund.path], ["MonthClosedError", "canteen.monthClosed", ["month"]])
        // April's fee collected in (open) April is accepted
        const april = yield* postAccountEntries({ ...ctx, entries: [{ accountId: "acct-b", date: "2026-04-03", kind: "charge", amount: cny(1000), days: 1, month: "2026-04" }] })
        assert.strictEqual(april.length, 1)
      }))
  })
})
