/**
 * Refusing bad policies before they are stored or used: each fault is a {@link PolicyError} that
 * names the rule (`ruleId`) and the path of the offending field.
 *
 * - within a policy: duplicate rule ids, a rule kind the policy does not cover, an amount band
 *   with two lower or two upper bounds or with no amount in it, a quorum larger than its named
 *   approvers, end dates before start dates;
 * - against an org chart: an unknown role or staff member, a role nobody holds, a quorum larger
 *   than the role's holders;
 * - across a policy book: two policies in force on the same day for one request kind;
 * - against the stored revision: a saved revision's rules never change (see {@link revisionChange}).
 *
 * @since 0.1.0
 */
import { Result } from "effect"
import * as Decode from "../kernel/Decode.ts"
import type { Path, ValidationError } from "../kernel/Errors.ts"
import * as Json from "../kernel/Json.ts"
import type * as LD from "../kernel/LocalDate.ts"
import type { Organisation } from "../kernel/People.ts"
import { PolicyError } from "./errors.ts"
import { kindLabel } from "./labels.ts"
import type { AmountBand, Policy, PolicyTemplate, Rule } from "./model.ts"
import { Policy as PolicySchema } from "./model.ts"
import { indexOrg } from "./resolve.ts"

type Checked = PolicyTemplate & { readonly id?: string; readonly effectiveFrom?: string; readonly effectiveTo?: string }

const bandEmpty = (b: AmountBand): boolean => {
  const low = b.gt !== undefined ? b.gt + 1 : b.gte ?? 0
  const high = b.lt !== undefined ? b.lt - 1 : b.lte ?? Number.MAX_SAFE_INTEGER
  return low > high
}

const ruleError = (policyId: string, rule: Rule, i: number, code: string, path: ReadonlyArray<string | number>, zh: string, en: string) =>
  PolicyError.create(code, ["rules", i, ...path], policyId, {
    zh: `规则 ${rule.id}“${rule.name.zh}”：${zh}`,
    en: `rule ${rule.id} "${rule.name.en}": ${en}`
  }, rule.id)

/**
 * Checks a policy on its own and, when given, against an org chart. Returns the policy or the
 * first fault found.
 *
 * @since 0.1.0
 * @category validation
 */
