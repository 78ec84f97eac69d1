/**
 * Student growth and daily health checks.
 *
 * Part 1 — plain functions of `@houqin/core/health`, no runtime:
 * - WHO z-scores of single children: the boy of WHO's anthro README (1001 days, 18 kg, 120 cm)
 *   and the girl of the anthroplus README (110 months, 90 cm, 40 kg);
 * - a grade-3 class of 20 measured on 2026-04-15: WHO 2007 z-scores for the whole class in one
 *   call of the batch API, then the Chinese school screening (WS/T 586-2018 overweight and obesity,
 *   WS/T 456-2014 stunting and wasting) child by child, and the prevalence of overweight or
 *   obesity with its 95% Wilson interval.
 *
 * Part 2 — the Promise front door: the same class enrolled, measured in a screening session (its
 * summary gives the same prevalence from storage), and a week of morning checks with a fever on
 * Monday and three children vomiting in the class on Tuesday — a cluster the school must report
 * within 24 hours (卫办疾控发〔2006〕65号, rule S1).
 */
import { createHouqin, Id, LocalDate, Time } from "@houqin/core"
import { Age, Anthro, AnthroPlus, Prevalence, Rules, Screening, Status, ZScore } from "@houqin/core/health"
import { Result } from "effect"

/** what the example proves, for the test */
export interface GrowthResult {
  readonly whoBoy: { readonly heightForAge: number; readonly heightFlagged: boolean; readonly weightForAge: number; readonly weightForHeight: number; readonly bmiForAge: number }
  readonly whoGirl: { readonly heightForAge: number; readonly heightFlagged: boolean; readonly weightForAge: number; readonly bmiForAge: number; readonly bmiFlagged: boolean }
  readonly batch: { readonly rows: number; readonly scored: number; readonly meanBmiZ: number }
  readonly screening: Readonly<Record<string, string>>
  readonly prevalence: { readonly cases: number; readonly n: number; readonly estimate: number; readonly lower: number; readonly upper: number }
  readonly stored: { readonly cases: number; readonly assessed: number; readonly lower: number | undefined; readonly upper: number | undefined }
  readonly fever: { readonly studentId: string; readonly actions: ReadonlyArray<string> }
  readonly clusters: ReadonlyArray<{ readonly ruleId: string; readonly classId: string | undefined; readonly cases: number; readonly triggeredAt: string; readonly reportBy: string | null }>
}

const schoolId = "school-hongqi"
const nurse = { schoolId, actor: "staff-he" }
const measuredOn = "2026-04-15"

// 三(2)班: sex, birth date, height (cm, standing), weight (kg) — as the school nurse writes them down
const classList = [
  ["stu-01", "M", "2017-10-08", 131.2, 27.5],
  ["stu-02", "F", "2017-11-21", 128.4, 25.1],
  ["stu-03", "M", "2018-01-15", 127.0, 33.8],
  ["stu-04", "F", "2018-03-02", 126.1, 24.0],
  ["stu-05", "M", "2017-09-30", 133.5, 34.0],
  ["stu-06", "F", "2018-05-19", 124.8, 22.6],
  ["stu-07", "M", "2018-02-11", 129.6, 26.3],
  ["stu-08", "F", "2017-12-05", 130.2, 33.0],
  ["stu-09", "M", "2018-06-27", 112.5, 20.0],
  ["stu-10", "F", "2018-04-09", 125.5, 21.0],
  ["stu-11", "M", "2017-11-11", 132.0, 22.8],
  ["stu-12", "F", "2018-07-30", 123.0, 23.5],
  ["stu-13", "M", "2018-08-14", 126.3, 25.9],
  ["stu-14", "F", "2018-01-26", 127.7, 26.8],
  ["stu-15", "M", "2017-10-20", 134.1, 30.2],
  ["stu-16", "F", "2017-09-12", 131.9, 27.4],
  ["stu-17", "M", "2018-03-23", 128.8, 27.0],
  ["stu-18", "F", "2018-06-06", 122.4, 22.1],
  ["stu-19", "M", "2018-04-30", 127.5, 31.6],
  ["stu-20", "F", "2018-02-17", 126.9, 28.9]
] as const

// Dates for the plain functions are the kernel's `LocalDate` (checked once here); a Result is effect's
const date = (text: string) => Result.getOrThrow(LocalDate.make(text))
const z = (s: ZScore.ZScore | ZScore.NotScored) => (ZScore.isScored(s) ? s.z : Number.NaN)
const flagged = (s: ZScore.ZScore | ZScore.NotScored) => ZScore.isScored(s) && s.flagged

