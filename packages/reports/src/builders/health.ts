/**
 * Health reports: the screening summary (体检筛查汇总 — counts and prevalence of the outcomes the
 * core screens for: overweight and obesity (WS/T 586), stunting and wasting (WS/T 456), reduced
 * vision and screening myopia — overall with their 95% intervals and by grade, sex, age or class,
 * with a bar chart), the daily check summary (晨检日报 — per class, children checked, present,
 * absent, absent due to illness, with fever, with symptoms; and the children who needed attention)
 * and the outbreak report (传染病聚集性病例报告 — each triggered cluster with its rule, cases and
 * report deadline).
 *
 * Input is what `@houqin/core/health` gives: `houqin.health.sessionSummary(school, session)` (its
 * `summary`, or its `published` form with small cells suppressed — `Health.Summary.summarise` /
 * `publish`), `houqin.health.checks(school, date)` (`Health.DailyCheck` records) and
 * `houqin.health.outbreaks(school, from, to)` (`Health.Outbreak.Cluster`).
 *
 * @since 0.1.0
 */
import type { Messages, People, ValidationError } from "@houqin/core"
import { Health } from "@houqin/core"
import type { Result } from "effect"
import type { Text } from "../Locale.ts"
import { label, listText, periodText } from "../Locale.ts"
import type { BlockInput, CellInput, Report, SectionInput } from "../Report.ts"
import { make } from "../Report.ts"
import type { DocumentOptions } from "./document.ts"
import { documentFields, signatureLines } from "./document.ts"

/**
 * Names of the screening outcomes the core's summaries count (`Health.Queries.outcomesOf`).
 *
 * @since 0.1.0
 * @category constants
 */
export const outcomeLabels: Readonly<Record<string, Messages>> = {
  overweight: label("超重", "overweight"),
  obesity: label("肥胖", "obesity"),
  overweightOrObesity: label("超重或肥胖", "overweight or obesity"),
  stunting: label("生长迟缓", "stunting"),
  severeStunting: label("重度生长迟缓", "severe stunting"),
  wasting: label("消瘦", "wasting"),
  mildWasting: label("轻度消瘦", "mild wasting"),
  moderateSevereWasting: label("中重度消瘦", "moderate or severe wasting"),
  severeWasting: label("重度消瘦", "severe wasting"),
  reducedVision: label("视力不良", "reduced vision"),
  reducedVisionMild: label("轻度视力不良", "mild reduced vision"),
  reducedVisionModerate: label("中度视力不良", "moderate reduced vision"),
  reducedVisionSevere: label("重度视力不良", "severe reduced vision"),
  screeningMyopia: label("筛查性近视", "screening myopia"),
  whoThinness: label("消瘦（WHO 2007）", "thinness (WHO 2007)"),
  whoSevereThinness: label("重度消瘦（WHO 2007）", "severe thinness (WHO 2007)"),
  whoOverweight: label("超重（WHO 2007）", "overweight (WHO 2007)"),
  whoObesity: label("肥胖（WHO 2007）", "obesity (WHO 2007)"),
  whoStunting: label("生长迟缓（WHO 2007）", "stunting (WHO 2007)")
}

const outcomeOrder = Object.keys(outcomeLabels)
const outcomeName = (o: string): Messages => outcomeLabels[o] ?? { zh: o, en: o }

const sexLabels: Readonly<Record<string, Messages>> = { M: label("男", "boys"), F: label("女", "girls") }

const dimensionLabels: Readonly<Record<Health.Summary.Dimension, Messages>> = {
  all: label("全体", "All"),
  grade: label("按年级", "By grade"),
  sex: label("按性别", "By sex"),
  age: label("按年龄", "By age"),
  class: label("按班级", "By class")
}

const dimensionColumn: Readonly<Record<Health.Summary.Dimension, Messages>> = {
  all: label("范围", "scope"),
  grade: label("年级", "grade"),
  sex: label("性别", "sex"),
  age: label("年龄", "age"),
  class: label("班级", "class")
}

/**
 * A screening summary as `Health.Summary.publish` gives it: cells of too few children suppressed.
 *
 * @since 0.1.0
 * @category models
 */
export type PublishedSummary = ReturnType<typeof Health.Summary.publish>