export const validatePolicy = <P extends Checked>(policy: P, org?: Organisation): Result.Result<P, PolicyError> => {
  const policyId = policy.id ?? "(template)"
  if (policy.effectiveFrom !== undefined && policy.effectiveTo !== undefined && policy.effectiveTo <= policy.effectiveFrom) {
    return Result.fail(PolicyError.create("approvals.badDates", ["effectiveTo"], policyId, {
      zh: `政策的失效日期 ${policy.effectiveTo} 必须晚于生效日期 ${policy.effectiveFrom}`,
      en: `the policy's end date ${policy.effectiveTo} must be after its start date ${policy.effectiveFrom}`
    }))
  }
  const ix = org === undefined ? undefined : indexOrg(org)
  const seen = new Set<string>()
  for (let i = 0; i < policy.rules.length; i++) {
    const rule = policy.rules[i]!
    const err = (code: string, path: ReadonlyArray<string | number>, zh: string, en: string) =>
      Result.fail(ruleError(policyId, rule, i, code, path, zh, en))
    if (seen.has(rule.id)) return err("approvals.duplicateRule", ["id"], "规则编号重复", "the rule id is used twice")
    seen.add(rule.id)
    const k = rule.kinds.findIndex((x) => !policy.kinds.includes(x))
    if (k >= 0) {
      const label = kindLabel[rule.kinds[k]!]
      return err("approvals.kindNotCovered", ["kinds", k], `政策不适用于${label.zh}申请`, `the policy does not cover ${label.en} requests`)
    }
    const band = rule.when.amount
    if (band !== undefined) {
      if (band.gt !== undefined && band.gte !== undefined) {
        return err("approvals.badBand", ["when", "amount"], "金额区间不能同时有 gt 和 gte", "an amount band cannot have both gt and gte")
      }
      if (band.lt !== undefined && band.lte !== undefined) {
        return err("approvals.badBand", ["when", "amount"], "金额区间不能同时有 lt 和 lte", "an amount band cannot have both lt and lte")
      }
      if (bandEmpty(band)) return err("approvals.emptyBand", ["when", "amount"], "金额区间内没有任何金额", "no amount lies in the amount band")
    }
    for (let j = 0; j < rule.steps.length; j++) {
      const step = rule.steps[j]!
      const path = ["steps", j]
      const a = step.approvers
      const n = step.quorum.type === "nOf" ? step.quorum.n : 1
      if (a.type === "staff") {
        const distinct = new Set(a.staffIds).size
        if (n > distinct) {
          return err("approvals.quorumTooLarge", [...path, "quorum", "n"], `第 ${j + 1} 步要求 ${n} 人审批，但只指定了 ${distinct} 人`, `step ${j + 1} needs ${n} approvals but names only ${distinct} approvers`)
        }
        if (ix !== undefined) {
          const u = a.staffIds.findIndex((s) => !ix.staff.has(s))
          if (u >= 0) {
            return err("approvals.unknownStaff", [...path, "approvers", "staffIds", u], `第 ${j + 1} 步指定的教职工 ${a.staffIds[u]} 不在组织架构中`, `step ${j + 1} names staff member ${a.staffIds[u]}, who is not in the org chart`)
          }
        }
      }
      if ((a.type === "departmentHead" || a.type === "attribute" || a.type === "chain") && n > 1) {
        return err("approvals.quorumTooLarge", [...path, "quorum", "n"], `第 ${j + 1} 步要求 ${n} 人审批，但该审批人只有一人`, `step ${j + 1} needs ${n} approvals of a single approver`)
      }
      if (a.type === "role" && ix !== undefined) {
        const role = ix.roles.get(a.roleId)
        if (role === undefined) {
          return err("approvals.unknownRole", [...path, "approvers", "roleId"], `第 ${j + 1} 步的角色 ${a.roleId} 在组织架构中未定义`, `step ${j + 1} names role ${a.roleId}, which the org chart does not define`)
        }
        const holders = (ix.holders.get(a.roleId) ?? []).length
        if (holders === 0) {
          return err("approvals.noApprovers", [...path, "approvers", "roleId"], `第 ${j + 1} 步的角色“${role.name.zh}”无人担任`, `nobody holds the role "${role.name.en}" of step ${j + 1}`)
        }
        if (n > holders) {
          return err("approvals.quorumTooLarge", [...path, "quorum", "n"], `第 ${j + 1} 步要求 ${n} 人审批，但“${role.name.zh}”只有 ${holders} 人`, `step ${j + 1} needs ${n} approvals but only ${holders} staff hold "${role.name.en}"`)
        }
      }
      if (step.escalateTo?.type === "role" && ix !== undefined && !ix.roles.has(step.escalateTo.roleId)) {
        return err("approvals.unknownRole", [...path, "escalateTo", "roleId"], `第 ${j + 1} 步升级到的角色 ${step.escalateTo.roleId} 在组织架构中未定义`, `step ${j + 1} escalates to role ${step.escalateTo.roleId}, which the org chart does not define`)
      }
      if (step.escalateTo !== undefined && step.deadlineHours === undefined) {
        return err("approvals.escalationWithoutDeadline", [...path, "escalateTo"], `第 ${j + 1} 步设定了升级对象但没有期限`, `step ${j + 1} names an escalation target but no deadline`)
      }
    }
  }
  return Result.succeed(policy)
}

const overlaps = (a: Policy, b: Policy): boolean => {
  const aEnd = a.effectiveTo ?? "9999-12-31"
  const bEnd = b.effectiveTo ?? "9999-12-31"
  return a.effectiveFrom < bEnd && b.effectiveFrom < aEnd
}

/**
 * Checks a policy book: every policy on its own (and against the org chart when given), and no two
 * policies in force on the same day for one request kind.
 *
 * @since 0.1.0
 * @category validation
 */
