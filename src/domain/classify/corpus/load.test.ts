import { describe, expect, it } from 'vitest'
import { CATEGORIES, DISTRICTS, INTENTS, SUBCATEGORIES } from '../types'
import { loadCorpus, SPLITS } from './load'

const KEYS = ['id', 'text', 'intent', 'category', 'subcategory', 'district', 'urgent']

describe.each(SPLITS)('the %s corpus', (split) => {
  const rows = loadCorpus(split)

  it('has records in the one shape, with unique ids named for the split', () => {
    expect(rows.length).toBeGreaterThan(0)
    for (const row of rows) {
      expect(Object.keys(row).sort(), row.id).toEqual([...KEYS].sort())
      expect(row.id).toMatch(new RegExp(`^${split[0]}\\d{4}$`))
      expect(row.text.trim(), row.id).not.toBe('')
      expect(typeof row.urgent, row.id).toBe('boolean')
    }
    expect(new Set(rows.map((r) => r.id)).size).toBe(rows.length)
  })

  it('labels every message with the SPEC §2 taxonomy', () => {
    for (const { id, intent, category, subcategory, district } of rows) {
      expect(INTENTS, id).toContain(intent)
      if (intent === 'report') expect(CATEGORIES, id).toContain(category)
      else expect(category, id).toBe('none')
      if (category === 'air' || category === 'noise')
        expect(SUBCATEGORIES[category] as readonly string[], id).toContain(subcategory)
      else expect(subcategory, id).toBe('none')
      if (district !== null) expect(DISTRICTS, id).toContain(district)
    }
  })
})

describe('the evaluation splits', () => {
  // one- and two-character pleasantries (满意, 你好, 👍) recur everywhere; anything longer in
  // train would mean the evaluation text leaked into fitting
  const trained = new Set(loadCorpus('train').map((r) => r.text))

  it.each(['heldout', 'fresh'] as const)('%s shares no real message with train', (split) => {
    const leaked = loadCorpus(split).filter((r) => trained.has(r.text) && r.text.length > 2)
    expect(leaked.map((r) => r.id)).toEqual([])
  })
})
