import type { Category, Subcategory } from '../classify/types'
import { isOpen, type CaseStatus } from '../cases/lifecycle'

/** One Open311 service: a category of the taxonomy (SPEC §2), or one of its subcategories. */
export interface Open311Service {
  service_code: string
  service_name: string
  description: string
  metadata: false
  type: 'realtime'
  keywords: string
  group: string
  category: Category
  subcategory: Subcategory | 'none'
}

const service = (
  category: Category,
  subcategory: Subcategory | 'none',
  group: string,
  name: string,
  /** GeoReport's keywords field is a comma-separated list */
  keywords: readonly string[],
): Open311Service => ({
  service_code: subcategory === 'none' ? category : `${category}.${subcategory}`,
  service_name: name,
  description: `${group}：${name}`,
  metadata: false,
  type: 'realtime',
  keywords: keywords.join(','),
  group,
  category,
  subcategory,
})

/** The services residents can report, from the complaint taxonomy. */
export const SERVICES: readonly Open311Service[] = [
  service('air', 'industrial', '大气污染', '工业废气、烟囱冒烟', ['工厂', '废气', '黑烟', '烟囱']),
  service('air', 'odor', '大气污染', '异味、恶臭', ['臭味', '异味', '化工味']),
  service('air', 'catering_fumes', '大气污染', '餐饮油烟', ['油烟', '饭店', '烧烤']),
  service('air', 'dust', '大气污染', '扬尘', ['扬尘', '工地', '渣土']),
  service('air', 'burning', '大气污染', '露天焚烧', ['焚烧', '烧秸秆', '烧垃圾']),
  service('air', 'vehicle', '大气污染', '机动车尾气', ['尾气', '冒黑烟', '柴油车']),
  service('air', 'other_air', '大气污染', '其他大气污染', ['大气']),
  service('noise', 'construction', '噪声污染', '建筑施工噪声', ['工地', '打桩', '夜间施工']),
  service('noise', 'industrial', '噪声污染', '工业噪声', ['工厂', '机器', '噪声']),
  service('noise', 'social_life', '噪声污染', '社会生活噪声', [
    '广场舞',
    'KTV',
    '装修',
    '空调外机',
  ]),
  service('noise', 'traffic', '噪声污染', '交通噪声', ['鸣笛', '道路', '铁路']),
  service('noise', 'other_noise', '噪声污染', '其他噪声', ['噪声']),
  service('water', 'none', '水污染', '水污染', ['污水', '排污', '河道', '死鱼']),
  service('waste', 'none', '固体废物', '固体废物', ['垃圾', '倾倒', '危废']),
  service('radiation', 'none', '辐射', '辐射', ['辐射', '基站', '电磁']),
  service('other', 'none', '其他', '其他环境问题', ['其他']),
]

export const serviceByCode = (code: string) => SERVICES.find((s) => s.service_code === code)

export const serviceOf = (category: string, subcategory: string) =>
  serviceByCode(subcategory === 'none' ? category : `${category}.${subcategory}`) ??
  serviceByCode(category)

/** Open311 knows two states: every state still being worked is open, every other one closed. */
export const open311Status = (status: string): 'open' | 'closed' =>
  isOpen(status as CaseStatus) ? 'open' : 'closed'
