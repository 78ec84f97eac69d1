/**
 * The audit-log verification report (审计日志校验报告): which chain was checked (school and writer),
 * how many entries, the head found and the head recorded (published or kept elsewhere), the result,
 * each problem found (a changed, removed or reordered entry, a truncated tail), and — when the
 * entries are given — the entries with their hashes, so that a printed copy can be checked by
 * hand against the published head.
 *
 * Input is what the core's audit log gives: `houqin.audit.verify(schoolId, { recordedHead })` or
 * `Ports.AuditLog.verifyChain(entries, head)`, and `houqin.audit.entries(schoolId)`.
 *
 * @since 0.1.0
 */
import type { Messages, Ports, ValidationError } from "@houqin/core"
import type { Result } from "effect"
import { label } from "../Locale.ts"
import type { BlockInput, Report } from "../Report.ts"
import { make } from "../Report.ts"
import type { DocumentOptions } from "./document.ts"
import { documentFields, signatureLines } from "./document.ts"

/**
 * The names of the kinds of problem.
 *
 * @since 0.1.0
 * @category constants
 */
export const problemLabels: Readonly<Record<Ports.AuditLog.Problem["kind"], Messages>> = {
  changed: label("内容被修改", "changed"),
  removed: label("记录被删除", "removed"),
  reordered: label("顺序被改动", "reordered"),
  truncated: label("末尾被截断", "truncated")
}

/**
 * Options of the verification report: the chain checked, the head it was checked against, and the
 * entries to list.
 *
 * @since 0.1.0
 * @category models
 */
export interface AuditReportOptions extends DocumentOptions {
  readonly schoolId: string
  readonly writer?: string
  readonly recordedHead?: Ports.AuditLog.ChainHead
  readonly entries?: ReadonlyArray<Ports.AuditLog.AuditEntry>
}

const changesText = (e: Ports.AuditLog.AuditEntry): string =>
  e.changes.map((c) => `${c.op} ${c.aggregate}${c.id === undefined ? "" : ` ${c.id}`}${c.count === undefined ? "" : ` ×${c.count}`}`).join("; ")

/**
 * The verification report of an audit chain.
 *
 * @since 0.1.0
 * @category builders
 */
export const auditVerification = (report: Ports.AuditLog.VerifyReport, options: AuditReportOptions): Result.Result<Report, ValidationError> => {
  const blocks: Array<BlockInput> = [
    {
      type: "fields",
      fields: [
        { label: label("学校编号", "school id"), value: options.schoolId },
        { label: label("写入端", "writer"), value: options.writer ?? "main" },
        { label: label("记录条数", "entries"), value: report.entries, type: { kind: "integer" } },
        { label: label("链头序号", "head entry"), value: report.head?.seq ?? null, type: { kind: "integer" } },
        { label: label("链头哈希", "head hash"), value: report.head?.hash ?? null },
        { label: label("登记的链头序号", "recorded head entry"), value: options.recordedHead?.seq ?? null, type: { kind: "integer" } },
        { label: label("登记的链头哈希", "recorded head hash"), value: options.recordedHead?.hash ?? null },
        {
          label: label("校验结果", "result"),
          value: report.ok
            ? label(options.recordedHead === undefined ? "完整（未对照登记的链头）" : "完整，与登记的链头一致", options.recordedHead === undefined ? "intact (not checked against a recorded head)" : "intact and matches the recorded head")
            : label(`发现 ${report.problems.length} 处问题`, `${report.problems.length} problem(s) found`)
        }
      ]
    },
    {
      type: "table",
      caption: label("发现的问题", "Problems"),
      columns: [
        { label: label("类型", "kind"), kind: "text" },
        { label: label("序号", "entry"), kind: "integer" },
        { label: label("位置", "position"), kind: "integer" },
        { label: label("说明", "explanation"), kind: "text" }
      ],
      rows: report.problems.map((p) => [problemLabels[p.kind], p.seq, p.position + 1, p.message]),
      empty: label("未发现问题", "none")
    }
  ]
  if (options.entries !== undefined) {
    blocks.push({
      type: "table",
      caption: label("日志记录", "Entries"),
      columns: [
        { label: label("序号", "entry"), kind: "integer" },
        { label: label("时间", "at"), kind: "instant", seconds: true },
        { label: label("操作人", "actor"), kind: "text" },
        { label: label("命令", "command"), kind: "text" },
        { label: label("变更", "changes"), kind: "text" },
        { label: label("前一条哈希", "previous hash"), kind: "text" },
        { label: label("哈希", "hash"), kind: "text" }
      ],
      rows: options.entries.map((e) => [e.seq, e.at, e.actor, e.command, changesText(e), e.prev, e.hash]),
      empty: label("无记录", "no entries")
    })
  }
  blocks.push({
    type: "notes",
    notes: [
      label(
        "每条记录的哈希为其规范 JSON 编码（不含哈希本身）的 SHA-256，并包含前一条记录的哈希；任何修改、删除或调换都会使链条断开。",
        "Each entry's hash is the SHA-256 of its canonical JSON encoding without the hash, and includes the previous entry's hash: any change, removal or reordering breaks the chain."
      ),
      label("截断只能对照另行保存或公布的链头发现。", "A truncated tail is found only against a head recorded or published elsewhere.")
    ]
  })
  blocks.push(...signatureLines(options, [{ role: label("校验人", "Verified by"), name: options.reviewer }]))
  return make({
    title: label("审计日志校验报告", "Audit log verification"),
    ...documentFields(options),
    orientation: options.entries === undefined ? "portrait" : "landscape",
    sections: [{ blocks }]
  })
}
