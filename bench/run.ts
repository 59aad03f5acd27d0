// `npm run bench`: every figure of SPEC §6 that exists so far, each beside a baseline measured
// in the same run, so that results on a noisy machine are read as ratios.
import { benchChatIntake } from './chat-intake'
import { benchClassify } from './classify-throughput'
import { benchStats } from './stats-latency'
import { row, writeResults } from './support'
import { benchWechatWebhook } from './wechat-webhook'

console.log(row('what', 'figure', 'baseline', 'ratio'))
console.log(row('', '', '(plain regex scan)', ''))
for (const line of benchClassify()) console.log(line)
console.log(row('', '', '(bare Hono route)', ''))
for (const line of await benchChatIntake()) console.log(line)
for (const line of await benchWechatWebhook()) console.log(line)
console.log(row('', '', '(bare Hono route, in process)', ''))
for (const line of await benchStats()) console.log(line)

writeResults()
