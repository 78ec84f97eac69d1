/**
 * Typed errors of the approvals module: a bad policy (naming the rule), a request that cannot be
 * routed, and an action that `decide` refuses. Each has a stable `code`, the `path` of the
 * offending field and messages in zh-CN and en.
 *
 * @since 0.1.0
 */
import { Schema } from "effect"
import type { Messages, Path } from "../kernel/Errors.ts"
import { errorFields, formatPath } from "../kernel/Errors.ts"

/**
 * A policy that cannot be used: a quorum larger than its approver set, an unknown role or staff
 * member, overlapping effective dates for one request kind, a duplicate rule id, an empty amount
 * band. `ruleId` names the rule at fault (absent when the fault is the policy's own).
 *
 * @since 0.1.0
 * @category errors
 */
export class PolicyError extends Schema.TaggedError<PolicyError>()("ApprovalPolicyError", {
  ...errorFields,
  policyId: Schema.String,
  ruleId: Schema.optionalKey(Schema.String)
}) {
  override get message(): string {
    return `${this.en} [${this.code} at ${formatPath(this.path)}]`
  }
  /** @since 0.1.0 */
  static create(code: string, path: Path, policyId: string, messages: Messages, ruleId?: string): PolicyError {
    return new PolicyError({ code, path, policyId, ...messages, ...(ruleId === undefined ? {} : { ruleId }) })
  }
}

/**
 * A request the policy cannot route: no rule matches it (a gap), the policy does not cover its
 * kind, its currency differs, or a step needs more approvers than remain after separation of
 * duties.
 *
 * @since 0.1.0
 * @category errors
 */
export class RouteError extends Schema.TaggedError<RouteError>()("ApprovalRouteError", {
  ...errorFields,
  requestId: Schema.String,
  ruleId: Schema.optionalKey(Schema.String)
}) {
  override get message(): string {
    return `${this.en} [${this.code} at ${formatPath(this.path)}]`
  }
  /** @since 0.1.0 */
  static create(code: string, path: Path, requestId: string, messages: Messages, ruleId?: string): RouteError {
    return new RouteError({ code, path, requestId, ...messages, ...(ruleId === undefined ? {} : { ruleId }) })
  }
}

/**
 * An action `decide` refuses: self-approval, a second approval by one person, an actor who is not
 * eligible, a delegation outside its dates or in a cycle, a missing comment, a request that is
 * not pending, an escalation before the deadline or of a step with nowhere to escalate
 * (`approvals.nowhereToEscalate`: a deadline but no higher role; its lateness is only reported).
 *
 * @since 0.1.0
 * @category errors
 */
export class DecisionError extends Schema.TaggedError<DecisionError>()("ApprovalDecisionError", {
  ...errorFields,
  requestId: Schema.String
}) {
  override get message(): string {
    return `${this.en} [${this.code} at ${formatPath(this.path)}]`
  }
  /** @since 0.1.0 */
  static create(code: string, path: Path, requestId: string, messages: Messages): DecisionError {
    return new DecisionError({ code, path, requestId, ...messages })
  }
}
