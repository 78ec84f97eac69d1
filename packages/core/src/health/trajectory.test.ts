import { Result } from "effect"
import { describe, expect, it } from "vitest"
import type { LocalDate } from "../kernel/LocalDate.ts"
import { cn } from "./rules.ts"
import * as Trajectory from "./trajectory.ts"

const d = (s: string) => s as LocalDate
const child = { sex: "F", birthDate: d("2014-09-01") }

describe("growth trajectories", () => {
  const measurements: ReadonlyArray<Trajectory.Measured> = [
    // given out of order: the trajectory sorts by date
    { id: "m3", measuredOn: d("2023-09-10"), heightCm: 136, weightKg: 36, vision: { right: { ucva: 4.8 }, left: { ucva: 4.9 } } },
    { id: "m1", measuredOn: d("2022-09-10"), heightCm: 130, weightKg: 27, vision: { right: { ucva: 5.0 }, left: { ucva: 5.0 } } },
    { id: "m2", measuredOn: d("2023-03-10"), heightCm: 133, weightKg: 30 }
  ]
  const t = Result.getOrThrow(Trajectory.trajectory(child, measurements, cn))

  it("orders the measurements and screens each", () => {
    expect(t.points.map((p) => p.measurementId)).toEqual(["m1", "m2", "m3"])
    // 2022-09-10: 8.0 band, girls: BMI 27 / 1.30² = 15.98 < 17.6: normal
    expect(t.points[0]!.screening.overweight).toEqual({ standard: "WS/T 586-2018", status: "normal" })
    // 2023-09-10: 9.0 band, girls: BMI 36 / 1.36² = 19.46 ≥ 18.5 and < 20.4: overweight
    expect(t.points[2]!.screening.overweight).toEqual({ standard: "WS/T 586-2018", status: "overweight" })
  })

  it("reports the change between measurements: days, gains, change in z", () => {
    const last = t.changes[1]!
    expect(last.days).toBe(184)
    expect(last.heightGainCm).toBe(3)
    expect(last.weightGainKg).toBe(6)
    expect(last.zChange.bmi!).toBeGreaterThan(0)
  })

  it("records the thresholds crossed, for the worse or the better", () => {
    expect(t.changes[1]!.crossings).toContainEqual({
      question: "overweight", since: "2023-03-10", from: "normal", to: "overweight", fromStandard: "WS/T 586-2018", toStandard: "WS/T 586-2018", direction: "worse"
    })
  })

  it("the screening list names the children whose latest measurement crossed a threshold for the worse", () => {
    const list = Result.getOrThrow(Trajectory.screeningList([
      { studentId: "s2", ...child, measurements: measurements.slice(1, 2) },
      { studentId: "s1", ...child, measurements }
    ], cn))
    expect(list.map((e) => e.studentId)).toEqual(["s1"])
    // overweight since m2; vision moderate since m1 (m2 did not test vision)
    expect(list[0]!.worse.map((c) => c.question)).toEqual(["overweight", "vision"])
  })

  it("vision grades are compared between measurements that have them", () => {
    const vision = Result.getOrThrow(Trajectory.trajectory(child, [measurements[1]!, measurements[0]!], cn))
    expect(vision.changes[0]!.crossings).toContainEqual({ question: "vision", since: "2022-09-10", from: "normal", to: "moderate", fromStandard: null, toStandard: null, direction: "worse" })
  })

  it("each question is compared with the latest earlier measurement that answered it: vision in m3 with m1's, past m2 (growth only)", () => {
    // m1 (2022-09) vision 5.0/5.0 normal; m2 (2023-03) no vision; m3 (2023-09) 4.8/4.9: moderate
    expect(t.changes[1]!.crossings).toContainEqual({ question: "vision", since: "2022-09-10", from: "normal", to: "moderate", fromStandard: null, toStandard: null, direction: "worse" })
    // and growth after a vision-only check: m1 growth normal, v2 (2023-03) vision only, m3 overweight
    const visionOnly: Trajectory.Measured = { id: "v2", measuredOn: d("2023-03-10"), vision: { right: { ucva: 5.0 }, left: { ucva: 5.0 } } }
    const growth = Result.getOrThrow(Trajectory.trajectory(child, [measurements[1]!, visionOnly, measurements[0]!], cn))
    expect(growth.changes[1]!.crossings.find((c) => c.question === "overweight")).toEqual({
      question: "overweight", since: "2022-09-10", from: "normal", to: "overweight", fromStandard: "WS/T 586-2018", toStandard: "WS/T 586-2018", direction: "worse"
    })
    const list = Result.getOrThrow(Trajectory.screeningList([{ studentId: "s1", ...child, measurements: [measurements[1]!, visionOnly, measurements[0]!] }], cn))
    expect(list[0]!.worse.map((c) => c.question)).toEqual(["overweight", "vision"])
  })
})
