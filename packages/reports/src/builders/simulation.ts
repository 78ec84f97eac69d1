/**
 * Policy simulation reports: the comparison of two scenarios run on the same seed (政策模拟对比 —
 * each output's mean with its 95% confidence interval under both policies, and the paired
 * difference), with charts, and the replay of a recorded history under another policy (历史申请
 * 重放 — what each request would have needed instead).
 *
 * Input is what `@houqin/core/simulation` gives: `Simulation.compare(a, b)` and
 * `Simulation.replay(history, policy, org)`.
 *
 * @since 0.1.0
 */
import type { Messages, ValidationError } from "@houqin/core"
import { Approvals } from "@houqin/core"
import type { Simulation } from "@houqin/core"
import type { Result } from "effect"
import type { Text } from "../Locale.ts"
import { label, text } from "../Locale.ts"
import type { BlockInput, Report } from "../Report.ts"
import { make } from "../Report.ts"
import type { DocumentOptions } from "./document.ts"
import { documentFields, signatureLines } from "./document.ts"

/**
 * The names of the simulation's outputs; shares are shown in percent, lead times in hours.
 *
 * @since 0.1.0
 * @category constants
 */
export const metricLabels: Readonly<Record<string, Messages>> = {
  requests: label("申请数", "requests"),
  decisions: label("审批操作数", "decisions"),
  shareApproved: label("批准比例(%)", "approved (%)"),
  shareRejected: label("驳回比例(%)", "rejected (%)"),
  shareUnrouted: label("无法确定审批路径(%)", "not routable (%)"),
  shareUndecided: label("未决或撤回(%)", "undecided or withdrawn (%)"),
  shareEscalated: label("逾期上报(%)", "escalated (%)"),
  shareCollectiveDecision: label("需集体决策(%)", "collective decision (%)"),
  shareGovernmentChannel: label("需政府采购渠道(%)", "government channel (%)"),
  leadTimeMeanHours: label("平均审批用时(小时)", "mean lead time (h)"),
  leadTimeP50Hours: label("审批用时中位数(小时)", "median lead time (h)"),
  leadTimeP90Hours: label("审批用时 P90(小时)", "lead time P90 (h)"),
  leadTimeP95Hours: label("审批用时 P95(小时)", "lead time P95 (h)")
}

const metricName = (key: string): Text => {
  const l = metricLabels[key]
  if (l !== undefined) return l
  if (key.startsWith("approvals.")) {
    const role = key.slice("approvals.".length)
    return { zh: `签批次数：${role}`, en: `approvals by ${role}` }
  }
  return key
}

const isShare = (key: string) => key.startsWith("share")

/** a mean or bound in the unit shown: shares as percent, rounded to 4 decimals, NaN as empty */
const shown = (key: string, v: number): number | null =>
  Number.isFinite(v) ? Number((isShare(key) ? v * 100 : v).toFixed(4)) : null

const order = (keys: Iterable<string>): Array<string> => {
  const known = Object.keys(metricLabels)
  return [...new Set(keys)].sort((a, b) => {
    const ia = known.indexOf(a)
    const ib = known.indexOf(b)
    if (ia >= 0 || ib >= 0) return (ia < 0 ? known.length : ia) - (ib < 0 ? known.length : ib)
    return a < b ? -1 : a > b ? 1 : 0
  })
}

/**
 * Options of the comparison: the names of the two scenarios (default their ids) and the outputs
 * to show (default all, known ones first).
 *
 * @since 0.1.0
 * @category models
 */
export interface ComparisonReportOptions extends DocumentOptions {
  readonly names?: { readonly a: Text; readonly b: Text }
  readonly metrics?: ReadonlyArray<string>
}

/**
 * The comparison of two scenarios (政策模拟对比): for every output, the mean and 95% confidence
 * interval under A and under B, and the paired difference B − A with its interval and whether the
 * interval excludes zero; a chart of the shares and one of the lead times.
 *
 * @since 0.1.0
 * @category builders
 */
