import { Approvals, cn, createHouqin, Ports, Retention, Simulation, Time } from "@houqin/core"
import { ApprovalsArbitraries } from "@houqin/core/testing"
import { Result } from "effect"
import { describe, expect, it } from "vitest"
import { auditVerification } from "../src/builders/audit.ts"
import { decisionRecord, routeExplanation } from "../src/builders/approvals.ts"
import { findingsReport } from "../src/builders/findings.ts"
import { staffRoster } from "../src/builders/people.ts"
import { retentionRegister, retentionSummary, ruleLabels, temperatureLogReport } from "../src/builders/retention.ts"
import { replayReport, simulationComparison } from "../src/builders/simulation.ts"
import * as Csv from "../src/Csv.ts"
import * as Html from "../src/Html.ts"
import type { Report } from "../src/Report.ts"
import { tables } from "../src/Report.ts"
import * as Xlsx from "../src/Xlsx.ts"
import { parseCsv } from "./support/csv.ts"
import { evaluation, registerRows, samples as fixtureSamples } from "./support/fixtures.ts"
import { byName, parseXml, textOf } from "./support/xml.ts"
import { readXlsx } from "./support/xlsx.ts"

/** renders to every format in both locales, checking each parses back */
const renderAll = (report: Report) => {
  for (const locale of ["zh-CN", "en"] as const) {
    parseCsv(Csv.render(report, { locale }))
    parseXml(Html.render(report, { locale }))
    readXlsx(Xlsx.render(report, { locale }))
  }
}

const htmlRows = (report: Report, locale: "zh-CN" | "en" = "zh-CN", table = 0) => {
  const doc = parseXml(Html.render(report, { locale }))
  return byName(byName(doc, "table")[table]!, "tr").map((tr) => tr.children.filter((c) => typeof c !== "string").map((c) => textOf(c as never)))
}

