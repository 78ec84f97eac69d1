import { describe, expect, it } from "vitest"
import * as Id from "../kernel/Id.ts"
import { createHouqin } from "../houqin.ts"
import { cn } from "../packs/cn.ts"
import { override } from "../packs/RulePack.ts"
import { Result } from "effect"
import type * as Command from "../ports/Command.ts"
import type { enrolStudents, saveOrganisation } from "../ports/people.ts"

const schoolId = "school-health"

const organisation: Command.Input<typeof saveOrganisation>["organisation"] = {
  schoolId,
  id: schoolId,
  school: { id: schoolId, name: "实验小学", kind: "primary", zone: "Asia/Shanghai" },
  roles: [{ id: "nurse", name: { zh: "保健老师", en: "school nurse" }, level: 20 }],
  departments: [{ id: "dept-health", name: "卫生室" }],
  staff: [
    { id: "staff-1", name: "张老师", roles: ["nurse"], active: true },
    { id: "staff-2", name: "李老师", roles: ["nurse"], active: true }
  ],
  grades: [{ id: "g3", name: "三年级", level: 3 }, { id: "g4", name: "四年级", level: 4 }],
  classes: [
    { id: "c3-1", gradeId: "g3", name: "三(1)班" },
    { id: "c3-2", gradeId: "g3", name: "三(2)班" },
    { id: "c4-1", gradeId: "g4", name: "四(1)班" }
  ],
  dinerGroups: [],
  chains: []
}

// 36 children: 12 per class, born 2016 (third grade) and 2015 (fourth grade)
const students: Command.Input<typeof enrolStudents>["students"] = Array.from({ length: 36 }, (_, i) => ({
  id: `stu-${i + 1}`,
  name: `学生${i + 1}`,
  sex: i % 2 === 0 ? "M" as const : "F" as const,
  birthDate: i < 24 ? `2016-0${1 + (i % 9)}-15` : `2015-0${1 + (i % 9)}-15`,
  classId: i < 12 ? "c3-1" : i < 24 ? "c3-2" : "c4-1"
}))

const setUp = async () => {
  const houqin = createHouqin({ clock: () => Date.UTC(2026, 2, 20, 8, 0), ids: Id.layerSequential("t") })
  await houqin.people.saveOrganisation({ schoolId, actor: "staff-1", organisation })
  await houqin.people.enrolStudents({ schoolId, actor: "staff-1", students })
  return houqin
}

