/**
 * `route(request, policy, org)`: the steps a request needs under a policy, with an explanation.
 *
 * Every rule that matches applies, and their requirements combine: all their steps are required;
 * the same approver set (the same people) is not asked twice — the strictest quorum wins, the
 * shortest deadline applies; steps run in order of level (team leader, officer, director,
 * committee), ties broken by rule id then by the step's place in its rule, so the order in which
 * rules are listed never changes a route. The requester is never an eligible approver
 * (separation of duties), and unless the policy allows it one person cannot fill two steps: a
 * route that no one in the org can then satisfy is refused with a typed error naming the rule.
 *
 * @since 0.1.0
 */
import { Result } from "effect"
import type { Messages } from "../kernel/Errors.ts"
import type { Organisation } from "../kernel/People.ts"
import { RouteError } from "./errors.ts"
import { conditionLabel, conditionOrder, kindLabel, moneyLabel, quorumLabel } from "./labels.ts"
import { explainMatch, matches } from "./match.ts"
import type { ConditionKind, PolicyTemplate, Quorum, Request, Route, RouteEscalation, RouteStep, Rule, RuleMatch } from "./model.ts"
import type { OrgIndex } from "./resolve.ts"
import { escalationRole, indexOrg, resolve } from "./resolve.ts"

/**
 * What `route` needs of a policy: its rules and settings, and the identity that audit records
 * name (a stored `Policy` has all of it).
 *
 * @since 0.1.0
 * @category models
 */
export type Routable = PolicyTemplate & { readonly id: string; readonly revision: number }

const byId = (a: Rule, b: Rule): number => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
const sortedCache = new WeakMap<ReadonlyArray<Rule>, ReadonlyArray<Rule>>()

/**
 * A policy's rules ordered by id (cached per rules array).
 *
 * @since 0.1.0
 * @category getters
 */
export const rulesById = (rules: ReadonlyArray<Rule>): ReadonlyArray<Rule> => {
  let sorted = sortedCache.get(rules)
  if (sorted === undefined) {
    sorted = [...rules].sort(byId)
    sortedCache.set(rules, sorted)
  }
  return sorted
}

/**
 * How many approvals a quorum needs of `size` eligible approvers.
 *
 * @since 0.1.0
 * @category getters
 */
export const requiredOf = (q: Quorum, size: number): number => {
  switch (q.type) {
    case "oneOf":
      return 1
    case "nOf":
      return q.n
    case "all":
    case "chain":
      return size
  }
}

const quorumRank: Readonly<Record<Quorum["type"], number>> = { oneOf: 0, nOf: 1, all: 2, chain: 3 }

/**
 * Whether quorum `a` is stricter than `b` over `size` approvers: it needs more approvals, or as
 * many with more order (chain > all > n of > one of).
 *
 * @since 0.1.0
 * @category predicates
 */
export const stricter = (a: Quorum, b: Quorum, size: number): boolean => {
  const ra = requiredOf(a, size)
  const rb = requiredOf(b, size)
  return ra !== rb ? ra > rb : quorumRank[a.type] > quorumRank[b.type]
}

const keyMemo = new WeakMap<ReadonlyArray<string>, string>()
const setKey = (members: ReadonlyArray<string>): string => {
  let k = keyMemo.get(members)
  if (k === undefined) {
    k = [...members].sort().join("\u0000")
    keyMemo.set(members, k)
  }
  return k
}

interface Draft {
  key: string
  members: ReadonlyArray<string>
  label: Messages
  level: number
  quorum: Quorum
  rules: Array<string>
  order: readonly [string, number]
  deadline: { hours: number; target: NonNullable<Rule["steps"][number]["escalateTo"]>; ruleId: string } | undefined
  approvers: Rule["steps"][number]["approvers"]
  ruleId: string
  stepIndex: number
}

/**
 * Whether the steps can be filled by distinct people (each step's `required` approvals from its
 * eligible staff, nobody counted twice): a bipartite matching of approval slots to people.
 *
 * @since 0.1.0
 * @category predicates
 */
