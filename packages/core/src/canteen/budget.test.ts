import { Result } from "effect"
import { assert, describe, it } from "vitest"
import type { LocalDate } from "../kernel/LocalDate.ts"
import { cn as pack } from "../packs/cn.ts"
import { override } from "../packs/RulePack.ts"
import { budgetFindings } from "./budget.ts"
import type { Meal } from "./model.ts"
import { cn } from "./rules.ts"

// students ¥15.00 a day: lunch is 40% of it, ¥6.00; over above 100%, far under below 85% (¥5.10)
const rules = Result.getOrThrow(override(pack, { sections: { canteen: { budget: { perHead: [{ dinerGroupId: "students", daily: { amount: 1500, currency: "CNY" } }] } } } })).canteen!

const lunch = (id: string, date: string, amount: number, diners: number) =>
  ({
    id,
    date: date as LocalDate,
    kind: "lunch",
    actual: {
      cost: { amount, currency: "CNY" },
      diners,
      allocation: [{ dinerGroupId: "students", diners, amount: { amount, currency: "CNY" } }, { dinerGroupId: "staff", diners: 10, amount: { amount: 999, currency: "CNY" } }]
    }
  }) as unknown as Meal

describe("budget findings", () => {
  it("a lunch over its share of the daily budget: 400 students for ¥2,420.00 is ¥6.05 a head against ¥6.00", () => {
    const f = budgetFindings([lunch("m1", "2026-03-09", 242000, 400)], rules)
    // the week is the same single meal, so it runs over too (findings in order of at, rule, subject id)
    assert.deepStrictEqual(f.map((x) => [x.rule, x.subject.kind, x.evidence["spentPerHead"], x.evidence["budgetPerHead"], x.evidence["ratio"]]), [
      ["canteen.budget.overRatio", "week", "6.05", "6", "1.0083"],
      ["canteen.budget.overRatio", "meal", "6.05", "6", "1.0083"]
    ])
  })

  it("exactly on budget or down to 85% of it is no finding; below that it runs far under", () => {
    assert.deepStrictEqual(budgetFindings([lunch("m1", "2026-03-09", 240000, 400)], rules), [])
    // ¥5.10 a head = 85% exactly
    assert.deepStrictEqual(budgetFindings([lunch("m1", "2026-03-09", 204000, 400)], rules), [])
    const under = budgetFindings([lunch("m1", "2026-03-09", 203960, 400)], rules)
    assert.deepStrictEqual(under.map((x) => [x.rule, x.evidence["spentPerHead"]]), [["canteen.budget.farUnderRatio", "5.099"], ["canteen.budget.farUnderRatio", "5.099"]])
  })

  it("a week is judged on its meals together: one dear lunch and one cheap one balance out", () => {
    // Monday ¥6.50 a head (over), Tuesday ¥5.50 (within): the week spends ¥12.00 against ¥12.00
    const f = budgetFindings([lunch("m1", "2026-03-09", 260000, 400), lunch("m2", "2026-03-10", 220000, 400)], rules)
    assert.deepStrictEqual(f.map((x) => [x.subject.id, x.rule]), [["m1:students", "canteen.budget.overRatio"]])
  })

  it("groups without a budget, meals not served and the cn pack (no budgets) raise nothing", () => {
    assert.deepStrictEqual(budgetFindings([lunch("m1", "2026-03-09", 999999, 400)], cn), [])
    assert.deepStrictEqual(budgetFindings([{ id: "m3", date: "2026-03-09", kind: "lunch" } as unknown as Meal], rules), [])
  })
})