/**
 * Options of the screening summary: the organisation (to name grades and classes), the session's
 * name, the outcomes to show (default: those the summary counts, in the order overweight, obesity,
 * overweight or obesity, stunting, wasting, reduced vision, screening myopia) and those to chart
 * (default: overweight or obesity, stunting, wasting, reduced vision).
 *
 * @since 0.1.0
 * @category models
 */
export interface ScreeningReportOptions extends DocumentOptions {
  readonly org?: People.Organisation
  readonly session?: string
  readonly outcomes?: ReadonlyArray<string>
  readonly chartOutcomes?: ReadonlyArray<string>
}

type AnyCell = Health.Summary.Cell | Health.Summary.PublishedCell

const isSuppressedCell = (c: AnyCell): c is Extract<Health.Summary.PublishedCell, { suppressed: true }> =>
  "suppressed" in c && c.suppressed

const outcomeOf = (c: AnyCell, o: string): Health.Summary.OutcomeCell | undefined => {
  if (isSuppressedCell(c)) return undefined
  const v = c.outcomes[o]
  return v === undefined || "suppressed" in v ? undefined : v
}

const outcomeSuppressed = (c: AnyCell, o: string): boolean => {
  if (isSuppressedCell(c)) return true
  const v = c.outcomes[o]
  return v !== undefined && "suppressed" in v
}

const zLabels: Readonly<Record<string, Messages>> = {
  heightForAge: label("年龄别身高 Z 评分", "height-for-age z"),
  weightForAge: label("年龄别体重 Z 评分", "weight-for-age z"),
  bmiForAge: label("年龄别 BMI Z 评分", "BMI-for-age z")
}

/**
 * The screening summary (体检筛查汇总): for everyone, then by grade, sex, age and class (as the
 * summary has them), each outcome's children assessed, cases, prevalence and its intervals
 * (Wilson, and cluster-robust with the design effect); the mean and SD of the z-scores per cell
 * when the summary has them; and a bar chart of the charted outcomes' prevalence by grade (or by
 * sex). From a published summary (`Health.Summary.publish`), suppressed cells and outcomes are left
 * blank with the reason in a note column, and left out of the chart: the numbers of a suppressed
 * cell appear nowhere.
 *
 * @since 0.1.0
 * @category builders
 */
