import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import type { Category, District, Intent, Subcategory } from '../types'

/** One message of the labelled corpus, as the corpus files hold it. */
export interface Labelled {
  id: string
  text: string
  intent: Intent
  category: Category | 'none'
  subcategory: Subcategory | 'none'
  district: District | null
  urgent: boolean
}

/** Reads a split of the labelled corpus: `train` for fitting, `heldout` only for evaluation. */
export function loadCorpus(split: 'train' | 'heldout'): Labelled[] {
  const file = fileURLToPath(new URL(`./${split}.jsonl`, import.meta.url))
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as Labelled)
}
