/**
 * Reports benchmark: a retention register of 10,000 samples (about 200 school days of a boarding
 * school: 3 meals × 15–17 dishes), built into a report (every cell checked) and rendered to CSV,
 * XLSX and printable HTML, plus an SVG chart of the samples per day. Each step runs 5 times after
 * a warm-up; the median is reported with rows per second and the output's size.
 *
 *   node --conditions=@houqin/source --expose-gc bench/reports.bench.ts [rows=10000]
 */
import type { Retention } from "@houqin/core"
import { LocalDate, Time } from "@houqin/core"
import { Result } from "effect"
import { retentionRegister } from "../src/builders/retention.ts"
import * as Csv from "../src/Csv.ts"
import * as Html from "../src/Html.ts"
import { chart } from "../src/Report.ts"
import * as Svg from "../src/Svg.ts"
import * as Xlsx from "../src/Xlsx.ts"

const N = Number(process.argv[2] ?? 10_000)
const zone = "Asia/Shanghai" as Time.Zone
const meals = [
  { meal: "breakfast", zh: "早餐", en: "breakfast", hour: 7 },
  { meal: "lunch", zh: "午餐", en: "lunch", hour: 11 },
  { meal: "dinner", zh: "晚餐", en: "dinner", hour: 17 }
] as const
const dishes = ["红烧肉", "清炒时蔬", "番茄炒蛋", "麻婆豆腐", "米饭", "紫菜蛋花汤", "馒头", "小米粥", "酸辣土豆丝", "宫保鸡丁", "鱼香肉丝", "凉拌黄瓜", "蒸南瓜", "豆浆", "包子", "水果", "酸奶"]
const names = ["李干事", "王主任", "赵师傅", "陈老师", "刘阿姨"]

const rows: Array<Retention.RegisterRow> = []
let day = LocalDate.toEpochDay("2026-02-26" as LocalDate.LocalDate)
while (rows.length < N) {
  const date = LocalDate.fromEpochDay(day++)
  if (LocalDate.dayOfWeek(date) > 5) continue
  for (const m of meals) {
    for (let d = 0; d < 15 + (day % 3) && rows.length < N; d++) {
      const i = rows.length
      const taken = Time.atLocal(date, { hour: m.hour, minute: 30 + (d % 20) }, zone)
      const earliest = Time.plus(taken, "48 hours")
      const disposed = i % 10 === 0 ? null : Time.plus(taken, "50 hours")
      const flagged = i % 37 === 0 ? ["retention.minGrams"] : []
      rows.push({
        sampleId: `s-${i}`,
        serviceDate: date,
        meal: m.meal,
        mealName: { zh: m.zh, en: m.en },
        mealId: `${date}-${m.meal}`,
        dishId: `d-${d}`,
        dishName: dishes[d % dishes.length]!,
        grams: i % 37 === 0 ? "110" : `${125 + (i % 40)}.${i % 10}`,
        takenAt: Time.formatInstant(taken),
        takenAtLocal: "",
        takerId: `staff-${i % 5}`,
        takerName: names[i % 5]!,
        reviewerId: `staff-${(i + 1) % 5}`,
        reviewerName: names[(i + 1) % 5]!,
        fridgeId: "fridge-1",
        fridgeName: "留样柜一号",
        containerLabel: `C-${i % 200}`,
        earliestDisposalAt: Time.formatInstant(earliest),
        earliestDisposalLocal: "",
        disposedAt: disposed === null ? null : Time.formatInstant(disposed),
        disposedAtLocal: null,
        disposedBy: disposed === null ? null : "staff-2",
        disposedByName: disposed === null ? null : "赵师傅",
        findings: flagged,
        worstSeverity: flagged.length > 0 ? "violation" : null
      })
    }
  }
}

const gc = (globalThis as { gc?: () => void }).gc
const time = <A>(label: string, run: () => A, size: (a: A) => number, unit = "rows") => {
  run()
  const ms: Array<number> = []
  let out: A = run()
  for (let i = 0; i < 5; i++) {
    gc?.()
    const t0 = performance.now()
    out = run()
    ms.push(performance.now() - t0)
  }
  ms.sort((a, b) => a - b)
  const median = ms[2]!
  const perSecond = Math.round((N / median) * 1000)
  console.log(`${label.padEnd(28)} ${median.toFixed(1).padStart(8)} ms  ${perSecond.toLocaleString("en").padStart(10)} ${unit}/s  ${(size(out) / 1024).toFixed(0).padStart(7)} KiB`)
  return out
}

console.log(`retention register: ${rows.length.toLocaleString("en")} rows × 13 columns, ${rows[0]!.serviceDate} to ${rows[rows.length - 1]!.serviceDate}`)
const report = time("build (check every cell)", () => Result.getOrThrow(retentionRegister(rows, { school: "红旗中学" })), () => 0)
time("CSV (whole report, zh-CN)", () => Csv.render(report), (s) => Buffer.byteLength(s))
time("CSV (table only, en)", () => Csv.table(report, { locale: "en" }), (s) => Buffer.byteLength(s))
time("XLSX (zh-CN)", () => Xlsx.render(report), (b) => b.length)
time("HTML (zh-CN)", () => Html.render(report), (s) => Buffer.byteLength(s))
const perDay = new Map<string, number>()
for (const r of rows) perDay.set(r.serviceDate, (perDay.get(r.serviceDate) ?? 0) + 1)
const days = [...perDay.keys()]
const c = Result.getOrThrow(chart({ kind: "bar", title: "每日留样数", categories: days, series: [{ name: "留样", values: days.map((d) => perDay.get(d)!) }], value: { kind: "integer" }, width: 1200 }))
time(`SVG (${days.length} days → rows/s of the register)`, () => Svg.render(c), (s) => Buffer.byteLength(s))
console.log(`heap used after: ${(process.memoryUsage().heapUsed / 2 ** 20).toFixed(0)} MiB`)
