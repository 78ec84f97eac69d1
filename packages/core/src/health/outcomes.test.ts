/**
 * The outcomes a screening summary counts per child, with the grades each standard has: WS/T 456
 * grades wasting as mild or moderate-to-severe; WHO has severe (below −3 SD) wasting, thinness and
 * stunting; reduced vision is graded by the worse eye at school age only.
 */
import { Result } from "effect"
import { describe, expect, it } from "vitest"
import type { LocalDate } from "../kernel/LocalDate.ts"
import { outcomesOf } from "./queries.ts"
import { cn, vision as visionRules, who } from "./rules.ts"
import * as Screening from "./screening.ts"
import * as Vision from "./vision.ts"

const ok = <A, E>(r: Result.Result<A, E>): A => {
  if (Result.isFailure(r)) throw new Error(`expected success, got ${JSON.stringify(r.failure)}`)
  return r.success
}
// a boy of 8 years 6 months (the 8.5 band of WS/T 456), 130 cm: not stunted (cut-off 117.6 cm)
const boy = (weightKg: number) => ({ sex: "M", birthDate: "2015-03-10" as LocalDate, measuredOn: "2023-09-15" as LocalDate, heightCm: 130, weightKg })

describe("screening outcomes and their grades", () => {
  it("WS/T 456, boys 8.5: BMI 23.4 / 1.69 = 13.85 is mild wasting (13.7–14.0); 22.8 / 1.69 = 13.49 ≤ 13.6 moderate-to-severe", () => {
    const mild = outcomesOf(ok(Screening.screen(boy(23.4), cn)), undefined)
    expect(mild).toMatchObject({ wasting: true, mildWasting: true, moderateSevereWasting: false, stunting: false })
    // WS/T 456 has no "severe" grade of its own: the WHO grades are not assessed for this child
    expect(mild["severeWasting"]).toBeUndefined()
    expect(mild["severeStunting"]).toBeUndefined()
    const worse = outcomesOf(ok(Screening.screen(boy(22.8), cn)), undefined)
    expect(worse).toMatchObject({ wasting: true, mildWasting: false, moderateSevereWasting: true })
    const normal = outcomesOf(ok(Screening.screen(boy(28), cn)), undefined)
    expect(normal).toMatchObject({ wasting: false, mildWasting: false, moderateSevereWasting: false })
  })

  it("WHO 2007: BMI 19 / 1.69 = 11.2 is below −3 SD for the boy's age (severe thinness); the WS/T grades are not assessed", () => {
    const o = outcomesOf(ok(Screening.screen(boy(19), who)), undefined)
    expect(o).toMatchObject({ wasting: true, severeWasting: true, severeStunting: false })
    expect(o["mildWasting"]).toBeUndefined()
    expect(o["moderateSevereWasting"]).toBeUndefined()
  })

  it("WHO 2007 beside WS/T: the cn pack's child also has WHO's thinness, overweight, obesity and stunting; the who pack's does not repeat them", () => {
    // 40 kg at 130 cm: BMI 23.67, obese under WS/T 586 (boys 8.5: ≥ 20.3) and above +2 SD of WHO 2007's BMI-for-age
    const s = ok(Screening.screen(boy(40), cn))
    expect(s.who2007?.weightStatus).toEqual({ standard: "WHO 2007", status: "obesity" })
    expect(outcomesOf(s, undefined)).toMatchObject({ obesity: true, whoObesity: true, whoOverweight: false, whoThinness: false, whoSevereThinness: false, whoStunting: false })
    // 19 kg: severe thinness (below −3 SD) beside WS/T 456's moderate-to-severe wasting
    expect(outcomesOf(ok(Screening.screen(boy(19), cn)), undefined)).toMatchObject({ moderateSevereWasting: true, whoThinness: true, whoSevereThinness: true })
    const w = outcomesOf(ok(Screening.screen(boy(40), who)), undefined)
    expect(Object.keys(w).filter((k) => k.startsWith("who"))).toEqual([])
    // a kindergarten child has no WHO 2007 classification (WHO 2006 answers)
    const small = ok(Screening.screen({ sex: "F", birthDate: "2019-05-01" as LocalDate, measuredOn: "2023-05-10" as LocalDate, heightCm: 100, weightKg: 16, measured: "height" }, cn))
    expect(small.who2007).toBeUndefined()
    expect(Object.keys(outcomesOf(small, undefined)).filter((k) => k.startsWith("who"))).toEqual([])
  })

  it("reduced vision by the worse eye at school age: 4.8 and 5.0 is moderate; a preschool child's is not graded", () => {
    const s = ok(Screening.screen(boy(28), cn))
    const nine = ok(Vision.screen({ ageYears: 9, right: { ucva: 4.8 }, left: { ucva: 5.0 } }, visionRules))
    expect(outcomesOf(s, nine)).toMatchObject({ reducedVision: true, reducedVisionMild: false, reducedVisionModerate: true, reducedVisionSevere: false })
    const four = ok(Vision.screen({ ageYears: 4, right: { ucva: 4.6 }, left: { ucva: 4.6 } }, visionRules))
    const o = outcomesOf(s, four)
    expect(o["reducedVisionModerate"]).toBeUndefined()
    expect(o["reducedVision"]).toBe(four.reducedVision)
  })

  it("law: each graded outcome implies its category, and the grades of one category exclude each other", () => {
    for (const w of [18, 19, 20, 22.8, 23.4, 24, 28, 40]) {
      for (const pack of [cn, who]) {
        const o = outcomesOf(ok(Screening.screen(boy(w), pack)), undefined)
        for (const g of ["mildWasting", "moderateSevereWasting", "severeWasting"]) if (o[g] === true) expect(o["wasting"], `${w} kg ${g}`).toBe(true)
        expect([o["mildWasting"], o["moderateSevereWasting"]].filter((x) => x === true).length).toBeLessThanOrEqual(1)
      }
    }
  })
})
