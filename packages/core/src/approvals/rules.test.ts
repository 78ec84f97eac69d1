import { Result } from "effect"
import { describe, expect, it } from "vitest"
import { rows } from "../data/procurement-thresholds.generated.ts"
import { cn } from "../packs/cn.ts"
import { decode, encode, override } from "../packs/RulePack.ts"
import { kindergartenOrg, request } from "../testing/approvals.ts"
import { instantiate } from "./policy.ts"
import { route } from "./route.ts"
import { government, procurementRules, schoolProcurementRows } from "./rules.ts"

describe("the approvals section of the cn pack", () => {
  it("round-trips through the rule-pack schema", () => {
    const decoded = decode(Result.getOrThrow(encode(cn)))
    expect(Result.isSuccess(decoded)).toBe(true)
    expect(Result.getOrThrow(decoded).approvals?.presets.kindergarten.rules.map((r) => r.when.amount)).toEqual([{ lte: 100_000 }, { gt: 100_000 }])
  })

  it("generates one rule per binding row of data/procurement-thresholds.csv, the threshold in fen = threshold_cny × 100", () => {
    // local guideline (city/county level: 3 rows of 4, the provincial one left out) + 4 national rows
    expect(schoolProcurementRows.map((r) => [r.jurisdiction, r.thresholdCny])).toEqual([
      ["local_guideline", 300000], ["local_guideline", 600000], ["local_guideline", 2000000],
      ["national", 4000000], ["national", 2000000], ["national", 1000000], ["national", 2000000]
    ])
    // one rule per row, and a second (`.services`, on repairs that are not works) per
    // goods-and-services row: 5 of the 11 rows (central 1 and 3, local 4, 5 and 7)
    const generated = procurementRules(rows)
    const perRow = generated.filter((r) => !r.id.endsWith(".services"))
    expect(perRow.length).toBe(rows.length)
    perRow.forEach((rule, i) => expect(rule.when.amount).toEqual({ gte: rows[i]!.thresholdCny * 100 }))
    const services = generated.filter((r) => r.id.endsWith(".services"))
    expect(services.map((r) => [r.id, r.kinds, r.when.categoryNot, r.when.amount])).toEqual([
      ["gov.central.1.services", ["repair"], ["works"], { gte: 100_000_000 }],
      ["gov.central.3.services", ["repair"], ["works"], { gte: 200_000_000 }],
      ["gov.local_guideline.4.services", ["repair"], ["works"], { gte: 50_000_000 }],
      ["gov.local_guideline.5.services", ["repair"], ["works"], { gte: 30_000_000 }],
      ["gov.local_guideline.7.services", ["repair"], ["works"], { gte: 200_000_000 }]
    ])
    // 国办发〔2019〕55号: the central decentralised purchasing limit, ¥1,000,000 for goods and services
    expect(generated[0]).toMatchObject({ kinds: ["purchase"], conditions: ["governmentProcurement"], when: { amount: { gte: 100_000_000 } } })
    // 发改委令第16号 第二条: ≥ ¥2,000,000 and budget funds ≥ 10% of the investment (以上 includes 10%)
    expect(generated.at(-1)!.when.attributes).toEqual([{ key: "budgetFundShare", op: "gte", value: 0.1 }])
    // the school's rows: 7, of which 2 are goods and services (city/county ¥300,000, open tender ¥2,000,000)
    expect(government.rules.filter((r) => r.id.startsWith("gov.")).length).toBe(schoolProcurementRows.length + 2)
  })

  it("a school's override changes the threshold (\"what if it were ¥5,000?\") and the route follows", () => {
    const kg = cn.approvals.presets.kindergarten
    const changed = Result.getOrThrow(override(cn, {
      id: "kg-5000",
      sections: {
        approvals: {
          presets: {
            kindergarten: {
              ...kg,
              rules: [
                { ...kg.rules[0]!, when: { amount: { lte: 500_000 } } },
                { ...kg.rules[1]!, when: { amount: { gt: 500_000 } } }
              ]
            }
          }
        }
      }
    }))
    const p = instantiate(changed.approvals!.presets.kindergarten, { schoolId: "kg-1", id: "kg", effectiveFrom: "2026-02-01" })
    const r = Result.getOrThrow(route(request({ fen: 100_001 }), p, kindergartenOrg()))
    expect(r.conditions).toEqual([])
    const bad = override(cn, { sections: { approvals: { presets: { kindergarten: { ...kg, rules: [{ ...kg.rules[0]!, kinds: ["gift"] }] } } } } })
    expect(Result.isFailure(bad) && bad.failure.path.slice(0, 6)).toEqual(["sections", "approvals", "presets", "kindergarten", "rules", 0])
  })
})
