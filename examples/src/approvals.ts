/**
 * Approval policies as data, from the seed documents' kindergarten rule to a policy simulation.
 *
 * 1. The seed rule (仟元以内物品由园委会讨论通过；仟元以上物品经园委会讨论通过，再填表审批，并到指定的
 *    政府采购点购置) is the `cn` pack's `kindergarten` preset. Routed at ¥999.99, ¥1,000.00 and
 *    ¥1,000.01 with the plain `route` function, each route explains itself in zh-CN and en:
 *    ¥1,000.00 is still "仟元以内" (the band is ≤ 100,000 fen), ¥1,000.01 is not.
 * 2. A request taken through the workflow with the Promise front door under the `school` preset
 *    (the department's responsibility chain, team leader → officer → director, 48 hours a step):
 *    the team leader approves, the officer delegates to a colleague who approves for him, the
 *    director says nothing for 48 hours and the step escalates to the committee, where the head
 *    approves.
 * 3. "What if the committee's threshold were ¥5,000?" — a term of purchases simulated under both
 *    thresholds on the same seed (common random numbers), with 95% confidence intervals of the
 *    means and of their paired differences.
 */
import { cn, createHouqin, Id, Money } from "@houqin/core"
import type { Houqin } from "@houqin/core"
import type { Policy } from "@houqin/core/approvals"
import { decodeRequest, instantiate, route } from "@houqin/core/approvals"
import type { Estimate } from "@houqin/core/simulation"
import { compare, decode as decodeScenario, simulate } from "@houqin/core/simulation"
import { Result } from "effect"

/** what the example proves, for the test */
export interface ApprovalsResult {
  readonly routes: ReadonlyArray<{ readonly fen: number; readonly rules: ReadonlyArray<string>; readonly conditions: ReadonlyArray<string>; readonly explanation: string }>
  readonly workflow: ReadonlyArray<{ readonly action: string; readonly actor: string; readonly onBehalfOf: string | undefined; readonly statusAfter: string }>
  readonly finalStatus: string
  readonly approvals: ReadonlyArray<{ readonly by: string; readonly for: string; readonly escalated: boolean }>
  readonly simulation: {
    readonly replications: number
    readonly requests: Estimate
    readonly shareCollective: { readonly at1000: Estimate; readonly at5000: Estimate; readonly difference: Estimate }
    readonly requestsDifference: Estimate
  }
}

const schoolId = "kg-hongqi"

// the kindergarten's organisation (the kernel's People model): a committee of three (园委会), a
// logistics department with its responsibility chain, and teachers
const organisation = {
  schoolId,
  id: schoolId,
  school: { id: schoolId, name: "红旗幼儿园", kind: "kindergarten", zone: "Asia/Shanghai" },
  roles: [
    { id: "teamLeader", name: { zh: "班组长", en: "team leader" }, level: 10 },
    { id: "officer", name: { zh: "干事", en: "officer" }, level: 20 },
    { id: "director", name: { zh: "后勤主任", en: "logistics director" }, level: 30 },
    { id: "committee", name: { zh: "园委会", en: "committee" }, level: 40 }
  ],
  departments: [
    { id: "logistics", name: "后勤组", headId: "s-chen" },
    { id: "teaching", name: "保教组", headId: "s-liu" }
  ],
  staff: [
    { id: "s-wang", name: "王园长", roles: ["committee"], active: true },
    { id: "s-li", name: "李副园长", roles: ["committee"], active: true },
    { id: "s-zhao", name: "赵保健老师", roles: ["committee"], active: true },
    { id: "s-chen", name: "陈主任", departmentId: "logistics", roles: ["director"], active: true },
    { id: "s-liu", name: "刘干事", departmentId: "logistics", roles: ["officer"], active: true },
    { id: "s-zhou", name: "周组长", departmentId: "logistics", roles: ["teamLeader"], active: true },
    { id: "s-wu", name: "吴会计", departmentId: "logistics", roles: [], active: true },
    { id: "s-sun", name: "孙老师", departmentId: "teaching", roles: [], active: true },
    { id: "s-qian", name: "钱老师", departmentId: "teaching", roles: [], active: true }
  ],
  grades: [],
  classes: [],
  dinerGroups: [],
  chains: [{ links: [{ roleId: "director", staffId: "s-chen" }, { roleId: "officer", staffId: "s-liu" }, { roleId: "teamLeader", staffId: "s-zhou" }] }]
} as const

