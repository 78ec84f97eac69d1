/**
 * Approval reports: the route explanation of a request (审批路径说明 — which rules apply and why,
 * the steps with who may approve and how many must, the conditions such as a collective decision
 * or a designated purchasing point) and the decision record of a request (审批记录 — every action
 * in order, who took it for whom, the status before and after, the comment).
 *
 * Input is what `@houqin/core/approvals` gives: a `Request` and its `Route` (`Approvals.route`), a
 * stored request and its stored decisions (`houqin.approvals.request`, `houqin.approvals.decisions`),
 * and the school's organisation for names.
 *
 * @since 0.1.0
 */
import type { Messages, People, ValidationError } from "@houqin/core"
import { Approvals } from "@houqin/core"
import type { Result } from "effect"
import type { Text } from "../Locale.ts"
import { label } from "../Locale.ts"
import type { BlockInput, FieldInput, Report } from "../Report.ts"
import { make } from "../Report.ts"
import type { DocumentOptions } from "./document.ts"
import { documentFields, signatureLines } from "./document.ts"

/**
 * The names of the workflow statuses.
 *
 * @since 0.1.0
 * @category constants
 */
export const statusLabels: Readonly<Record<Approvals.Status, Messages>> = {
  pending: label("审批中", "pending"),
  approved: label("已批准", "approved"),
  rejected: label("已驳回", "rejected"),
  returned: label("已退回修改", "returned for changes")
}

/**
 * The names of the workflow actions.
 *
 * @since 0.1.0
 * @category constants
 */
export const actionLabels: Readonly<Record<Approvals.DecisionRecord["action"], Messages>> = {
  approve: label("批准", "approve"),
  reject: label("驳回", "reject"),
  return: label("退回修改", "return for changes"),
  resubmit: label("重新提交", "resubmit"),
  delegate: label("委托", "delegate"),
  escalate: label("逾期上报", "escalate")
}

/**
 * Options of the approval reports: the organisation whose names are printed (ids otherwise).
 *
 * @since 0.1.0
 * @category models
 */
export interface ApprovalReportOptions extends DocumentOptions {
  readonly org?: People.Organisation
}

const namesOf = (org: People.Organisation | undefined) => {
  const staff = new Map((org?.staff ?? []).map((s) => [s.id as string, s.name]))
  const departments = new Map((org?.departments ?? []).map((d) => [d.id as string, d.name]))
  const roles = new Map((org?.roles ?? []).map((r) => [r.id as string, r.name]))
  return {
    staff: (id: string | undefined): string | null => (id === undefined ? null : staff.get(id) ?? id),
    department: (id: string | undefined): string | null => (id === undefined ? null : departments.get(id) ?? id),
    role: (id: string): Text => roles.get(id) ?? id
  }
}

const requestFields = (request: Approvals.Request, names: ReturnType<typeof namesOf>): Array<FieldInput> => [
  { label: label("申请编号", "request"), value: request.id },
  { label: label("申请类型", "kind"), value: Approvals.kindLabel[request.kind] },
  { label: label("事由", "title"), value: request.title },
  { label: label("申请人", "requester"), value: names.staff(request.requesterId) },
  { label: label("部门", "department"), value: names.department(request.departmentId) },
  { label: label("金额", "amount"), value: request.amount, type: { kind: "money", currency: request.amount.currency } },
  ...(request.category === undefined ? [] : [{ label: label("类别", "category"), value: request.category }]),
  ...(request.fundingSource === undefined ? [] : [{ label: label("资金来源", "funding source"), value: request.fundingSource }]),
  { label: label("提交时间", "submitted"), value: request.submittedAt, type: { kind: "instant" } }
]

const policyText = (route: Approvals.Route): Messages => ({
  zh: `${route.policyId} 第 ${route.policyRevision} 版`,
  en: `${route.policyId} revision ${route.policyRevision}`
})

