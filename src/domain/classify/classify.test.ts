import { describe, expect, it } from 'vitest'
import { classify } from './classify'

describe('classify', () => {
  it.each([
    ['工地晚上一直打桩,吵得睡不着', 'noise', 'construction'],
    ['楼下广场舞音响每天开到很晚', 'noise', 'social_life'],
    ['隔壁厂房机器声嗡嗡的', 'noise', 'industrial'],
    ['高架上大货车一直按喇叭', 'noise', 'traffic'],
    ['化工厂那边一股刺鼻的化学味', 'air', 'odor'],
    ['那个厂的烟囱天天冒黑烟', 'air', 'industrial'],
    ['楼下烧烤店油烟直接往我家飘', 'air', 'catering_fumes'],
    ['工地没有覆盖,尘土飞扬', 'air', 'dust'],
    ['田里有人在烧秸秆', 'air', 'burning'],
    ['河里排污口一直往外冒黑水', 'water', 'none'],
    ['有人往空地上偷倒建筑垃圾', 'waste', 'none'],
    ['小区楼顶装了基站,担心辐射', 'radiation', 'none'],
  ])('reads 「%s」 as %s/%s', (text, category, subcategory) => {
    expect(classify(text)).toMatchObject({ intent: 'report', category, subcategory })
  })

  it.each([
    ['家门口的小河又黑又臭', 'water', 'none'],
    ['楼下垃圾房臭气熏天，窗户都不敢开', 'air', 'odor'],
    ['旁边工地的土堆不盖网，一刮风家里全是灰', 'air', 'dust'],
    ['这几天雾霾很重，灰蒙蒙的', 'air', 'other_air'],
    ['服装店门口的音箱一天到晚循环播放', 'noise', 'social_life'],
  ])(
    'reads 「%s」 by what it is about, not by a word on the side: %s/%s',
    (text, category, sub) => {
      expect(classify(text)).toMatchObject({ intent: 'report', category, subcategory: sub })
    },
  )

  it('follows the contrast: 「不是噪音的问题,是那个臭味」 is a smell', () => {
    expect(classify('不是噪音的问题,是那个臭味')).toMatchObject({
      category: 'air',
      subcategory: 'odor',
    })
  })

  it('does not take an air purifier for air pollution', () => {
    expect(classify('家里的空气净化器坏了')).toMatchObject({ intent: 'chitchat', category: 'none' })
  })

  it('knows an air hammer is noise', () => {
    expect(classify('工地的空气锤一直响')).toMatchObject({
      category: 'noise',
      subcategory: 'construction',
    })
  })

  it.each([
    ['燥音太大了,受不了', 'noise'],
    ['小区里一股意味', 'air'],
    ['噪聲(shēng)擾民,晚上睡不著', 'noise'],
    ['ＫＴＶ太吵', 'noise'],
    ['There is a strong chemical smell near the factory at night', 'air'],
  ])('reads through typos, Traditional script, full-width and English: %s', (text, category) => {
    expect(classify(text).category).toBe(category)
  })

  it.each([
    ['武进区湖塘镇', '武进区'],
    ['恐龙园附近', '新北区'],
    ['遥观镇一家工厂', '常州经开区'],
    ['Wujin district', '武进区'],
    ['武进区遥观镇', '常州经开区'],
    ['我家楼下', null],
    ['青龙这边', '天宁区'],
    ['茶山附近', '天宁区'],
    ['新桥附近', null],
    ['关河东路上', '天宁区'],
    ['Xuejia town, ', '新北区'],
  ])('places 「%s」 in %s', (text, district) => {
    expect(classify(`${text}工地噪音很大`).district).toBe(district)
  })

  it('keeps 溧阳 when dust follows it', () => {
    expect(classify('溧阳尘土飞扬')).toMatchObject({ district: '溧阳市', subcategory: 'dust' })
  })

  it.each([
    ['我上周投诉的噪音怎么样了', 'status'],
    ['CZ20261128-0007 处理到哪一步了', 'status'],
    ['满意', 'feedback'],
    ['你们来过之后还是很吵', 'feedback'],
    ['打5分', 'feedback'],
    ['👍', 'feedback'],
    ['你好', 'chitchat'],
    ['今天空气质量怎么样', 'chitchat'],
  ])('takes 「%s」 as %s', (text, intent) => {
    expect(classify(text).intent).toBe(intent)
  })

  it.each([
    ['我昨天投诉的那家饭店油烟，有人去看了吗', 'status'],
    ['上周反映的工地噪音，到现在还没人来', 'status'],
    ['I complained about the chemical smell on Monday, any progress?', 'status'],
    ['你们处理以后烟囱还是冒黑烟，不满意', 'feedback'],
    ['工地现在晚上不干活了，安静多了', 'feedback'],
    ['给三颗星吧', 'feedback'],
    ['打一分', 'feedback'],
    ['The smell is gone now, good job', 'feedback'],
  ])('takes 「%s」, which names the pollution, as %s and not as a new report', (text, intent) => {
    expect(classify(text).intent).toBe(intent)
  })

  it('does not take ten minutes for a score', () => {
    expect(classify('十分钟前楼下又开始冒黑烟').intent).toBe('report')
  })

  it.each([
    ['楼上每天半夜咚咚咚的，根本睡不着觉'],
    ['高架上的车轰隆隆的，一晚上响个不停'],
    ['隔壁的低音炮震得窗户都在响'],
    ['My neighbours are banging around until 3am'],
  ])('hears noise in 「%s」 without the word 噪音', (text) => {
    expect(classify(text)).toMatchObject({ intent: 'report', category: 'noise' })
  })

  it('finds the case number a status question names', () => {
    expect(classify('请问cz20261128-0007进度').caseNumber).toBe('CZ20261128-0007')
  })

  it.each([['ＣＺ２０２６１１２８－０００７'], ['CZ20261128—0007'], ['CZ20261128–0007 进度']])(
    'finds the case number in 「%s」, typed full-width or with another dash',
    (text) => {
      expect(classify(text)).toMatchObject({ intent: 'status', caseNumber: 'CZ20261128-0007' })
    },
  )

  it.each([
    ['凌晨两点工地还在打桩'],
    ['化工厂的味道熏得人头晕呕吐'],
    ['河里大量死鱼'],
    ['池塘里的鱼都翻着肚皮浮上来了'],
    ['The fish in the creek are floating belly up'],
    ['夜里十二点修路的还在切割路面，吵得睡不着'],
    ['外面一股很浓的化学味，窗户关着都挡不住'],
  ])('flags 「%s」 as urgent', (text) => {
    expect(classify(text).urgent).toBe(true)
  })

  it('does not flag ordinary daytime noise as urgent', () => {
    expect(classify('白天工地施工声音有点大').urgent).toBe(false)
  })

  it('does not take a site named at night for night-time construction noise', () => {
    expect(classify('半夜有车往农田里偷倒建筑垃圾，已经堆成小山了')).toMatchObject({
      category: 'waste',
      urgent: false,
    })
  })

  it('does not take a phone number for a score', () => {
    expect(classify('噪音投诉是打12345还是找你们').intent).not.toBe('feedback')
  })

  it('names the words that decided it', () => {
    expect(classify('武进区工地打桩太吵').terms).toEqual(expect.arrayContaining(['打桩', '武进区']))
  })

  it.each([
    ['empty text', ''],
    ['only emoji', '😀😀😀'],
    ['100 KB of text', 'a'.repeat(100_000)],
    ['100 KB of Chinese', '的'.repeat(100_000)],
    ['binary garbage', '\u0000\u0001\u0002\ufffd\ufffd'],
    [
      'invalid UTF-8 decoded',
      new TextDecoder().decode(new Uint8Array([0xff, 0xfe, 0xc3, 0x28, 0xa0])),
    ],
  ])('gives a low-confidence answer and never throws for %s', (_label, text) => {
    const c = classify(text)
    expect(c.intent).toBe('chitchat')
    expect(c.confidence).toBeLessThan(0.5)
  })

  it('answers in the language the resident wrote', () => {
    expect(classify('工地噪音').language).toBe('zh-Hans')
    expect(classify('工地噪音擾民').language).toBe('zh-Hant')
    expect(classify('construction noise at night').language).toBe('en')
  })
})
