import { describe, expect, it } from "vitest"
import { publication } from "./rules.ts"
import * as Summary from "./summary.ts"

const row = (i: number, classId: string, sex: "M" | "F", overweight: boolean | undefined, z?: number): Summary.Row => ({
  studentId: `s${i}`,
  classId,
  gradeId: classId.startsWith("c1") ? "g1" : "g2",
  sex,
  ageYears: 7 + (i % 3),
  outcomes: { overweight },
  zScores: { bmiForAge: z }
})

const rows: ReadonlyArray<Summary.Row> = [
  ...Array.from({ length: 12 }, (_, i) => row(i, "c1-1", i % 2 === 0 ? "M" : "F", i < 3, i / 10)),
  ...Array.from({ length: 10 }, (_, i) => row(100 + i, "c1-2", "M", i < 1, Number.NaN)),
  ...Array.from({ length: 3 }, (_, i) => row(200 + i, "c2-1", "F", i === 0, undefined))
]

describe("summaries", () => {
  const summary = Summary.summarise(rows)
  it("count cases among the assessed, by breakdown", () => {
    const all = summary.cells.find((c) => c.dimension === "all")!
    expect(all.children).toBe(25)
    expect(all.outcomes["overweight"]).toMatchObject({ cases: 5, assessed: 25, prevalence: 0.2 })
    expect(summary.cells.filter((c) => c.dimension === "class").map((c) => [c.value, c.outcomes["overweight"]!.cases])).toEqual([["c1-1", 3], ["c1-2", 1], ["c2-1", 1]])
    expect(summary.cells.filter((c) => c.dimension === "age").map((c) => c.value)).toEqual(["7", "8", "9"])
  })
  it("give Wilson and cluster-robust intervals (classes as clusters)", () => {
    const all = summary.cells.find((c) => c.dimension === "all")!.outcomes["overweight"]!
    expect(all.wilson!.lower).toBeLessThan(0.2)
    expect(all.clusterRobust).toMatchObject({ clusters: 3, degreesOfFreedom: 2 })
    // one class alone: no cluster-robust interval
    expect(summary.cells.find((c) => c.dimension === "class" && c.value === "c1-1")!.outcomes["overweight"]!.clusterRobust).toBeUndefined()
  })
  it("leave unscored z-scores out of the mean and SD", () => {
    const all = summary.cells.find((c) => c.dimension === "all")!
    expect(all.zScores["bmiForAge"]!.n).toBe(12)
    expect(all.zScores["bmiForAge"]!.mean).toBeCloseTo(0.55, 12)
  })
})

describe("publication", () => {
  it("suppresses cells of fewer than 5 children, and a second cell when one alone would be recoverable", () => {
    const published = Summary.publish(Summary.summarise(rows, { by: ["all", "class", "grade"] }), publication)
    const byKey = new Map(published.cells.map((c) => [`${c.dimension}:${c.value}`, c]))
    expect(byKey.get("class:c2-1")).toMatchObject({ suppressed: true, reason: "smallCell" })
    // c1-2 (10 children) is the smallest remaining class: suppressed so that c2-1 = total − c1-1 − c1-2 fails
    expect(byKey.get("class:c1-2")).toMatchObject({ suppressed: true, reason: "secondary" })
    expect(byKey.get("class:c1-1")).toMatchObject({ suppressed: false, children: 12 })
    expect(byKey.get("grade:g2")).toMatchObject({ suppressed: true, reason: "smallCell" })
    expect(byKey.get("grade:g1")).toMatchObject({ suppressed: true, reason: "secondary" })
    expect(byKey.get("all:all")).toMatchObject({ suppressed: false })
  })
  it("suppresses an outcome or z summary assessed on fewer than the minimum within a published cell", () => {
    const few = [...rows.slice(0, 12).map((r, i) => ({ ...r, outcomes: { overweight: r.outcomes["overweight"], vision: i < 3 ? true : undefined } }))]
    const cell = Summary.publish(Summary.summarise(few, { by: ["all"] }), publication).cells[0]!
    if (cell.suppressed) throw new Error("the cell should be published")
    expect(cell.outcomes["vision"]).toEqual({ suppressed: true })
    expect(cell.outcomes["overweight"]).toMatchObject({ cases: 3, assessed: 12 })
  })
  it("with minCases, an outcome counted in 1 to minCases − 1 children of a published cell is suppressed; 0 and minCases or more are shown", () => {
    // c1-1: 3 overweight of 12 (shown); c1-2: 1 of 10 and c2-1: 1 of 3 (suppressed: 1 < 3)
    const published = Summary.publish(Summary.summarise(rows, { by: ["class"] }), { ...publication, minCellSize: 2, secondarySuppression: false, minCases: 3 })
    const outcome = (classId: string) => {
      const c = published.cells.find((x) => x.value === classId)!
      if (c.suppressed) throw new Error("the cell should be published")
      return c.outcomes["overweight"]
    }
    expect(outcome("c1-1")).toMatchObject({ cases: 3, assessed: 12 })
    expect(outcome("c1-2")).toEqual({ suppressed: true })
    expect(outcome("c2-1")).toEqual({ suppressed: true })
    // without it (the default), 1 of 10 is published
    const open = Summary.publish(Summary.summarise(rows, { by: ["class"] }), { ...publication, minCellSize: 2, secondarySuppression: false })
    expect(open.cells.find((x) => x.value === "c1-2")).toMatchObject({ outcomes: { overweight: { cases: 1, assessed: 10 } } })
    const none = Summary.publish(Summary.summarise(rows.map((r) => ({ ...r, outcomes: { overweight: false } })), { by: ["all"] }), { ...publication, minCases: 5 })
    expect(none.cells[0]).toMatchObject({ outcomes: { overweight: { cases: 0 } } })
  })
  it("the threshold is configurable", () => {
    const published = Summary.publish(Summary.summarise(rows, { by: ["class"] }), { ...publication, minCellSize: 2, secondarySuppression: false })
    expect(published.cells.every((c) => !c.suppressed)).toBe(true)
  })
})