const stepsTable = (route: Approvals.Route, names: ReturnType<typeof namesOf>): BlockInput => ({
  type: "table",
  caption: label("审批步骤", "Steps"),
  columns: [
    { label: label("序号", "no."), kind: "integer" },
    { label: label("审批人", "approvers"), kind: "text" },
    { label: label("要求", "quorum"), kind: "text" },
    { label: label("需签批人数", "approvals needed"), kind: "integer" },
    { label: label("可审批人员", "eligible"), kind: "text" },
    { label: label("逾期上报", "escalation"), kind: "text" },
    { label: label("依据规则", "rules"), kind: "text" }
  ],
  rows: route.steps.map((s, i) => [
    i + 1,
    s.label,
    Approvals.quorumLabel(s.quorum, s.eligible.length),
    s.required,
    s.eligible.map((id) => names.staff(id) ?? id).join("、"),
    s.escalation !== undefined
      ? (() => {
        const role = names.role(s.escalation.roleId)
        const r = typeof role === "string" ? { zh: role, en: role } : role
        return { zh: `${s.escalation.afterHours} 小时后上报${r.zh}`, en: `after ${s.escalation.afterHours} h to ${r.en}` }
      })()
      // a deadline with nobody above to escalate to: lateness is only reported
      : s.deadlineHours !== undefined
      ? { zh: `限 ${s.deadlineHours} 小时，无上级可上报`, en: `${s.deadlineHours} h, nobody above to escalate to` }
      : null,
    s.rules.join(", ")
  ]),
  empty: label("无需审批步骤", "no approval steps")
})

/**
 * The route explanation (审批路径说明) of a request: the request, the policy revision, the steps,
 * the conditions, the rules that matched with their reasons, and the explanation text.
 *
 * @since 0.1.0
 * @category builders
 */
export const routeExplanation = (
  request: Approvals.Request,
  route: Approvals.Route,
  options: ApprovalReportOptions = {}
): Result.Result<Report, ValidationError> => {
  const names = namesOf(options.org)
  return make({
    title: label("审批路径说明", "Approval route"),
    subtitle: { zh: `${Approvals.kindLabel[request.kind].zh}申请 ${request.id}`, en: `${Approvals.kindLabel[request.kind].en} request ${request.id}` },
    ...documentFields(options),
    sections: [
      {
        title: label("申请", "Request"),
        blocks: [{ type: "fields", fields: [...requestFields(request, names), { label: label("审批政策", "policy"), value: policyText(route) }] }]
      },
      {
        title: label("审批路径", "Route"),
        blocks: [
          stepsTable(route, names),
          {
            type: "table",
            caption: label("附加要求", "Conditions"),
            columns: [{ label: label("要求", "condition"), kind: "text" }],
            rows: Approvals.conditionOrder.filter((c) => route.conditions.includes(c)).map((c) => [Approvals.conditionLabel[c]]),
            empty: label("无", "none")
          },
          {
            type: "table",
            caption: label("适用的规则", "Rules that apply"),
            columns: [
              { label: label("规则", "rule"), kind: "text" },
              { label: label("名称", "name"), kind: "text" },
              { label: label("依据", "because"), kind: "text" }
            ],
            rows: route.matched.map((m) => [
              m.ruleId,
              m.name,
              { zh: m.reasons.map((r) => r.zh).join("；"), en: m.reasons.map((r) => r.en).join("; ") }
            ])
          }
        ]
      },
      {
        title: label("说明", "Explanation"),
        blocks: [
          { type: "paragraph", text: route.explanation },
          ...signatureLines(options, [{ role: label("申请人", "Requested by"), name: names.staff(request.requesterId) ?? undefined }, { role: label("审核人", "Reviewed by"), name: options.reviewer }])
        ]
      }
    ]
  })
}

