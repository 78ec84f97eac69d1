/**
 * Food sample retention reports: the retention register (留样记录表) — one line per sample with
 * the fields the regulation names (dish, grams, time taken, taker, reviewer), the fridge, the
 * earliest disposal time, the disposal, the hold (封存) and the problems found — and the compliance summary
 * (留样合规汇总) of an evaluation, and a fridge's temperature log (留样柜温度记录表).
 *
 * Input is what `@houqin/core/retention` gives: `Retention.registerRows(...)` (or
 * `houqin.retention.register`) and `Retention.summarise(evaluation)` (or
 * `houqin.retention.summary`) with the evaluation's findings.
 *
 * @since 0.1.0
 */
import type { Finding, Messages, ValidationError } from "@houqin/core"
import { Retention } from "@houqin/core"
import type { Result } from "effect"
import type { Text } from "../Locale.ts"
import { label, periodText } from "../Locale.ts"
import type { BlockInput, ColumnInput, Report } from "../Report.ts"
import { make } from "../Report.ts"
import type { DocumentOptions } from "./document.ts"
import { documentFields, signatureLines } from "./document.ts"
import { countsByRule, findingsTable, severitiesWorstFirst, severityLabels } from "./findings.ts"

/**
 * Short names of the retention rules, for the register's problem column and the summary.
 *
 * @since 0.1.0
 * @category constants
 */
export const ruleLabels: Readonly<Record<Retention.Findings.RuleId, Messages>> = {
  [Retention.Findings.ruleIds.requiredFor]: label("应留样未留样", "dish not sampled"),
  [Retention.Findings.ruleIds.minGrams]: label("留样量不足", "sample too light"),
  [Retention.Findings.ruleIds.minHours]: label("留存时间不足", "disposed of too early"),
  [Retention.Findings.ruleIds.temperature]: label("留样柜温度超出范围", "fridge out of range"),
  [Retention.Findings.ruleIds.readingGap]: label("温度记录间隔过长", "temperature not recorded"),
  [Retention.Findings.ruleIds.recordFields]: label("记录不完整", "record incomplete"),
  [Retention.Findings.ruleIds.reviewerNotTaker]: label("审核人与留样人为同一人", "reviewed by the taker"),
  [Retention.Findings.ruleIds.dedicatedFridge]: label("未存放于专用留样柜", "not in a dedicated fridge")
}

const subjectLabels: Readonly<Record<string, Messages>> = {
  sample: label("留样", "sample"),
  meal: label("餐次", "meal")
}

const ruleName = (rule: string): Messages => (ruleLabels as Readonly<Record<string, Messages>>)[rule] ?? { zh: rule, en: rule }

/**
 * The columns of the register, in the order of the paper form.
 *
 * @since 0.1.0
 * @category constants
 */
export const registerColumns: ReadonlyArray<ColumnInput> = [
  { label: label("日期", "date"), kind: "date" },
  { label: label("餐次", "meal"), kind: "text" },
  { label: label("留样食品名称", "dish"), kind: "text" },
  { label: label("留样量", "sample"), kind: "decimal", unit: "g" },
  { label: label("留样时间", "time taken"), kind: "instant" },
  { label: label("留样人", "taker"), kind: "text" },
  { label: label("审核人", "reviewer"), kind: "text" },
  { label: label("留样柜", "fridge"), kind: "text" },
  { label: label("容器标识", "container"), kind: "text" },
  { label: label("最早销毁时间", "earliest disposal"), kind: "instant" },
  { label: label("销毁时间", "disposed at"), kind: "instant" },
  { label: label("销毁人", "disposed by"), kind: "text" },
  { label: label("封存", "hold"), kind: "text" },
  { label: label("问题", "problems"), kind: "text" }
]

/**
 * Options of the register: the period it covers and the rules it was kept under (printed as the
 * requirement line, from the rule pack — never typed in).
 *
 * @since 0.1.0
 * @category models
 */
export interface RegisterReportOptions extends DocumentOptions {
  readonly period?: { readonly from: string; readonly to: string }
  readonly policy?: Pick<Retention.Rules.RetentionRules, "minGrams" | "minHours" | "temperature">
  /**
   * findings of an evaluation: each line also lists the rules of the findings about its sample
   * (rows read from storage carry none of their own)
   */
  readonly findings?: Iterable<Finding.Finding>
}

