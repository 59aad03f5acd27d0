// The bureau's statistics: signs in like the console (staff-session.js), then draws this year
// against last year from /api/v1/stats with Apache ECharts (SVG, so it prints sharply).
/* global echarts */
import { askToSignIn, staffSession } from './staff-session.js'

const report = document.getElementById('report')
const denied = document.getElementById('denied')
const filters = document.getElementById('filters')
const results = document.getElementById('results')
const loadError = document.getElementById('load-error')
const exportLink = document.getElementById('export')
const charts = {}
/** the number of the latest draw: an older one's replies, arriving late, are dropped */
let latest = 0

const fmt = (x, unit = '%') => (x === null || x === undefined ? '—' : `${x}${unit}`)
/** A figure's change as the summary words it: 持平 for 0.0, nothing to compare in January. */
function change(figure) {
  if (figure.lastYear === null) return '暂不计算同比'
  if (figure.yoy === null) return '上年同期无数据'
  const size = Math.abs(figure.yoy).toFixed(1)
  return size === '0.0' ? '同比持平' : `同比${figure.yoy < 0 ? '下降' : '上升'}${size}%`
}
const day = (iso) => `${Number(iso.slice(5, 7))}月${Number(iso.slice(8, 10))}日`
/** 「1–10月」 or 「1月」: the complete months compared, from comparedThrough (YYYY-MM). */
function monthsOf(through) {
  const m = Number(through.slice(5, 7))
  return m === 1 ? '1月' : `1–${m}月`
}

/** The names of this year and last in a comparison: whole years, their complete months, or January so far. */
function compared(t) {
  if (!t.asOf) return [`${t.year}年`, `${t.year - 1}年`]
  if (!t.comparedThrough) return [`${t.year}年1月1日至${Number(t.asOf.slice(8, 10))}日`, null]
  const m = monthsOf(t.comparedThrough)
  return [`${t.year}年${m}`, `${t.year - 1}年${m}`]
}

/** One line on what a running year's figures cover; empty for a finished year. */
function periodNote(s) {
  if (!s.asOf) return ''
  if (!s.comparedThrough) return `本年尚无完整月份，暂不计算同比；数据截至${day(s.asOf)}。`
  const m = monthsOf(s.comparedThrough)
  const month = Number(s.asOf.slice(5, 7))
  return `统计期为${s.year}年${m}（完整月份），同比对比${s.year - 1}年同期；${month}月1日至${Number(s.asOf.slice(8, 10))}日的投诉仅计入逐月图和投诉热点。`
}
const hours = (h) => (h === null ? '—' : h >= 48 ? `${(h / 24).toFixed(1)} 天` : `${h} 小时`)

async function api(path) {
  let res
  try {
    res = await fetch(path)
  } catch {
    throw new Error('网络连接失败，请检查网络后重试')
  }
  const body = await res.json().catch(() => ({}))
  if (!res.ok)
    throw Object.assign(new Error(body.error?.message ?? `加载失败（HTTP ${res.status}）`), {
      status: res.status,
    })
  return body
}

function chart(id, option) {
  charts[id] ??= echarts.init(document.getElementById(id), null, { renderer: 'svg' })
  charts[id].setOption(option, true)
}

const COLORS = ['#1565c0', '#b0bec5']

/** Bars of this year's and last year's counts per label, each series named for what it covers. */
function pair(labels, series, t, horizontal = false) {
  const [thisName, lastName] = compared(t)
  const cat = { type: 'category', data: labels, axisLabel: { interval: 0 } }
  const val = { type: 'value', minInterval: 1 }
  const bars = [{ name: thisName, type: 'bar', data: series.map((s) => s.count) }]
  if (lastName) bars.push({ name: lastName, type: 'bar', data: series.map((s) => s.lastYearCount) })
  return {
    color: COLORS,
    tooltip: { trigger: 'axis' },
    legend: { data: bars.map((b) => b.name), top: 0, right: 10 },
    grid: { left: horizontal ? 110 : 50, right: 20, top: 36, bottom: 28 },
    xAxis: horizontal ? val : cat,
    yAxis: horizontal ? { ...cat, inverse: true } : val,
    series: bars,
  }
}

/** The year's months as drawn: the running one marked as counted so far, later ones empty. */
function monthBars(t) {
  const running = t.asOf ? Number(t.asOf.slice(5, 7)) : 13
  const labels = t.periods.map((p) =>
    Number(p) === running
      ? `${Number(p)}月\n（截至${Number(t.asOf.slice(8, 10))}日）`
      : `${Number(p)}月`,
  )
  const counts = (t.total?.thisYear ?? t.periods.map(() => 0)).map((n, i) =>
    i + 1 > running ? null : n,
  )
  return { labels, counts, lastYear: t.total?.lastYear ?? [] }
}

/** The year select offers the years that hold data (the summary names them). */
function offerYears(years, chosen) {
  const select = filters.elements.year
  if (select.options.length === years.length && Number(select.options[0].value) === years[0]) return
  select.replaceChildren(...years.map((y) => new Option(`${y}年`, String(y), false, y === chosen)))
}

/** Shows why the figures could not be loaded, instead of leaving the last ones under a new filter. */
function failed(err) {
  if (err.status === 403) {
    report.hidden = true
    denied.hidden = false
    denied.textContent = err.message
    return
  }
  results.hidden = true
  exportLink.hidden = true
  loadError.hidden = false
  loadError.textContent =
    err.status === 401 ? '登录已过期，请重新登录后查看。' : `统计数据加载失败：${err.message}`
  if (err.status === 401) askToSignIn()
}

