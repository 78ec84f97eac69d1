import { Result } from "effect"
import { describe, expect, it } from "vitest"
import type { LocalDate } from "../kernel/LocalDate.ts"
import { cn, who } from "./rules.ts"
import * as Screening from "./screening.ts"

const ok = <A, E>(r: Result.Result<A, E>): A => {
  if (Result.isFailure(r)) throw new Error(`expected success, got ${JSON.stringify(r.failure)}`)
  return r.success
}
const d = (s: string) => s as LocalDate

describe("screening a school child under the cn pack (WS/T 586, WS/T 456)", () => {
  // born 2015-03-10, measured 2023-09-15: 8 years 6 months → the 8.5 band
  const child = { sex: "M", birthDate: d("2015-03-10"), measuredOn: d("2023-09-15"), heightCm: 130, weightKg: 35 }
  it("BMI 35 / 1.30² = 20.71 ≥ 20.3 (boys 8.5~ obesity cut-off): obesity", () => {
    const s = ok(Screening.screen(child, cn))
    expect(s.bmi).toBeCloseTo(35 / (1.3 * 1.3), 10)
    expect(s.overweight).toEqual({ standard: "WS/T 586-2018", status: "obesity" })
    // 130 cm > 117.6 (boys 8.5~ stunting cut-off): not stunted; BMI above the wasting cut-offs
    expect(s.stunting).toEqual({ standard: "WS/T 456-2014", status: "none" })
    expect(s.wasting).toEqual({ standard: "WS/T 456-2014", status: "none" })
    expect(s.who?.reference).toBe("5to19")
  })
  it("the who pack answers the same child with WHO 2007 (BMI-for-age above +2: obesity)", () => {
    const s = ok(Screening.screen(child, who))
    expect(s.overweight).toMatchObject({ standard: "WHO 2007", status: "obesity" })
    expect(s.stunting).toMatchObject({ standard: "WHO 2007", status: "none" })
  })
  it("a kindergarten child (4 years): the WS/T standards start at 6, so WHO 2006 answers, and says so", () => {
    const s = ok(Screening.screen({ sex: "F", birthDate: d("2019-05-01"), measuredOn: d("2023-05-10"), heightCm: 100, weightKg: 16, measured: "height" }, cn))
    expect(s.who?.reference).toBe("0to5")
    expect(s.overweight).toMatchObject({ standard: "WHO 2006", status: "normal" })
    expect(s.stunting).toMatchObject({ standard: "WHO 2006" })
  })
  it("not measured, oedema, and implausible values are not assessed", () => {
    const noWeight = ok(Screening.screen({ sex: "M", birthDate: d("2015-03-10"), measuredOn: d("2023-09-15"), heightCm: 130 }, cn))
    expect(noWeight.overweight).toEqual({ standard: "WS/T 586-2018", notAssessed: "notMeasured" })
    expect(noWeight.stunting).toEqual({ standard: "WS/T 456-2014", status: "none" })
    const oedema = ok(Screening.screen({ ...child, oedema: true }, who))
    expect(oedema.overweight).toMatchObject({ notAssessed: "oedema" })
    // WHO counts a child with oedema as below −3 SD in weight-based prevalences
    expect(oedema.wasting).toEqual({ standard: "WHO 2007", status: "severeThinness" })
    expect(ok(Screening.screen({ ...child, oedema: true }, cn)).wasting).toEqual({ standard: "WS/T 456-2014", notAssessed: "oedema" })
    const implausible = ok(Screening.screen({ ...child, weightKg: 120 }, who))
    expect(implausible.overweight).toMatchObject({ notAssessed: "implausible" })
  })
  it("under the cn pack too: a BMI or height WHO flags for the age is measured again, not classified by the WS/T tables", () => {
    // 3.5 kg at 130 cm: BMI 2.07, BMI-for-age far below −5 SD (a slip for 35 kg); WS/T 456 alone would call it wasting
    const slip = ok(Screening.screen({ ...child, weightKg: 3.5 }, cn))
    expect(slip.who?.assessment.scores.bmiForAge).toMatchObject({ flagged: true })
    expect(slip.overweight).toEqual({ standard: "WS/T 586-2018", notAssessed: "implausible" })
    expect(slip.wasting).toEqual({ standard: "WS/T 456-2014", notAssessed: "implausible" })
    expect(slip.stunting).toEqual({ standard: "WS/T 456-2014", status: "none" })
    // 60 cm at 8½ years: height-for-age below −6 SD
    const short = ok(Screening.screen({ ...child, heightCm: 60, weightKg: 8 }, cn))
    expect(short.stunting).toEqual({ standard: "WS/T 456-2014", notAssessed: "implausible" })
  })
  it("bad input is a typed error", () => {
    expect(Result.isFailure(Screening.screen({ ...child, heightCm: 1.3 }, cn))).toBe(true)
    expect(Result.isFailure(Screening.screen({ ...child, measuredOn: d("2015-03-01") }, cn))).toBe(true)
    expect(Result.isFailure(Screening.screen({ ...child, sex: "U" }, cn))).toBe(true)
  })
})
