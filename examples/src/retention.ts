/**
 * A week of food samples (留样) in a school canteen, through the Promise front door: every lunch
 * dish sampled into the dedicated sample fridge, the fridge's temperature read every two hours,
 * the samples disposed of when their 48 hours are up — and four things that went wrong:
 *
 * - a short sample: Wednesday's broccoli weighed 100 g (the minimum is 125 g);
 * - an early disposal: Tuesday's tomato and egg thrown away on Thursday at 09:00, 45 h 20 min
 *   after it was taken (2 h 40 min short of 48 h);
 * - a temperature breach: the fridge door left open after Monday's cleaning, 11.5 °C at 20:00 and
 *   9 °C at 22:00, back to 4.5 °C at midnight (the range is 0–8 °C);
 * - a gap in the readings: nobody read the fridge between Saturday 08:00 and Sunday 16:00 (32 h;
 *   the pack allows 24 h).
 *
 * Then the compliance findings of the week in zh-CN and en, the disposal schedule on Saturday
 * noon, and the retention register (留样记录表). The numbers are the `cn` rule pack's: 125 g,
 * 48 hours of elapsed time, 0–8 °C, a reading at least every 24 hours.
 */
import { createHouqin, Id, Time } from "@houqin/core"

/** what the example proves, for the test */
export interface RetentionResult {
  readonly samples: number
  readonly readingsRecorded: number
  readonly findings: ReadonlyArray<{ readonly rule: string; readonly severity: string; readonly subject: string }>
  readonly earlyDisposalShortMinutes: unknown
  readonly shortSampleGrams: unknown
  readonly breach: { readonly peakCelsius: unknown; readonly start: unknown; readonly end: unknown }
  readonly gapMinutes: unknown
  readonly compliantShare: number
  readonly schedule: { readonly mayDispose: ReadonlyArray<string>; readonly keep: ReadonlyArray<string>; readonly nextInMinutes: number | undefined }
  readonly registerRows: number
  readonly registerFirstRow: string
  readonly registerFlagged: number
}

const schoolId = "school-hongqi"
const canteenStaff = { schoolId, actor: "staff-zhang" }

// the week's lunches: the canteen owns its meals; retention is told what was served
const menu: ReadonlyArray<readonly [string, ReadonlyArray<readonly [string, string]>]> = [
  ["2026-03-16", [["hongshaorou", "红烧肉"], ["qingcai", "清炒小白菜"]]],
  ["2026-03-17", [["fanqiejidan", "番茄炒蛋"], ["tudousi", "酸辣土豆丝"]]],
  ["2026-03-18", [["gongbaojiding", "宫保鸡丁"], ["xilanhua", "清炒西兰花"]]],
  ["2026-03-19", [["yuxiangrousi", "鱼香肉丝"], ["doufu", "家常豆腐"]]],
  ["2026-03-20", [["tangcupaigu", "糖醋排骨"], ["doujiao", "蒜蓉豆角"]]]
]
const at = (date: string, time: string) => `${date}T${time}:00+08:00`
const mealId = (date: string) => `lunch-${date}`
const sampleId = (date: string, dishId: string) => `s-${date.slice(5)}-${dishId}`
// an instant as the school's wall clock shows it (Asia/Shanghai, the kernel's default zone)
const localText = (i: Time.Instant) => {
  const p = Time.localParts(i, Time.defaultZone)
  return `${p.date} ${String(p.hour).padStart(2, "0")}:${String(p.minute).padStart(2, "0")}`
}

