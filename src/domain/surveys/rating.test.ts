import { describe, expect, it } from 'vitest'
import { ratingOf } from './rating'

describe('reading a rating', () => {
  it.each([
    ['满意', 'satisfied'],
    ['基本满意', 'basically_satisfied'],
    ['不满意', 'dissatisfied'],
    ['还行吧', 'basically_satisfied'],
    ['一点用都没有', 'dissatisfied'],
    ['你们来过之后还是很吵', 'dissatisfied'],
    ['👍', 'satisfied'],
    ['打5分', 'satisfied'],
    ['3分', 'basically_satisfied'],
    ['1', 'dissatisfied'],
    ['处理得不错，谢谢', 'satisfied'],
  ])('reads 「%s」 as %s', (text, rating) => {
    expect(ratingOf(text)).toBe(rating)
  })

  it('finds no rating in a message that gives none', () => {
    expect(ratingOf('工地又开始打桩了')).toBeNull()
    expect(ratingOf('CZ20261128-0007')).toBeNull()
  })
})
