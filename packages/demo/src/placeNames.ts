import type { Random } from './Random.ts';

/**
 * Chinese place names for the fictional 示范市 and larger synthetic regions. A name is a stem
 * and a suffix (柳河 + 村) so that a clash can be resolved the way real places are: 柳河二村.
 */
export interface PlaceName {
  stem: string;
  suffix: string;
}

/** The districts of the default demo, in order: three urban 区, two rural 县. */
export const demoDistrictNames = ['东城区', '西湖区', '南山区', '北川县', '云溪县'] as const;

const districtHeads = '东西南北中青云临长安永新金白清龙凤宁泰华'.split('');
const districtTails = '城湖山川峰溪江河阳宁平丰源州陵原'.split('');

// 街道 are named after roads, quarters and landmarks.
const streetStems = (
  '城关 城东 城西 城南 城北 东关 西关 南关 北关 鼓楼 钟楼 朝阳 ' +
  '新华 人民路 解放路 中山路 滨江 江北 河西 湖滨 望湖 龙泉 凤凰 ' +
  '金山 银河 长安 开元 文化路 站前 府前 新城 高新 东湖 西园 翠屏 ' +
  '建设路 和平 友谊路 光明 永兴 锦江 青龙 白塔 桃园 花园'
).split(' ');

// 乡镇 and 村 share the rural vocabulary: a feature of the land and what stands on it.
const ruralHeads = '白石柳桃杨黄青云龙马枫松梅竹花金双三五高新古大小安太平永杏枣梨牛'.split('');
const ruralTails = '河桥湾坪山岭溪林田沟寺关口集店铺塘坝源庙庄营屯堡寨坡洼'.split('');
const familyNames = '杨李王张刘陈赵周吴郑孙何胡高林罗'.split('');
const familyPlaces = '家庄 家湾 家坪 家沟 家洼 家营 家寨 家岭'.split(' ');

// Urban 社区 carry auspicious words, old work-unit names or estate names.
const communityWords = (
  '幸福 和平 阳光 翠苑 金桥 锦绣 丽景 春晖 文昌 书院 朝阳 东湖 ' +
  '西园 南门 北关 滨江 望江 临河 柳岸 桂花 梧桐 银杏 海棠 紫荆 ' +
  '玉兰 石榴 明珠 星光 长青 育才 兴华 振兴 友谊 团结 建设 光明 ' +
  '康乐 安居 福寿 吉祥 和顺 永安 新华 胜利 健康 青年 鼓楼 府前 ' +
  '学府 枫林 荷塘 清泉 碧水 绿洲 嘉禾 华苑 怡景 恒安 泰和 瑞祥'
).split(' ');
const communityTails = ['', '', '', '里', '苑', '园', '坊', '湾', '花园', '新村'];
const workUnits = '工人 铁路 电厂 纺织 机械 化工 邮电 粮站 农机 水泥厂'.split(' ');

const numerals = '一二三四五六七八九十'.split('');

/** 第一网格 … 第十网格, then 第11网格 onwards. */
export function gridName(index: number): string {
  return index <= 10 ? `第${numerals[index - 1]}网格` : `第${index}网格`;
}

/** A generated 区 or 县 name (the demo uses `demoDistrictNames` first). */
export function districtName(rng: Random, county: boolean): PlaceName {
  return { stem: rng.pick(districtHeads) + rng.pick(districtTails), suffix: county ? '县' : '区' };
}

/** A 街道 name. */
export function subdistrictName(rng: Random): PlaceName {
  const stem = rng.chance(0.6) ? rng.pick(streetStems) : rng.pick(communityWords);
  return { stem, suffix: '街道' };
}

/** A township name: mostly 镇, some 乡. */
export function townshipName(rng: Random): PlaceName {
  return { stem: ruralStem(rng), suffix: rng.chance(0.7) ? '镇' : '乡' };
}

/** An urban 社区 name. */
export function communityName(rng: Random): PlaceName {
  const stem = rng.chance(0.12)
    ? rng.pick(workUnits) + '新村'
    : withTail(rng.pick(communityWords), rng.pick(communityTails));
  return { stem, suffix: '社区' };
}

/** A village (村) name. */
export function villageName(rng: Random): PlaceName {
  return { stem: ruralStem(rng), suffix: '村' };
}

/**
 * Draws names until one is new in `used`, and records it. After many clashes (a province has
 * more villages than the pools have stems) it numbers the stem, as real places do: 柳河二村.
 */
export function uniqueName(
  rng: Random,
  draw: (rng: Random) => PlaceName,
  used: Set<string>,
): string {
  let name: PlaceName = draw(rng);
  for (let attempt = 0; attempt < 30 && used.has(join(name)); attempt++) name = draw(rng);
  const drawn = name;
  for (let n = 2; used.has(join(name)); n++) {
    name = { stem: drawn.stem + (n <= 10 ? numerals[n - 1] : String(n)), suffix: drawn.suffix };
  }
  used.add(join(name));
  return join(name);
}

/** A word with an estate tail, unless the word already ends like one (西园, not 西园湾). */
function withTail(word: string, tail: string): string {
  return /[园苑湾坊里村塘林]$/.test(word) ? word : word + tail;
}

/** Stem and suffix as one name. */
function join(name: PlaceName): string {
  return name.stem + name.suffix;
}

/** A rural stem: 柳河, 石桥, or a family place such as 杨家庄. */
function ruralStem(rng: Random): string {
  return rng.chance(0.2)
    ? rng.pick(familyNames) + rng.pick(familyPlaces)
    : rng.pick(ruralHeads) + rng.pick(ruralTails);
}
