/**
 * Approval policies as data: routing with explanations (`route`), the approval workflow as a pure
 * state machine (`decide`), separation of duties, delegation and escalation, policy validation,
 * static checks with counterexamples, and the rule-pack presets.
 *
 * The entry point has the shape of every module's:
 *
 * - the records (schemas and types) and the errors, flat: `Approvals.Policy`, `Approvals.RouteError`;
 * - `Approvals.Commands`: the effects that write (`Approvals.Commands.submitRequest(input)`);
 * - `Approvals.Queries`: the effects that only read (`Approvals.Queries.decisions(schoolId, requestId)`);
 * - `Approvals.Rules`: the rule-pack section (`section`, the `cn` presets with their sources, the
 *   `ApprovalsRules` schema);
 * - `Approvals.Storage`: the storage declaration adapters implement (aggregate specs, repository
 *   services, the `repositories` layer);
 * - the pure functions, flat, usable with no runtime (`route`, `decide`, `validatePolicy`, …):
 *
 * ```ts
 * import * as Approvals from "@houqin/core/approvals"
 * const r = Approvals.route(request, policy, org)   // Result<Route, RouteError>
 * ```
 *
 * @since 0.1.0
 */
export * from "./model.ts"
export * from "./errors.ts"
export * as Commands from "./commands.ts"
export * as Queries from "./queries.ts"
export * as Rules from "./rules.ts"
export * as Storage from "../ports/approvals.ts"
export { attributeHolds, explainMatch, inBand, matches } from "./match.ts"
export { bandLabel, conditionLabel, conditionOrder, kindLabel, moneyLabel, quorumLabel } from "./labels.ts"
export type { OrgIndex, Resolved } from "./resolve.ts"
export { departmentOf, escalationRole, headFor, indexOrg, resolve } from "./resolve.ts"
export type { Routable, RouteOptions } from "./route.ts"
export { fillable, requiredOf, route, rulesById, stricter } from "./route.ts"
export { canActNow, canEscalate, chainPosition, deadlineOf, decide, dueAt, overdue, start } from "./decide.ts"
export type { DecideOptions } from "./decide.ts"
export { policyInForce, revisionChange, validatePolicies, validatePolicy } from "./validate.ts"
export { decodeAction, decodePolicy, decodeRequest, decodeTemplate, instantiate } from "./policy.ts"
export type { Problem, Report } from "./analysis.ts"
export { checkPolicy, toFindings } from "./analysis.ts"
export type { OverdueOptions } from "./overdueFindings.ts"
export { overdueFindings } from "./overdueFindings.ts"