export const fillable = (steps: ReadonlyArray<{ readonly eligible: ReadonlyArray<string>; readonly required: number }>): number => {
  // returns the index of the first step that cannot be filled, or -1
  const owner = new Map<string, number>()
  const slots: Array<ReadonlyArray<string>> = []
  const stepOfSlot: Array<number> = []
  steps.forEach((s, i) => {
    for (let k = 0; k < s.required; k++) {
      slots.push(s.eligible)
      stepOfSlot.push(i)
    }
  })
  const augment = (slot: number, seen: Set<string>): boolean => {
    for (const p of slots[slot]!) {
      if (seen.has(p)) continue
      seen.add(p)
      const current = owner.get(p)
      if (current === undefined || augment(current, seen)) {
        owner.set(p, slot)
        return true
      }
    }
    return false
  }
  for (let slot = 0; slot < slots.length; slot++) {
    if (!augment(slot, new Set())) return stepOfSlot[slot]!
  }
  return -1
}

const fail = (request: Request, code: string, path: ReadonlyArray<string | number>, m: Messages, ruleId?: string) =>
  Result.fail(RouteError.create(code, path, request.id, m, ruleId))

/**
 * Options of {@link route}.
 *
 * @since 0.1.0
 * @category models
 */
export interface RouteOptions {
  /**
   * Whether to write the explanation and the reasons of each matched rule (default true). A
   * simulation that reads neither routes faster without them; the steps and conditions are the
   * same either way.
   */
  readonly explain?: boolean
}

const silent: Messages = { zh: "", en: "" }

/**
 * The route of a request under a policy, against an org chart, or a typed error: the policy does
 * not cover the request's kind or currency, no rule matches it (a gap), or a step cannot be
 * satisfied after separation of duties.
 *
 * @since 0.1.0
 * @category routing
 */
