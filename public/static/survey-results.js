// One survey's results: how many answered, and per question each answer's count and share as a
// horizontal bar; rating questions also get the satisfaction rate of SPEC §5. Printable.
import { el } from './dom.js'

const share = (n, answered) => (answered > 0 ? Math.round((n / answered) * 1000) / 10 : 0)

function bars(q, labels) {
  return el(
    'table',
    { className: 'bars' },
    el(
      'tbody',
      {},
      ...Object.entries(q.counts).map(([answer, n]) => {
        const pct = q.shares?.[answer] ?? share(n, q.answered)
        const fill = el('span', { className: `bar-fill answer-${answer}` })
        fill.style.width = `${pct ?? 0}%`
        return el(
          'tr',
          {},
          el('th', { scope: 'row', textContent: labels[answer] ?? answer }),
          el('td', { className: 'bar-track' }, fill),
          el('td', { className: 'bar-figure', textContent: `${n} 人（${pct ?? 0}%）` }),
        )
      }),
    ),
  )
}

/** Fills `section` with the results the API gave (GET /api/v1/public-surveys/:id/results). */
export function showResults(section, results, { ratings, statuses }) {
  section.replaceChildren(
    el(
      'p',
      { className: 'no-print' },
      el('a', { href: '/console/surveys', textContent: '← 返回问卷列表' }),
      ' ',
      el('button', { type: 'button', textContent: '打印', onclick: () => window.print() }),
    ),
    el('h2', { textContent: results.title }),
    el('p', {
      id: 'responses',
      textContent: `${statuses[results.status] ?? results.status} · 共收到 ${results.responses} 份答卷`,
    }),
    ...results.questions.map((q, i) =>
      el(
        'figure',
        { className: 'question-result' },
        el('figcaption', { textContent: `${i + 1}. ${q.text}` }),
        q.type === 'rating' &&
          el('p', {
            className: 'rate',
            textContent:
              q.satisfactionRate === null
                ? '满意率：暂无作答'
                : `满意率 ${q.satisfactionRate}%(满意与基本满意占作答人数 ${q.answered} 人的比例)`,
          }),
        q.type === 'choice' &&
          el('p', { className: 'rate answered', textContent: `${q.answered} 人作答` }),
        bars(q, q.type === 'rating' ? ratings : {}),
      ),
    ),
  )
}
