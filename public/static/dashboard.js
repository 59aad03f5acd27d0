// The bureau's statistics: signs in like the console (staff-session.js), then draws this year
// against last year from /api/v1/stats with Apache ECharts (SVG, so it prints sharply).
/* global echarts */
import { staffSession } from './staff-session.js'

const report = document.getElementById('report')
const denied = document.getElementById('denied')
const filters = document.getElementById('filters')
const charts = {}

const fmt = (x, unit = '%') => (x === null || x === undefined ? '—' : `${x}${unit}`)
const change = (yoy) =>
  yoy === null ? '上年无数据' : `同比${yoy < 0 ? '下降' : '上升'}${Math.abs(yoy).toFixed(1)}%`
const hours = (h) => (h === null ? '—' : h >= 48 ? `${(h / 24).toFixed(1)} 天` : `${h} 小时`)

async function api(path) {
  const res = await fetch(path)
  const body = await res.json()
  if (!res.ok)
    throw Object.assign(new Error(body.error?.message ?? '加载失败'), { status: res.status })
  return body
}

function chart(id, option) {
  charts[id] ??= echarts.init(document.getElementById(id), null, { renderer: 'svg' })
  charts[id].setOption(option, true)
}

const COLORS = ['#1565c0', '#b0bec5']

/** Last year's name in a comparison: all of it, or up to the month this year has reached. */
function lastYearName(year, comparedThrough) {
  const month = Number(comparedThrough?.slice(5, 7) ?? 12)
  return month === 12 ? `${year - 1}年` : `${year - 1}年1–${month}月`
}

function pair(labels, thisYear, lastYear, year, horizontal = false, lastName = `${year - 1}年`) {
  const cat = { type: 'category', data: labels, axisLabel: { interval: 0 } }
  const val = { type: 'value', minInterval: 1 }
  return {
    color: COLORS,
    tooltip: { trigger: 'axis' },
    legend: { data: [`${year}年`, lastName], top: 0, right: 10 },
    grid: { left: horizontal ? 110 : 50, right: 20, top: 36, bottom: 28 },
    xAxis: horizontal ? val : cat,
    yAxis: horizontal ? { ...cat, inverse: true } : val,
    series: [
      { name: `${year}年`, type: 'bar', data: thisYear },
      { name: lastName, type: 'bar', data: lastYear },
    ],
  }
}

async function draw() {
  const form = new FormData(filters)
  const query = new URLSearchParams({ year: form.get('year') })
  if (form.get('district')) query.set('district', form.get('district'))
  document.getElementById('export').href = `/api/v1/stats/export.csv?${query}`
  const [summary, months, categories, subcategories, districts, satisfaction] = await Promise.all([
    api(`/api/v1/stats/summary?${query}`),
    api(`/api/v1/stats/trends?${query}&by=category`),
    api(`/api/v1/stats/trends?${query}&by=category&period=quarter`),
    api(`/api/v1/stats/trends?${query}&by=subcategory`),
    api(`/api/v1/stats/trends?${query}&by=district`),
    api(`/api/v1/stats/satisfaction?${query}`),
  ])
  const year = summary.year
  const scope = summary.district ?? '全市'
  document.getElementById('title').textContent = `${year}年${scope}生态环境投诉情况`
  document.getElementById('summary').textContent = summary.text
  const tiles = [
    ['投诉总量', `${summary.total.count} 件`, change(summary.total.yoy)],
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
  const monthLabels = months.periods.map((p) => `${Number(p)}月`)
  chart('chart-months', {
    ...pair(monthLabels, months.total?.thisYear ?? [], months.total?.lastYear ?? [], year),
    series: [
      { name: `${year}年`, type: 'bar', data: months.total?.thisYear ?? [] },
      { name: `${year - 1}年`, type: 'line', smooth: true, data: months.total?.lastYear ?? [] },
    ],
  })
  const cats = categories.series
  chart(
    'chart-categories',
    pair(
      cats.map((s) => s.label),
      cats.map((s) => s.count),
      cats.map((s) => s.lastYearCount),
      year,
      false,
      lastYearName(year, categories.comparedThrough),
    ),
  )
  const subs = subcategories.series.filter((s) => !s.key.endsWith('/none')).slice(0, 12)
  chart(
    'chart-subcategories',
    pair(
      subs.map((s) => s.label),
      subs.map((s) => s.count),
      subs.map((s) => s.lastYearCount),
      year,
      true,
      lastYearName(year, subcategories.comparedThrough),
    ),
  )
  const ds = districts.series
  chart(
    'chart-districts',
    pair(
      ds.map((s) => s.label),
      ds.map((s) => s.count),
      ds.map((s) => s.lastYearCount),
      year,
      false,
      lastYearName(year, districts.comparedThrough),
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
  try {
    report.hidden = false
    await draw()
  } catch (err) {
    report.hidden = true
    denied.hidden = false
    denied.textContent = err.message
  }
}

filters.addEventListener('change', () => void draw())
document.getElementById('print').addEventListener('click', () => window.print())
window.addEventListener('resize', () => Object.values(charts).forEach((c) => c.resize()))
window.addEventListener('beforeprint', () => Object.values(charts).forEach((c) => c.resize()))
staffSession(show)
