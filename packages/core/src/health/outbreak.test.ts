import { describe, expect, it } from "vitest"
import * as Time from "../kernel/Time.ts"
import type { DailyCheck } from "./model.ts"
import * as Outbreak from "./outbreak.ts"
import { outbreak as rules } from "./rules.ts"
import type { Disease, Symptom } from "./vocabulary.ts"

let n = 0
const check = (studentId: string, classId: string, at: string, symptoms: ReadonlyArray<Symptom>, extra: Partial<DailyCheck> = {}): DailyCheck => {
  const instant = Time.parseInstant(at)!
  return {
    schoolId: "school-1",
    id: `check-${++n}`,
    version: 1,
    studentId,
    classId,
    date: Time.localDate(instant, "Asia/Shanghai" as never),
    slot: "morning",
    checkedAt: instant,
    checkedBy: "staff-1",
    present: true,
    symptoms,
    actions: [],
    ...extra
  } as unknown as DailyCheck
}
/** a Beijing-time instant in March 2026 */
const day = (d: number, h: string) => `2026-03-${String(d).padStart(2, "0")}T${h}+08:00`
const only = (clusters: ReadonlyArray<Outbreak.Cluster>, ruleId: string) => clusters.filter((c) => c.ruleId === ruleId)

describe("S1: 3 or more cases with similar symptoms in one class in one day, report within 24 hours", () => {
  it("three children with fever in class 1 on 16 March: one cluster, due 24 hours after the third case", () => {
    const clusters = Outbreak.detect([
      check("s1", "c1", "2026-03-16T07:40+08:00", ["fever"]),
      check("s2", "c1", "2026-03-16T07:45+08:00", ["fever", "cough"]),
      check("s3", "c1", "2026-03-16T12:10+08:00", ["fever"])
    ], rules)
    const s1 = only(clusters, "S1")
    expect(s1).toHaveLength(1)
    expect(s1[0]).toMatchObject({ classId: "c1", shared: { kind: "symptom", symptom: "fever" }, firstDate: "2026-03-16", lastDate: "2026-03-16" })
    expect(s1[0]!.cases.map((c) => c.studentId)).toEqual(["s1", "s2", "s3"])
    expect(Time.formatInstant(s1[0]!.triggeredAt)).toBe("2026-03-16T04:10:00.000Z")
    expect(Time.formatInstant(s1[0]!.reportBy!)).toBe("2026-03-17T04:10:00.000Z")
    expect(s1[0]!.explanation.zh).toContain("3 例发热病例")
  })

  it("two cases are not a cluster; three in different classes are not; three with different symptoms are not", () => {
    expect(only(Outbreak.detect([check("s1", "c1", "2026-03-16T07:40+08:00", ["fever"]), check("s2", "c1", "2026-03-16T07:45+08:00", ["fever"])], rules), "S1")).toEqual([])
    expect(only(Outbreak.detect([
      check("s1", "c1", "2026-03-16T07:40+08:00", ["fever"]),
      check("s2", "c2", "2026-03-16T07:45+08:00", ["fever"]),
      check("s3", "c3", "2026-03-16T07:50+08:00", ["fever"])
    ], rules), "S1")).toEqual([])
    expect(only(Outbreak.detect([
      check("s1", "c1", "2026-03-16T07:40+08:00", ["fever"]),
      check("s2", "c1", "2026-03-16T07:45+08:00", ["rash"]),
      check("s3", "c1", "2026-03-16T07:50+08:00", ["diarrhoea"])
    ], rules), "S1")).toEqual([])
  })

  it("one child checked twice is one case", () => {
    expect(only(Outbreak.detect([
      check("s1", "c1", "2026-03-16T07:40+08:00", ["vomiting"]),
      check("s1", "c1", "2026-03-16T12:00+08:00", ["vomiting"], { slot: "noon" }),
      check("s2", "c1", "2026-03-16T12:05+08:00", ["vomiting"])
    ], rules), "S1")).toEqual([])
  })

  it("'one day' is a local calendar day in the school's zone: 23:50 and 00:10 (Beijing time) are two days", () => {
    const clusters = Outbreak.detect([
      check("s1", "c1", "2026-03-16T23:50+08:00", ["diarrhoea"]),
      check("s2", "c1", "2026-03-16T23:55+08:00", ["diarrhoea"]),
      check("s3", "c1", "2026-03-17T00:10+08:00", ["diarrhoea"])
    ], rules)
    expect(only(clusters, "S1")).toEqual([])
  })

  it("an absence due to illness counts as a case", () => {
    const clusters = Outbreak.detect([
      check("s1", "c1", "2026-03-16T07:40+08:00", ["vomiting"], { present: false, absenceReason: "illness" }),
      check("s2", "c1", "2026-03-16T07:45+08:00", ["vomiting"]),
      check("s3", "c1", "2026-03-16T07:50+08:00", ["vomiting"])
    ], rules)
    expect(only(clusters, "S1")).toHaveLength(1)
  })
})

