/**
 * The storage port and the audit log through the Promise front door: record a school's
 * organisation and students, then verify the hash chain against its published head — and show
 * that a changed entry is caught.
 */
import { createHouqin, Ports } from "@houqin/core"

export const auditLogExample = async (log: (line: string) => void = console.log) => {
  const houqin = createHouqin({ clock: () => Date.UTC(2026, 8, 1, 0, 30) })
  const schoolId = "school-hongqi"
  await houqin.people.saveOrganisation({
    schoolId,
    actor: "staff-wang",
    organisation: {
      schoolId,
      id: schoolId,
      school: { id: schoolId, name: "红旗小学", kind: "primary", zone: "Asia/Shanghai" },
      roles: [
        { id: "director", name: { zh: "后勤主任", en: "logistics director" }, level: 30 },
        { id: "officer", name: { zh: "干事", en: "officer" }, level: 20 },
        { id: "teamLeader", name: { zh: "班组长", en: "team leader" }, level: 10 }
      ],
      departments: [{ id: "logistics", name: "后勤处", headId: "staff-wang" }],
      staff: [
        { id: "staff-wang", name: "王主任", departmentId: "logistics", roles: ["director"], active: true },
        { id: "staff-li", name: "李干事", departmentId: "logistics", roles: ["officer"], active: true },
        { id: "staff-zhao", name: "赵师傅", departmentId: "logistics", roles: ["teamLeader"], active: true }
      ],
      grades: [{ id: "g1", name: "一年级", level: 1 }],
      classes: [{ id: "g1c1", gradeId: "g1", name: "一(1)班" }],
      dinerGroups: [{ id: "pupils", name: "学生", kind: "students", gradeIds: ["g1"] }],
      chains: [{ links: [{ roleId: "director", staffId: "staff-wang" }, { roleId: "officer", staffId: "staff-li" }, { roleId: "teamLeader", staffId: "staff-zhao" }] }]
    }
  })
  await houqin.people.enrolStudents({
    schoolId,
    actor: "staff-li",
    students: [
      { id: "stu-001", name: "张小明", sex: "M", birthDate: "2019-10-02", classId: "g1c1" },
      { id: "stu-002", name: "陈小红", sex: "F", birthDate: "2020-01-15", classId: "g1c1" }
    ]
  })
  const entries = await houqin.audit.entries(schoolId)
  for (const e of entries) log(`#${e.seq} ${e.command} by ${e.actor}: ${e.changes.map((c) => `${c.op} ${c.aggregate}${c.count === undefined ? "" : ` ×${c.count}`}`).join(", ")} — ${e.hash.slice(0, 12)}…`)
  const head = await houqin.audit.head(schoolId)
  const report = await houqin.audit.verify(schoolId, { recordedHead: head })
  log(`chain verified against the published head ${head.hash.slice(0, 12)}…: ${report.ok ? "intact" : "BROKEN"}`)

  // someone edits the first entry's actor in the database: the chain no longer verifies
  const tampered = entries.map((e, i) => (i === 0 ? { ...e, actor: "staff-zhao" } : e))
  const check = await houqin.run(Ports.AuditLog.verifyChain(tampered, head))
  log(`after tampering: ${check.ok ? "intact" : check.problems.map((p) => p.message.en).join("; ")}`)
  await houqin.dispose()
  return { intact: report.ok, tamperedDetected: !check.ok }
}