export const simulationComparison = (comparison: Simulation.Comparison, options: ComparisonReportOptions = {}): Result.Result<Report, ValidationError> => {
  const { a, b, difference } = comparison
  const nameA: Text = options.names?.a ?? a.scenarioId
  const nameB: Text = options.names?.b ?? b.scenarioId
  const keys = order(options.metrics ?? [...Object.keys(a.summary), ...Object.keys(b.summary)])
  const dec = (l: Messages) => ({ label: l, kind: "decimal" as const, scale: 2 })
  const colsOf = (name: Text) => {
    const zh = text(name, "zh-CN")
    const en = text(name, "en")
    return [dec({ zh: `${zh} 均值`, en: `${en} mean` }), dec({ zh: `${zh} 下限`, en: `${en} low` }), dec({ zh: `${zh} 上限`, en: `${en} high` })]
  }
  const table: BlockInput = {
    type: "table",
    caption: label("各项指标（均值与 95% 置信区间）", "Outputs (means with 95% confidence intervals)"),
    columns: [
      { label: label("指标", "output"), kind: "text" },
      ...colsOf(nameA),
      ...colsOf(nameB),
      dec(label("差值 B−A", "difference B−A")),
      dec(label("差值下限", "difference low")),
      dec(label("差值上限", "difference high")),
      { label: label("差异显著", "significant"), kind: "text" }
    ],
    rows: keys.map((k) => {
      const ea = a.summary[k]
      const eb = b.summary[k]
      const d = difference[k]
      const triple = (e: { readonly mean: number; readonly low: number; readonly high: number } | undefined) =>
        e === undefined ? [null, null, null] : [shown(k, e.mean), shown(k, e.low), shown(k, e.high)]
      const significant = d === undefined || !Number.isFinite(d.low) || !Number.isFinite(d.high)
        ? null
        : d.low > 0 || d.high < 0 ? label("是", "yes") : label("否", "no")
      return [metricName(k), ...triple(ea), ...triple(eb), ...triple(d), significant]
    })
  }
  const shares = keys.filter(isShare)
  const leads = keys.filter((k) => k.startsWith("leadTime"))
  const chart = (title: Messages, ks: ReadonlyArray<string>, kind: "percent" | "decimal"): BlockInput => ({
    type: "chart",
    chart: {
      kind: "bar",
      title,
      categories: ks.map(metricName),
      series: [
        { name: nameA, values: ks.map((k) => finite(a.summary[k]?.mean)) },
        { name: nameB, values: ks.map((k) => finite(b.summary[k]?.mean)) }
      ],
      value: { kind },
      width: 720,
      height: 380
    }
  })
  const charts: Array<BlockInput> = []
  if (shares.length > 0) charts.push(chart(label("各类结果所占比例", "Shares of outcomes"), shares, "percent"))
  if (leads.length > 0) charts.push(chart(label("审批用时（小时）", "Lead time (hours)"), leads, "decimal"))
  return make({
    title: label("审批政策模拟对比", "Approval policy simulation: comparison"),
    subtitle: { zh: `${text(nameA, "zh-CN")} 与 ${text(nameB, "zh-CN")}`, en: `${text(nameA, "en")} and ${text(nameB, "en")}` },
    ...documentFields(options),
    orientation: "landscape",
    sections: [
      {
        blocks: [
          {
            type: "fields",
            fields: [
              { label: { zh: `方案 A`, en: "scenario A" }, value: nameA },
              { label: label("A 的政策", "policy of A"), value: { zh: `${a.policyId} 第 ${a.policyRevision} 版`, en: `${a.policyId} revision ${a.policyRevision}` } },
              { label: { zh: `方案 B`, en: "scenario B" }, value: nameB },
              { label: label("B 的政策", "policy of B"), value: { zh: `${b.policyId} 第 ${b.policyRevision} 版`, en: `${b.policyId} revision ${b.policyRevision}` } },
              { label: label("随机种子", "seed"), value: a.seed, type: { kind: "integer" } },
              { label: label("重复次数", "replications"), value: Math.min(a.replications.length, b.replications.length), type: { kind: "integer" } }
            ]
          },
          table,
          ...charts,
          {
            type: "notes",
            notes: [
              label(
                "两个方案使用相同的随机种子（共同随机数），差值为逐次配对计算，其置信区间按 t 分布计算。",
                "Both scenarios ran on the same seed (common random numbers); differences are paired replication by replication, with Student's t intervals."
              ),
              label("比例以百分数表示；“差异显著”指差值的 95% 置信区间不含 0。", "Shares are in percent; \"significant\" means the 95% interval of the difference excludes 0.")
            ]
          },
          ...signatureLines({ ...options, signatures: options.signatures ?? false })
        ]
      }
    ]
  })
}

const finite = (v: number | undefined): number | null => (v === undefined || !Number.isFinite(v) ? null : v)

/**
 * The replay of a recorded history under another policy (历史申请重放): how many requests would
 * change, and for each the steps and conditions added or removed, whether the approvals given would
 * still suffice, and the explanation.
 *
 * @since 0.1.0
 * @category builders
 */
export const replayReport = (report: Simulation.ReplayReport, options: DocumentOptions = {}): Result.Result<Report, ValidationError> => {
  const join = (xs: ReadonlyArray<Messages>): Messages | null =>
    xs.length === 0 ? null : { zh: xs.map((x) => x.zh).join("；"), en: xs.map((x) => x.en).join("; ") }
  const conditions = (cs: ReadonlyArray<Approvals.ConditionKind>): Messages | null => join(cs.map((c) => Approvals.conditionLabel[c]))
  return make({
    title: label("历史申请在新政策下的重放", "Replay of recorded requests under a new policy"),
    subtitle: { zh: `${report.policyId} 第 ${report.policyRevision} 版`, en: `${report.policyId} revision ${report.policyRevision}` },
    ...documentFields(options),
    orientation: "landscape",
    sections: [{
      blocks: [
        {
          type: "fields",
          fields: [
            { label: label("申请数", "requests"), value: report.total, type: { kind: "integer" } },
            { label: label("有变化的申请", "changed"), value: report.changed, type: { kind: "integer" } },
            { label: label("变化比例", "share changed"), value: report.total === 0 ? null : report.changed / report.total, type: { kind: "percent" } }
          ]
        },
        {
          type: "table",
          columns: [
            { label: label("申请", "request"), kind: "text" },
            { label: label("有变化", "changed"), kind: "text" },
            { label: label("增加的步骤", "steps added"), kind: "text" },
            { label: label("取消的步骤", "steps dropped"), kind: "text" },
            { label: label("增加的要求", "conditions added"), kind: "text" },
            { label: label("取消的要求", "conditions dropped"), kind: "text" },
            { label: label("原签批仍足够", "approvals still suffice"), kind: "text" },
            { label: label("说明", "explanation"), kind: "text" }
          ],
          rows: report.lines.map((l) => [
            l.requestId,
            l.changed ? label("是", "yes") : label("否", "no"),
            join(l.addedSteps),
            join(l.removedSteps),
            conditions(l.addedConditions),
            conditions(l.removedConditions),
            l.recordedApprovalsSuffice === undefined ? null : l.recordedApprovalsSuffice ? label("是", "yes") : label("否", "no"),
            l.explanation
          ]),
          empty: label("无申请", "no requests")
        },
        ...signatureLines({ ...options, signatures: options.signatures ?? false })
      ]
    }]
  })
}