const requirement = (p: Pick<Retention.Rules.RetentionRules, "minGrams" | "minHours" | "temperature">): Messages => ({
  zh: `每餐次每个品种留样不少于 ${p.minGrams} 克，于专用留样柜 ${p.temperature.minC}–${p.temperature.maxC} °C 冷藏，留存不少于 ${p.minHours} 小时`,
  en: `at least ${p.minGrams} g of every dish of every meal, kept at ${p.temperature.minC}–${p.temperature.maxC} °C in a dedicated fridge for at least ${p.minHours} hours`
})

const problems = (rules: ReadonlyArray<string>): Text | null =>
  rules.length === 0 ? null : { zh: rules.map((r) => ruleName(r).zh).join("；"), en: rules.map((r) => ruleName(r).en).join("; ") }

const nameOrId = (name: string | null, id: string | null): string | null => name ?? id

const releaseText = (h: Retention.RegisterHold): Messages | null => {
  if (h.releasedAtLocal === null || h.outcome === null) return null
  switch (h.outcome) {
    case "handedOver":
      return { zh: `${h.releasedAtLocal} 移交${h.releasedTo ?? ""}`, en: `handed over to ${h.releasedTo ?? ""} at ${h.releasedAtLocal}` }
    case "disposed":
      return { zh: `${h.releasedAtLocal} 经决定销毁`, en: `disposed of on the authority's decision at ${h.releasedAtLocal}` }
    case "lifted":
      return { zh: `${h.releasedAtLocal} 解除封存`, en: `hold lifted at ${h.releasedAtLocal}` }
  }
}

/** a sample's hold (封存): when, by whose order, why, and its release */
const holdText = (h: Retention.RegisterHold | undefined): Text | null => {
  if (h === undefined) return null
  const release = releaseText(h)
  const zh = `${h.heldAtLocal} 封存（${h.orderedBy}：${h.reason}）`
  const en = `held at ${h.heldAtLocal} by order of ${h.orderedBy}: ${h.reason}`
  return release === null ? { zh, en } : { zh: `${zh}；${release.zh}`, en: `${en}; ${release.en}` }
}

/**
 * The retention register (留样记录表) as a report: the period and the requirement, one line per
 * sample in the order of the day, the problems of each, and the signature lines.
 *
 * @since 0.1.0
 * @category builders
 */
export const retentionRegister = (
  rows: ReadonlyArray<Retention.RegisterRow>,
  options: RegisterReportOptions = {}
): Result.Result<Report, ValidationError> => {
  const extra = new Map<string, Set<string>>()
  for (const f of options.findings ?? []) {
    if (f.subject.kind !== "sample") continue
    const set = extra.get(f.subject.id) ?? new Set<string>()
    set.add(f.rule)
    extra.set(f.subject.id, set)
  }
  const rulesOf = (r: Retention.RegisterRow): ReadonlyArray<string> => {
    const more = extra.get(r.sampleId)
    return more === undefined ? r.findings : [...new Set([...r.findings, ...more])].sort()
  }
  const flagged = rows.filter((r) => rulesOf(r).length > 0).length
  const disposed = rows.filter((r) => r.disposedAt !== null).length
  const onHold = rows.filter((r) => r.hold !== undefined && r.hold.outcome === null).length
  const fields: Array<{ readonly label: Text; readonly value: Text | number; readonly type?: { readonly kind: "integer" } }> = []
  if (options.period !== undefined) fields.push({ label: label("期间", "period"), value: periodText(options.period.from, options.period.to) })
  if (options.policy !== undefined) fields.push({ label: label("留样要求", "requirement"), value: requirement(options.policy) })
  fields.push(
    { label: label("留样数", "samples"), value: rows.length, type: { kind: "integer" } },
    { label: label("已销毁", "disposed of"), value: disposed, type: { kind: "integer" } },
    { label: label("有问题的留样", "samples with problems"), value: flagged, type: { kind: "integer" } }
  )
  // printed only when a sample of the register was ever held
  if (rows.some((r) => r.hold !== undefined)) fields.push({ label: label("封存中", "on hold"), value: onHold, type: { kind: "integer" } })
  const table: BlockInput = {
    type: "table",
    columns: registerColumns,
    rows: rows.map((r) => [
      r.serviceDate,
      r.mealName,
      r.dishName ?? r.dishId,
      r.grams,
      r.takenAt,
      nameOrId(r.takerName, r.takerId),
      nameOrId(r.reviewerName, r.reviewerId),
      r.fridgeName ?? r.fridgeId,
      r.containerLabel,
      r.earliestDisposalAt,
      r.disposedAt,
      nameOrId(r.disposedByName, r.disposedBy),
      holdText(r.hold),
      problems(rulesOf(r))
    ]),
    empty: label("本期间无留样记录", "no samples in this period")
  }
  return make({
    title: label("留样记录表", "Food sample retention register"),
    ...(options.period === undefined ? {} : { subtitle: periodText(options.period.from, options.period.to) }),
    ...documentFields(options),
    orientation: "landscape",
    sections: [{
      blocks: [
        { type: "fields", fields },
        table,
        {
          type: "notes",
          notes: [
            label("时间均为学校所在时区的当地时间（年-月-日 时:分）。", "Times are local times in the school's zone (year-month-day hour:minute)."),
            label("“最早销毁时间”为留样时间加规定的留存时长（按实际经过的时间计算）。", "The earliest disposal is the time taken plus the required keeping time (elapsed time).")
          ]
        },
        ...signatureLines(options)
      ]
    }]
  })
}