describe("S2: 5 or more cases in one class within 3 days (连续3天内)", () => {
  it("2 + 2 + 1 over three days is a cluster, triggered by the fifth case", () => {
    const clusters = Outbreak.detect([
      check("s1", "c1", day(16, "08:00"), ["fever"]),
      check("s2", "c1", day(16, "08:05"), ["fever"]),
      check("s3", "c1", day(17, "08:00"), ["fever"]),
      check("s4", "c1", day(17, "08:10"), ["fever"]),
      check("s5", "c1", day(18, "09:00"), ["fever"])
    ], rules)
    const s2 = only(clusters, "S2")
    expect(s2).toHaveLength(1)
    expect(s2[0]!.cases).toHaveLength(5)
    expect(Time.formatInstant(s2[0]!.triggeredAt)).toBe("2026-03-18T01:00:00.000Z")
    expect(Time.formatInstant(s2[0]!.reportBy!)).toBe("2026-03-19T01:00:00.000Z")
  })
  it("the same five cases over four days are not", () => {
    const clusters = Outbreak.detect([
      check("s1", "c1", day(16, "08:00"), ["fever"]),
      check("s2", "c1", day(16, "08:05"), ["fever"]),
      check("s3", "c1", day(17, "08:00"), ["fever"]),
      check("s4", "c1", day(18, "08:10"), ["fever"]),
      check("s5", "c1", day(19, "09:00"), ["fever"])
    ], rules)
    expect(only(clusters, "S2")).toEqual([])
  })
})

describe("diagnosed diseases", () => {
  const dx = (studentId: string, classId: string, at: string, disease: Disease) => check(studentId, classId, at, [], { present: false, absenceReason: "illness", disease })
  it("S3: every case of an infectious disease is reported at once (deadline = the check)", () => {
    const clusters = only(Outbreak.detect([dx("s1", "c1", "2026-03-16T08:00+08:00", "varicella")], rules), "S3")
    expect(clusters).toHaveLength(1)
    expect(clusters[0]!.reportBy).toEqual(clusters[0]!.triggeredAt)
  })
  it("hand, foot and mouth disease: 2 cases in one class within 7 days is a class cluster (no deadline of its own)", () => {
    const clusters = Outbreak.detect([
      dx("s1", "c1", "2026-03-10T08:00+08:00", "handFootMouth"),
      dx("s2", "c1", "2026-03-16T08:00+08:00", "handFootMouth")
    ], rules)
    const c = only(clusters, "C-HFMD-CLASS")
    expect(c).toHaveLength(1)
    expect(c[0]!.reportBy).toBeNull()
    expect(only(clusters, "C-HFMD-SCHOOL")).toEqual([])
  })
  it("a non-infectious illness is not an outbreak case", () => {
    expect(only(Outbreak.detect([dx("s1", "c1", "2026-03-16T08:00+08:00", "nonInfectious")], rules), "S3")).toEqual([])
  })
})

describe("S1's similar symptoms: the five the norm names, and the signs of the diseases its clusters are about", () => {
  it("three children with mouth sores in one class on one day are a cluster (hand, foot and mouth disease before a diagnosis)", () => {
    const clusters = only(Outbreak.detect([
      check("s1", "c1", day(16, "08:00"), ["mouthSores"]),
      check("s2", "c1", day(16, "08:05"), ["mouthSores"]),
      check("s3", "c1", day(16, "08:10"), ["mouthSores", "fever"])
    ], rules), "S1")
    expect(clusters.map((c) => c.shared)).toEqual([{ kind: "symptom", symptom: "mouthSores" }])
    expect(clusters[0]!.explanation.zh).toContain("3 例口腔疱疹病例")
  })
  it("three coughing children are not (a winter day's coughs are no signal; with fever they count as fever)", () => {
    const clusters = Outbreak.detect([
      check("s1", "c1", day(16, "08:00"), ["cough"]),
      check("s2", "c1", day(16, "08:05"), ["cough"]),
      check("s3", "c1", day(16, "08:10"), ["cough", "runnyNose"])
    ], rules)
    expect(only(clusters, "S1")).toEqual([])
  })
})

describe("S4: a child with an unexplained high fever or shortness of breath, report within 24 hours", () => {
  const at = day(16, "08:00")
  it("39.1 °C without a diagnosis is a report due 24 hours after the check; 39.0 °C is not (高热 starts at 39.1 °C)", () => {
    const hot = only(Outbreak.detect([check("s1", "c1", at, ["fever"], { temperatureC: 39.1 })], rules), "S4")
    expect(hot).toHaveLength(1)
    // 08:00 Beijing time on 16 March = 00:00 UTC; + 24 h
    expect(Time.formatInstant(hot[0]!.reportBy!)).toBe("2026-03-17T00:00:00.000Z")
    expect(hot[0]!.explanation.zh).toContain("不明原因的高热（≥39.1 °C）或呼吸急促")
    expect(only(Outbreak.detect([check("s1", "c1", at, ["fever"], { temperatureC: 39.0 })], rules), "S4")).toEqual([])
  })
  it("shortness of breath without a diagnosis is a report too", () => {
    expect(only(Outbreak.detect([check("s1", "c1", at, ["shortnessOfBreath"])], rules), "S4")).toHaveLength(1)
  })
  it("a diagnosis explains it: no S4 for a known cause, infectious (S3 reports it) or not", () => {
    expect(only(Outbreak.detect([check("s1", "c1", at, ["fever"], { temperatureC: 39.6, disease: "nonInfectious" })], rules), "S4")).toEqual([])
    const measles = Outbreak.detect([check("s1", "c1", at, ["fever", "rash"], { temperatureC: 39.6, disease: "measles" })], rules)
    expect(only(measles, "S4")).toEqual([])
    expect(only(measles, "S3")).toHaveLength(1)
  })
})

