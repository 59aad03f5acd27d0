import type { Kysely } from 'kysely'

// The reference data a fresh installation starts with, frozen as of this migration; admins
// change it later through the API. Sources: the district branches follow the 2019
// vertical-management reform naming (常州市X生态环境局), 12369 is the national environmental
// hotline; referrals follow the 2022 Noise Pollution Prevention Law (social-life noise: public
// security, art. 59–70; traffic noise: transport authorities, art. 45–58) and the 2018 Air
// Pollution Prevention Law art. 81 with Jiangsu's assignment of catering fumes to urban
// management (城市管理综合执法).
const departments = [
  ['cz-bureau', '常州市生态环境局(12369热线)', 'bureau', null, '12369'],
  ['tianning-branch', '常州市天宁生态环境局', 'branch', '天宁区', null],
  ['zhonglou-branch', '常州市钟楼生态环境局', 'branch', '钟楼区', null],
  ['xinbei-branch', '常州市新北生态环境局', 'branch', '新北区', null],
  ['wujin-branch', '常州市武进生态环境局', 'branch', '武进区', null],
  ['jintan-branch', '常州市金坛生态环境局', 'branch', '金坛区', null],
  ['liyang-branch', '常州市溧阳生态环境局', 'branch', '溧阳市', null],
  ['jingkai-branch', '常州经开区生态环境局', 'branch', '常州经开区', null],
  ['police', '公安机关(社会生活噪声)', 'agency', null, '110'],
  ['urban-management', '常州市城市管理局(餐饮油烟)', 'agency', null, '12319'],
  ['transport', '常州市交通运输局(交通噪声)', 'agency', null, '12328'],
  ['hotline-12345', '常州市12345政务服务便民热线', 'agency', null, '12345'],
] as const

type Rule = [
  category: string,
  subcategory: string | null,
  district: string | null,
  department: string,
  action: 'route' | 'transfer',
  note: string,
]

const rules: Rule[] = [
  ['noise', 'social_life', null, 'police', 'transfer', '噪声污染防治法:社会生活噪声由公安机关处理'],
  ['air', 'catering_fumes', null, 'urban-management', 'transfer', '餐饮油烟由城市管理部门处理'],
  ['noise', 'traffic', null, 'transport', 'transfer', '交通运输噪声由交通运输等部门处理'],
  ['other', null, null, 'hotline-12345', 'transfer', '非生态环境事项转12345热线'],
  ...departments
    .filter(([, , kind]) => kind === 'branch')
    .map(([id, , , district]): Rule => ['*', null, district, id, 'route', `${district}属地分局`]),
  ['*', null, null, 'cz-bureau', 'route', '地点不明,由市局12369中心分派'],
]

export async function up(db: Kysely<any>): Promise<void> {
  const now = new Date('2026-11-28T00:00:00Z').toISOString()
  await db
    .insertInto('departments')
    .values(
      departments.map(([id, name, kind, district, phone]) => ({
        id,
        name,
        kind,
        district,
        phone,
        created_at: now,
      })),
    )
    .execute()
  await db
    .insertInto('routing_rules')
    .values(
      rules.map(([category, subcategory, district, department_id, action, note], i) => ({
        priority: (i + 1) * 10,
        category,
        subcategory,
        district,
        keywords: null,
        department_id,
        action,
        accept_working_days: 1,
        resolve_working_days: 7,
        urgent_hours: 2,
        note,
        created_at: now,
        updated_at: now,
      })),
    )
    .execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.deleteFrom('routing_rules').execute()
  await db.deleteFrom('departments').execute()
}