export const retentionExample = async (log: (line: string) => void = console.log): Promise<RetentionResult> => {
  let now = Date.parse(at("2026-03-16", "07:00"))
  const houqin = createHouqin({ clock: () => now, ids: Id.layerSequential("rt") })
  try {
    // the organisation gives the register its names, and lets the commands check staff ids
    await houqin.people.saveOrganisation({
      ...canteenStaff,
      organisation: {
        schoolId,
        id: schoolId,
        school: { id: schoolId, name: "红旗小学", kind: "primary", zone: "Asia/Shanghai" },
        roles: [{ id: "kitchen", name: { zh: "食堂员工", en: "kitchen staff" }, level: 10 }],
        departments: [{ id: "canteen", name: "食堂" }],
        staff: [
          { id: "staff-zhang", name: "张师傅", departmentId: "canteen", roles: ["kitchen"], active: true },
          { id: "staff-li", name: "李师傅", departmentId: "canteen", roles: ["kitchen"], active: true },
          { id: "staff-qian", name: "钱保管", departmentId: "canteen", roles: ["kitchen"], active: true }
        ],
        grades: [],
        classes: [],
        dinerGroups: [],
        chains: []
      }
    })
    await houqin.retention.registerFridge({ ...canteenStaff, fridge: { id: "fridge-1", name: "留样专用冰箱", location: "食堂操作间", dedicated: true } })

    // ── the readings: every two hours, Monday 08:00 to the next Monday 08:00 ────────────────
    // (a data logger's upload; one bulk command, one audit entry with the rows' count and hash)
    const readings: Array<{ fridgeId: string; at: string; celsius: number }> = []
    const start = Date.parse(at("2026-03-16", "08:00"))
    const gap = { from: Date.parse(at("2026-03-21", "08:00")), to: Date.parse(at("2026-03-22", "16:00")) }
    const doorOpen = new Map([[Date.parse(at("2026-03-16", "20:00")), 11.5], [Date.parse(at("2026-03-16", "22:00")), 9]])
    for (let t = start; t <= Date.parse(at("2026-03-23", "08:00")); t += 2 * 3_600_000) {
      if (t > gap.from && t < gap.to) continue // the weekend nobody came in
      readings.push({ fridgeId: "fridge-1", at: new Date(t).toISOString(), celsius: doorOpen.get(t) ?? 4.5 })
    }
    await houqin.retention.recordReadings({ ...canteenStaff, readings })

    // ── Monday to Friday: each lunch's dishes are sampled at 11:40 ──────────────────────────
    const served = []
    for (const [date, dishes] of menu) {
      now = Date.parse(at(date, "11:45"))
      served.push({ id: mealId(date), serviceDate: date, meal: "lunch" as const, servedAt: at(date, "11:30"), diners: 400, dishes: dishes.map(([id, name]) => ({ id, name })) })
      await houqin.retention.recordSamples({
        ...canteenStaff,
        samples: dishes.map(([dishId, dishName]) => ({
          id: sampleId(date, dishId),
          mealId: mealId(date),
          serviceDate: date,
          meal: "lunch",
          dishId,
          dishName,
          // grams are exact decimals; Wednesday's broccoli was short: 100 g
          grams: date === "2026-03-18" && dishId === "xilanhua" ? "100" : "150",
          takenAt: at(date, "11:40"),
          takerId: "staff-zhang",
          reviewerId: "staff-li", // the reviewer must be another person than the taker
          fridgeId: "fridge-1",
          containerLabel: `${date} 午餐 ${dishName}`
        }))
      })
    }

    // ── disposals: two days later at noon (48 h 20 min) — except one ────────────────────────
    // a sample's version guards against two people disposing of it at once; a new sample is at 1
    const dispose = async (when: string, ids: ReadonlyArray<string>) => {
      now = Date.parse(when)
      return houqin.retention.recordDisposal({ ...canteenStaff, at: when, by: "staff-qian", samples: ids.map((id) => ({ id, version: 1 })) })
    }
    await dispose(at("2026-03-18", "12:00"), [sampleId("2026-03-16", "hongshaorou"), sampleId("2026-03-16", "qingcai")])
    // Thursday 09:00: taken Tuesday 11:40, 45 h 20 min ago — recorded, not refused, and reported
    const early = await dispose(at("2026-03-19", "09:00"), [sampleId("2026-03-17", "fanqiejidan")])
    for (const f of early.findings) log(`disposal on Thursday 09:00 → ${f.rule}: ${f.explanation.en}`)
    await dispose(at("2026-03-19", "12:00"), [sampleId("2026-03-17", "tudousi")])
    await dispose(at("2026-03-20", "12:00"), [sampleId("2026-03-18", "gongbaojiding"), sampleId("2026-03-18", "xilanhua")])

    // ── Saturday noon: what may go, what must stay ───────────────────────────────────────────
    now = Date.parse(at("2026-03-21", "12:00"))
    const schedule = await houqin.retention.schedule({ schoolId })
    log(`schedule at ${localText(schedule.at)}: may dispose of ${schedule.mayDispose.map((e) => e.sample.id).join(", ")}`)
    for (const e of schedule.keep) log(`  keep ${e.sample.id} until ${localText(e.earliestDisposalAt)} (${Math.round(e.remainingMillis / 60_000)} min from now)`)

    // Monday morning: Thursday's and Friday's samples go
    await dispose(at("2026-03-23", "08:00"), menu.slice(3).flatMap(([date, dishes]) => dishes.map(([dishId]) => sampleId(date, dishId))))

    // ── the week's compliance findings ───────────────────────────────────────────────────────
    now = Date.parse(at("2026-03-23", "09:00"))
    const week = { schoolId, from: "2026-03-16", to: "2026-03-20", meals: served }
    const evaluation = await houqin.retention.evaluate(week)
    log(`${evaluation.samples} samples of ${evaluation.meals} meals, ${evaluation.readings} readings: ${evaluation.findings.length} findings`)
    for (const f of evaluation.findings) {
      log(`  [${f.severity}] ${f.rule} ${f.subject.id}`)
      log(`    zh: ${f.explanation.zh}`)
      log(`    en: ${f.explanation.en}`)
    }
    const summary = await houqin.retention.summary(week)
    log(`compliant samples: ${(summary.compliantShare * 100).toFixed(0)}% (${summary.samples - summary.samplesWithFindings} of ${summary.samples})`)

    // ── the retention register (留样记录表), rows in the order of the day ─────────────────────
    // It evaluates the same week (the same input), so its 问题 column lists each sample's findings
    const register = await houqin.retention.register(week)
    const row = (r: (typeof register)[number]) =>
      `${r.serviceDate} ${r.mealName.zh} ${r.dishName ?? "—"} ${r.grams ?? "—"} 克 留样 ${r.takenAtLocal} ${r.takerName ?? "—"}/${r.reviewerName ?? "—"} 销毁 ${r.disposedAtLocal ?? "—"} ${r.disposedByName ?? ""}${r.findings.length > 0 ? ` ⚠ ${r.findings.join(", ")}` : ""}`
    log("留样记录表 (retention register):")
    for (const r of register) log(`  ${row(r)}`)

    const find = (rule: string) => evaluation.findings.find((f) => f.rule === rule)
    const breach = find("retention.temperature")
    return {
      samples: evaluation.samples,
      readingsRecorded: readings.length,
      findings: evaluation.findings.map((f) => ({ rule: f.rule, severity: f.severity, subject: f.subject.id })),
      earlyDisposalShortMinutes: find("retention.minHours")?.evidence["shortMinutes"],
      shortSampleGrams: find("retention.minGrams")?.evidence["grams"],
      breach: { peakCelsius: breach?.evidence["peakCelsius"], start: breach?.evidence["breachStart"], end: breach?.evidence["breachEnd"] },
      gapMinutes: find("retention.readingGap")?.evidence["minutes"],
      compliantShare: summary.compliantShare,
      schedule: {
        mayDispose: schedule.mayDispose.map((e) => e.sample.id),
        keep: schedule.keep.map((e) => e.sample.id),
        nextInMinutes: schedule.keep[0] === undefined ? undefined : Math.round(schedule.keep[0].remainingMillis / 60_000)
      },
      registerRows: register.length,
      registerFirstRow: register[0] === undefined ? "" : row(register[0]),
      registerFlagged: register.filter((r) => r.findings.length > 0).length
    }
  } finally {
    await houqin.dispose()
  }
}
