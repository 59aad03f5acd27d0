import type { Category, Subcategory } from '../classify/types'

/** Chinese names of the categories, as the bureau's reports write them (大气污染投诉 …). */
export const CATEGORY_ZH: Record<Category, string> = {
  air: '大气',
  noise: '噪声',
  water: '水',
  waste: '固体废物',
  radiation: '辐射',
  other: '其他',
}

export const SUBCATEGORY_ZH: Record<Subcategory | 'none', string> = {
  industrial: '工业',
  odor: '异味',
  catering_fumes: '餐饮油烟',
  dust: '扬尘',
  burning: '露天焚烧',
  vehicle: '机动车尾气',
  other_air: '其他大气',
  construction: '建筑施工',
  social_life: '社会生活',
  traffic: '交通运输',
  other_noise: '其他噪声',
  none: '—',
}

/** The Chinese label of a breakdown key: a category, `category/subcategory`, or a district ('' unknown). */
export function labelOf(by: 'category' | 'subcategory' | 'district', key: string): string {
  if (by === 'district') return key || '未注明'
  const [category, subcategory] = key.split('/') as [Category, Subcategory | 'none' | undefined]
  const name = CATEGORY_ZH[category] ?? category
  if (by === 'category' || !subcategory || subcategory === 'none') return name
  return `${name}·${SUBCATEGORY_ZH[subcategory] ?? subcategory}`
}
