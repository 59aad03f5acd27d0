export const INTENTS = ['report', 'status', 'feedback', 'chitchat'] as const
export const CATEGORIES = ['air', 'noise', 'water', 'waste', 'radiation', 'other'] as const
export const SUBCATEGORIES = {
  air: ['industrial', 'odor', 'catering_fumes', 'dust', 'burning', 'vehicle', 'other_air'],
  noise: ['construction', 'industrial', 'social_life', 'traffic', 'other_noise'],
} as const
export const DISTRICTS = [
  '天宁区',
  '钟楼区',
  '新北区',
  '武进区',
  '金坛区',
  '溧阳市',
  '常州经开区',
] as const

export type Intent = (typeof INTENTS)[number]
export type Category = (typeof CATEGORIES)[number]
export type AirSubcategory = (typeof SUBCATEGORIES.air)[number]
export type NoiseSubcategory = (typeof SUBCATEGORIES.noise)[number]
export type Subcategory = AirSubcategory | NoiseSubcategory
export type District = (typeof DISTRICTS)[number]
export type Language = 'zh-Hans' | 'zh-Hant' | 'en'

/** What the classifier decided about one message, and the words that decided it. */
export interface Classification {
  intent: Intent
  category: Category | 'none'
  subcategory: Subcategory | 'none'
  /** 0..1: how sure the category (or, for non-reports, the intent) is */
  confidence: number
  district: District | null
  /** the words that named the place, e.g. 湖塘镇 or 恐龙园 */
  place?: string | null
  terms: string[]
  urgent: boolean
  language: Language
  /** a case number the message mentions, e.g. CZ20261128-0007 */
  caseNumber: string | null
  /** for reports: the likeliest categories, best first, to offer when the choice is unsure */
  alternatives?: { category: Category; p: number }[]
}