export const screeningSummary = (
  summary: Health.Summary.Summary | PublishedSummary,
  options: ScreeningReportOptions = {}
): Result.Result<Report, ValidationError> => {
  const cells: ReadonlyArray<AnyCell> = summary.cells
  const grades = new Map((options.org?.grades ?? []).map((g) => [g.id as string, g]))
  const classes = new Map((options.org?.classes ?? []).map((c) => [c.id as string, c.name]))
  const groupName = (c: AnyCell): Text => {
    switch (c.dimension) {
      case "all":
        return label("全体", "all")
      case "grade":
        return grades.get(c.value)?.name ?? c.value
      case "class":
        return classes.get(c.value) ?? c.value
      case "sex":
        return sexLabels[c.value] ?? c.value
      case "age":
        return { zh: `${c.value} 岁`, en: `${c.value} years` }
    }
  }
  const present = new Set(cells.flatMap((c) => (isSuppressedCell(c) ? [] : Object.keys(c.outcomes))))
  const outcomes = options.outcomes ?? [
    ...outcomeOrder.filter((o) => present.has(o)),
    ...[...present].filter((o) => !outcomeOrder.includes(o)).sort()
  ]
  const zNames = [...new Set(cells.flatMap((c) => (isSuppressedCell(c) ? [] : Object.keys(c.zScores))))].sort()
  const published = cells.some((c) => "suppressed" in c)
  const level = Math.round(summary.level * 100)
  const suppressed: Text = label("人数过少，不公布", "too few children: not published")
  const cellNote = (c: AnyCell): Text | null =>
    isSuppressedCell(c) ? (c.reason === "smallCell" ? suppressed : label("为防推算，不公布", "withheld so that it cannot be derived")) : null
  // boys before girls, as school forms print them; other breakdowns in the summary's order
  const sexOrder = (v: string) => (v === "M" ? 0 : v === "F" ? 1 : 2)
  const cellsOf = (d: Health.Summary.Dimension): Array<AnyCell> => {
    const list = cells.filter((c) => c.dimension === d)
    return d === "sex" ? list.sort((a, b) => sexOrder(a.value) - sexOrder(b.value)) : list
  }
  const outcomeTable = (d: Health.Summary.Dimension): BlockInput => ({
    type: "table",
    caption: label("检出率", "Prevalence"),
    columns: [
      { label: dimensionColumn[d], kind: "text" },
      { label: label("指标", "outcome"), kind: "text" },
      { label: label("人数", "children"), kind: "integer" },
      { label: label("检查人数", "assessed"), kind: "integer" },
      { label: label("检出人数", "cases"), kind: "integer" },
      { label: label("检出率", "prevalence"), kind: "percent" },
      { label: { zh: `Wilson ${level}% 下限`, en: `Wilson ${level}% lower` }, kind: "percent" },
      { label: { zh: `Wilson ${level}% 上限`, en: `Wilson ${level}% upper` }, kind: "percent" },
      { label: { zh: `整群 ${level}% 下限`, en: `cluster ${level}% lower` }, kind: "percent" },
      { label: { zh: `整群 ${level}% 上限`, en: `cluster ${level}% upper` }, kind: "percent" },
      { label: label("设计效应", "design effect"), kind: "decimal", scale: 2 },
      ...(published ? [{ label: label("备注", "note"), kind: "text" } as const] : [])
    ],
    rows: cellsOf(d).flatMap((c): Array<ReadonlyArray<CellInput>> => {
      if (isSuppressedCell(c)) return [[groupName(c), null, null, null, null, null, null, null, null, null, null, cellNote(c)]]
      return outcomes.map((o) => {
        const v = outcomeOf(c, o)
        return [
          groupName(c),
          outcomeName(o),
          c.children,
          v?.assessed ?? null,
          v?.cases ?? null,
          v?.prevalence ?? null,
          v?.wilson?.lower ?? null,
          v?.wilson?.upper ?? null,
          v?.clusterRobust?.lower ?? null,
          v?.clusterRobust?.upper ?? null,
          v?.clusterRobust?.designEffect ?? null,
          ...(published ? [outcomeSuppressed(c, o) ? suppressed : null] : [])
        ]
      })
    }),
    empty: label("无筛查结果", "no screening results")
  })
  const zTable = (d: Health.Summary.Dimension): BlockInput => ({
    type: "table",
    caption: label("Z 评分（不含异常值）", "z-scores (flagged values left out)"),
    columns: [
      { label: dimensionColumn[d], kind: "text" },
      { label: label("指标", "indicator"), kind: "text" },
      { label: label("人数", "n"), kind: "integer" },
      { label: label("均值", "mean"), kind: "decimal", scale: 2 },
      { label: label("标准差", "SD"), kind: "decimal", scale: 2 },
      ...(published ? [{ label: label("备注", "note"), kind: "text" } as const] : [])
    ],
    rows: cellsOf(d).flatMap((c): Array<ReadonlyArray<CellInput>> => {
      if (isSuppressedCell(c)) return [[groupName(c), null, null, null, null, cellNote(c)]]
      return zNames.map((z) => {
        const v = c.zScores[z]
        const ok = v === undefined || "suppressed" in v ? undefined : v
        return [
          groupName(c),
          zLabels[z] ?? z,
          ok?.n ?? null,
          ok?.mean ?? null,
          ok?.sd ?? null,
          ...(published ? [v !== undefined && "suppressed" in v ? suppressed : null] : [])
        ]
      })
    })
  })
  const all = cells.find((c) => c.dimension === "all")
  const sections: Array<SectionInput> = [{
    blocks: [{
      type: "fields",
      fields: [
        ...(options.session === undefined ? [] : [{ label: label("筛查", "screening"), value: options.session }]),
        ...(all === undefined || isSuppressedCell(all) ? [] : [{ label: label("受检人数", "children screened"), value: all.children, type: { kind: "integer" } } as const]),
        { label: label("置信水平", "confidence level"), value: summary.level, type: { kind: "percent", scale: 0 } },
        { label: label("整群单位", "cluster"), value: summary.cluster === "class" ? label("班级", "class") : label("学校", "school") }
      ]
    }]
  }]
  const dimensions = (["all", "grade", "sex", "age", "class"] as const).filter((d) => cells.some((c) => c.dimension === d))
  for (const d of dimensions) {
    sections.push({ title: dimensionLabels[d], blocks: [outcomeTable(d), ...(zNames.length === 0 ? [] : [zTable(d)])] })
  }
  const chartBy = dimensions.includes("grade") ? "grade" : dimensions.includes("sex") ? "sex" : undefined
  const charted = (options.chartOutcomes ?? ["overweightOrObesity", "stunting", "wasting", "reducedVision"]).filter((o) => present.has(o))
  const tail: Array<BlockInput> = []
  if (chartBy !== undefined && charted.length > 0) {
    const group = cellsOf(chartBy).filter((c) => !isSuppressedCell(c))
    if (group.length > 0) {
      tail.push({
        type: "chart",
        chart: {
          kind: "bar",
          title: chartBy === "grade" ? label("各年级检出率", "Prevalence by grade") : label("男女生检出率", "Prevalence by sex"),
          categories: group.map(groupName),
          series: charted.map((o) => ({ name: outcomeName(o), values: group.map((c) => outcomeOf(c, o)?.prevalence ?? null) })),
          value: { kind: "percent" }
        }
      })
    }
  }
  tail.push({
    type: "notes",
    notes: [
      label(
        "超重、肥胖按 WS/T 586—2018 判定，生长迟缓、消瘦按 WS/T 456—2014 判定（标准未覆盖的年龄按 WHO 标准）；视力不良为较差眼裸眼视力低于 5.0。",
        "Overweight and obesity by WS/T 586-2018, stunting and wasting by WS/T 456-2014 (WHO at ages the standards do not cover); reduced vision: the worse eye's uncorrected acuity below 5.0."
      ),
      label("检出率 = 检出人数 ÷ 检查人数；未检查或不在标准年龄范围内的儿童不计入。", "Prevalence = cases ÷ children assessed; children not assessed or outside a standard's ages are left out."),
      label(
        "Wilson 区间按简单随机样本计算；整群区间以班级（或学校）为群，按比值估计量的线性化方差计算，少于两个群时不计算。",
        "The Wilson interval assumes a simple random sample; the cluster-robust interval takes classes (or schools) as clusters (linearised variance of the ratio estimator), and needs at least two clusters."
      ),
      ...(published ? [label("人数过少的单元及可据以推算的单元不予公布，以保护儿童隐私。", "Cells of too few children, and cells from which they could be derived, are not published, to protect the children's privacy.")] : [])
    ]
  }, ...signatureLines(options, [
    { role: label("保健医生", "Health officer"), name: options.reviewer },
    { role: label("负责人", "Head"), name: options.publisher }
  ]))
  sections[sections.length - 1] = { ...sections[sections.length - 1]!, blocks: [...sections[sections.length - 1]!.blocks, ...tail] }
  return make({
    title: label("学生体检筛查结果汇总", "Student health screening summary"),
    ...(options.session === undefined ? {} : { subtitle: options.session }),
    ...documentFields(options),
    orientation: "landscape",
    sections
  })
}