// the chain links passed at their deadlines in this round (逾期转下一级), when there are any
const passedLinksTable = (state: Approvals.ApprovalState, names: ReturnType<typeof namesOf>): Array<BlockInput> => {
  const passed = state.passedLinks ?? []
  if (passed.length === 0) return []
  return [{
    type: "table",
    caption: label("逾期转下一级的审批环节", "Chain links passed at their deadlines"),
    columns: [
      { label: label("步骤", "step"), kind: "integer" },
      { label: label("未审批人", "silent"), kind: "text" },
      { label: label("转由", "passed to"), kind: "text" },
      { label: label("期限(小时)", "deadline (h)"), kind: "integer" },
      { label: label("时间", "at"), kind: "instant" }
    ],
    rows: passed.map((p) => {
      const step = state.route.steps[p.step]
      return [
        p.step + 1,
        names.staff(step?.eligible[p.link]),
        names.staff(step?.eligible[p.link + 1]),
        step?.deadlineHours ?? step?.escalation?.afterHours ?? null,
        p.at
      ]
    })
  }]
}

/**
 * The decision record (审批记录) of a stored request: the request and its current status, the
 * route it was given, every action in order, the approvals that count, and the chain links passed
 * at their deadlines (when any was).
 *
 * @since 0.1.0
 * @category builders
 */
export const decisionRecord = (
  stored: Approvals.StoredRequest,
  decisions: ReadonlyArray<Approvals.StoredDecision>,
  options: ApprovalReportOptions = {}
): Result.Result<Report, ValidationError> => {
  const names = namesOf(options.org)
  const state = stored.state
  const ordered = [...decisions].sort((a, b) => a.seq - b.seq)
  return make({
    title: label("审批记录", "Approval record"),
    subtitle: { zh: `${Approvals.kindLabel[stored.request.kind].zh}申请 ${stored.request.id}`, en: `${Approvals.kindLabel[stored.request.kind].en} request ${stored.request.id}` },
    ...documentFields(options),
    sections: [
      {
        title: label("申请", "Request"),
        blocks: [{
          type: "fields",
          fields: [
            ...requestFields(stored.request, names),
            { label: label("审批政策", "policy"), value: policyText(state.route) },
            { label: label("状态", "status"), value: statusLabels[state.status] },
            { label: label("轮次", "round"), value: state.round + 1, type: { kind: "integer" } }
          ]
        }]
      },
      { title: label("审批路径", "Route"), blocks: [stepsTable(state.route, names)] },
      {
        title: label("审批经过", "Decisions"),
        blocks: [
          {
            type: "table",
            columns: [
              { label: label("序号", "no."), kind: "integer" },
              { label: label("时间", "at"), kind: "instant" },
              { label: label("操作", "action"), kind: "text" },
              { label: label("操作人", "by"), kind: "text" },
              { label: label("代表", "on behalf of"), kind: "text" },
              { label: label("步骤", "step"), kind: "integer" },
              { label: label("状态变化", "status"), kind: "text" },
              { label: label("意见", "comment"), kind: "text" },
              { label: label("说明", "explanation"), kind: "text" }
            ],
            rows: ordered.map((d) => {
              const r = d.record
              return [
                d.seq,
                r.at,
                actionLabels[r.action],
                names.staff(r.actor),
                names.staff(r.onBehalfOf),
                r.step + 1,
                { zh: `${statusLabels[r.statusBefore].zh} → ${statusLabels[r.statusAfter].zh}`, en: `${statusLabels[r.statusBefore].en} → ${statusLabels[r.statusAfter].en}` },
                r.comment ?? null,
                r.explanation
              ]
            }),
            empty: label("尚无审批操作", "no decisions yet")
          },
          {
            type: "table",
            caption: label("本轮有效的签批", "Approvals of this round"),
            columns: [
              { label: label("步骤", "step"), kind: "integer" },
              { label: label("签批人", "approved by"), kind: "text" },
              { label: label("代表", "for"), kind: "text" },
              { label: label("时间", "at"), kind: "instant" },
              { label: label("逾期上报后", "after escalation"), kind: "text" }
            ],
            rows: state.approvals.map((a) => [
              a.step + 1,
              names.staff(a.by),
              a.for === a.by ? null : names.staff(a.for),
              a.at,
              a.escalated ? label("是", "yes") : label("否", "no")
            ]),
            empty: label("无", "none")
          },
          ...passedLinksTable(state, names),
          ...signatureLines(options)
        ]
      }
    ]
  })
}
