/**
 * Static checks of a policy against an org chart, each with a counterexample request:
 *
 * - **gap**: a request that no rule matches;
 * - **unsatisfiable**: a request whose combined route no one in the org can satisfy (a quorum
 *   larger than the approvers left after separation of duties, or steps that cannot be filled by
 *   distinct people);
 * - **shadowed**: a rule that never changes any route, because the other rules always require
 *   what it requires (the counterexample is a request it matches, routed the same without it);
 * - **unreachable**: a rule that no request can match;
 * - **noApprovers**: requesters (by department) for whom a rule's step finds nobody in the org;
 * - **noEscalation**: a rule whose step has a deadline but, for some requester, nobody to escalate
 *   to (the step is at the top of the org chart, or the named role has no holder but the
 *   requester): its lateness will only be reported, never escalated (one problem per rule).
 *
 * The search is exact for the policy language: every test is piecewise constant in its input, so
 * one representative of each piece — each threshold, one fen either side, each listed value, a
 * value listed nowhere, an absent field — decides every request. Requesters range over the org's
 * active staff (separation of duties depends on who asks). A search larger than `limit` requests
 * stops there and says it was not exhaustive.
 *
 * @since 0.1.0
 */
import { Result } from "effect"
import * as Decode from "../kernel/Decode.ts"
import type { Messages } from "../kernel/Errors.ts"
import * as Finding from "../kernel/Finding.ts"
import type { Organisation } from "../kernel/People.ts"
import type { Instant } from "../kernel/Time.ts"
import { fromEpochMillis } from "../kernel/Time.ts"
import { kindLabel } from "./labels.ts"
import { matches } from "./match.ts"
import type { AttributeValue, Request, RequestKind, Route, RouteStep, Rule } from "./model.ts"
import { Request as RequestSchema } from "./model.ts"
import type { Routable } from "./route.ts"
import { route } from "./route.ts"
import type { OrgIndex } from "./resolve.ts"
import { indexOrg, resolve } from "./resolve.ts"

/**
 * One problem a check found.
 *
 * @since 0.1.0
 * @category models
 */
export interface Problem {
  readonly check: "gap" | "unsatisfiable" | "noApprovers" | "noEscalation" | "shadowed" | "unreachable"
  readonly ruleId?: string
  /** for `noApprovers`: the department whose members find no approver (absent: staff with no department) */
  readonly departmentId?: string
  readonly kind?: RequestKind
  /** the counterexample (absent only for an unreachable rule, which no request matches) */
  readonly request?: Request
  readonly explanation: Messages
}

/**
 * What the checks found, and how far they looked.
 *
 * @since 0.1.0
 * @category models
 */
export interface Report {
  readonly problems: ReadonlyArray<Problem>
  /** requests routed */
  readonly examined: number
  /** whether every representative request was examined */
  readonly exhaustive: boolean
}

const OTHER = "(other)"

const uniqSorted = (xs: Iterable<number>): Array<number> => [...new Set(xs)].filter((x) => x >= 0 && Number.isSafeInteger(x)).sort((a, b) => a - b)

