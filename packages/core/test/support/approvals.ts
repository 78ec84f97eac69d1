/**
 * Approval fixtures shared by tests: "the principal must answer within 48 hours" — 王园长 (s-head)
 * approves every purchase within 48 hours, escalating to the next level. In the kindergarten's org
 * chart (`testing/approvals.ts`) he holds the committee role, the top: there is nobody to escalate
 * to, so the deadline is only reported.
 */
export const principalRule = {
  id: "principal",
  name: { zh: "园长 48 小时内审批", en: "the principal answers within 48 hours" },
  kinds: ["purchase"],
  when: {},
  steps: [{ approvers: { type: "staff", staffIds: ["s-head"] }, quorum: { type: "oneOf" }, deadlineHours: 48, escalateTo: { type: "nextLevel" } }]
} as const

/** a policy (stored or encoded) with the principal's rule as its only rule, id `kg-principal` */
export const principalPolicy = <P extends { readonly id: unknown; readonly rules: unknown }>(base: P): P =>
  ({ ...base, id: "kg-principal", rules: [principalRule] })