/**
 * Options of the daily check summary: the date (default: the first check's) and slot (default:
 * the morning check), the organisation (to name classes and order them by grade) and the students
 * (to name the children and count those enrolled).
 *
 * @since 0.1.0
 * @category models
 */
export interface DailyCheckReportOptions extends DocumentOptions {
  readonly date?: string
  readonly slot?: "morning" | "noon"
  readonly org?: People.Organisation
  readonly students?: ReadonlyArray<People.Student>
}

const absenceLabels: Readonly<Record<string, Messages>> = {
  illness: label("因病", "illness"),
  leave: label("事假", "leave"),
  other: label("其他", "other"),
  unknown: label("原因不明", "unknown")
}

const joinLabels = (list: ReadonlyArray<Messages>): Text | null =>
  list.length === 0 ? null : listText(list)

/**
 * The daily check summary (晨检日报 / 午检日报): per class (by grade), the children enrolled (with
 * the students), checked, present, absent, absent due to illness, with fever, with symptoms, and
 * the totals; then every child who had a fever or a symptom, was absent due to illness or has a
 * disease noted, with the temperature and the actions taken. A child checked twice (a recheck)
 * counts once, by their latest check.
 *
 * @since 0.1.0
 * @category builders
 */
export const dailyCheckSummary = (
  checks: ReadonlyArray<Health.DailyCheck>,
  options: DailyCheckReportOptions = {}
): Result.Result<Report, ValidationError> => {
  const slot = options.slot ?? "morning"
  const date = options.date ?? checks[0]?.date
  const latest = new Map<string, Health.DailyCheck>()
  for (const c of checks) {
    if (c.slot !== slot || (date !== undefined && c.date !== date)) continue
    const prev = latest.get(c.studentId)
    if (prev === undefined || prev.checkedAt.epochMilliseconds <= c.checkedAt.epochMilliseconds) latest.set(c.studentId, c)
  }
  const grades = new Map((options.org?.grades ?? []).map((g) => [g.id as string, g]))
  const classes = new Map((options.org?.classes ?? []).map((c) => [c.id as string, c]))
  const students = new Map((options.students ?? []).map((s) => [s.id as string, s]))
  const className = (id: string): string => classes.get(id)?.name ?? id
  const enrolled = new Map<string, number>()
  for (const s of options.students ?? []) if (s.enrolled) enrolled.set(s.classId, (enrolled.get(s.classId) ?? 0) + 1)
  type Counts = { checked: number; present: number; absent: number; ill: number; fever: number; symptoms: number }
  const zero = (): Counts => ({ checked: 0, present: 0, absent: 0, ill: 0, fever: 0, symptoms: 0 })
  const byClass = new Map<string, Counts>()
  for (const id of enrolled.keys()) byClass.set(id, zero())
  const attention: Array<Health.DailyCheck> = []
  for (const c of latest.values()) {
    const n = byClass.get(c.classId) ?? zero()
    n.checked++
    if (c.present) n.present++
    else n.absent++
    if (!c.present && c.absenceReason === "illness") n.ill++
    if (c.fever === true) n.fever++
    if (c.symptoms.length > 0) n.symptoms++
    byClass.set(c.classId, n)
    if (Health.Outbreak.caseOf(c) !== undefined) attention.push(c)
  }
  const level = (id: string) => grades.get(classes.get(id)?.gradeId ?? "")?.level ?? Number.MAX_SAFE_INTEGER
  const classIds = [...byClass.keys()].sort((a, b) => level(a) - level(b) || (a < b ? -1 : a > b ? 1 : 0))
  const total = zero()
  for (const n of byClass.values()) for (const k of Object.keys(total) as Array<keyof Counts>) total[k] += n[k]
  const withStudents = options.students !== undefined
  const enrolledTotal = [...enrolled.values()].reduce((a, n) => a + n, 0)
  attention.sort((a, b) => level(a.classId) - level(b.classId) || (a.classId < b.classId ? -1 : a.classId > b.classId ? 1 : 0) || a.checkedAt.epochMilliseconds - b.checkedAt.epochMilliseconds)
  const slotName = slot === "morning" ? label("晨检", "morning check") : label("午检", "noon check")
  const blocks: Array<BlockInput> = [
    {
      type: "fields",
      fields: [
        ...(date === undefined ? [] : [{ label: label("日期", "date"), value: date, type: { kind: "date" } } as const]),
        { label: label("检查", "check"), value: slotName },
        ...(withStudents ? [{ label: label("在籍人数", "enrolled"), value: enrolledTotal, type: { kind: "integer" } } as const] : []),
        { label: label("检查人数", "checked"), value: total.checked, type: { kind: "integer" } },
        { label: label("缺勤", "absent"), value: total.absent, type: { kind: "integer" } },
        { label: label("因病缺勤", "absent due to illness"), value: total.ill, type: { kind: "integer" } },
        { label: label("发热", "fever"), value: total.fever, type: { kind: "integer" } }
      ]
    },
    {
      type: "table",
      caption: label("各班情况", "By class"),
      columns: [
        { label: label("年级", "grade"), kind: "text" },
        { label: label("班级", "class"), kind: "text" },
        ...(withStudents ? [{ label: label("在籍", "enrolled"), kind: "integer" } as const] : []),
        { label: label("已检", "checked"), kind: "integer" },
        { label: label("出勤", "present"), kind: "integer" },
        { label: label("缺勤", "absent"), kind: "integer" },
        { label: label("因病缺勤", "absent, illness"), kind: "integer" },
        { label: label("发热", "fever"), kind: "integer" },
        { label: label("有症状", "with symptoms"), kind: "integer" }
      ],
      rows: classIds.map((id) => {
        const n = byClass.get(id)!
        const grade = grades.get(classes.get(id)?.gradeId ?? "")?.name ?? null
        return [grade, className(id), ...(withStudents ? [enrolled.get(id) ?? 0] : []), n.checked, n.present, n.absent, n.ill, n.fever, n.symptoms]
      }),
      totals: {
        label: label("合计", "total"),
        values: [null, null, ...(withStudents ? [enrolledTotal] : []), total.checked, total.present, total.absent, total.ill, total.fever, total.symptoms]
      },
      empty: label("无检查记录", "no checks recorded")
    },
    {
      type: "table",
      caption: label("异常情况及处理", "Children needing attention"),
      columns: [
        { label: label("班级", "class"), kind: "text" },
        { label: label("姓名", "name"), kind: "text" },
        { label: label("检查时间", "checked at"), kind: "instant" },
        { label: label("体温(°C)", "temperature (°C)"), kind: "decimal", scale: 1 },
        { label: label("发热", "fever"), kind: "text" },
        { label: label("症状", "symptoms"), kind: "text" },
        { label: label("缺勤原因", "absence"), kind: "text" },
        { label: label("疾病", "disease"), kind: "text" },
        { label: label("处理", "actions"), kind: "text" }
      ],
      rows: attention.map((c) => [
        className(c.classId),
        students.get(c.studentId)?.name ?? c.studentId,
        c.checkedAt,
        c.temperatureC ?? null,
        c.fever === true ? label("是", "yes") : null,
        joinLabels(c.symptoms.map((s) => Health.Vocabulary.symptomLabels[s])),
        c.present ? null : absenceLabels[c.absenceReason ?? "unknown"] ?? null,
        c.disease === undefined
          ? null
          : c.diseaseSuspected === true
          ? { zh: `疑似${Health.Vocabulary.diseaseLabels[c.disease].zh}`, en: `suspected ${Health.Vocabulary.diseaseLabels[c.disease].en}` }
          : Health.Vocabulary.diseaseLabels[c.disease],
        joinLabels(c.actions.map((a) => Health.Vocabulary.actionLabels[a]))
      ]),
      empty: label("无异常", "nothing to report")
    },
    {
      type: "notes",
      notes: [label("同一儿童当日多次检查（复测）的，以最后一次为准。", "A child checked more than once (a recheck) is counted by the latest check.")]
    },
    ...signatureLines(options, [
      { role: label("检查人", "Checked by"), name: options.reviewer },
      { role: label("保健老师", "Health teacher"), name: options.publisher }
    ])
  ]
  return make({
    title: slot === "morning" ? label("晨检日报", "Morning check: daily summary") : label("午检日报", "Noon check: daily summary"),
    ...(date === undefined ? {} : { subtitle: date }),
    ...documentFields(options),
    sections: [{ blocks }]
  })
}