/**
 * Options of the compliance summary: the findings of the evaluation, to list them and chart them
 * by rule and severity.
 *
 * @since 0.1.0
 * @category models
 */
export interface SummaryReportOptions extends DocumentOptions {
  readonly findings?: Iterable<Finding.Finding>
}

/**
 * The compliance summary (留样合规汇总): the counts of the evaluation (meals, samples, readings),
 * the share of samples without problems, findings by rule and by severity, a chart, and — when the
 * findings are given — their list.
 *
 * @since 0.1.0
 * @category builders
 */
export const retentionSummary = (summary: Retention.Summary, options: SummaryReportOptions = {}): Result.Result<Report, ValidationError> => {
  const findings = options.findings === undefined ? undefined : [...options.findings]
  const rules = Object.keys(summary.byRule).sort()
  const blocks: Array<BlockInput> = [
    {
      type: "fields",
      fields: [
        ...(summary.period === null ? [] : [{ label: label("期间", "period"), value: periodText(summary.period.from, summary.period.to) }]),
        { label: label("统计截至", "as of"), value: summary.asOf, type: { kind: "instant" } },
        { label: label("供餐餐次", "meals served"), value: summary.meals, type: { kind: "integer" } },
        { label: label("应留样餐次", "meals requiring samples"), value: summary.mealsRequiringSamples, type: { kind: "integer" } },
        { label: label("缺少留样的餐次", "meals missing samples"), value: summary.mealsMissingSamples, type: { kind: "integer" } },
        { label: label("留样数", "samples"), value: summary.samples, type: { kind: "integer" } },
        { label: label("有问题的留样", "samples with findings"), value: summary.samplesWithFindings, type: { kind: "integer" } },
        { label: label("无问题留样占比", "samples without findings"), value: summary.compliantShare, type: { kind: "percent", scale: 1 } },
        { label: label("温度记录数", "temperature readings"), value: summary.readings, type: { kind: "integer" } }
      ]
    },
    {
      type: "table",
      caption: label("按规则", "By rule"),
      columns: [
        { label: label("规则", "rule"), kind: "text" },
        { label: label("规则编号", "rule id"), kind: "text" },
        { label: label("问题数", "findings"), kind: "integer" },
        { label: label("涉及对象", "subjects"), kind: "integer" }
      ],
      rows: rules.map((r) => [ruleName(r), r, summary.byRule[r]!.findings, summary.byRule[r]!.subjects]),
      totals: {
        label: label("合计", "total"),
        values: [null, null, rules.reduce((a, r) => a + summary.byRule[r]!.findings, 0), null]
      },
      empty: label("未发现问题", "no findings")
    },
    {
      type: "table",
      caption: label("按严重程度", "By severity"),
      columns: [
        { label: label("严重程度", "severity"), kind: "text" },
        { label: label("问题数", "findings"), kind: "integer" }
      ],
      rows: severitiesWorstFirst.map((s) => [severityLabels[s], summary.bySeverity[s]])
    }
  ]
  if (rules.length > 0) {
    const byRule = findings === undefined ? undefined : new Map(countsByRule(findings).map((c) => [c.rule, c]))
    blocks.push({
      type: "chart",
      chart: byRule === undefined
        ? {
          kind: "bar",
          title: label("各规则的问题数", "Findings by rule"),
          categories: rules.map(ruleName),
          series: [{ name: label("问题数", "findings"), values: rules.map((r) => summary.byRule[r]!.findings) }],
          value: { kind: "integer" }
        }
        : {
          kind: "stackedBar",
          title: label("各规则的问题数（按严重程度）", "Findings by rule and severity"),
          categories: rules.map(ruleName),
          series: severitiesWorstFirst.map((s) => ({ name: severityLabels[s], values: rules.map((r) => byRule.get(r)?.bySeverity[s] ?? 0) })),
          value: { kind: "integer" }
        }
    })
  }
  const sections = [{ blocks: [...blocks, ...(findings === undefined ? signatureLines(options) : [])] }]
  if (findings !== undefined) {
    sections.push({
      blocks: [
        findingsTable(findings, {
          ruleLabels: ruleLabels,
          subjectLabels,
          omitEvidence: ["sampleId", "mealId", "fridgeId"]
        }),
        ...signatureLines(options)
      ]
    })
  }
  return make({
    title: label("留样合规汇总", "Food sample retention: compliance summary"),
    ...(summary.period === null ? {} : { subtitle: periodText(summary.period.from, summary.period.to) }),
    ...documentFields(options),
    sections: sections.map((s, i) => (i === 1 ? { title: label("问题清单", "Findings"), ...s } : s))
  })
}