describe("retention register (留样记录表)", () => {
  const report = Result.getOrThrow(retentionRegister(registerRows(), {
    school: "红旗小学",
    period: { from: "2026-03-16", to: "2026-03-16" },
    policy: Retention.Rules.cn,
    reviewer: "王主任"
  }))

  it("lines in the order of the day: lunch, then dinner; times in Shanghai; earliest disposal = taken + 48 h", () => {
    const rows = htmlRows(report)
    expect(rows[0]).toEqual(["日期", "餐次", "留样食品名称", "留样量(克)", "留样时间", "留样人", "审核人", "留样柜", "容器标识", "最早销毁时间", "销毁时间", "销毁人", "封存", "问题"])
    // lunch: 150 g taken 11:40 on the 16th; + 48 h = 11:40 on the 18th; disposed 12:00 on the 18th by 赵师傅
    expect(rows[1]).toEqual(["2026-03-16", "午餐", "红烧肉", "150", "2026-03-16 11:40", "李干事", "王主任", "留样柜一号", "", "2026-03-18 11:40", "2026-03-18 12:00", "赵师傅", "", "温度记录间隔过长"])
    // dinner: 100 g < 125 g — too light; kept (not disposed); no readings at all — not monitored
    expect(rows[2]).toEqual(["2026-03-16", "晚餐", "清炒<b>青菜</b>", "100", "2026-03-16 17:40", "李干事", "王主任", "留样柜一号", "", "2026-03-18 17:40", "", "", "", "留样量不足；温度记录间隔过长"])
  })

  it("the requirement line comes from the rule pack (125 g, 0–8 °C, 48 h), and the counts are right", () => {
    const doc = parseXml(Html.render(report))
    const dds = byName(doc, "dd").map(textOf)
    expect(dds).toEqual([
      "2026-03-16 至 2026-03-16",
      "每餐次每个品种留样不少于 125 克，于专用留样柜 0–8 °C 冷藏，留存不少于 48 小时",
      "2",
      "1",
      "2"
    ])
  })

  it("English labels", () => {
    expect(htmlRows(report, "en")[2]![13]).toBe("sample too light; temperature not recorded")
    expect(htmlRows(report, "en")[0]![3]).toBe("sample (g)")
  })

  it("rows read from storage carry no findings: the evaluation's are put on their lines", () => {
    const bare = registerRows().map((r) => ({ ...r, findings: [], worstSeverity: null }))
    const merged = Result.getOrThrow(retentionRegister(bare, { findings: evaluation().findings }))
    expect(htmlRows(merged).slice(1).map((r) => r[13])).toEqual(["温度记录间隔过长", "留样量不足；温度记录间隔过长"])
    const none = Result.getOrThrow(retentionRegister(bare))
    expect(htmlRows(none).slice(1).map((r) => r[13])).toEqual(["", ""])
  })

  it("a held sample's hold (封存): when, by whose order and why, then its release; the count of samples still on hold", () => {
    const at = (iso: string) => Time.parseInstant(iso)!
    const hold = { at: at("2026-03-17T09:00+08:00"), by: "staff-wang", orderedBy: "区市场监管局", reason: "疑似食物中毒" }
    const lunch = fixtureSamples().find((s) => s.meal === "lunch")
    const dinner = fixtureSamples().find((s) => s.meal === "dinner")
    const held = [
      // lunch: handed over to the regulator on the 18th; dinner: still on hold
      { ...lunch!, disposal: undefined, hold: { ...hold, release: { at: at("2026-03-18T10:00+08:00"), by: "staff-wang", outcome: "handedOver" as const, to: "区疾控中心" } } },
      { ...dinner!, hold }
    ].map(({ disposal: _d, ...s }) => s) as Array<Retention.Sample>
    const rows = Retention.registerRows(held, { policy: Retention.Rules.cn, zone: "Asia/Shanghai" as Time.Zone })
    const report = Result.getOrThrow(retentionRegister(rows))
    expect(htmlRows(report).slice(1).map((r) => r[12])).toEqual([
      "2026-03-17 09:00 封存（区市场监管局：疑似食物中毒）；2026-03-18 10:00 移交区疾控中心",
      "2026-03-17 09:00 封存（区市场监管局：疑似食物中毒）"
    ])
    expect(htmlRows(report, "en")[2]![12]).toBe("held at 2026-03-17 09:00 by order of 区市场监管局: 疑似食物中毒")
    // samples 2, disposed of 0, with problems 0, on hold 1 (the handed-over one is no longer held)
    expect(byName(parseXml(Html.render(report)), "dd").map(textOf)).toEqual(["2", "0", "0", "1"])
    renderAll(report)
  })

  it("every retention rule has a label", () => {
    expect(Object.keys(ruleLabels).sort()).toEqual(Object.values(Retention.Findings.ruleIds).sort())
  })

  it("renders in every format and both locales", () => renderAll(report))
})