/** Representative values of each input the rules test. */
const representatives = (policy: Routable) => {
  const amounts: Array<number> = [0]
  const lists = { category: new Set<string>(), fundingSource: new Set<string>(), supplierStatus: new Set<string>() }
  const used = { category: false, fundingSource: false, supplierStatus: false }
  const attributes = new Map<string, Array<AttributeValue | undefined>>()
  for (const r of policy.rules) {
    const b = r.when.amount
    if (b !== undefined) {
      for (const x of [b.gt, b.gte, b.lt, b.lte]) if (x !== undefined) amounts.push(x - 1, x, x + 1)
    }
    for (const f of ["category", "fundingSource", "supplierStatus"] as const) {
      const l = r.when[f]
      if (l !== undefined) {
        used[f] = true
        for (const v of l) lists[f].add(v)
      }
    }
    if (r.when.categoryNot !== undefined) {
      used.category = true
      for (const v of r.when.categoryNot) lists.category.add(v)
    }
    for (const t of r.when.attributes ?? []) {
      const vs = attributes.get(t.key) ?? [undefined]
      switch (t.op) {
        case "eq":
        case "ne":
          vs.push(t.value, typeof t.value === "number" ? t.value + 1 : typeof t.value === "boolean" ? !t.value : `${t.value}${OTHER}`)
          break
        case "in":
          vs.push(...t.values, OTHER)
          break
        case "gt":
        case "gte":
        case "lt":
        case "lte":
          vs.push(t.value, t.value - 1, t.value + 1, t.value - 0.5, t.value + 0.5)
          break
        case "present":
        case "absent":
          vs.push(OTHER)
      }
      attributes.set(t.key, vs)
    }
  }
  const listValues = (f: keyof typeof lists): Array<string | undefined> => (used[f] ? [undefined, ...[...lists[f]].sort(), OTHER] : [undefined])
  const attrKeys = [...attributes.keys()].sort()
  const attrValues = attrKeys.map((k) => {
    const seen: Array<AttributeValue | undefined> = []
    for (const v of attributes.get(k)!) if (!seen.some((s) => s === v)) seen.push(v)
    return seen
  })
  return {
    amounts: uniqSorted(amounts),
    category: listValues("category"),
    fundingSource: listValues("fundingSource"),
    supplierStatus: listValues("supplierStatus"),
    attrKeys,
    attrValues
  }
}

function* product<T>(lists: ReadonlyArray<ReadonlyArray<T>>): Generator<Array<T>> {
  if (lists.length === 0) {
    yield []
    return
  }
  const [head, ...rest] = lists
  for (const h of head!) for (const t of product(rest)) yield [h, ...t]
}

const routeKey = (r: Result.Result<Route, { readonly code: string }>): string =>
  Result.isFailure(r)
    ? `!${r.failure.code}`
    : JSON.stringify([
      r.success.steps.map((s) => [s.eligible, s.quorum, s.required, s.deadlineHours ?? null, s.escalation?.afterHours ?? null, s.escalation?.roleId ?? null]),
      r.success.conditions
    ])

// the rules (and their step) that gave a route step its deadline: a step of the rule with that
// deadline whose approvers resolve to the step's eligible staff
const deadlineSources = (
  ix: OrgIndex,
  s: RouteStep,
  rules: ReadonlyArray<Rule>,
  request: Request
): Array<{ readonly rule: Rule; readonly step: number }> => {
  const eligible = [...s.eligible].sort().join("\u0000")
  const out: Array<{ readonly rule: Rule; readonly step: number }> = []
  for (const rule of rules) {
    if (!s.rules.includes(rule.id)) continue
    const j = rule.steps.findIndex((x) =>
      x.deadlineHours === s.deadlineHours &&
      resolve(ix, x.approvers, request).members.filter((m) => m !== request.requesterId).sort().join("\u0000") === eligible
    )
    if (j >= 0) out.push({ rule, step: j })
  }
  return out
}

const describeRequest = (q: Request): Messages => {
  const k = kindLabel[q.kind]
  const extra = [
    q.category === undefined ? "" : ` category=${q.category}`,
    q.fundingSource === undefined ? "" : ` fundingSource=${q.fundingSource}`,
    q.supplierStatus === undefined ? "" : ` supplierStatus=${q.supplierStatus}`,
    ...Object.entries(q.attributes ?? {}).map(([key, v]) => ` ${key}=${JSON.stringify(v)}`)
  ].join("")
  const yuan = (q.amount.amount / 100).toFixed(2)
  return {
    zh: `${k.zh}申请（申请人 ${q.requesterId}，金额 ¥${yuan}${extra}）`,
    en: `a ${k.en} request (by ${q.requesterId}, amount ${q.amount.currency} ${yuan}${extra})`
  }
}

/**
 * Runs the static checks of a policy against an org chart.
 *
 * @since 0.1.0
 * @category checks
 */
