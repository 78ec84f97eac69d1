/**
 * Test fixtures of the canteen: the services a canteen command needs over a backend (with a pack
 * of your choice and sequential ids), and a small school's organisation with three diner groups
 * and kitchen staff, for examples, conformance cases and simulations.
 *
 * @since 0.1.0
 */
import { Layer } from "effect"
import * as Id from "../kernel/Id.ts"
import * as Layers from "../layers.ts"
import { cn } from "../packs/cn.ts"
import type { RulePack } from "../packs/RulePack.ts"
import { layerRules } from "../packs/RulePack.ts"
import type * as Command from "../ports/Command.ts"
import type { saveOrganisation } from "../ports/people.ts"
import type { Storage } from "../ports/Storage.ts"

/**
 * Every service over a backend (memory by default), a rule pack (`cn` by default) and sequential
 * ids with a prefix.
 *
 * @since 0.1.0
 * @category layers
 */
export const services = (options: {
  readonly pack?: RulePack
  readonly prefix?: string
  readonly backend?: Layer.Layer<Storage>
} = {}) =>
  Layer.mergeAll(
    options.backend === undefined ? Layers.layerMemory : Layers.layer(options.backend),
    layerRules(options.pack ?? cn),
    Id.layerSequential(options.prefix ?? "id")
  )

/**
 * A small school's organisation (encoded form, as `saveOrganisation` takes it): a primary school
 * in Asia/Shanghai with six grades, diner groups for grades 1–2, 3–4 and 5–6 plus staff, and
 * kitchen staff `cook-1`, `cook-2`, `buyer-1`, `keeper-1`.
 *
 * @since 0.1.0
 * @category fixtures
 */
export const organisation = (schoolId: string): Command.Input<typeof saveOrganisation>["organisation"] => ({
  schoolId,
  id: schoolId,
  school: { id: schoolId, name: "实验小学", kind: "primary", zone: "Asia/Shanghai" },
  roles: [
    { id: "director", name: { zh: "主任", en: "director" }, level: 30 },
    { id: "cook", name: { zh: "厨师", en: "cook" }, level: 10 }
  ],
  departments: [{ id: "canteen", name: "食堂" }],
  staff: [
    { id: "director-1", name: "王主任", departmentId: "canteen", roles: ["director"], active: true },
    { id: "cook-1", name: "张师傅", departmentId: "canteen", roles: ["cook"], active: true },
    { id: "cook-2", name: "李师傅", departmentId: "canteen", roles: ["cook"], active: true },
    { id: "buyer-1", name: "赵采购", departmentId: "canteen", roles: ["cook"], active: true },
    { id: "keeper-1", name: "钱保管", departmentId: "canteen", roles: ["cook"], active: true }
  ],
  grades: [1, 2, 3, 4, 5, 6].map((n) => ({ id: `grade-${n}`, name: `${n}年级`, level: n })),
  classes: [1, 2, 3, 4, 5, 6].map((n) => ({ id: `class-${n}-1`, gradeId: `grade-${n}`, name: `${n}(1)班` })),
  dinerGroups: [
    { id: "lower", name: "一二年级", kind: "students", gradeIds: ["grade-1", "grade-2"] },
    { id: "middle", name: "三四年级", kind: "students", gradeIds: ["grade-3", "grade-4"] },
    { id: "upper", name: "五六年级", kind: "students", gradeIds: ["grade-5", "grade-6"] },
    { id: "staff", name: "教职工", kind: "staff" }
  ],
  chains: []
})