async function draw() {
  const id = ++latest
  const form = new FormData(filters)
  const query = new URLSearchParams({ year: form.get('year') })
  if (form.get('district')) query.set('district', form.get('district'))
  loadError.hidden = true
  let replies
  try {
    replies = await Promise.all([
      api(`/api/v1/stats/summary?${query}`),
      api(`/api/v1/stats/trends?${query}&by=category`),
      api(`/api/v1/stats/trends?${query}&by=category&period=quarter`),
      api(`/api/v1/stats/trends?${query}&by=subcategory`),
      api(`/api/v1/stats/trends?${query}&by=district`),
      api(`/api/v1/stats/satisfaction?${query}`),
    ])
  } catch (err) {
    if (id === latest) failed(err)
    return
  }
  if (id !== latest) return // a later choice is on its way; its figures are the ones to show
  results.hidden = false
  exportLink.hidden = false
  exportLink.href = `/api/v1/stats/export.csv?${query}`
  render(...replies)
}

function render(summary, months, categories, subcategories, districts, satisfaction) {
  const year = summary.year
  const scope = summary.district ?? '全市'
  offerYears(summary.years, year)
  document.getElementById('title').textContent = `${year}年${scope}生态环境投诉情况`
  const note = document.getElementById('period')
  note.textContent = periodNote(summary)
  note.hidden = !note.textContent
  document.getElementById('summary').textContent = summary.text
  const totalName =
    summary.comparedThrough && summary.asOf
      ? `投诉总量（${monthsOf(summary.comparedThrough)}）`
      : '投诉总量'
  const tiles = [
    [totalName, `${summary.total.count} 件`, change(summary.total)],
    ['公众满意率', fmt(summary.satisfactionRate), `参评率 ${fmt(summary.responseRate)}`],
    [
      '按期受理率',
      fmt(summary.onTimeAcceptanceRate),
      `受理用时中位数 ${hours(summary.medianHoursToAcceptance)}`,
    ],
    [
      '按期办结率',
      fmt(summary.onTimeRate),
      `办结用时中位数 ${hours(summary.medianHoursToResolution)}`,
    ],
  ]
  const surveys = summary.publicSurveys
  if (surveys?.satisfactionRate != null)
    tiles.push(['满意度调查', fmt(surveys.satisfactionRate), `收回问卷 ${surveys.responses} 份`])
  document.getElementById('figures').replaceChildren(
    ...tiles.map(([name, value, note]) => {
      const li = document.createElement('li')
      const strong = document.createElement('strong')
      strong.textContent = value
      const small = document.createElement('small')
      small.textContent = note
      li.append(name, strong, small)
      return li
    }),
  )
  const bars = monthBars(months)
  chart('chart-months', {
    color: COLORS,
    tooltip: { trigger: 'axis' },
    legend: { data: [`${year}年`, `${year - 1}年`], top: 0, right: 10 },
    grid: { left: 50, right: 20, top: 36, bottom: 44 },
    xAxis: { type: 'category', data: bars.labels, axisLabel: { interval: 0 } },
    yAxis: { type: 'value', minInterval: 1 },
    series: [
      { name: `${year}年`, type: 'bar', data: bars.counts },
      { name: `${year - 1}年`, type: 'line', smooth: true, data: bars.lastYear },
    ],
  })
  const cats = categories.series
  chart(
    'chart-categories',
    pair(
      cats.map((s) => s.label),
      cats,
      categories,
    ),
  )
  const subs = subcategories.series.filter((s) => !s.key.endsWith('/none')).slice(0, 12)
  chart(
    'chart-subcategories',
    pair(
      subs.map((s) => s.label),
      subs,
      subcategories,
      true,
    ),
  )
  const ds = districts.series
  chart(
    'chart-districts',
    pair(
      ds.map((s) => s.label),
      ds,
      districts,
    ),
  )
  const r = satisfaction.ratings
  chart('chart-ratings', {
    color: ['#2e7d32', '#81c784', '#e53935', '#bdbdbd'],
    tooltip: { trigger: 'item' },
    legend: { bottom: 0 },
    series: [
      {
        type: 'pie',
        radius: ['40%', '68%'],
        label: { formatter: '{b} {d}%' },
        data: [
          { name: '满意', value: r.satisfied },
          { name: '基本满意', value: r.basically_satisfied },
          { name: '不满意', value: r.dissatisfied },
          { name: '未评价', value: satisfaction.notRated },
        ],
      },
    ],
  })
  const body = document.querySelector('#hotspots tbody')
  body.replaceChildren(
    ...summary.hotspots.map((h) => {
      const tr = document.createElement('tr')
      for (const text of [h.place, h.district || '未注明', String(h.count)]) {
        const td = document.createElement('td')
        td.textContent = text
        tr.append(td)
      }
      return tr
    }),
  )
  if (summary.hotspots.length === 0)
    body.innerHTML = '<tr><td colspan="3">暂无重复投诉地点</td></tr>'
}

async function show() {
  report.hidden = false
  await draw()
}

filters.addEventListener('change', () => void draw())
document.getElementById('print').addEventListener('click', () => window.print())
window.addEventListener('resize', () => Object.values(charts).forEach((c) => c.resize()))
window.addEventListener('beforeprint', () => Object.values(charts).forEach((c) => c.resize()))
staffSession(show)