describe("fridge temperature log (留样柜温度记录表)", () => {
  const reading = (local: string, celsius: number) => ({ fridgeId: "fridge-1", at: Time.parseInstant(`${local}+08:00`)!, celsius, recordedBy: "李干事" })
  const log = (entries: boolean) =>
    Result.getOrThrow(Retention.temperatureLog({
      fridge: { id: "fridge-1", name: "留样柜一号" },
      policy: Retention.Rules.cn,
      zone: "Asia/Shanghai" as Time.Zone,
      period: { from: "2026-03-16" as never, to: "2026-03-17" as never },
      asOf: Time.parseInstant("2026-03-19T12:00+08:00")!,
      entries,
      readings: [
        reading("2026-03-16T08:00", 3.5),
        reading("2026-03-16T14:00", 9.5),
        reading("2026-03-16T20:00", 10.2),
        reading("2026-03-17T08:00", 5),
        reading("2026-03-18T20:00", 4)
      ]
    }))
  const report = Result.getOrThrow(temperatureLogReport(log(true), { school: "红旗小学", reviewer: "王主任" }))

  it("a line per day, the breach of 18 hours and the gap of 36 hours, in Shanghai time; every reading marked", () => {
    renderAll(report)
    // 16 March: 3.5, 9.5, 10.2 → lowest 3.5, highest 10.2, 2 above 8 °C; 17 March: 5.0 alone
    expect(htmlRows(report, "zh-CN", 0)).toEqual([
      ["日期", "记录次数", "最低（°C）", "最高（°C）", "超出范围", "首次记录", "末次记录"],
      ["2026-03-16", "3", "3.5", "10.2", "2", "2026-03-16 08:00", "2026-03-16 20:00"],
      ["2026-03-17", "1", "5.0", "5.0", "0", "2026-03-17 08:00", "2026-03-17 08:00"],
      ["合计", "4", "3.5", "10.2", "2", "", ""]
    ])
    // 14:00 → 08:00 the next day: 18 h = 1,080 minutes, peak 10.2 °C at 20:00
    expect(htmlRows(report, "zh-CN", 1).slice(1)).toEqual([["2026-03-16 14:00", "2026-03-17 08:00", "1,080", "10.2", "2026-03-16 20:00", "2"]])
    // 17 March 08:00 → 18 March 20:00: 36 h without a reading (more than 24)
    expect(htmlRows(report, "zh-CN", 2).slice(1)).toEqual([["2026-03-17 08:00", "2026-03-18 20:00", "36.0"]])
    expect(htmlRows(report, "zh-CN", 3).slice(1).map((r) => [r[0], r[1], r[2]])).toEqual([
      ["2026-03-16 08:00", "3.5", "是"],
      ["2026-03-16 14:00", "9.5", "否（超出范围）"],
      ["2026-03-16 20:00", "10.2", "否（超出范围）"],
      ["2026-03-17 08:00", "5.0", "是"]
    ])
    expect(htmlRows(report, "en", 3)[2]![2]).toBe("no (out of range)")
    const svg = Html.render(report)
    expect(svg).toContain("<svg")
  })

  it("the requirement comes from the rule pack, the readings list only when the log has it and it is wanted", () => {
    const dds = byName(parseXml(Html.render(report)), "dd").map(textOf)
    expect(dds.slice(0, 3)).toEqual(["留样柜一号（fridge-1）", "2026-03-16 至 2026-03-17", "0–8 °C（含两端），两次记录间隔不超过 24 小时"])
    expect(tables(Result.getOrThrow(temperatureLogReport(log(false)))).length).toBe(3)
    expect(tables(Result.getOrThrow(temperatureLogReport(log(true), { entries: false }))).length).toBe(3)
    expect(tables(report).length).toBe(4)
  })
})

describe("retention compliance summary", () => {
  const ev = evaluation()
  const summary = Retention.summarise(ev)
  const report = Result.getOrThrow(retentionSummary(summary, { findings: ev.findings }))

  it("counts: 2 samples, both with findings → 0.0% without; by rule: minGrams 1, readingGap 2", () => {
    const doc = parseXml(Html.render(report))
    const fields = Object.fromEntries(byName(doc, "dt").map((dt, i) => [textOf(dt), textOf(byName(doc, "dd")[i]!)]))
    expect(fields).toMatchObject({ "留样数": "2", "有问题的留样": "2", "无问题留样占比": "0.0%", "统计截至": "2026-03-20 00:00" })
    expect(htmlRows(report, "zh-CN", 0)).toEqual([
      ["规则", "规则编号", "问题数", "涉及对象"],
      ["留样量不足", "retention.minGrams", "1", "1"],
      ["温度记录间隔过长", "retention.readingGap", "2", "2"],
      ["合计", "", "3", ""]
    ])
    expect(htmlRows(report, "zh-CN", 1)).toEqual([["严重程度", "问题数"], ["严重", "0"], ["违规", "1"], ["警告", "2"], ["提示", "0"]])
  })

  it("lists the findings in canonical order with their explanations, and charts them", () => {
    const list = htmlRows(report, "zh-CN", 2)
    expect(list.length).toBe(1 + ev.findings.length)
    expect(list.slice(1).map((r) => r[1])).toEqual(ev.findings.map((f) => `${ruleLabels[f.rule as Retention.Findings.RuleId].zh}（${f.rule}）`))
    expect(list.slice(1).map((r) => r[5])).toEqual(ev.findings.map((f) => f.explanation.zh))
    expect(byName(parseXml(Html.render(report)), "svg")).toHaveLength(1)
  })

  it("renders in every format and both locales", () => renderAll(report))
})