export const route = (
  request: Request,
  policy: Routable,
  org: Organisation | OrgIndex,
  options: RouteOptions = {}
): Result.Result<Route, RouteError> => {
  const ix = "holders" in org ? org : indexOrg(org)
  const kind = kindLabel[request.kind]
  if (!policy.kinds.includes(request.kind)) {
    return fail(request, "approvals.kindNotCovered", ["kind"], {
      zh: `审批政策“${policy.name.zh}”不适用于${kind.zh}申请`,
      en: `the policy "${policy.name.en}" does not cover ${kind.en} requests`
    })
  }
  const currency = policy.currency ?? "CNY"
  if (request.amount.currency !== currency) {
    return fail(request, "approvals.currencyMismatch", ["amount", "currency"], {
      zh: `审批政策的金额以 ${currency} 计，申请为 ${request.amount.currency}`,
      en: `the policy's amounts are in ${currency}; the request is in ${request.amount.currency}`
    })
  }
  const rules = rulesById(policy.rules)
  const matched: Array<Rule> = []
  for (const r of rules) if (matches(r, request)) matched.push(r)
  if (matched.length === 0) {
    return fail(request, "approvals.noRuleMatches", [], {
      zh: `审批政策“${policy.name.zh}”没有适用于该${kind.zh}申请的规则（政策有缺口）`,
      en: `no rule of the policy "${policy.name.en}" matches this ${kind.en} request (a gap in the policy)`
    })
  }

  // resolve, merge the same approver sets, exclude the requester
  const drafts = new Map<string, Draft>()
  for (const rule of matched) {
    for (let j = 0; j < rule.steps.length; j++) {
      const step = rule.steps[j]!
      const r = resolve(ix, step.approvers, request)
      const members = r.members.filter((m) => m !== request.requesterId)
      const key = setKey(r.members)
      if (r.members.length === 0) {
        return fail(request, "approvals.noApprovers", ["rules", rule.id, "steps", j], {
          zh: `规则 ${rule.id}“${rule.name.zh}”第 ${j + 1} 步的审批人（${r.label.zh}）在组织架构中无人担任`,
          en: `step ${j + 1} of rule ${rule.id} "${rule.name.en}": nobody in the org chart is ${r.label.en}`
        }, rule.id)
      }
      const deadline = step.deadlineHours === undefined
        ? undefined
        : { hours: step.deadlineHours, target: step.escalateTo ?? { type: "nextLevel" as const }, ruleId: rule.id }
      const existing = drafts.get(key)
      if (existing === undefined) {
        drafts.set(key, {
          key,
          members,
          label: r.label,
          level: r.level,
          quorum: step.quorum,
          rules: [rule.id],
          order: [rule.id, j],
          deadline,
          approvers: step.approvers,
          ruleId: rule.id,
          stepIndex: j
        })
      } else {
        if (stricter(step.quorum, existing.quorum, members.length)) {
          existing.quorum = step.quorum
          existing.ruleId = rule.id
          existing.stepIndex = j
        }
        if (!existing.rules.includes(rule.id)) existing.rules.push(rule.id)
        if (deadline !== undefined && (existing.deadline === undefined || deadline.hours < existing.deadline.hours)) {
          existing.deadline = deadline
        }
      }
    }
  }
  const ordered = [...drafts.values()].sort((a, b) =>
    a.level - b.level || (a.order[0] < b.order[0] ? -1 : a.order[0] > b.order[0] ? 1 : a.order[1] - b.order[1])
  )
  const steps: Array<RouteStep> = []
  for (const d of ordered) {
    const required = requiredOf(d.quorum, d.members.length)
    if (required > d.members.length || required === 0) {
      const q = quorumLabel(d.quorum, d.members.length)
      return fail(request, "approvals.unsatisfiable", ["rules", d.ruleId, "steps", d.stepIndex, "quorum"], {
        zh: `规则 ${d.ruleId} 要求 ${d.label.zh} ${q.zh}审批，但排除申请人后只有 ${d.members.length} 人可审批`,
        en: `rule ${d.ruleId} needs ${q.en} of ${d.label.en}, but only ${d.members.length} can approve once the requester is excluded`
      }, d.ruleId)
    }
    let escalation: RouteEscalation | undefined
    if (d.deadline !== undefined) {
      const role = escalationRole(ix, d.deadline.target, d.level, request.requesterId)
      if (role !== undefined) {
        const eligible = (ix.holders.get(role.id) ?? []).filter((s) => s !== request.requesterId)
        if (eligible.length > 0) escalation = { afterHours: d.deadline.hours, roleId: role.id, eligible: eligible as unknown as RouteEscalation["eligible"] }
      }
    }
    const members = d.quorum.type === "chain" && d.approvers.type !== "chain"
      ? [...d.members].sort((a, b) => (ix.levelOf.get(a) ?? 0) - (ix.levelOf.get(b) ?? 0) || (a < b ? -1 : a > b ? 1 : 0))
      : d.members
    steps.push({
      approvers: d.approvers,
      label: d.label,
      eligible: members as RouteStep["eligible"],
      quorum: d.quorum,
      required,
      level: d.level,
      rules: d.rules,
      // the deadline is kept whether or not there is anyone to escalate to: a step at the top of
      // the org chart is still late after it (reported, not escalated)
      ...(d.deadline === undefined ? {} : { deadlineHours: d.deadline.hours }),
      ...(escalation === undefined ? {} : { escalation: escalation })
    })
  }
  if (policy.allowRepeatApprover !== true && steps.length > 1) {
    const bad = fillable(steps)
    if (bad >= 0) {
      const s = steps[bad]!
      return fail(request, "approvals.unsatisfiable", ["rules", s.rules[0]!, "steps"], {
        zh: `规则 ${s.rules.join("、")} 的审批步骤“${s.label.zh}”无法由未审批过其他步骤的人完成（同一人不得在一项申请中审批两次）`,
        en: `the step "${s.label.en}" of rule ${s.rules.join(", ")} cannot be filled by people who approve no other step (nobody approves twice in one request)`
      }, s.rules[0])
    }
  }
  const conditionSet = new Set<ConditionKind>()
  for (const r of matched) for (const c of r.conditions ?? []) conditionSet.add(c)
  const conditions = conditionOrder.filter((c) => conditionSet.has(c))
  const explain = options.explain !== false
  const matchedExplained: Array<RuleMatch> = matched.map((r) => ({ ruleId: r.id, name: r.name, reasons: explain ? explainMatch(r, request).reasons : [] }))
  return Result.succeed({
    policyId: policy.id as Route["policyId"],
    policyRevision: policy.revision,
    requestId: request.id,
    steps,
    conditions,
    matched: matchedExplained,
    explanation: explain ? explanationOf(request, policy, rules, matchedExplained, steps, conditions) : silent
  })
}