export const growthExample = async (log: (line: string) => void = console.log): Promise<GrowthResult> => {
  // ── Part 1a: single children, WHO z-scores ───────────────────────────────────────────────
  // anthro README: z(length/height-for-age) = ((120 / 93.9932)^1 − 1) / (1 × 0.03784) = 7.3121 → 7.31,
  // flagged as |z| > 6 (lenanthro, boy, day 1001: L = 1, M = 93.9932, S = 0.03784)
  const boy = Result.getOrThrow(Anthro.zScores({ sex: "M", ageDays: 1001, weightKg: 18, lengthHeightCm: 120 }))
  const s = boy.scores
  log(`WHO 0–5, boy of 1001 days, 18 kg, 120 cm: height-for-age ${z(s.lengthHeightForAge)}${flagged(s.lengthHeightForAge) ? " (flagged)" : ""}, weight-for-age ${z(s.weightForAge)}, weight-for-height ${z(s.weightForLengthHeight)}, BMI-for-age ${z(s.bmiForAge)}`)
  const girl = Result.getOrThrow(AnthroPlus.zScores({ sex: "F", ageMonths: 110, heightCm: 90, weightKg: 40 }))
  const g = girl.scores
  log(`WHO 5–19, girl of 110 months, 90 cm, 40 kg: height-for-age ${z(g.heightForAge)}${flagged(g.heightForAge) ? " (flagged)" : ""}, weight-for-age ${z(g.weightForAge)}, BMI-for-age ${z(g.bmiForAge)}${flagged(g.bmiForAge) ? " (flagged)" : ""}`)

  // ── Part 1b: the class through the batch API (WHO 2007, 5–19 years) ─────────────────────
  const on = date(measuredOn)
  const children = classList.map(([id, sex, birth, heightCm, weightKg]) => ({ id, sex, birthDate: date(birth), heightCm, weightKg }))
  // the batch takes exact ages in months (days ÷ 30.4375) and columns (typed arrays, or `columnsOf`)
  const columns = AnthroPlus.columnsOf(children.map((c) => ({ sex: c.sex, ageMonths: Result.getOrThrow(Age.months(c.birthDate, on)), heightCm: c.heightCm, weightKg: c.weightKg })))
  const batch = Result.getOrThrow(AnthroPlus.batch(columns))
  const bmiZ = batch.bmiForAge!
  let scored = 0
  let sum = 0
  for (let i = 0; i < batch.rows; i++) {
    if (bmiZ.status[i] !== Status.scored) continue
    scored++
    sum += bmiZ.z[i]!
  }
  const meanBmiZ = Math.round((sum / scored) * 100) / 100
  log(`batch: ${batch.rows} children, ${scored} BMI-for-age z-scores, mean ${meanBmiZ}`)

  // ── Part 1c: WS/T 586 and WS/T 456 under the national pack, child by child ──────────────
  const screening: Record<string, string> = {}
  let cases = 0
  let assessed = 0
  for (const c of children) {
    const r = Result.getOrThrow(Screening.screen({ sex: c.sex, birthDate: c.birthDate, measuredOn: on, heightCm: c.heightCm, weightKg: c.weightKg }, Rules.cn))
    // each question is answered by the pack's standard for the age (WHO where WS/T does not cover it)
    const outcome = ([["weight status", r.overweight], ["stunting", r.stunting], ["wasting", r.wasting]] as const)
      .flatMap(([question, o]) => (Screening.isAssessed(o) && o.status !== "normal" && o.status !== "none" ? [`${question}: ${o.status} (${o.standard})`] : []))
    if (Screening.isAssessed(r.overweight)) {
      assessed++
      if (r.overweight.status !== "normal") cases++
    }
    if (outcome.length > 0) {
      screening[c.id] = outcome.join("; ")
      log(`  ${c.id} ${c.sex} age ${r.ageYears.toFixed(2)} BMI ${r.bmi?.toFixed(2) ?? "—"}: ${outcome.join("; ")}`)
    }
  }
  // Wilson score interval: 5 of 20 → 0.25, 95% CI 0.112 to 0.469
  const w = Prevalence.wilson(cases, assessed)!
  log(`overweight or obesity (WS/T 586-2018): ${cases} of ${assessed} = ${(w.estimate * 100).toFixed(1)}%, 95% CI ${(w.lower * 100).toFixed(1)}–${(w.upper * 100).toFixed(1)}%`)

  // ── Part 2: the same class through the Promise front door ────────────────────────────────
  let now = Date.parse("2026-04-15T08:00:00+08:00")
  const houqin = createHouqin({ clock: () => now, ids: Id.layerSequential("hl") })
  try {
    await houqin.people.saveOrganisation({
      ...nurse,
      organisation: {
        schoolId,
        id: schoolId,
        school: { id: schoolId, name: "红旗小学", kind: "primary", zone: "Asia/Shanghai" },
        roles: [{ id: "health", name: { zh: "校医", en: "school nurse" }, level: 10 }, { id: "teacher", name: { zh: "班主任", en: "class teacher" }, level: 10 }],
        departments: [{ id: "health-office", name: "卫生室" }],
        staff: [
          { id: "staff-he", name: "何校医", departmentId: "health-office", roles: ["health"], active: true },
          { id: "staff-sun", name: "孙老师", roles: ["teacher"], active: true }
        ],
        grades: [{ id: "grade-3", name: "三年级", level: 3 }],
        classes: [{ id: "class-3-2", gradeId: "grade-3", name: "三(2)班" }],
        dinerGroups: [],
        chains: []
      }
    })
    await houqin.people.enrolStudents({
      ...nurse,
      students: classList.map(([id, sex, birthDate]) => ({ id, name: `学生${id.slice(4)}`, sex, birthDate, classId: "class-3-2" }))
    })
    // a screening session; measurements are one bulk write (all rows valid, or nothing written);
    // sex, birth date and class come from the student records
    await houqin.health.openScreeningSession({
      ...nurse,
      session: { id: "spring-2026", name: "2026 春季体检", kind: "growth", startsOn: "2026-04-13", endsOn: "2026-04-24", classIds: ["class-3-2"] }
    })
    await houqin.health.recordMeasurements({
      ...nurse,
      sessionId: "spring-2026",
      measuredOn,
      measuredBy: "staff-he",
      measurements: classList.map(([id, , , heightCm, weightKg]) => ({ id: `m-${id}`, studentId: id, heightCm, weightKg }))
    })
    const { summary } = await houqin.health.sessionSummary(schoolId, "spring-2026", { by: ["all"] })
    const all = summary.cells[0]!.outcomes["overweightOrObesity"]!
    log(`session summary from storage: overweight or obesity ${all.cases} of ${all.assessed}, Wilson ${all.wilson?.lower.toFixed(3)}–${all.wilson?.upper.toFixed(3)} (one class: no cluster-robust interval)`)

    // ── morning checks (晨检) ────────────────────────────────────────────────────────────────
    // Monday: stu-07 has 38.2 °C (axillary) — fever from 37.3 °C, school practice
    const check = (studentId: string, at: string, observation: Record<string, unknown>) =>
      ({ id: `chk-${at.slice(5, 10)}-${studentId}`, studentId, checkedAt: at, checkedBy: "staff-sun", present: true, symptoms: [], ...observation })
    const monday = await houqin.health.recordChecks({
      ...nurse,
      date: "2026-04-20",
      slot: "morning",
      checks: classList.map(([id]) => check(id, "2026-04-20T07:40:00+08:00", id === "stu-07" ? { temperatureC: 38.2, site: "axillary", symptoms: ["cough"] } : { temperatureC: 36.6, site: "axillary" }))
    })
    const feverish = monday.find((c) => c.fever === true)!
    log(`Monday: ${feverish.studentId} ${feverish.temperatureC} °C → ${feverish.actions.join(", ")}`)

    // Tuesday: stu-02, stu-04 and stu-06 vomiting (stu-04 also diarrhoea); stu-07 absent, ill
    now = Date.parse("2026-04-21T08:00:00+08:00")
    const ill: Readonly<Record<string, Record<string, unknown>>> = {
      "stu-02": { symptoms: ["vomiting"] },
      "stu-04": { symptoms: ["vomiting", "diarrhoea"] },
      "stu-06": { symptoms: ["vomiting", "abdominalPain"] },
      "stu-07": { present: false, absenceReason: "illness" }
    }
    await houqin.health.recordChecks({
      ...nurse,
      date: "2026-04-21",
      slot: "morning",
      checks: classList.map(([id], i) => check(id, `2026-04-21T07:${String(30 + i).padStart(2, "0")}:00+08:00`, ill[id] ?? { temperatureC: 36.5, site: "axillary" }))
    })
    const clusters = await houqin.health.outbreaks(schoolId, "2026-04-20", "2026-04-24")
    for (const c of clusters) {
      log(`outbreak ${c.ruleId}: ${c.explanation.zh}`)
      log(`  ${c.explanation.en}`)
    }

    return {
      whoBoy: { heightForAge: z(s.lengthHeightForAge), heightFlagged: flagged(s.lengthHeightForAge), weightForAge: z(s.weightForAge), weightForHeight: z(s.weightForLengthHeight), bmiForAge: z(s.bmiForAge) },
      whoGirl: { heightForAge: z(g.heightForAge), heightFlagged: flagged(g.heightForAge), weightForAge: z(g.weightForAge), bmiForAge: z(g.bmiForAge), bmiFlagged: flagged(g.bmiForAge) },
      batch: { rows: batch.rows, scored, meanBmiZ },
      screening,
      prevalence: { cases, n: assessed, estimate: w.estimate, lower: w.lower, upper: w.upper },
      stored: { cases: all.cases, assessed: all.assessed, lower: all.wilson?.lower, upper: all.wilson?.upper },
      fever: { studentId: feverish.studentId, actions: feverish.actions },
      clusters: clusters.map((c) => ({ ruleId: c.ruleId, classId: c.classId, cases: c.cases.length, triggeredAt: Time.formatInstant(c.triggeredAt), reportBy: c.reportBy === null ? null : Time.formatInstant(c.reportBy) }))
    }
  } finally {
    await houqin.dispose()
  }
}