export const validatePolicies = (policies: ReadonlyArray<Policy>, org?: Organisation): Result.Result<ReadonlyArray<Policy>, PolicyError> => {
  for (const p of policies) {
    const r = validatePolicy(p, org)
    if (Result.isFailure(r)) return Result.fail(r.failure)
  }
  for (let i = 0; i < policies.length; i++) {
    for (let j = i + 1; j < policies.length; j++) {
      const a = policies[i]!
      const b = policies[j]!
      if (a.id === b.id || !overlaps(a, b)) continue
      const kind = a.kinds.find((k) => b.kinds.includes(k))
      if (kind === undefined) continue
      const label = kindLabel[kind]
      return Result.fail(PolicyError.create("approvals.overlappingPolicies", [j, "effectiveFrom"], b.id, {
        zh: `政策 ${b.id}（${b.effectiveFrom} 起）与政策 ${a.id}（${a.effectiveFrom} 起）对${label.zh}申请的生效期重叠`,
        en: `policy ${b.id} (from ${b.effectiveFrom}) overlaps policy ${a.id} (from ${a.effectiveFrom}) for ${label.en} requests`
      }))
    }
  }
  return Result.succeed(policies)
}

/**
 * The policy in force for a request kind on a local date, from a policy book.
 *
 * @since 0.1.0
 * @category getters
 */
export const policyInForce = (policies: ReadonlyArray<Policy>, kind: Policy["kinds"][number], on: LD.LocalDate): Policy | undefined =>
  policies.find((p) => p.kinds.includes(kind) && p.effectiveFrom <= on && (p.effectiveTo === undefined || on < p.effectiveTo))

const encodePolicy = Decode.encoder(PolicySchema)
// the fields a saved revision may still change: its storage version, and the end of its period
// (closing a revision so that the next one takes over routes nothing differently before that day)
const mutable = new Set(["schoolId", "version", "effectiveTo"])

/**
 * What saving `next` over the stored `saved` (same school and id) would change. A revision is
 * immutable: requests were routed and decisions recorded under it, naming its id and revision, so
 * its rules (and every other field that shapes a route) never change once saved — new rules are
 * a new revision, saved as a new policy. Only `effectiveTo` may change (`"period"`); the identical
 * policy is `"same"` (saving it is a no-op). Anything else is `approvals.revisionImmutable` at the
 * first field that differs (`revision` first), under `path`.
 *
 * @since 0.1.0
 * @category validation
 */
export const revisionChange = (saved: Policy, next: Policy, path: Path = []): Result.Result<"same" | "period", PolicyError | ValidationError> => {
  const a = encodePolicy(saved)
  if (Result.isFailure(a)) return Result.fail(a.failure)
  const b = encodePolicy(next)
  if (Result.isFailure(b)) return Result.fail(b.failure)
  const ea = a.success as Record<string, unknown>
  const eb = b.success as Record<string, unknown>
  const keys = [...new Set([...Object.keys(ea), ...Object.keys(eb)])].filter((k) => !mutable.has(k)).sort()
  for (const key of ["revision", ...keys.filter((k) => k !== "revision")]) {
    const cx = Json.canonicalize(ea[key] ?? null)
    if (Result.isFailure(cx)) return Result.fail(cx.failure)
    const cy = Json.canonicalize(eb[key] ?? null)
    if (Result.isFailure(cy)) return Result.fail(cy.failure)
    const [x, y] = [cx.success, cy.success]
    if (x === y) continue
    return Result.fail(PolicyError.create("approvals.revisionImmutable", [...path, key], saved.id, key === "revision"
      ? {
        zh: `政策 ${saved.id} 已保存第 ${saved.revision} 版，不能在同一政策下改为第 ${next.revision} 版；请以新的政策编号保存新版本，并为旧版本设定失效日期`,
        en: `policy ${saved.id} is saved as revision ${saved.revision} and cannot be replaced by revision ${next.revision}; save the new revision as a new policy id and set the old one's effectiveTo`
      }
      : {
        zh: `政策 ${saved.id} 第 ${saved.revision} 版已保存，其内容（${key}）不能修改：已按该版本审批的申请须能追溯到原规则；请保存为新版本`,
        en: `policy ${saved.id} revision ${saved.revision} is saved and its ${key} cannot change: requests routed under it must trace back to the rules that routed them; save a new revision instead`
      }))
  }
  return Result.succeed((saved.effectiveTo ?? "") === (next.effectiveTo ?? "") ? "same" : "period")
}