describe("the health front door (Promise API over the memory backend)", () => {
  it("a screening session: measurements, a summary with intervals, small cells suppressed for publication", async () => {
    const houqin = await setUp()
    const session = await houqin.health.openScreeningSession({
      schoolId,
      actor: "staff-1",
      session: { id: "spring-2026", name: "2026年春季学生体检", kind: "full", startsOn: "2026-03-02", endsOn: "2026-03-31", classIds: ["c3-1", "c3-2", "c4-1"] }
    })
    expect(session.status).toBe("open")
    // heights 125–136 cm, weights rising with the index: some children overweight or obese
    const measurements = students.slice(0, 30).map((s, i) => ({
      id: `m-${s.id}`,
      studentId: s.id,
      heightCm: 125 + (i % 12),
      weightKg: 22 + (i % 15) * 1.5,
      vision: { right: { ucva: i % 4 === 0 ? 4.7 : 5.0 }, left: { ucva: 5.0 } }
    }))
    const written = await houqin.health.recordMeasurements({ schoolId, actor: "staff-1", sessionId: "spring-2026", measuredOn: "2026-03-10", measuredBy: "staff-2", measurements })
    expect(written).toHaveLength(30)
    expect(written[0]).toMatchObject({ classId: "c3-1", sex: "M", birthDate: "2016-01-15", sessionId: "spring-2026" })

    const { summary, published } = await houqin.health.sessionSummary(schoolId, "spring-2026")
    const all = summary.cells.find((c) => c.dimension === "all")!
    expect(all.children).toBe(30)
    const ow = all.outcomes["overweightOrObesity"]!
    expect(ow.assessed).toBe(30)
    expect(ow.wilson!.lower).toBeLessThanOrEqual(ow.prevalence!)
    expect(ow.clusterRobust!.clusters).toBe(3)
    expect(all.outcomes["reducedVision"]).toMatchObject({ cases: 8, assessed: 30 })
    // class c4-1 has 6 children measured (stu-25 … stu-30): published, but each sex has 3
    const cells = new Map(published!.cells.map((c) => [`${c.dimension}:${c.value}`, c]))
    expect(cells.get("class:c4-1")!.suppressed).toBe(false)
    expect(cells.get("grade:g4")!.suppressed).toBe(false)
    expect([...cells.values()].filter((c) => c.dimension === "age" && c.suppressed).length).toBeGreaterThan(0)

    const closed = await houqin.health.closeScreeningSession({ schoolId, actor: "staff-1", sessionId: "spring-2026", version: session.version })
    expect(closed).toMatchObject({ status: "closed", closedBy: "staff-1" })
    await expect(houqin.health.recordMeasurements({ schoolId, actor: "staff-1", sessionId: "spring-2026", measuredOn: "2026-03-11", measuredBy: "staff-2", measurements: measurements.slice(0, 1).map((m) => ({ ...m, id: "late" })) }))
      .rejects.toMatchObject({ _tag: "SessionClosedError", code: "health.session.closed" })
    await houqin.dispose()
  })

  it("bad input is rejected with the typed error and its path, and nothing is written", async () => {
    const houqin = await setUp()
    await expect(houqin.health.recordMeasurements({
      schoolId,
      actor: "staff-1",
      measuredOn: "2026-03-10",
      measuredBy: "staff-2",
      measurements: [{ id: "m1", studentId: "stu-1", weightKg: 28 }, { id: "m2", studentId: "stu-2", weightKg: 27000 }]
    })).rejects.toMatchObject({ _tag: "InvalidMeasurementError", code: "health.measurement.likelyGrams", path: ["measurements", 1, "weightKg"] })
    await expect(houqin.health.recordMeasurements({
      schoolId,
      actor: "staff-1",
      measuredOn: "2026-03-10",
      measuredBy: "staff-2",
      measurements: [{ id: "m1", studentId: "stu-404", weightKg: 28 }]
    })).rejects.toMatchObject({ _tag: "NotFoundError", path: ["measurements", 0, "studentId"] })
    await expect(houqin.health.recordMeasurements({ schoolId, actor: "staff-1", measuredOn: "2026-03-10", measuredBy: "staff-2", measurements: [{ id: "m1", studentId: "stu-1", heightCm: -120 }] }))
      .rejects.toMatchObject({ _tag: "ValidationError", path: ["measurements", 0, "heightCm"] })
    expect(await houqin.health.measurements(schoolId)).toEqual([])
    await houqin.dispose()
  })

  it("outbreaks of one day count the cases of the days before it: 2 + 1 + 2 vomiting children over three days are that day's S2 cluster", async () => {
    const houqin = await setUp()
    const vomiting = async (date: string, ids: ReadonlyArray<string>) =>
      houqin.health.recordChecks({
        schoolId,
        actor: "staff-1",
        date,
        slot: "morning",
        checks: ids.map((id, i) => ({ id: `chk-${date}-${id}`, studentId: id, checkedAt: `${date}T07:3${i}:00+08:00`, checkedBy: "staff-1", present: true, symptoms: ["vomiting"] }))
      })
    await vomiting("2026-03-10", ["stu-1", "stu-2"])
    await vomiting("2026-03-11", ["stu-3"])
    await vomiting("2026-03-12", ["stu-4", "stu-5"])
    // the fifth case (stu-5, 07:31 on the 12th) completes S2 within 3 days; no day has 3 (no S1)
    const day = await houqin.health.outbreaks(schoolId, "2026-03-12", "2026-03-12")
    expect(day.map((c) => [c.ruleId, c.firstDate, c.lastDate, c.cases.length])).toEqual([["S2", "2026-03-10", "2026-03-12", 5]])
    expect(await houqin.health.outbreaks(schoolId, "2026-03-10", "2026-03-12")).toEqual(day)
    // triggered on the 12th: not the 13th's, nor the 11th's
    expect(await houqin.health.outbreaks(schoolId, "2026-03-13", "2026-03-13")).toEqual([])
    expect(await houqin.health.outbreaks(schoolId, "2026-03-10", "2026-03-11")).toEqual([])
    await houqin.dispose()
  })

  it("morning checks: fever actions stored, an S1 cluster found with its deadline", async () => {
    const houqin = await setUp()
    const checks = await houqin.health.recordChecks({
      schoolId,
      actor: "staff-1",
      date: "2026-03-16",
      slot: "morning",
      checks: ["stu-1", "stu-2", "stu-3", "stu-4"].map((id, i) => ({
        id: `chk-${id}`,
        studentId: id,
        checkedAt: `2026-03-16T07:3${i}:00+08:00`,
        checkedBy: "staff-1",
        present: true,
        temperatureC: i === 3 ? 36.6 : 37.8,
        site: "axillary",
        symptoms: []
      }))
    })
    expect(checks.map((c) => c.fever)).toEqual([true, true, true, false])
    expect(checks[0]!.actions).toContain("seeDoctor")
    const clusters = await houqin.health.outbreaks(schoolId, "2026-03-16", "2026-03-16")
    expect(clusters.map((c) => [c.ruleId, c.classId, c.cases.length])).toEqual([["S1", "c3-1", 3]])
    // due 24 hours after the third case (07:32 Beijing time = 23:32 UTC the day before)
    expect(clusters[0]!.reportBy?.epochMilliseconds).toBe(Date.UTC(2026, 2, 16, 23, 32))
    // the explanation names the class and prints the deadline as the school reads it (07:32 on the 17th)
    expect(clusters[0]!.explanation).toEqual({
      zh: "三(1)班同一天出现 3 例发热病例（规则 S1：3 例及以上），须在 2026-03-17 07:32 前报告",
      en: "3 cases with fever in class 三(1)班 in one day (rule S1: 3 or more); report by 2026-03-17 07:32"
    })
    // the same cluster as a finding, for the report and notification path every module shares
    const findings = await houqin.health.outbreakFindings(schoolId, "2026-03-16", "2026-03-16")
    expect(findings.map((f) => [f.rule, f.severity, f.subject, f.at.epochMilliseconds, f.evidence["cases"], f.evidence["reportBy"]])).toEqual([
      ["outbreak.S1", "critical", { kind: "outbreakCluster", id: "c3-1:fever" }, Date.UTC(2026, 2, 15, 23, 32), 3, "2026-03-16T23:32:00.000Z"]
    ])
    expect(findings[0]!.explanation).toEqual(clusters[0]!.explanation)
    expect(await houqin.health.checks(schoolId, "2026-03-16", "c3-1")).toHaveLength(4)
    await expect(houqin.health.recordChecks({
      schoolId,
      actor: "staff-1",
      date: "2026-03-16",
      slot: "noon",
      checks: [{ id: "late", studentId: "stu-1", checkedAt: "2026-03-17T12:00:00+08:00", checkedBy: "staff-1", present: true, symptoms: [] }]
    })).rejects.toMatchObject({ code: "health.check.otherDate", path: ["checks", 0, "checkedAt"] })
    // staff are checked against the organisation, as in every module
    await expect(houqin.health.recordChecks({
      schoolId,
      actor: "staff-1",
      date: "2026-03-16",
      slot: "noon",
      checks: [{ id: "noon-1", studentId: "stu-1", checkedAt: "2026-03-16T12:00:00+08:00", checkedBy: "nobody", present: true, symptoms: [] }]
    })).rejects.toMatchObject({ _tag: "NotFoundError", aggregate: "kernel.staff", path: ["checks", 0, "checkedBy"] })
    await houqin.dispose()
  })

  it("medication: a request, doses, and the findings as of the clock", async () => {
    const houqin = await setUp()
    const log = await houqin.health.createMedicationLog({
      schoolId,
      actor: "staff-1",
      log: { id: "med-1", studentId: "stu-5", drug: "阿莫西林颗粒", dose: { amount: "0.125", unit: "g" }, from: "2026-03-19", to: "2026-03-20", times: ["09:00", "13:00"], requestedBy: { name: "王女士", relation: "母亲" }, requestedAt: "2026-03-19T07:40:00+08:00", receivedBy: "staff-1" }
    })
    const r1 = await houqin.health.recordDose({ schoolId, actor: "staff-2", logId: "med-1", version: log.version, dose: { id: "d1", givenTo: "stu-5", givenAt: "2026-03-19T09:05:00+08:00", dose: { amount: "0.125", unit: "g" }, givenBy: "staff-2" } })
    const r2 = await houqin.health.recordDose({ schoolId, actor: "staff-2", logId: "med-1", version: r1.log.version, dose: { id: "d2", givenTo: "stu-6", givenAt: "2026-03-19T13:00:00+08:00", dose: { amount: "0.125", unit: "g" }, givenBy: "staff-2" } })
    // the clock says 2026-03-20 16:00 Beijing time: the 13:00 slot of the 19th and both of the 20th are missed
    expect(r2.findings.map((f) => f.rule)).toEqual(["medication.missedDose", "medication.wrongChild", "medication.missedDose", "medication.missedDose"])
    const findings = await houqin.health.medicationFindings(schoolId, "2026-03-19", "2026-03-19")
    expect(findings).toEqual(r2.findings)
    await houqin.dispose()
  })

  it("trajectories and the screening list across two terms", async () => {
    const houqin = await setUp()
    for (const [sessionId, on, extra] of [["autumn-2025", "2025-09-15", 0], ["spring-2026", "2026-03-10", 9]] as const) {
      await houqin.health.openScreeningSession({ schoolId, actor: "staff-1", session: { id: sessionId, name: sessionId, kind: "growth", startsOn: on, endsOn: on, classIds: ["c3-1"] } })
      await houqin.health.recordMeasurements({
        schoolId,
        actor: "staff-1",
        sessionId,
        measuredOn: on,
        measuredBy: "staff-2",
        // stu-1 gains 9 kg in half a year; the others 1 kg
        measurements: ["stu-1", "stu-3"].map((id) => ({ id: `${sessionId}-${id}`, studentId: id, heightCm: 128, weightKg: 26 + (id === "stu-1" ? extra : extra / 9) }))
      })
    }
    const t = await houqin.health.trajectory(schoolId, "stu-1")
    expect(t.points).toHaveLength(2)
    expect(t.changes[0]!.weightGainKg).toBe(9)
    const list = await houqin.health.screeningList(schoolId, "spring-2026")
    // stu-1 (boy, born 2016-01-15): 2025-09-15, 9.5 band, BMI 26 / 1.28² = 15.87 < 18.9: normal;
    // 2026-03-10, 10.0 band, BMI 35 / 1.28² = 21.36 ≥ 19.2 and < 21.9: overweight (WS/T 586)
    expect(list.map((e) => [e.studentId, e.worse.map((c) => `${c.question}:${c.from}→${c.to}`)])).toEqual([["stu-1", ["overweight:normal→overweight"]]])
    await houqin.dispose()
  })

  it("a school's own rules apply (the pack as a function of the school)", async () => {
    const strict = Result.getOrThrow(override(cn, { sections: { health: { checks: { feverFromCelsius: { axillary: 37.0 } } } } }))
    const houqin = createHouqin({ rules: () => strict, clock: () => Date.UTC(2026, 2, 20) })
    await houqin.people.saveOrganisation({ schoolId, actor: "staff-1", organisation })
    await houqin.people.enrolStudents({ schoolId, actor: "staff-1", students: students.slice(0, 1) })
    const [c] = await houqin.health.recordChecks({ schoolId, actor: "staff-1", date: "2026-03-16", slot: "morning", checks: [{ id: "c1", studentId: "stu-1", checkedAt: "2026-03-16T07:30:00+08:00", checkedBy: "staff-1", present: true, temperatureC: 37.1, site: "axillary", symptoms: [] }] })
    expect(c!.fever).toBe(true)
    await houqin.dispose()
  })
})
