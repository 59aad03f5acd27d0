import type { Category, Subcategory } from '../types'

/**
 * Words residents use, per category and subcategory, grouped by weight: 1 a hint, 2 typical,
 * 3–4 decisive. A group without a subcategory counts for the category only. Decoys (category
 * null) are longer phrases that hide a misleading word inside them: 空气净化器 is not air
 * pollution. Terms are comma-separated; matching is on normalised (Simplified, lower-case) text.
 */
interface LexiconSource {
  category: Category | null
  subcategory?: Subcategory
  terms: Readonly<Record<number, readonly string[]>>
}

export interface LexiconGroup {
  category: Category | null
  subcategory?: Subcategory
  terms: Readonly<Record<string, number>>
}

const sources: readonly LexiconSource[] = [
  {
    category: 'air',
    terms: {
      3: [
        '废气, 污染空气, 呛人, 熏人, 冒烟, 排烟, 黑烟, 浓烟, 黄烟, 粉尘, 窗户都不敢开, 烟很大, 烟特别大',
        'air pollution, smoke, smoky, fumes, emission',
      ],
      2: [
        '大气, 呛, 熏, 难闻, 喘不过气, 空气差, 烟雾, 白烟, 颗粒物, pm2.5, 不敢开窗, 开不了窗, 烟尘',
        '冒的烟, 捂着嘴, exhaust',
      ],
      1: ['空气, 咳嗽, 烟, air quality'],
    },
  },
  {
    category: 'air',
    subcategory: 'industrial',
    terms: {
      4: [
        '烟囱, 烟筒, 工厂冒烟, 厂里冒烟, 偷排废气, 排气筒, 废气排放, 烟囱冒, chimney, smokestack, stack',
      ],
      3: ['排放废气, 烧窑, 烘干塔, 热电厂, 化工企业, 黄褐色, 排废气, 电厂'],
      2: [
        '锅炉, 喷漆, 喷涂, 冒黑烟, 冒白烟, 冒黄烟, 熔炼, 铸造, 砖瓦厂, 化工园, 冶炼, 焦化, plant',
      ],
      1: ['化工厂, 工厂, 厂区, 车间, 企业, 厂, factory'],
    },
  },
  {
    category: 'air',
    subcategory: 'odor',
    terms: {
      4: [
        '恶臭, 异味, 臭气熏天, 刺鼻味, 化学味, 化工味, 臭鸡蛋, 氨水味, 臭烘烘, 硫磺味, 硫化物, 怪味',
        'smell, smells, stink, stinks, stench, odor, odour, chemical smell',
      ],
      3: [
        '刺鼻, 臭味, 臭气, 酸味, 烧焦味, 塑料味, 橡胶味, 油漆味, 垃圾中转站, 一股味, 焦糊味, 焦臭',
        '污水处理厂, 臭得, 味道很大, 气味很大, 闻到, 垃圾房, 馊味, 酸臭, 腐臭, 腐烂的味道',
        'bin room, rubbish room, garbage room, bin store',
        'yiwei, yi wei, chouwei, chou wei, hen chou, tai chou',
      ],
      2: ['臭, 气味, 味道, 焦味, 垃圾站, 发臭, 臭死, 熏死, 香蕉水, 天那水, 稀料'],
    },
  },
  {
    category: 'air',
    subcategory: 'catering_fumes',
    terms: {
      4: ['油烟, 油烟味, 烟罩, cooking fumes, fume extractor, youyan, you yan'],
      3: [
        '油烟机, 烧烤, 烤串, 大排档, 排烟管道, 烤鸭, 炸鸡, 烧饼, barbecue, bbq, shaokao, shao kao',
      ],
      2: ['饭店, 餐馆, 餐厅, 饭馆, 炒菜, 小吃店, 火锅店, 烤肉, 龙虾店, 食堂, restaurant'],
      1: ['厨房, kitchen'],
    },
  },
  {
    category: 'air',
    subcategory: 'dust',
    terms: {
      4: ['扬尘, 尘土飞扬, 满天灰, 降尘, dust, dusty, yangchen, yang chen'],
      3: [
        '灰尘, 尘土, 灰大, 裸土, 没洒水, 不洒水, 搅拌站, 一层灰, 一团灰, 一层土, 石灰粉, 木屑, 冲洗路面',
        '洒水, 喷淋, 白茫茫, 都是灰',
      ],
      2: ['渣土, 没有覆盖, 未覆盖, 不盖, 雾炮, 沙石, 砂石, 土方, 灰'],
      1: ['水泥, 刮风'],
    },
  },
  {
    category: 'air',
    subcategory: 'burning',
    terms: {
      4: [
        '焚烧, 烧秸秆, 烧垃圾, 烧树叶, 烧落叶, 露天焚烧, 烧轮胎, 烧电线, 烧塑料, 烧荒, 烧稻草, 烧废料',
        '烧边角料, 烧木头, 放火烧, burning',
      ],
      3: ['秸秆, 烧东西, 烧火, 在烧, 放火, burn, open fire, 烧电缆, 剥铜'],
      2: ['烧纸, 点火, 着火, 稻草'],
      1: ['烧'],
    },
  },
  {
    category: 'air',
    subcategory: 'vehicle',
    terms: {
      4: [
        '尾气, 汽车尾气, 货车冒黑烟, 冒黑烟的货车, 黑烟车, 冒黑烟的渣土车, 货船冒黑烟',
        'vehicle exhaust, truck exhaust, black exhaust, diesel exhaust, tailpipe',
      ],
      3: ['柴油车, 排气管, 柴油味, 黑烟滚滚, 车冒黑烟, diesel truck, 不熄火, 怠速, 拖拉机'],
      2: ['年检, 起步, 货船, engines running, engine running, idling, 发动机一直开着'],
    },
  },
  {
    category: 'air',
    subcategory: 'other_air',
    terms: {
      3: ['煤烟, 蜂窝煤, 黑色颗粒, 烟花, 爆竹烟, 雾霾, haze, hazy, smog'],
      2: ['颗粒, 黑点, 煤炉, 灰蒙蒙'],
    },
  },
  {
    category: 'noise',
    terms: {
      4: ['噪音扰民, noise, noisy, too loud'],
      3: [
        '噪音, 噪声, 吵闹, 吵死, 很吵, 太吵, 扰民, 轰鸣, 轰隆, 嗡嗡, 咚咚, 哐哐, 砰砰, 震耳, 分贝, 吵得, 太响',
        '吵醒, 震耳欲聋, 隔音, loud',
        '咚咚咚, 轰隆隆, 嗡嗡嗡, 哒哒哒, 叮叮当当, 乒乒乓乓, 噼里啪啦, 吱吱, 刺耳, 震得, 震醒, 闹哄哄',
        '睡不着觉, 没法睡, 无法入睡, 吵吵, 吵个不停, 响个不停, 叫个不停',
        'banging, booming, humming, buzzing, screeching, keeps me awake',
        'zaoyin, zao yin, tai chao, hen chao, chao si',
      ],
      2: [
        '吵, 响声, 睡不着, 睡不好, 很响, 音响, 喇叭, 声音特别大, 声音很大, 噪, 响, 震动, 呼呼',
        "can not sleep, can't sleep, sound, bang, hum, racket",
        '尖锐, 失眠, 神经衰弱, 动静, 声响, 嚎',
      ],
      1: ['声音, 声'],
    },
  },
  {
    category: 'noise',
    subcategory: 'construction',
    terms: {
      4: [
        '打桩, 打桩机, 夜间施工, 连夜施工, 破碎锤, 风镐, 空气锤, 建筑工地, 钢板桩, 夜里施工',
        'pile driving, jackhammer, road works, roadworks, road work, hydraulic hammer',
      ],
      3: [
        '挖掘机, 挖机, 浇筑, 浇混凝土, 拆房子, 修路, 铺路, 管网, 工程车, excavator',
        '炮机, 破碎机, 铣刨, 切割路面, 挖路, 拆楼, 拆除, 翻修, breaker, shigong, shi gong',
        'construction, demolition, demolishing',
      ],
      // a site is where the noise may come from, not the noise itself: dust and mud come from it too
      2: ['施工, 切割, 电锯, 混凝土, 搅拌机, 拆迁, 工期, 施工队, 拆, 开挖, 凿, 钢筋, 脚手架, 塔吊'],
      1: ['工地, gongdi, gong di, building site, construction site, demolition site'],
    },
  },
  {
    category: 'noise',
    subcategory: 'industrial',
    terms: {
      4: ['空压机, 冲床, 工厂噪音, 织机, 轧钢, 工业噪音, factory noise'],
      3: [
        '机器声, 风机, 冷却塔, 机械声, 气泵, 冲压, 机床, 钢板碰撞, 纺织厂, 加工厂, machinery, machines',
      ],
      2: [
        '机器, 车间, 厂里, 厂房, 生产线, 作坊, 木材加工, 马达, 汽修, workshop',
        '锻压, 钣金, 三班倒',
      ],
      1: ['设备, 厂, factory'],
    },
  },
  {
    category: 'noise',
    subcategory: 'social_life',
    terms: {
      4: [
        '广场舞, ktv, 卡拉ok, 喊麦, 电钻, 冲击钻, 敲墙, 砸墙, 空调外机, 大声喧哗, 大喇叭, 狂叫',
        'square dancing, square dance, karaoke',
      ],
      3: [
        '跳舞, 唱歌, 酒吧, 夜店, 促销, 叫卖, 高音喇叭, 装修, 外机, 狗叫, 麻将, 喧哗, 乐器, 钢琴, 跺脚',
        '鞭炮, 庆典, 开业, 放歌, 广播, 婚庆, 试音, 狗, 陀螺, 楼上',
        'renovation, drilling, air conditioner, dog barking, barking, neighbours, neighbors',
        '低音炮, 蹦迪, 狗吠, 犬吠, 拖椅子, 拖凳子, 跳绳, 吵架, 打麻将',
        'bass, dog',
        '循环播放, 小喇叭, 促销广播, loudspeaker, guangchangwu, guang chang wu',
      ],
      2: [
        '音乐, 商铺, 店铺, 邻居, 宠物, 打牌, 直播, 鼓, 放音乐, 门口, 小区里, 业主, 水果店',
        'bar, neighbour, neighbor, music, party, 音箱, speaker',
      ],
      1: ['商店, 楼下'],
    },
  },
  {
    category: 'noise',
    subcategory: 'traffic',
    terms: {
      4: ['鸣笛, 按喇叭, 炸街, 改装车, 交通噪音, 交通噪声, 飙车, traffic, honking'],
      3: [
        '喇叭声, 高架, 高速, 火车, 铁路, 高铁, 轻轨, 轮船, 船只, 汽笛, 飞机, 快速路, 刹车声, 发动机声',
        '主干道, 省道, 国道, 隔音屏障, 报站, 公交车, horn, horns, highway, motorcycle, train, trucks',
      ],
      2: ['车流, 马路, 渣土车, 大货车, 摩托车, 地铁, 大车, 跑车, 车辆, 路边, 通车, 公路, road'],
      1: ['货车, 车'],
    },
  },
  {
    category: 'noise',
    subcategory: 'other_noise',
    terms: {
      3: ['水泵, 充电桩, 驱鸟炮, 变压器嗡嗡, 电梯'],
      2: ['风扇, 泵房'],
    },
  },
  {
    category: 'water',
    terms: {
      4: [
        '污水, 废水, 排污, 排污口, 黑臭水体, 水发黑, 死鱼, 鱼死, 水污染, 排进河, 排水口, 脏水, 倒废水',
        '河水发臭, 河水很臭, 河臭, 水发臭, 水很臭, 臭水, 臭水沟, 黑臭, 又黑又臭, wushui, wu shui',
        'river smells, river stinks, canal smells, canal stinks, creek smells, creek stinks, pond smells',
        'pond stinks, water smells, water stinks, ditch smells, ditch stinks',
        '河被污染, 水是黑的, 排出来的水, 排出的水, 水看着, sewage, wastewater, dead fish, water pollution',
        'discharging water, drain, effluent',
      ],
      3: [
        '偷排, 直排, 水质, 翻白, 倒进河, 污水管, 化粪池, 蓝藻, 雨水口, 雨水井, 井水, 变色, discharge',
      ],
      2: [
        '河水, 河道, 河里, 发黑, 泡沫, 油污, 雨水管, 湖水, 池塘, 沟渠, 排水, 下水道, 水面, 河边, 湖边',
        '水体, 鱼塘, 河, 河沟, 小河沟, 水沟, 排水沟, river, canal, pond, creek, ditch, scum',
      ],
      1: ['漂着, 水'],
    },
  },
  {
    category: 'waste',
    terms: {
      4: [
        '偷倒, 建筑垃圾, 渣土乱倒, 固废, 危废, 危险废物, 医疗废物, 工业垃圾, 废渣, 装修垃圾, 倒渣土',
        '病死猪, 过期药品, 化学试剂, 废机油, 废油桶, 废弃物, dumping, dumped, illegal dumping, dump',
      ],
      3: [
        '乱倒, 倾倒, 废油, 废料, 乱堆, 污泥, 填埋, 废桶, 废电池, 垃圾堆, 废滤芯, 废铁, 油泥, 堆满',
        'waste, debris, asbestos',
      ],
      2: ['垃圾, 乱扔, 堆放, 扔在, 扔了, 倒了, 一堆, garbage, rubbish, trash, laji'],
    },
  },
  {
    category: 'radiation',
    terms: {
      4: [
        '辐射, 电磁辐射, 基站, 信号塔, 信号发射塔, 放射源, 放射性, 5g基站, 射线, 探伤',
        'radiation, cell tower, base station, electromagnetic, radioactive',
      ],
      3: ['发射塔, 变电站, 高压线, 电磁波, 放射'],
      2: ['变压器, 天线'],
    },
  },
  {
    category: 'other',
    terms: {
      3: [
        '路灯, 乱停车, 违建, 违章建筑, 井盖, 停电, 停水, 群租房, 灯坏了, 公交站牌, 健身器材, 摆摊',
        'street light, parking',
        '小广告, 海报, 拖欠, 欠薪, 闯红灯, 拒载, 马蜂窝, 野猪, 护栏, 摔倒, 摔伤, 滑倒',
        'pothole, posters, flyers, stray dogs, stray dog, railing, slipped, tripped, fell, fallen',
        'bitten, bite, snake, snakes, rats, wasp, hornet, bus driver, taxi',
      ],
      2: [
        '停车, 物业, 占道, 摊贩, 积水, 漏水, 楼道, 没人修, 老鼠, 蛇, 工资, 交警, 红绿灯, 游泳, 摔',
      ],
      1: ['绿化, 坏了'],
    },
  },
  {
    category: null,
    terms: {
      0: [
        '空气净化器, 空气质量怎么样, 今天空气, 空气炸锅, 新鲜空气, 垃圾分类, 垃圾短信, 垃圾邮件, 声音好听',
        '排污许可, 环评, air purifier, air fryer, noise cancelling, 灰色, 灰白色, 灰黑色, 灰蒙蒙的天气',
      ],
    },
  },
]

function expand(source: LexiconSource): LexiconGroup {
  const terms: Record<string, number> = {}
  for (const [weight, lines] of Object.entries(source.terms)) {
    for (const term of lines.join(',').split(',')) {
      const t = term.trim()
      if (t) terms[t] = Number(weight)
    }
  }
  return { category: source.category, subcategory: source.subcategory, terms }
}

export const lexicon: readonly LexiconGroup[] = sources.map(expand)
