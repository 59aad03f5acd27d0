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
    ['５分', 'satisfied'],
    ['五星', 'satisfied'],
    ['给2分吧', 'dissatisfied'],
    ['4/5', 'satisfied'],
    // negated satisfaction is not satisfaction
    ['不太满意', 'dissatisfied'],
    ['不是很满意', 'dissatisfied'],
    ['不怎么满意', 'dissatisfied'],
    ['谈不上满意', 'dissatisfied'],
    ['unsatisfied', 'dissatisfied'],
    ['Not resolved, still noisy', 'dissatisfied'],
    // a number inside a sentence is a floor or a day, not a score
    ['4楼还是很吵，没解决', 'dissatisfied'],
    ['过了3天还是吵', 'dissatisfied'],
    ['5号楼的问题解决了，谢谢', 'satisfied'],
    ['比较满意', 'basically_satisfied'],
    ['Satisfied, thank you', 'satisfied'],
    ['not bad', 'basically_satisfied'],
    ['不好意思，挺满意的', 'satisfied'],
    // Traditional Chinese, as residents in or from Hong Kong and Taiwan write
    ['不滿意', 'dissatisfied'],
    ['滿意', 'satisfied'],
    ['還行', 'basically_satisfied'],
    ['還是很吵，沒解決', 'dissatisfied'],
  ])('reads 「%s」 as %s', (text, rating) => {
    expect(ratingOf(text)).toBe(rating)
  })

  it('finds no rating in a message that gives none', () => {
    expect(ratingOf('工地又开始打桩了')).toBeNull()
    expect(ratingOf('CZ20261128-0007')).toBeNull()
  })
})