describe("findings of any module", () => {
  it("any order in, canonical order out; counts by severity", () => {
    const findings = [...evaluation().findings].reverse()
    const report = Result.getOrThrow(findingsReport(findings, { ruleLabels }))
    const list = tables(report)[1]!
    expect(list.rows.map((r) => r[0])).toEqual([...list.rows.map((r) => r[0] as number)].sort((a, b) => a - b))
    const csv = parseCsv(Csv.table(report, { index: 1, locale: "en" }))
    expect(csv[0]).toEqual(["at", "rule", "subject", "severity", "evidence", "explanation"])
    expect(csv.slice(1).map((r) => r[3]).sort()).toEqual(["violation", "warning", "warning"])
    renderAll(report)
  })

  it("approval policy checks (another module) go through the same report", () => {
    const org = ApprovalsArbitraries.kindergartenOrg()
    const kg = Approvals.instantiate(cn.approvals.presets.kindergarten, { schoolId: "kg-1", id: "kg-purchase", effectiveFrom: "2026-02-01" })
    const gappy = { ...kg, rules: kg.rules.filter((r) => r.id !== "kg.above1000") }
    const at = Time.parseInstant("2026-03-01T00:00:00Z")!
    const findings = Approvals.toFindings(Approvals.checkPolicy(gappy, org), gappy, at)
    expect(findings.length).toBeGreaterThan(0)
    const report = Result.getOrThrow(findingsReport(findings))
    expect(tables(report)[1]!.rows.length).toBe(findings.length)
    renderAll(report)
  })
})