export const checkPolicy = (policy: Routable, org: Organisation, options: { readonly limit?: number; readonly at?: Instant } = {}): Report => {
  const limit = options.limit ?? 200_000
  const at = options.at ?? fromEpochMillis(0)
  const ix = indexOrg(org)
  const reps = representatives(policy)
  const staff = org.staff.filter((s) => s.active)
  const problems: Array<Problem> = []
  const gapKinds = new Set<string>()
  const unsatisfiable = new Set<string>()
  const noApprovers = new Set<string>()
  const noEscalation = new Set<string>()
  const shadowCandidate = new Map<string, Request>()
  const changed = new Set<string>()
  const matchedEver = new Set<string>()
  const withoutRule = new Map(policy.rules.map((r) => [r.id, { ...policy, rules: policy.rules.filter((x) => x.id !== r.id) }]))
  let examined = 0
  let exhaustive = true
  const currency = policy.currency ?? "CNY"
  outer: for (const kind of policy.kinds) {
    for (const [amount, category, fundingSource, supplierStatus, ...attrs] of product<unknown>([
      reps.amounts,
      reps.category,
      reps.fundingSource,
      reps.supplierStatus,
      ...reps.attrValues
    ])) {
      const attributes: Record<string, AttributeValue> = {}
      reps.attrKeys.forEach((k, i) => {
        if (attrs[i] !== undefined) attributes[k] = attrs[i] as AttributeValue
      })
      for (const person of staff) {
        if (examined >= limit) {
          exhaustive = false
          break outer
        }
        examined++
        const request = {
          id: "counterexample",
          kind,
          requesterId: person.id,
          ...(person.departmentId === undefined ? {} : { departmentId: person.departmentId }),
          title: "counterexample",
          amount: { amount: amount as number, currency },
          ...(category === undefined ? {} : { category }),
          ...(fundingSource === undefined ? {} : { fundingSource }),
          ...(supplierStatus === undefined ? {} : { supplierStatus }),
          ...(reps.attrKeys.length === 0 ? {} : { attributes }),
          submittedAt: at
        } as Request
        const matched = policy.rules.filter((r) => matches(r, request))
        if (matched.length === 0) {
          if (!gapKinds.has(kind)) {
            gapKinds.add(kind)
            const d = describeRequest(request)
            problems.push({
              check: "gap",
              kind,
              request,
              explanation: { zh: `没有规则适用于${d.zh}`, en: `no rule matches ${d.en}` }
            })
          }
          continue
        }
        const full = route(request, policy, ix, { explain: false })
        if (Result.isFailure(full) && full.failure.code === "approvals.unsatisfiable") {
          const ruleId = full.failure.ruleId ?? ""
          if (!unsatisfiable.has(ruleId)) {
            unsatisfiable.add(ruleId)
            const d = describeRequest(request)
            problems.push({
              check: "unsatisfiable",
              ruleId,
              kind,
              request,
              explanation: { zh: `${d.zh}：${full.failure.zh}`, en: `${d.en}: ${full.failure.en}` }
            })
          }
        }
        if (Result.isFailure(full) && full.failure.code === "approvals.noApprovers") {
          const ruleId = full.failure.ruleId ?? ""
          const dept = person.departmentId
          const k = `${ruleId}\u0000${dept ?? ""}`
          if (!noApprovers.has(k)) {
            noApprovers.add(k)
            const d = describeRequest(request)
            const where = dept === undefined
              ? { zh: "不属于任何部门的教职工", en: "staff who belong to no department" }
              : { zh: `部门 ${dept} 的成员`, en: `members of department ${dept}` }
            problems.push({
              check: "noApprovers",
              ruleId,
              kind,
              ...(dept === undefined ? {} : { departmentId: dept }),
              request,
              explanation: {
                zh: `${where.zh}提出申请时找不到审批人（例如${d.zh}）：${full.failure.zh}`,
                en: `${where.en} find no approver for their requests (e.g. ${d.en}): ${full.failure.en}`
              }
            })
          }
        }
        if (Result.isSuccess(full)) {
          for (const s of full.success.steps) {
            if (s.deadlineHours === undefined || s.escalation !== undefined) continue
            for (const { rule, step } of deadlineSources(ix, s, matched, request)) {
              if (noEscalation.has(rule.id)) continue
              noEscalation.add(rule.id)
              const d = describeRequest(request)
              const target = rule.steps[step]!.escalateTo
              const why = target?.type === "role"
                ? { zh: `指定的升级角色 ${target.roleId} 除申请人外无人担任`, en: `the escalation role ${target.roleId} has no holder but the requester` }
                : { zh: "组织架构中没有比该步更高一级、且有申请人以外的人担任的角色", en: "no role above the step is held by anyone but the requester" }
              problems.push({
                check: "noEscalation",
                ruleId: rule.id,
                kind,
                request,
                explanation: {
                  zh: `规则 ${rule.id}“${rule.name.zh}”第 ${step + 1} 步（${s.label.zh}）限 ${s.deadlineHours} 小时，但${d.zh}无处升级：${why.zh}；逾期只会提示，不会升级`,
                  en: `step ${step + 1} of rule ${rule.id} "${rule.name.en}" (${s.label.en}) has a ${s.deadlineHours}-hour deadline, but ${d.en} has nowhere to escalate: ${why.en}; lateness will only be reported`
                }
              })
            }
          }
        }
        const key = routeKey(full)
        for (const r of matched) {
          matchedEver.add(r.id)
          if (changed.has(r.id)) continue
          if (routeKey(route(request, withoutRule.get(r.id)!, ix, { explain: false })) !== key) {
            changed.add(r.id)
            shadowCandidate.delete(r.id)
          } else if (!shadowCandidate.has(r.id)) {
            shadowCandidate.set(r.id, request)
          }
        }
      }
    }
  }
  for (const r of policy.rules) {
    if (!matchedEver.has(r.id)) {
      if (exhaustive) {
        problems.push({
          check: "unreachable",
          ruleId: r.id,
          explanation: { zh: `规则 ${r.id}“${r.name.zh}”不适用于任何申请`, en: `rule ${r.id} "${r.name.en}" matches no request` }
        })
      }
      continue
    }
    const example = shadowCandidate.get(r.id)
    if (!changed.has(r.id) && example !== undefined) {
      const d = describeRequest(example)
      problems.push({
        check: "shadowed",
        ruleId: r.id,
        kind: example.kind,
        request: example,
        explanation: {
          zh: `规则 ${r.id}“${r.name.zh}”从不改变任何审批路径：其他规则总已包含其要求（例如${d.zh}，去掉该规则路径不变）`,
          en: `rule ${r.id} "${r.name.en}" never changes any route: the other rules always include what it requires (e.g. ${d.en} is routed the same without it)`
        }
      })
    }
  }
  return { problems, examined, exhaustive }
}