/**
 * Options of the temperature log: whether to list every reading when the log holds them (default
 * `true`).
 *
 * @since 0.1.0
 * @category models
 */
export interface TemperatureLogReportOptions extends DocumentOptions {
  readonly entries?: boolean
}

/** temperatures to a tenth of a degree, as logs are kept (rounded half-up for display; CSV and XLSX keep the reading) */
const celsius = (zh: string, en: string): ColumnInput => ({ label: label(`${zh}（°C）`, `${en} (°C)`), kind: "decimal", scale: 1 })

/**
 * A fridge's temperature log (留样柜温度记录表) as a report: the fridge, the period and the range
 * from the rule pack; a line per day with its readings, lowest and highest temperature and readings
 * out of range; a chart of the days against the range; the breaches (超温) and the stretches
 * without readings (记录中断) that touch the period; with the log's entries, every reading marked;
 * and the signature lines. Instants are shown in the log's zone unless `zone` says otherwise.
 *
 * Input is `Retention.temperatureLog(...)` (or `houqin.retention.temperatureLog`).
 *
 * @since 0.1.0
 * @category builders
 */
export const temperatureLogReport = (log: Retention.TemperatureLog, options: TemperatureLogReportOptions = {}): Result.Result<Report, ValidationError> => {
  const { minC, maxC } = log.range
  const fridge = log.fridgeName === null ? log.fridgeId : `${log.fridgeName}（${log.fridgeId}）`
  const blocks: Array<BlockInput> = [
    {
      type: "fields",
      fields: [
        { label: label("留样柜", "fridge"), value: fridge },
        { label: label("期间", "period"), value: periodText(log.period.from, log.period.to) },
        {
          label: label("温度要求", "required range"),
          value: { zh: `${minC}–${maxC} °C（含两端），两次记录间隔不超过 ${log.maxGapHours} 小时`, en: `${minC}–${maxC} °C (both included), at most ${log.maxGapHours} hours between readings` }
        },
        { label: label("统计截至", "as of"), value: log.asOf, type: { kind: "instant" } },
        { label: label("温度记录数", "readings"), value: log.readings, type: { kind: "integer" } },
        { label: label("超出范围的记录", "readings out of range"), value: log.outOfRange, type: { kind: "integer" } },
        { label: label("最低温度（°C）", "lowest (°C)"), value: log.lowestCelsius, type: { kind: "decimal", scale: 1 } },
        { label: label("最高温度（°C）", "highest (°C)"), value: log.highestCelsius, type: { kind: "decimal", scale: 1 } },
        { label: label("超温时段", "breaches"), value: log.breaches.length, type: { kind: "integer" } },
        { label: label("记录中断", "gaps in the readings"), value: log.gaps.length, type: { kind: "integer" } }
      ]
    },
    {
      type: "table",
      caption: label("每日温度", "By day"),
      columns: [
        { label: label("日期", "date"), kind: "date" },
        { label: label("记录次数", "readings"), kind: "integer" },
        celsius("最低", "lowest"),
        celsius("最高", "highest"),
        { label: label("超出范围", "out of range"), kind: "integer" },
        { label: label("首次记录", "first reading"), kind: "instant" },
        { label: label("末次记录", "last reading"), kind: "instant" }
      ],
      rows: log.days.map((d) => [d.date, d.readings, d.lowestCelsius, d.highestCelsius, d.outOfRange, d.first, d.last]),
      totals: { label: label("合计", "total"), values: [null, log.readings, log.lowestCelsius, log.highestCelsius, log.outOfRange, null, null] }
    }
  ]
  if (log.readings > 0) {
    blocks.push({
      type: "chart",
      chart: {
        kind: "line",
        title: label("每日最低与最高温度", "Lowest and highest temperature by day"),
        categories: log.days.map((d) => d.date),
        series: [
          { name: label("最低", "lowest"), values: log.days.map((d) => d.lowestCelsius) },
          { name: label("最高", "highest"), values: log.days.map((d) => d.highestCelsius) },
          { name: label("下限", "lower limit"), values: log.days.map(() => minC) },
          { name: label("上限", "upper limit"), values: log.days.map(() => maxC) }
        ],
        value: { kind: "decimal" },
        yLabel: label("°C", "°C")
      }
    })
  }
  blocks.push(
    {
      type: "table",
      caption: label("超温时段", "Breaches"),
      columns: [
        { label: label("开始", "start"), kind: "instant" },
        { label: label("恢复", "back in range"), kind: "instant" },
        { label: label("时长（分钟）", "minutes"), kind: "integer" },
        celsius("峰值", "peak"),
        { label: label("峰值时间", "peak at"), kind: "instant" },
        { label: label("超出范围的记录", "readings out of range"), kind: "integer" }
      ],
      rows: log.breaches.map((b) => [b.start, b.end, b.minutes, b.peakCelsius, b.peakAt, b.outOfRangeReadings]),
      empty: label("本期间温度均在范围内", "the temperature stayed in range throughout the period")
    },
    {
      type: "table",
      caption: label("记录中断", "Gaps in the readings"),
      columns: [
        { label: label("上次记录", "last reading"), kind: "instant" },
        { label: label("下次记录", "next reading"), kind: "instant" },
        { label: label("时长（小时）", "hours"), kind: "decimal", scale: 1 }
      ],
      rows: log.gaps.map((g) => [g.from, g.to, g.hours]),
      empty: label("无超过规定间隔的记录中断", "no gap longer than the allowed interval")
    }
  )
  if (log.entries !== null && options.entries !== false) {
    blocks.push({
      type: "table",
      caption: label("温度记录", "Readings"),
      columns: [
        { label: label("时间", "time"), kind: "instant" },
        celsius("温度", "temperature"),
        { label: label("是否在范围内", "in range"), kind: "text" },
        { label: label("记录人", "recorded by"), kind: "text" }
      ],
      rows: log.entries.map((e) => [e.at, e.celsius, e.inRange ? label("是", "yes") : label("否（超出范围）", "no (out of range)"), e.recordedBy]),
      empty: label("本期间无温度记录", "no readings in this period")
    })
  }
  blocks.push(
    {
      type: "notes",
      notes: [
        label("时间均为学校所在时区的当地时间（年-月-日 时:分）。", "Times are local times in the school's zone (year-month-day hour:minute)."),
        label(
          "超温时段自第一次超出范围的记录起，至第一次恢复到范围内的记录止，不取平均值；“恢复”为空表示截至统计时仍未恢复。跨越期间起止的时段按其实际起止列出。",
          "A breach runs from the first reading out of range to the first reading back in range, with nothing averaged; an empty 'back in range' means it still went on at the time of the log. Breaches that cross the period's edges are listed with their true start and end."
        ),
        label(
          "记录中断为两次记录之间超过规定间隔的时段；“上次记录”为空表示期间开始前无记录（自期间开始计），“下次记录”为空表示此后尚无记录（计至期间结束或统计时）。",
          "A gap is a stretch between two readings longer than the allowed interval; an empty 'last reading' means none before the period (counted from its start), an empty 'next reading' none since (counted to the period's end or the time of the log)."
        )
      ]
    },
    ...signatureLines(options)
  )
  return make({
    title: label("留样柜温度记录表", "Sample fridge temperature log"),
    subtitle: { zh: `${fridge}  ${periodText(log.period.from, log.period.to).zh}`, en: `${fridge}, ${periodText(log.period.from, log.period.to).en}` },
    ...documentFields(options),
    zone: options.zone ?? log.zone,
    sections: [{ blocks }]
  })
}
