import { classify } from '../src/domain/classify/classify'
import { corpusTexts } from './support'
const texts = corpusTexts()
for (let r = 0; r < 3; r++) for (const t of texts) classify(t)
const t0 = performance.now()
let n = 0
for (let r = 0; r < 20; r++)
  for (const t of texts) {
    classify(t)
    n++
  }
console.log('msg/s', Math.round(n / ((performance.now() - t0) / 1000)))