describe("approvals", () => {
  const org = ApprovalsArbitraries.kindergartenOrg()
  const kg = Approvals.instantiate(cn.approvals.presets.kindergarten, { schoolId: "kg-1", id: "kg-purchase", effectiveFrom: "2026-02-01" })
  const request = ApprovalsArbitraries.request({ fen: 100_001 })
  const route = Result.getOrThrow(Approvals.route(request, kg, org))

  it("route explanation: ¥1,000.01 needs the committee (all 3), a collective decision, a form and a designated purchasing point", () => {
    const report = Result.getOrThrow(routeExplanation(request, route, { org }))
    const doc = parseXml(Html.render(report))
    const fields = Object.fromEntries(byName(doc, "dt").map((dt, i) => [textOf(dt), textOf(byName(doc, "dd")[i]!)]))
    expect(fields).toMatchObject({ "申请人": "孙老师", "部门": "保教组", "金额": "¥1,000.01", "提交时间": "2026-03-02 09:00", "审批政策": "kg-purchase 第 1 版" })
    expect(htmlRows(report, "zh-CN", 0)[1]).toEqual(["1", "园委会", "全体 3 人", "3", "李副园长、王园长、赵保健老师", "", "kg.above1000"])
    expect(htmlRows(report, "zh-CN", 1).slice(1)).toEqual([["集体决策"], ["填表审批"], ["到指定的政府采购点购置"]])
    expect(textOf(byName(doc, "section")[2]!)).toContain("附加要求：集体决策；填表审批；到指定的政府采购点购置。")
    renderAll(report)
  })

  it("route explanation: a step with a deadline and nobody above to escalate to says so in the escalation column", () => {
    // the committee's step given a 48-hour deadline: the route keeps it (deadlineHours) without an
    // escalation, since no role is above the committee
    const late = { ...route, steps: route.steps.map(({ escalation: _e, ...s }) => ({ ...s, deadlineHours: 48 })) }
    const report = Result.getOrThrow(routeExplanation(request, late, { org }))
    expect(htmlRows(report, "zh-CN", 0)[1]![5]).toBe("限 48 小时，无上级可上报")
    expect(htmlRows(report, "en", 0)[1]![5]).toBe("48 h, nobody above to escalate to")
  })

  it("decision record: three approvals in order, pending → approved", () => {
    let state = Approvals.start(request, route)
    const decisions: Array<Approvals.StoredDecision> = []
    route.steps[0]!.eligible.forEach((actor, i) => {
      const out = Result.getOrThrow(Approvals.decide(state, { type: "approve", actor, at: Time.parseInstant(`2026-03-0${3 + i}T10:00:00+08:00`)! }))
      state = out.state
      decisions.push({ schoolId: "kg-1", id: `d-${i}`, version: 1, seq: i + 1, record: out.record } as unknown as Approvals.StoredDecision)
    })
    const stored = { schoolId: "kg-1", id: request.id, version: 3, request, state } as unknown as Approvals.StoredRequest
    const report = Result.getOrThrow(decisionRecord(stored, [...decisions].reverse(), { org }))
    const rows = htmlRows(report, "zh-CN", 1)
    expect(rows.slice(1).map((r) => [r[0], r[1], r[2], r[3], r[6]])).toEqual([
      ["1", "2026-03-03 10:00", "批准", "李副园长", "审批中 → 审批中"],
      ["2", "2026-03-04 10:00", "批准", "王园长", "审批中 → 审批中"],
      ["3", "2026-03-05 10:00", "批准", "赵保健老师", "审批中 → 已批准"]
    ])
    expect(htmlRows(report, "en", 1)[3]![6]).toBe("pending → approved")
    renderAll(report)
  })

  it("decision record of a chain: the officer silent 48 hours is passed to the director, and the record lists the link passed", () => {
    const school = Approvals.instantiate(cn.approvals.presets.school, { schoolId: "kg-1", id: "school", effectiveFrom: "2026-02-01" })
    const req = ApprovalsArbitraries.request({ fen: 10_000 })
    let state = Approvals.start(req, Result.getOrThrow(Approvals.route(req, school, org)))
    const decisions: Array<Approvals.StoredDecision> = []
    const steps = [
      { type: "approve", actor: "s-leader", at: "2026-03-02T10:00:00+08:00" },
      { type: "escalate", actor: "system", at: "2026-03-04T10:00:00+08:00" },
      { type: "approve", actor: "s-director", at: "2026-03-04T11:00:00+08:00" }
    ] as const
    steps.forEach((a, i) => {
      const out = Result.getOrThrow(Approvals.decide(state, { ...a, at: Time.parseInstant(a.at)! } as Approvals.Action, { org }))
      state = out.state
      decisions.push({ schoolId: "kg-1", id: `d-${i}`, version: 1, seq: i + 1, record: out.record } as unknown as Approvals.StoredDecision)
    })
    expect(state.status).toBe("approved")
    const stored = { schoolId: "kg-1", id: req.id, version: 3, request: req, state } as unknown as Approvals.StoredRequest
    const report = Result.getOrThrow(decisionRecord(stored, decisions, { org }))
    expect(htmlRows(report, "zh-CN", 1)[2]![8]).toBe("第 1 步“责任链（周组长 → 刘干事 → 陈主任）”：刘干事 超过 48 小时未审批，转由下一级 陈主任 审批；依据政策 school 第 1 版")
    expect(htmlRows(report, "zh-CN", 3)).toEqual([["步骤", "未审批人", "转由", "期限(小时)", "时间"], ["1", "刘干事", "陈主任", "48", "2026-03-04 10:00"]])
    expect(htmlRows(report, "en", 3)[0]).toEqual(["step", "silent", "passed to", "deadline (h)", "at"])
    renderAll(report)
  })

  it("replay under a ¥5,000 threshold: a ¥2,000 purchase drops its three conditions", () => {
    const raise = (fen: number | undefined) => (fen === 100_000 ? 500_000 : fen)
    const relaxed = {
      ...kg,
      revision: 2,
      rules: kg.rules.map((r) => ({
        ...r,
        when: { ...r.when, ...(r.when.amount === undefined ? {} : { amount: Object.fromEntries(Object.entries(r.when.amount).map(([k, v]) => [k, raise(v)])) }) }
      }))
    } as typeof kg
    const history = [{ request: ApprovalsArbitraries.request({ fen: 200_000, id: "req-2" as never }) }, { request: ApprovalsArbitraries.request({ fen: 50_000, id: "req-3" as never }) }]
    const replayed = Simulation.replay(history, relaxed, org, kg)
    const report = Result.getOrThrow(replayReport(replayed))
    const rows = htmlRows(report)
    expect(rows[0]).toEqual(["申请", "有变化", "增加的步骤", "取消的步骤", "增加的要求", "取消的要求", "原签批仍足够", "说明"])
    expect(rows[1]!.slice(0, 6)).toEqual(["req-2", "是", "", "", "", "集体决策；填表审批；到指定的政府采购点购置"])
    expect(rows[2]!.slice(0, 6)).toEqual(["req-3", "否", "", "", "", ""])
    const doc = parseXml(Html.render(report))
    expect(byName(doc, "dd").map(textOf)).toEqual(["2", "1", "50.0%"])
    renderAll(report)
  })
})

