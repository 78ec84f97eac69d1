import { Result } from "effect"
import { describe, expect, it } from "vitest"
import * as DailyChecks from "./dailyCheck.ts"
import type { CheckObservation } from "./model.ts"
import { checks } from "./rules.ts"

const judge = (o: Partial<CheckObservation>) =>
  Result.getOrThrow(DailyChecks.judge({ present: true, symptoms: [], ...o }, checks))

describe("morning and noon checks", () => {
  it("37.3 °C axillary is a fever (the line is inclusive: school practice, not a national number); 37.2 is not", () => {
    expect(judge({ temperatureC: 37.2, site: "axillary" })).toMatchObject({ fever: false, actions: [] })
    const f = judge({ temperatureC: 37.3, site: "axillary" })
    expect(f.fever).toBe(true)
    expect(f.actions).toEqual(["isolate", "notifyParents", "seeDoctor", "informHealthTeacher"])
  })
  it("a reading at a site without a fever line is not judged: take it again", () => {
    expect(judge({ temperatureC: 37.6, site: "forehead" })).toMatchObject({ fever: undefined, actions: ["recheck"] })
  })
  it("a reported fever without a reading is a fever", () => {
    expect(judge({ symptoms: ["fever"] }).fever).toBe(true)
  })
  it("symptoms add their actions, each once, in a fixed order", () => {
    const j = judge({ temperatureC: 38.1, symptoms: ["rash", "cough"] })
    expect(j.actions).toEqual(["observe", "isolate", "notifyParents", "seeDoctor", "informHealthTeacher"])
    expect(j.triggers).toEqual([{ kind: "fever" }, { kind: "symptom", symptom: "rash" }, { kind: "symptom", symptom: "cough" }])
  })
  it("an absence due to illness is followed up", () => {
    expect(judge({ present: false, absenceReason: "illness" }).actions).toEqual(["followUpAbsence"])
    expect(judge({ present: false, absenceReason: "leave" }).actions).toEqual([])
  })
  it("a reading outside 34–43 °C is refused as a measuring error", () => {
    const r = DailyChecks.judge({ present: true, symptoms: [], temperatureC: 3.7 }, checks, ["checks", 2])
    expect(Result.isFailure(r) && r.failure).toMatchObject({ code: "health.measurement.implausible", path: ["checks", 2, "temperatureC"] })
  })
  it("a school may set its own line", () => {
    expect(Result.getOrThrow(DailyChecks.judge({ present: true, symptoms: [], temperatureC: 37.3 }, { ...checks, feverFromCelsius: { axillary: 37.5 } })).fever).toBe(false)
  })
})
