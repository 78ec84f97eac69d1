import { BigDecimal, Result } from "effect"
import { assert, describe, it } from "vitest"
import { rows } from "../data/canteen-food-safety-parameters.generated.ts"
import * as D from "../kernel/Decimal.ts"
import type { LocalDate } from "../kernel/LocalDate.ts"
import { cn as pack } from "../packs/cn.ts"
import { override } from "../packs/RulePack.ts"
import { cn, cnHighRiskFoods, recordsRetainedUntil } from "./rules.ts"

const row = (key: string): string => rows.find((r) => r.key === key)!.value

describe("canteen rules: cn defaults come from packages/core/data/canteen-food-safety-parameters.csv", () => {
  it("a health certificate is valid for the interval of staff_health_check.interval (12 months, 食品安全法 第45条)", () => {
    assert.strictEqual(row("staff_health_check.interval"), "12")
    assert.strictEqual(cn.healthCertificate.validityMonths, Number(row("staff_health_check.interval")))
  })

  it("chilled deliveries at most the top of refrigeration.temperature_range_c (0~8 °C), frozen at most freezing.temperature_c (<-12 °C)", () => {
    const [, top] = row("refrigeration.temperature_range_c").split("~")
    assert.isTrue(BigDecimal.equals(cn.acceptance.chilledMaxCelsius, D.fromInt(Number(top))))
    assert.isTrue(BigDecimal.equals(cn.acceptance.frozenMaxCelsius, D.fromInt(Number(row("freezing.temperature_c").replace("<", "")))))
  })

  it("the banned high-risk foods are the list of high_risk_foods_banned (45号令), in its order, each with a code", () => {
    const listed = row("high_risk_foods_banned").split(";").map((s) => s.replace(/等$/, ""))
    assert.deepStrictEqual(cnHighRiskFoods.map((f) => f.zh), listed)
    assert.deepStrictEqual(cnHighRiskFoods.map((f) => f.code), ["coldMeat", "rawFood", "decoratedCake", "greenBeans", "freshDaylily", "wildMushroom", "sproutedPotato"])
    assert.strictEqual(pack.canteen.highRiskFoods, cnHighRiskFoods)
  })

  it("purchase records are kept 6 months after best-before, 2 years without one, 6 months for 食用农产品 (purchase_records.retention)", () => {
    assert.strictEqual(row("purchase_records.retention"), "保质期满后6个月;无明确保质期不少于2年;食用农产品不少于6个月")
    assert.deepStrictEqual(cn.recordRetention, { afterBestBeforeMonths: 6, withoutBestBeforeMonths: 24, agriculturalMonths: 6 })
    // received 2026-03-15, best before 2026-09-30 → kept until 2027-03-30
    assert.strictEqual(recordsRetainedUntil({ receivedOn: "2026-03-15" as LocalDate, bestBefore: "2026-09-30" as LocalDate }, false, cn), "2027-03-30")
    // no best-before → 24 months from receipt
    assert.strictEqual(recordsRetainedUntil({ receivedOn: "2026-03-15" as LocalDate }, false, cn), "2028-03-15")
    // edible agricultural product → 6 months from receipt
    assert.strictEqual(recordsRetainedUntil({ receivedOn: "2026-08-31" as LocalDate }, true, cn), "2027-02-28")
  })
})

describe("canteen rules: a school's override", () => {
  it("may be stricter: a certificate valid 6 months, a colder chilled limit, one more banned food", () => {
    const r = override(pack, {
      sections: {
        canteen: {
          healthCertificate: { validityMonths: 6 },
          acceptance: { chilledMaxCelsius: "5" },
          highRiskFoods: [...cnHighRiskFoods, { code: "rawOysters", zh: "生蚝", en: "raw oysters" }]
        }
      }
    })
    assert.isTrue(Result.isSuccess(r))
    const c = Result.getOrThrow(r).canteen!
    assert.strictEqual(c.healthCertificate.validityMonths, 6)
    assert.strictEqual(D.format(c.acceptance.chilledMaxCelsius), "5")
    assert.strictEqual(c.highRiskFoods.length, 8)
  })

  it("may set what has no national source: a budget, the price-check threshold, the valuation strategy", () => {
    const r = override(pack, {
      sections: {
        canteen: {
          budget: { perHead: [{ dinerGroupId: "students", daily: { amount: 1200, currency: "CNY" } }] },
          priceCheck: { referenceThreshold: "0.05" },
          stock: { valuation: "movingAverage" }
        }
      }
    })
    const c = Result.getOrThrow(r).canteen!
    assert.strictEqual(c.budget.perHead[0]!.daily.amount, 1200)
    assert.strictEqual(D.format(c.priceCheck.referenceThreshold), "0.05")
    assert.strictEqual(c.stock.valuation, "movingAverage")
  })

  it("may not weaken a legal minimum: a longer certificate validity, a warmer chilled limit, a shorter banned list or record retention", () => {
    const weaker = [
      { healthCertificate: { validityMonths: 24 } },
      { acceptance: { chilledMaxCelsius: 10 } },
      { highRiskFoods: cnHighRiskFoods.slice(1) },
      { recordRetention: { withoutBestBeforeMonths: 12 } }
    ]
    const paths = [
      ["sections", "canteen", "healthCertificate", "validityMonths"],
      ["sections", "canteen", "acceptance", "chilledMaxCelsius"],
      ["sections", "canteen", "highRiskFoods"],
      ["sections", "canteen", "recordRetention", "withoutBestBeforeMonths"]
    ]
    weaker.forEach((canteen, i) => {
      const r = override(pack, { sections: { canteen } })
      assert.isTrue(Result.isFailure(r), JSON.stringify(canteen))
      const e = Result.getFailure(r)
      assert.strictEqual(e._tag === "Some" ? e.value.code : "", "rulePack.weakerThanMinimum")
      assert.deepStrictEqual(e._tag === "Some" ? e.value.path : [], paths[i])
    })
  })

  it("refuses a bad value with its path: an unknown valuation strategy, a refund ratio above 1", () => {
    const r = override(pack, { sections: { canteen: { stock: { valuation: "lifo" }, mealFeeRefund: { ratio: "1.5" } } } })
    const e = Result.getFailure(r)
    assert.strictEqual(e._tag === "Some" ? e.value._tag : "", "ValidationError")
    const issues = e._tag === "Some" && e.value._tag === "ValidationError" ? e.value.issues.map((i) => i.path.join(".")) : []
    assert.sameMembers(issues, ["sections.canteen.stock.valuation", "sections.canteen.mealFeeRefund.ratio"])
  })
})
