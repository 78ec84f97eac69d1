/**
 * Health fixtures from the core's own functions: screening rows summarised by
 * `Health.Summary.summarise` (and published), and morning checks run through
 * `Health.Outbreak.detect` under the `cn` outbreak rules.
 *
 * Screening (worked by hand): grade 1 has 10 children (boys s1–s5, girls s6–s10), grade 2 has 12
 * (boys t1–t6, girls t7–t12) and grade 3 has 3 (boys u1–u3):
 * - overweight or obesity: grade 1 s1, s2, s6 (3 of 10 = 30.0%); grade 2 t1, t7 (2 of 12 = 16.7%);
 *   grade 3 none (0 of 3); all 5 of 25 = 20.0%; boys s1, s2, t1 = 3 of 14 = 21.4%; girls s6, t7 = 2 of 11 = 18.2%.
 * - stunting: t2 only: 1 of 25 = 4.0%.
 * - reduced vision: assessed only in grades 1 and 2 (22 children): s3, s4, s5, t3 = 4 of 22 = 18.2%.
 * - BMI-for-age z: 2 for each overweight child, 0 for the others: all 25 have mean 5 × 2 ÷ 25 = 0.40
 *   and SD √((5 × 1.6² + 20 × 0.4²) ÷ 24) = √(16 ÷ 24) = 0.8165 → 0.82.
 * Published with a minimum cell of 5: grade 3 (3 children) is suppressed; with secondary
 * suppression the next smallest grade (grade 1, 10) too.
 */
import type { Health, People } from "@houqin/core"
import { Time } from "@houqin/core"

const row = (studentId: string, classId: string, gradeId: string, sex: "M" | "F", flags: { ow?: boolean; st?: boolean; rv?: boolean | undefined } = {}): Health.Summary.Row => ({
  studentId,
  classId,
  gradeId,
  sex,
  ageYears: gradeId === "g1" ? 6 : gradeId === "g2" ? 7 : 8,
  outcomes: {
    overweightOrObesity: flags.ow === true,
    stunting: flags.st === true,
    wasting: false,
    reducedVision: gradeId === "g3" ? undefined : flags.rv === true
  },
  zScores: { bmiForAge: flags.ow === true ? 2 : 0 }
})

export const screeningRows: ReadonlyArray<Health.Summary.Row> = [
  row("s1", "c1", "g1", "M", { ow: true }),
  row("s2", "c1", "g1", "M", { ow: true }),
  row("s3", "c1", "g1", "M", { rv: true }),
  row("s4", "c1", "g1", "M", { rv: true }),
  row("s5", "c1", "g1", "M", { rv: true }),
  row("s6", "c1", "g1", "F", { ow: true }),
  ...["s7", "s8", "s9", "s10"].map((id) => row(id, "c1", "g1", "F")),
  row("t1", "c2", "g2", "M", { ow: true }),
  row("t2", "c2", "g2", "M", { st: true }),
  row("t3", "c2", "g2", "M", { rv: true }),
  ...["t4", "t5", "t6"].map((id) => row(id, "c2", "g2", "M")),
  row("t7", "c2", "g2", "F", { ow: true }),
  ...["t8", "t9", "t10", "t11", "t12"].map((id) => row(id, "c2", "g2", "F")),
  ...["u1", "u2", "u3"].map((id) => row(id, "c3", "g3", "M"))
]

export const healthOrg = {
  schoolId: "school-1",
  id: "school-1",
  version: 1,
  school: { id: "school-1", name: "实验小学", kind: "primary", zone: "Asia/Shanghai" },
  roles: [],
  departments: [],
  staff: [],
  grades: [{ id: "g1", name: "一年级", level: 1 }, { id: "g2", name: "二年级", level: 2 }, { id: "g3", name: "三年级", level: 3 }],
  classes: [{ id: "c1", gradeId: "g1", name: "一(1)班" }, { id: "c2", gradeId: "g2", name: "二(1)班" }, { id: "c3", gradeId: "g3", name: "三(1)班" }],
  dinerGroups: [],
  chains: []
} as unknown as People.Organisation

export const healthStudents = [
  ...["s1", "s2", "s3", "s4", "s5", "s6", "s7", "s8", "s9", "s10"].map((id, i) => ({ id, name: `学生${id}`, classId: "c1", sex: i < 5 ? "M" : "F", enrolled: true })),
  ...["t1", "t2", "t3", "t4"].map((id) => ({ id, name: `学生${id}`, classId: "c2", sex: "M", enrolled: true }))
] as unknown as ReadonlyArray<People.Student>

let n = 0
export const check = (studentId: string, classId: string, at: string, extra: Partial<Record<string, unknown>> = {}): Health.DailyCheck => {
  const instant = Time.parseInstant(at)!
  return {
    schoolId: "school-1",
    id: `check-${++n}`,
    version: 1,
    studentId,
    classId,
    date: Time.localDate(instant, "Asia/Shanghai" as Time.Zone),
    slot: "morning",
    checkedAt: instant,
    checkedBy: "staff-1",
    present: true,
    symptoms: [],
    actions: [],
    ...extra
  } as unknown as Health.DailyCheck
}

/**
 * The morning of 16 March 2026: class 一(1)班 has 10 children checked — s1, s2 with fever (37.8,
 * 38.1 °C), s3 with fever and a cough (38.4 °C, a recheck at 08:10 after 37.2 at 07:50), s4 absent
 * due to illness, s5 on leave; class 二(1)班 has 4 checked, t1 with a rash. Counting each child once
 * (the latest check): 一(1)班 checked 10, present 8, absent 2 (1 illness), fever 3, symptoms 3;
 * 二(1)班 checked 4, present 4, symptoms 1; total 14 checked, 12 present, 2 absent, 1 illness,
 * 3 fever, 4 with symptoms.
 */
export const morningChecks: ReadonlyArray<Health.DailyCheck> = [
  check("s1", "c1", "2026-03-16T07:40+08:00", { temperatureC: 37.8, site: "axillary", fever: true, symptoms: ["fever"], actions: ["isolate", "notifyParents"] }),
  check("s2", "c1", "2026-03-16T07:45+08:00", { temperatureC: 38.1, site: "axillary", fever: true, symptoms: ["fever"], actions: ["isolate", "notifyParents"] }),
  check("s3", "c1", "2026-03-16T07:50+08:00", { temperatureC: 37.2, site: "axillary", fever: false, symptoms: ["cough"] }),
  check("s3", "c1", "2026-03-16T08:10+08:00", { temperatureC: 38.4, site: "axillary", fever: true, symptoms: ["fever", "cough"], actions: ["isolate", "notifyParents", "seeDoctor"] }),
  check("s4", "c1", "2026-03-16T07:55+08:00", { present: false, absenceReason: "illness", actions: ["followUpAbsence"] }),
  check("s5", "c1", "2026-03-16T07:55+08:00", { present: false, absenceReason: "leave" }),
  ...["s6", "s7", "s8", "s9", "s10"].map((id) => check(id, "c1", "2026-03-16T07:35+08:00", { temperatureC: 36.6, site: "axillary", fever: false })),
  check("t1", "c2", "2026-03-16T07:36+08:00", { symptoms: ["rash"], actions: ["informHealthTeacher"] }),
  ...["t2", "t3", "t4"].map((id) => check(id, "c2", "2026-03-16T07:37+08:00")),
  // the noon check of another day is not part of the morning summary
  check("s1", "c1", "2026-03-17T12:10+08:00", { slot: "noon", temperatureC: 36.5, site: "axillary", fever: false })
]