// the Promise functions are typed with their input: an action is one of the workflow's actions
type Action = Parameters<Houqin["approvals"]["decide"]>[0]["action"]

/** the same preset with the committee's threshold moved: the band edges of its two rules */
const withThreshold = (policy: Policy, fen: number, id: string): Policy => ({
  ...policy,
  id: id as Policy["id"],
  rules: policy.rules.map((rule) => ({
    ...rule,
    when: { ...rule.when, amount: rule.when.amount?.lte !== undefined ? { lte: fen } : { gt: fen } }
  }))
})

const ci = (e: Estimate, digits = 3) => `${e.mean.toFixed(digits)} (95% CI ${e.low.toFixed(digits)} to ${e.high.toFixed(digits)})`

export const approvalsExample = async (
  log: (line: string) => void = console.log,
  options: { readonly replications?: number } = {}
): Promise<ApprovalsResult> => {
  let now = Date.parse("2026-03-02T09:00:00+08:00")
  const houqin = createHouqin({ clock: () => now, ids: Id.layerSequential("ap") })
  try {
    await houqin.people.saveOrganisation({ schoolId, actor: "s-wang", organisation })

    // ── 1. the seed rule, routed by the plain function ─────────────────────────────────────
    const kindergarten = instantiate(cn.approvals.presets.kindergarten, { schoolId, id: "kg-purchase", effectiveFrom: "2026-02-01" })
    // the plain functions take decoded values: the org chart as stored, each request decoded once
    const org = await houqin.people.organisation(schoolId)
    const routes = []
    for (const fen of [99_999, 100_000, 100_001]) {
      const request = Result.getOrThrow(decodeRequest({
        id: `req-${fen}`,
        kind: "purchase",
        requesterId: "s-sun",
        departmentId: "teaching",
        title: "户外大型玩具",
        amount: { amount: fen, currency: "CNY" },
        submittedAt: "2026-03-02T09:00:00+08:00"
      }))
      const r = Result.getOrThrow(route(request, kindergarten, org))
      log(`── ${Money.format(request.amount)}`)
      log(r.explanation.zh)
      routes.push({ fen, rules: r.matched.map((m) => m.ruleId), conditions: r.conditions, explanation: r.explanation.zh })
    }

    // ── 2. one request through the workflow, stored ────────────────────────────────────────
    const school = instantiate(cn.approvals.presets.school, { schoolId, id: "school-chain", effectiveFrom: "2026-02-01" })
    // savePolicy takes the policy without its school and version (the command adds them)
    const { schoolId: _school, version: _version, ...policy } = school
    await houqin.approvals.savePolicy({ schoolId, actor: "s-wang", policy })

    const submitted = await houqin.approvals.submitRequest({
      schoolId,
      actor: "s-sun",
      request: { id: "req-shelves", kind: "purchase", requesterId: "s-sun", departmentId: "logistics", title: "图书角书架 4 个", amount: { amount: 320_000, currency: "CNY" }, submittedAt: "2026-03-02T09:00:00+08:00" }
    })
    log(`── workflow: ${submitted.request.title} ${Money.format(submitted.request.amount)}`)
    log(submitted.state.route.explanation.zh)

    // every action names its actor (the same as the command's) and the instant it happened
    const act = async (hoursLater: number, actionAt: (at: string) => Action) => {
      now = Date.parse("2026-03-02T09:00:00+08:00") + hoursLater * 3_600_000
      const action = actionAt(new Date(now).toISOString())
      const out = await houqin.approvals.decide({ schoolId, actor: action.actor, requestId: "req-shelves", action })
      log(`  +${hoursLater} h ${out.decision.record.explanation.zh}`)
      return out
    }
    await act(2, (at) => ({ type: "approve", actor: "s-zhou", at }))
    // 刘干事 is away this week: he lets 吴会计 act for him until Friday
    await act(3, (at) => ({ type: "delegate", actor: "s-liu", to: "s-wu", validFrom: "2026-03-02T09:00:00+08:00", validUntil: "2026-03-07T00:00:00+08:00", at }))
    await act(4, (at) => ({ type: "approve", actor: "s-wu", onBehalfOf: "s-liu", at }))
    // the director's turn began at +4 h; 48 hours later the scheduler escalates what is overdue
    now = Date.parse("2026-03-02T09:00:00+08:00") + 52 * 3_600_000
    const escalated = await houqin.approvals.escalateOverdue({ schoolId, actor: "system", at: new Date(now).toISOString() })
    for (const d of escalated) log(`  +52 h ${d.record.explanation.zh}`)
    await act(53, (at) => ({ type: "approve", actor: "s-wang", at }))

    const final = await houqin.approvals.request(schoolId, "req-shelves")
    const decisions = await houqin.approvals.decisions(schoolId, "req-shelves")
    log(`  → ${final.state.status} after ${decisions.length} decisions; the audit chain is ${(await houqin.audit.verify(schoolId)).ok ? "intact" : "BROKEN"}`)

    // ── 3. ¥1,000 or ¥5,000? A simulated term, two policies, one seed ─────────────────────────
    const at1000 = withThreshold(kindergarten, 100_000, "kg-1000")
    const at5000 = withThreshold(kindergarten, 500_000, "kg-5000")
    // a scenario is data (decode untrusted input with `decode`): 18 weeks of purchases, about 1.5 a
    // school day, amounts log-normal around ¥600 (σ 1.1); committee members answer within 10 hours
    // on average, are reachable for 95% of steps, reject 2% and return 4% of what they see
    const scenario = (policy: Policy) => Result.getOrThrow(decodeScenario({
      id: "kg-term",
      name: { zh: "幼儿园一学期的采购", en: "a kindergarten's term of purchases" },
      term: { start: "2026-03-02", weeks: 18, daysPerWeek: 5, zone: "Asia/Shanghai", openHour: 8, closeHour: 17 },
      arrivals: [{ kind: "purchase", perDay: 1.5, amount: { medianFen: 60_000, sigma: 1.1, minFen: 100 } }],
      requesters: ["s-sun", "s-qian", "s-zhou", "s-liu"],
      behaviour: { availability: 0.95, meanResponseHours: 10, rejectShare: 0.02, returnShare: 0.04, resubmitHours: 24, maxRounds: 3 },
      policy,
      org: { ...organisation, version: 0 }
    }))
    const replications = options.replications ?? 200
    const a = simulate(scenario(at1000), { seed: 2026, replications })
    const b = simulate(scenario(at5000), { seed: 2026, replications })
    const diff = compare(a, b).difference
    log(`── simulation: ${replications} replications of an 18-week term, seed 2026`)
    log(`  requests per term: ${ci(a.summary.requests, 1)}`)
    log(`  share needing a collective decision and a form: at ¥1,000 ${ci(a.summary.shareCollectiveDecision)}; at ¥5,000 ${ci(b.summary.shareCollectiveDecision)}`)
    log(`  paired difference (¥5,000 − ¥1,000): ${ci(diff.shareCollectiveDecision)}`)
    log(`  lead time, mean hours: ${ci(a.summary.leadTimeMeanHours, 1)} → paired difference ${ci(diff.leadTimeMeanHours, 2)}`)

    return {
      routes,
      workflow: decisions.map((d) => ({ action: d.record.action, actor: d.record.actor, onBehalfOf: d.record.onBehalfOf, statusAfter: d.record.statusAfter })),
      finalStatus: final.state.status,
      approvals: final.state.approvals.map((a) => ({ by: a.by, for: a.for, escalated: a.escalated })),
      simulation: {
        replications,
        requests: a.summary.requests,
        shareCollective: { at1000: a.summary.shareCollectiveDecision, at5000: b.summary.shareCollectiveDecision, difference: diff.shareCollectiveDecision },
        requestsDifference: diff.requests
      }
    }
  } finally {
    await houqin.dispose()
  }
}