/**
 * Options of the outbreak report: the period looked at, the organisation and the students (to
 * name classes and children).
 *
 * @since 0.1.0
 * @category models
 */
export interface OutbreakReportOptions extends DocumentOptions {
  readonly period?: { readonly from: string; readonly to: string }
  readonly org?: People.Organisation
  readonly students?: ReadonlyArray<People.Student>
}

/**
 * The outbreak report (传染病聚集性病例报告): every triggered cluster — the rule and its source, the
 * class (or the whole school), what the cases share, how many, from when to when, when it was
 * triggered and by when it must be reported — then each cluster's cases (child, class, date, time
 * of the check, symptoms, disease).
 *
 * @since 0.1.0
 * @category builders
 */
export const outbreakReport = (
  clusters: ReadonlyArray<Health.Outbreak.Cluster>,
  options: OutbreakReportOptions = {}
): Result.Result<Report, ValidationError> => {
  const classes = new Map((options.org?.classes ?? []).map((c) => [c.id as string, c.name]))
  const students = new Map((options.students ?? []).map((s) => [s.id as string, s.name]))
  const className = (id: string): string => classes.get(id) ?? id
  const shared = (c: Health.Outbreak.Cluster): Messages => Health.Outbreak.sharedLabel(c.shared)
  const withDeadline = clusters.filter((c) => c.reportBy !== null)
  const earliest = withDeadline.reduce<number | null>((a, c) => (a === null || c.reportBy!.epochMilliseconds < a ? c.reportBy!.epochMilliseconds : a), null)
  const blocks: Array<BlockInput> = [
    {
      type: "fields",
      fields: [
        ...(options.period === undefined ? [] : [{ label: label("期间", "period"), value: periodText(options.period.from, options.period.to) }]),
        { label: label("聚集性事件", "clusters"), value: clusters.length, type: { kind: "integer" } },
        { label: label("限时报告", "with a reporting deadline"), value: withDeadline.length, type: { kind: "integer" } },
        { label: label("最早报告时限", "earliest deadline"), value: earliest, type: { kind: "instant" } }
      ]
    },
    {
      type: "table",
      caption: label("聚集性事件", "Clusters"),
      columns: [
        { label: label("序号", "no."), kind: "integer" },
        { label: label("规则", "rule"), kind: "text" },
        { label: label("依据", "source"), kind: "text" },
        { label: label("范围", "where"), kind: "text" },
        { label: label("共同症状或疾病", "shared"), kind: "text" },
        { label: label("病例数", "cases"), kind: "integer" },
        { label: label("首例日期", "first"), kind: "date" },
        { label: label("末例日期", "last"), kind: "date" },
        { label: label("触发时间", "triggered at"), kind: "instant" },
        { label: label("报告时限", "report by"), kind: "instant" },
        { label: label("说明", "explanation"), kind: "text" }
      ],
      rows: clusters.map((c, i) => [
        i + 1,
        c.ruleId,
        c.rule.source,
        c.classId === undefined ? label("全校", "whole school") : className(c.classId),
        shared(c),
        c.cases.length,
        c.firstDate,
        c.lastDate,
        c.triggeredAt,
        c.reportBy,
        c.explanation
      ]),
      empty: label("未发现聚集性病例", "no clusters")
    },
    {
      type: "table",
      caption: label("病例", "Cases"),
      columns: [
        { label: label("事件序号", "cluster"), kind: "integer" },
        { label: label("班级", "class"), kind: "text" },
        { label: label("姓名", "name"), kind: "text" },
        { label: label("日期", "date"), kind: "date" },
        { label: label("检查时间", "checked at"), kind: "instant" },
        { label: label("症状", "symptoms"), kind: "text" },
        { label: label("疾病", "disease"), kind: "text" }
      ],
      rows: clusters.flatMap((c, i) =>
        c.cases.map((k) => [
          i + 1,
          className(k.classId),
          students.get(k.studentId) ?? k.studentId,
          k.date,
          k.at,
          joinLabels(k.symptoms.map((s) => Health.Vocabulary.symptomLabels[s])),
          k.disease === undefined ? null : Health.Vocabulary.diseaseLabels[k.disease]
        ])
      ),
      empty: label("无", "none")
    },
    {
      type: "notes",
      notes: [
        label(
          "规则及报告时限取自学校的规则包（见“依据”列）；国家规则为《学校和托幼机构传染病疫情报告工作规范(试行)》（卫办疾控发〔2006〕65号）。",
          "The rules and their deadlines come from the school's rule pack (see the source column); the national rules are the school reporting norm (卫办疾控发〔2006〕65号)."
        ),
        label("报告时限为触发该事件的检查时间加规则规定的时长，按学校所在时区显示。", "The deadline is the time of the check that triggered the cluster plus the rule's hours, shown in the school's zone.")
      ]
    },
    ...signatureLines(options, [
      { role: label("报告人", "Reported by"), name: options.reviewer },
      { role: label("负责人", "Head"), name: options.publisher }
    ])
  ]
  return make({
    title: label("传染病聚集性病例报告", "Infectious disease clusters: outbreak report"),
    ...(options.period === undefined ? {} : { subtitle: periodText(options.period.from, options.period.to) }),
    ...documentFields(options),
    orientation: "landscape",
    sections: [{ blocks }]
  })
}