describe("a rule of one case reports each child's episode once", () => {
  const dx = (studentId: string, at: string, disease: Disease) => check(studentId, "c1", at, [], { present: false, absenceReason: "illness", disease })
  it("a child absent with varicella on five school days in a row is one report, at the first", () => {
    const clusters = only(Outbreak.detect([16, 17, 18, 19, 20].map((d) => dx("s1", day(d, "08:00"), "varicella")), rules), "S3")
    expect(clusters).toHaveLength(1)
    expect(clusters[0]!.firstDate).toBe("2026-03-16")
  })
  it("the same child ill again after more than 14 days without a case is reported again; within 14 days it is the same episode", () => {
    // 16 March → 30 March: 14 days, the same episode; 30 March → 15 April: 16 days, a new one
    const clusters = only(Outbreak.detect([
      dx("s1", "2026-03-16T08:00+08:00", "influenzaLikeIllness"),
      dx("s1", "2026-03-30T08:00+08:00", "influenzaLikeIllness"),
      dx("s1", "2026-04-15T08:00+08:00", "influenzaLikeIllness")
    ], rules), "S3")
    expect(clusters.map((c) => c.firstDate)).toEqual(["2026-03-16", "2026-04-15"])
  })
})

describe("C-ILI counts influenza-like illness by its case definition (体温≥38°C 伴咽痛或咳嗽之一)", () => {
  const ill = (i: number, temperatureC: number, symptoms: ReadonlyArray<Symptom>, extra: Partial<DailyCheck> = {}) =>
    check(`s${i}`, `c${i % 4}`, day(16, `08:${String(i).padStart(2, "0")}`), symptoms, { temperatureC, ...extra })
  it("ten undiagnosed children across the school at 38.0 °C or more with a cough or a sore throat are a cluster", () => {
    const checks = Array.from({ length: 10 }, (_, i) => ill(i, 38 + i / 10, i % 2 === 0 ? ["fever", "cough"] : ["fever", "soreThroat"]))
    const clusters = only(Outbreak.detect(checks, rules), "C-ILI")
    expect(clusters).toHaveLength(1)
    expect(clusters[0]!.cases).toHaveLength(10)
    expect(clusters[0]!.shared).toEqual({ kind: "disease", disease: "influenzaLikeIllness" })
  })
  it("nine of them and one at 37.9 °C are not; nor is one with a fever but neither symptom; nor one diagnosed with something else", () => {
    const nine = Array.from({ length: 9 }, (_, i) => ill(i, 38.5, ["fever", "cough"]))
    expect(only(Outbreak.detect([...nine, ill(9, 37.9, ["fever", "cough"])], rules), "C-ILI")).toEqual([])
    expect(only(Outbreak.detect([...nine, ill(9, 38.5, ["fever", "headache"])], rules), "C-ILI")).toEqual([])
    expect(only(Outbreak.detect([...nine, ill(9, 38.5, ["fever", "cough"], { disease: "measles" })], rules), "C-ILI")).toEqual([])
    // a diagnosis of influenza-like illness counts whatever the reading
    expect(only(Outbreak.detect([...nine, ill(9, 36.8, [], { disease: "influenzaLikeIllness" })], rules), "C-ILI")).toHaveLength(1)
  })
})

describe("the rules come from data/school-disease-reporting-thresholds.csv", () => {
  it("S1: class, 1 day, 3 cases, 24 h; S2: class, 3 days, 5 cases, 24 h; S3: at once", () => {
    expect(rules.rules["S1"]).toMatchObject({ scope: "class", windowDays: 1, minCases: 3, reportWithinHours: 24 })
    expect(rules.rules["S2"]).toMatchObject({ scope: "class", windowDays: 3, minCases: 5, reportWithinHours: 24 })
    expect(rules.rules["S3"]).toMatchObject({ minCases: 1, reportWithinHours: 0, newEpisodeAfterDays: 14 })
    expect(rules.rules["S4"]).toMatchObject({ minCases: 1, reportWithinHours: 24, match: { kind: "unexplained", minCelsius: 39.1, orSymptoms: ["shortnessOfBreath"] } })
  })
})