const encodeRequest = Decode.encoder(RequestSchema)

/**
 * The problems of a report as findings (`approvals.policy.gap`, `.unsatisfiable`, `.noApprovers`
 * (one per rule and department), `.noEscalation`, `.shadowed`, `.unreachable`), with the
 * counterexample request as evidence. Gaps, unsatisfiable routes and missing approvers are
 * violations; the others (a deadline with nowhere to escalate among them) are warnings.
 *
 * @since 0.1.0
 * @category checks
 */
export const toFindings = (report: Report, policy: { readonly id: string }, at: Instant): ReadonlyArray<Finding.Finding> =>
  Finding.sort(report.problems.map((p) => {
    const encoded = p.request === undefined ? undefined : Result.getOrUndefined(encodeRequest(p.request))
    return Finding.make({
      rule: `approvals.policy.${p.check}`,
      severity: p.check === "gap" || p.check === "unsatisfiable" || p.check === "noApprovers" ? "violation" : "warning",
      subject: {
        kind: "approvals.policy",
        id: p.check === "noApprovers"
          ? `${policy.id}/${p.ruleId ?? ""}/${p.departmentId ?? "(no department)"}`
          : `${policy.id}/${p.ruleId ?? p.kind ?? ""}`
      },
      at,
      evidence: {
        ...(p.ruleId === undefined ? {} : { ruleId: p.ruleId }),
        ...(p.kind === undefined ? {} : { kind: p.kind }),
        ...(p.departmentId === undefined ? {} : { departmentId: p.departmentId }),
        ...(encoded === undefined ? {} : { request: encoded })
      },
      explanation: p.explanation
    })
  }))