const explanationOf = (
  request: Request,
  policy: Routable,
  rules: ReadonlyArray<Rule>,
  matched: ReadonlyArray<RuleMatch>,
  steps: ReadonlyArray<RouteStep>,
  conditions: ReadonlyArray<ConditionKind>
): Messages => {
  const kind = kindLabel[request.kind]
  const amount = moneyLabel(request.amount)
  const zh: Array<string> = [`依据“${policy.name.zh}”第 ${policy.revision} 版，${kind.zh}申请 ${request.id}（金额 ${amount.zh}）：`]
  const en: Array<string> = [`Under "${policy.name.en}" revision ${policy.revision}, ${kind.en} request ${request.id} (amount ${amount.en}):`]
  const matchedIds = new Set(matched.map((m) => m.ruleId))
  for (const r of rules) {
    if (matchedIds.has(r.id)) {
      const m = matched.find((x) => x.ruleId === r.id)!
      zh.push(`适用规则 ${r.id}“${r.name.zh}”：${m.reasons.map((x) => x.zh).join("；")}。`)
      en.push(`Rule ${r.id} "${r.name.en}" applies: ${m.reasons.map((x) => x.en).join("; ")}.`)
    } else if (r.kinds.includes(request.kind)) {
      const why = explainMatch(r, request).reasons.at(-1)!
      zh.push(`不适用规则 ${r.id}“${r.name.zh}”：${why.zh}。`)
      en.push(`Rule ${r.id} "${r.name.en}" does not apply: ${why.en}.`)
    }
  }
  zh.push(`审批步骤：${steps.map((s, i) => `${i + 1}. ${s.label.zh}（${quorumLabel(s.quorum, s.eligible.length).zh}）`).join("；")}。`)
  en.push(`Steps: ${steps.map((s, i) => `${i + 1}. ${s.label.en} (${quorumLabel(s.quorum, s.eligible.length).en})`).join("; ")}.`)
  steps.forEach((s, i) => {
    if (s.deadlineHours === undefined || s.escalation !== undefined) return
    // a deadline with nobody to escalate to: say so, or the user expects an escalation that never comes
    const h = s.deadlineHours
    if (s.quorum.type === "chain" && s.required > 1) {
      zh.push(`第 ${i + 1} 步“${s.label.zh}”每一级限 ${h} 小时，逾期转由下一级审批；最后一级之上没有可升级的角色，其逾期只作提示，不升级。`)
      en.push(`Step ${i + 1} "${s.label.en}" gives each link ${h} hours, a silent link passing to the next; above the last link there is no higher role to escalate to, so its lateness is only reported.`)
    } else {
      zh.push(`第 ${i + 1} 步“${s.label.zh}”限 ${h} 小时内完成，但没有更高一级的角色可升级：逾期只作提示，不升级。`)
      en.push(`Step ${i + 1} "${s.label.en}" has a deadline of ${h} hours and no higher role to escalate to: lateness is only reported.`)
    }
  })
  zh.push(`附加要求：${conditions.length === 0 ? "无" : conditions.map((c) => conditionLabel[c].zh).join("；")}。`)
  en.push(`Conditions: ${conditions.length === 0 ? "none" : conditions.map((c) => conditionLabel[c].en).join("; ")}.`)
  return { zh: zh.join("\n"), en: en.join("\n") }
}
