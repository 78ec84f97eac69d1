/**
 * The retention register (留样记录表) of a day, from the Promise front door to the four formats:
 * record a lunch's samples, the fridge's readings and a disposal; read the register and the
 * compliance summary back, and the fridge's temperature log of the three days; build the reports
 * with `@houqin/reports` and write them — CSV for Excel, XLSX, printable HTML (A4) and the
 * summary's chart as SVG — into a temporary folder.
 */
import { mkdtempSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { cn, createHouqin } from "@houqin/core"
import { Csv, Html, Report, retentionRegister, retentionSummary, Svg, temperatureLogReport, Xlsx } from "@houqin/reports"
import { Result } from "effect"

export const retentionRegisterExample = async (log: (line: string) => void = console.log, dir?: string) => {
  const schoolId = "school-hongqi"
  const actor = "staff-li"
  // the clock stands at 19 March 2026 12:00 in Shanghai
  const houqin = createHouqin({ clock: () => Date.UTC(2026, 2, 19, 4, 0) })
  const lunch = {
    id: "2026-03-16-lunch",
    serviceDate: "2026-03-16",
    meal: "lunch",
    servedAt: "2026-03-16T11:30+08:00",
    dishes: [{ id: "hongshaorou", name: "红烧肉" }, { id: "fanqiechaodan", name: "番茄炒蛋" }, { id: "qingcai", name: "清炒青菜" }]
  } as const
  await houqin.people.saveOrganisation({
    schoolId,
    actor: "staff-wang",
    organisation: {
      schoolId,
      id: schoolId,
      school: { id: schoolId, name: "红旗小学", kind: "primary", zone: "Asia/Shanghai" },
      roles: [{ id: "director", name: { zh: "后勤主任", en: "logistics director" }, level: 30 }, { id: "officer", name: { zh: "干事", en: "officer" }, level: 20 }],
      departments: [{ id: "logistics", name: "后勤处", headId: "staff-wang" }],
      staff: [
        { id: "staff-wang", name: "王主任", departmentId: "logistics", roles: ["director"], active: true },
        { id: "staff-li", name: "李干事", departmentId: "logistics", roles: ["officer"], active: true },
        { id: "staff-zhao", name: "赵师傅", departmentId: "logistics", roles: [], active: true }
      ],
      grades: [],
      classes: [],
      dinerGroups: [],
      chains: []
    }
  })
  await houqin.retention.registerFridge({ schoolId, actor, fridge: { id: "fridge-1", name: "留样柜", dedicated: true } })
  await houqin.retention.recordSamples({
    schoolId,
    actor,
    samples: [
      { id: "s-1", mealId: lunch.id, serviceDate: "2026-03-16", meal: "lunch", dishId: "hongshaorou", dishName: "红烧肉", grams: "150", takenAt: "2026-03-16T11:40+08:00", takerId: "staff-li", reviewerId: "staff-wang", fridgeId: "fridge-1" },
      { id: "s-2", mealId: lunch.id, serviceDate: "2026-03-16", meal: "lunch", dishId: "fanqiechaodan", dishName: "番茄炒蛋", grams: "130", takenAt: "2026-03-16T11:41+08:00", takerId: "staff-li", reviewerId: "staff-wang", fridgeId: "fridge-1" },
      // 100 g is under the 125 g of the `cn` pack: the register and the summary will say so
      { id: "s-3", mealId: lunch.id, serviceDate: "2026-03-16", meal: "lunch", dishId: "qingcai", dishName: "清炒青菜", grams: "100", takenAt: "2026-03-16T11:42+08:00", takerId: "staff-li", reviewerId: "staff-wang", fridgeId: "fridge-1" }
    ]
  })
  // hourly readings from 16 March 11:00 to 19 March 12:00 (+08:00), 3.5 to 4.5 °C
  const readings = Array.from({ length: 3 * 24 + 2 }, (_, h) => ({ fridgeId: "fridge-1", at: new Date(Date.UTC(2026, 2, 16, 3 + h)).toISOString(), celsius: 3.5 + (h % 3) / 2 }))
  await houqin.retention.recordReadings({ schoolId, actor, readings })
  await houqin.retention.recordDisposal({ schoolId, actor, at: "2026-03-18T12:00+08:00", by: "staff-zhao", samples: [{ id: "s-1", version: 1 }] })

  const period = { from: "2026-03-16", to: "2026-03-16" }
  const rows = await houqin.retention.register({ schoolId, ...period, meals: [lunch] })
  const evaluation = await houqin.retention.evaluate({ schoolId, ...period, meals: [lunch] })
  const summary = await houqin.retention.summary({ schoolId, ...period, meals: [lunch] })
  const fridgeLog = await houqin.retention.temperatureLog({ schoolId, fridgeId: "fridge-1", from: "2026-03-16", to: "2026-03-18", entries: true })
  await houqin.dispose()

  const options = { school: "红旗小学", reviewer: "王主任", publisher: "李干事", signedOn: "2026-03-19" }
  // the rows carry their findings' rules; the builder prints the findings' explanations too
  const register = Result.getOrThrow(retentionRegister(rows, { ...options, period, policy: cn.retention, findings: evaluation.findings }))
  const compliance = Result.getOrThrow(retentionSummary(summary, { ...options, findings: evaluation.findings }))
  const temperatures = Result.getOrThrow(temperatureLogReport(fridgeLog, options))

  const out = dir ?? mkdtempSync(join(tmpdir(), "houqin-reports-"))
  const files = {
    "留样记录表.csv": Csv.toBytes(Csv.render(register)),
    "留样记录表.xlsx": Xlsx.render(register),
    "留样记录表.html": Html.render(register),
    "retention-register-en.html": Html.render(register, { locale: "en" }),
    "留样合规汇总.xlsx": Xlsx.render(compliance),
    "留样合规汇总.html": Html.render(compliance),
    "留样合规汇总-图.svg": Svg.render(Report.charts(compliance)[0]!),
    "留样柜温度记录表.html": Html.render(temperatures),
    "留样柜温度记录表.xlsx": Xlsx.render(temperatures)
  }
  for (const [name, content] of Object.entries(files)) {
    writeFileSync(join(out, name), content)
    log(`${name.padEnd(28)} ${String(typeof content === "string" ? Buffer.byteLength(content) : content.length).padStart(7)} bytes`)
  }
  log(`written to ${out}`)
  log(`register: ${rows.length} samples; findings: ${evaluation.findings.map((f) => `${f.rule} (${f.subject.id})`).join(", ")}`)
  log(`fridge-1, 16–18 March: ${fridgeLog.readings} readings, ${fridgeLog.lowestCelsius}–${fridgeLog.highestCelsius} °C, ${fridgeLog.outOfRange} out of range, ${fridgeLog.breaches.length} breaches, ${fridgeLog.gaps.length} gaps`)
  return { dir: out, files: Object.keys(files), samples: rows.length, findings: evaluation.findings.map((f) => f.rule), fridgeLog }
}
