import { Option } from "effect"
import { describe, expect, it } from "vitest"
import { createHouqin } from "../houqin.ts"
import type { Zone } from "../kernel/Time.ts"
import { cn } from "../packs/cn.ts"
import type * as Command from "./Command.ts"
import type { saveOrganisation } from "./people.ts"
import * as School from "./School.ts"

const organisation = (schoolId: string, zone: string): Command.Input<typeof saveOrganisation>["organisation"] => ({
  schoolId,
  id: schoolId,
  school: { id: schoolId, name: "一中", kind: "secondary", zone },
  roles: [{ id: "teacher", name: { zh: "教师", en: "teacher" }, level: 10 }],
  departments: [{ id: "office", name: "办公室" }],
  staff: [{ id: "s-1", name: "王老师", departmentId: "office", roles: ["teacher"], active: true }],
  grades: [{ id: "g-1", name: "一年级", level: 1 }],
  classes: [{ id: "c-1", gradeId: "g-1", name: "一(1)班" }],
  dinerGroups: [],
  chains: []
})

describe("a school's zone and people, the same for every module", () => {
  it("takes the organisation's zone first, then the pack's default, then Asia/Shanghai", async () => {
    // a district pack whose default zone is Urumqi (UTC+6)
    const urumqiPack = { ...cn, general: { ...cn.general, defaultZone: "Asia/Urumqi" as Zone } }
    const houqin = createHouqin({ rules: urumqiPack })
    expect(await houqin.run(School.zoneOf("a"))).toBe("Asia/Urumqi")
    await houqin.people.saveOrganisation({ schoolId: "a", actor: "s-1", organisation: organisation("a", "Europe/Berlin") })
    expect(await houqin.run(School.zoneOf("a"))).toBe("Europe/Berlin")
    await houqin.dispose()
    expect(School.zoneFrom(undefined, undefined)).toBe("Asia/Shanghai")
    expect(School.zoneFrom(Option.none(), { ...cn, general: undefined } as never)).toBe("Asia/Shanghai")
  })

  it("refuses unknown staff, departments and classes once an organisation is saved, with the field's path", async () => {
    const houqin = createHouqin()
    const before = await houqin.run(School.schoolOf("b"))
    // no organisation yet: nothing to check against
    await expect(houqin.run(School.referenceChecks(before).staff("nobody", ["custodianId"]))).resolves.toBeUndefined()
    await houqin.people.saveOrganisation({ schoolId: "b", actor: "s-1", organisation: organisation("b", "Asia/Shanghai") })
    const after = await houqin.run(School.schoolOf("b"))
    const check = School.referenceChecks(after)
    await expect(houqin.run(check.staff("s-1", ["custodianId"]))).resolves.toBeUndefined()
    await expect(houqin.run(check.staff("nobody", ["asset", "custodianId"]))).rejects.toMatchObject({
      _tag: "NotFoundError", aggregate: "kernel.staff", id: "nobody", path: ["asset", "custodianId"]
    })
    await expect(houqin.run(check.department("gym", ["departmentId"]))).rejects.toMatchObject({ aggregate: "kernel.department", path: ["departmentId"] })
    await expect(houqin.run(check.class("c-9", ["classId"]))).rejects.toMatchObject({ aggregate: "kernel.class" })
    const names = School.namesFrom(after.organisation)
    expect([names.staff("s-1"), names.staff("s-9"), names.class("c-1"), names.department("office")]).toEqual(["王老师", "s-9", "一(1)班", "办公室"])
    expect([names.role("teacher"), names.role("cook")]).toEqual([{ zh: "教师", en: "teacher" }, { zh: "cook", en: "cook" }])
    await houqin.dispose()
  })
})
