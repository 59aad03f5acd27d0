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

/**
 * The corpus splits: `train` for fitting; `heldout` and `fresh` only for evaluation. `fresh` was
 * written after the classifier, by someone who had not read its lexicon, model or corpus.
 */
export const SPLITS = ['train', 'heldout', 'fresh'] as const
export type Split = (typeof SPLITS)[number]

/** Reads one split of the labelled corpus. */
export function loadCorpus(split: Split): Labelled[] {
  const file = fileURLToPath(new URL(`./${split}.jsonl`, import.meta.url))
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as Labelled)
}