describe("simulation comparison (worked by hand)", () => {
  const est = (mean: number, low: number, high: number) => ({ n: 100, mean, sd: 0, low, high })
  const comparison = {
    a: { scenarioId: "threshold-1000", policyId: "kg", policyRevision: 1, seed: 2026, replications: new Array(100), summary: { shareApproved: est(0.9, 0.85, 0.95), leadTimeMeanHours: est(30, 28, 32) } },
    b: { scenarioId: "threshold-5000", policyId: "kg", policyRevision: 2, seed: 2026, replications: new Array(100), summary: { shareApproved: est(0.95, 0.93, 0.97), leadTimeMeanHours: est(20.125, 19, 21.25) } },
    difference: { shareApproved: est(0.05, 0.03, 0.07), leadTimeMeanHours: est(-9.875, -11, -8.75) }
  } as unknown as Simulation.Comparison

  it("shares in percent (0.9 → 90.00), hours with two decimals (20.125 → 20.13 half-up), significance from the interval", () => {
    const report = Result.getOrThrow(simulationComparison(comparison, { names: { a: "¥1,000", b: "¥5,000" } }))
    expect(htmlRows(report)).toEqual([
      ["指标", "¥1,000 均值", "¥1,000 下限", "¥1,000 上限", "¥5,000 均值", "¥5,000 下限", "¥5,000 上限", "差值 B−A", "差值下限", "差值上限", "差异显著"],
      ["批准比例(%)", "90.00", "85.00", "95.00", "95.00", "93.00", "97.00", "5.00", "3.00", "7.00", "是"],
      ["平均审批用时(小时)", "30.00", "28.00", "32.00", "20.13", "19.00", "21.25", "-9.88", "-11.00", "-8.75", "是"]
    ])
    expect(byName(parseXml(Html.render(report)), "svg")).toHaveLength(2)
    renderAll(report)
  })
})

describe("audit-log verification", () => {
  it("an intact chain against its head, and a tampered one with its problem", async () => {
    const houqin = createHouqin({ clock: () => Date.UTC(2026, 8, 1, 0, 30) })
    const org = ApprovalsArbitraries.kindergartenOrg("kg-9")
    await houqin.people.saveOrganisation({ schoolId: "kg-9", actor: "s-head", organisation: org })
    const entries = await houqin.audit.entries("kg-9")
    const head = (await houqin.audit.head("kg-9"))
    const ok = await houqin.audit.verify("kg-9", { recordedHead: head })
    const tampered = entries.map((e) => ({ ...e, actor: "someone-else" }))
    const broken = await houqin.run(Ports.AuditLog.verifyChain(tampered, head))
    await houqin.dispose()

    const good = Result.getOrThrow(auditVerification(ok, { schoolId: "kg-9", recordedHead: head, entries }))
    const doc = parseXml(Html.render(good))
    expect(byName(doc, "dd").map(textOf)).toContain("完整，与登记的链头一致")
    expect(htmlRows(good, "zh-CN", 1)[1]![6]).toBe(head.hash)
    expect(htmlRows(good, "zh-CN", 1)[1]![1]).toBe("2026-09-01 08:30:00")

    const bad = Result.getOrThrow(auditVerification(broken, { schoolId: "kg-9", recordedHead: head }))
    const rows = htmlRows(bad, "en", 0)
    expect(rows[1]![0]).toBe("changed")
    expect(rows[1]![3]).toBe("entry 1 does not match its hash (it was changed)")
    renderAll(good)
    renderAll(bad)
  })
})

describe("people", () => {
  it("staff roster by department, roles by level", () => {
    const report = Result.getOrThrow(staffRoster(ApprovalsArbitraries.kindergartenOrg()))
    const rows = htmlRows(report)
    expect(rows).toContainEqual(["陈主任", "后勤组", "主任", "是"])
    expect(rows).toContainEqual(["王园长", "", "园委会", "是"])
    renderAll(report)
  })
})
