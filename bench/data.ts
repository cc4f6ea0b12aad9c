/**
 * Realistic complaint data for a Chinese residential property office: households with names,
 * rooms and phones, and complaints drawn from what a service-centre desk actually hears
 * (漏水, 噪音, 停车, 电梯故障, 保洁, 物业费, ...).
 */
import type { Channel, ComplaintFields, ComplaintStatus, Severity } from '../src-preload/contract';
import type { Random } from './stats';

type Weighted<T> = readonly (readonly [T, number])[];

interface Topic {
  weight: number;
  category: string;
  /** Department name complained about; '' = nobody in particular. */
  departments: Weighted<string>;
  severity: Weighted<Severity>;
  urgentChance: number;
  openers: readonly string[];
  details: readonly string[];
  places: readonly string[];
  ownerWords: readonly string[];
  requests: readonly string[];
  persons?: readonly string[];
}

const SEV_LIGHT: Weighted<Severity> = [['minor', 40], ['ordinary', 50], ['important', 9], ['major', 1]];
const SEV_NORMAL: Weighted<Severity> = [['minor', 20], ['ordinary', 55], ['important', 20], ['major', 5]];
const SEV_HEAVY: Weighted<Severity> = [['minor', 5], ['ordinary', 35], ['important', 40], ['major', 20]];

const TOPICS: readonly Topic[] = [
  {
    weight: 14,
    category: '工程质量',
    departments: [['工程部', 90], ['', 10]],
    severity: SEV_NORMAL,
    urgentChance: 0.35,
    openers: [
      '楼上漏水，卫生间天花板持续滴水，已影响照明',
      '外墙渗水，下雨后卧室墙面大面积发霉起皮',
      '顶楼防水层老化，客厅吊顶漏水，木地板已经泡坏',
      '厨房水管接口处漏水，楼下住户反映天花板有水渍',
      '地下车库顶板渗水，水滴在车上留下大片污渍',
      '阳台排水管堵塞返水，雨天积水漫进客厅',
      '新交房不到一年，飘窗窗框四周渗水',
      '{楼}{单元}{层}楼卫生间漏水，渗到楼下{房}',
    ],
    details: [
      '已经连续{天}天了',
      '物业维修工上门看过一次但没有修好',
      '楼上住户长期不在家，联系不上',
      '担心电线受潮引发短路',
      '家里老人差点滑倒',
      '之前报修过两次都没有结果',
      '墙皮已经脱落掉在床上',
      '请工程部尽快查明漏点',
      '衣柜里的衣服都受潮发霉了',
    ],
    places: ['卫生间天花板', '厨房吊顶', '主卧墙面', '客厅吊顶', '阳台', '地下车库B1层', '地下车库B2层', '飘窗'],
    ownerWords: ['你们再不来修我就去住建局投诉！', '天花板一直滴水，晚上根本没法睡觉。', '交了这么多年物业费，漏水的事拖了一个月。'],
    requests: ['今天之内上门查看并维修', '尽快找到漏点并修复，赔偿损失', '协调楼上住户配合检修', '书面答复维修时间'],
  },
  {
    weight: 11,
    category: '邻里纠纷',
    departments: [['秩序维护部', 60], ['', 40]],
    severity: SEV_LIGHT,
    urgentChance: 0.15,
    openers: [
      '楼上住户{时段}持续有拖动家具和跺脚的声音，严重影响休息',
      '小区广场舞音响声音过大，晚上九点以后仍未停止',
      '临街商铺夜间营业噪音扰民',
      '隔壁住户养的狗整夜吠叫',
      '{楼}楼下的空调外机噪音很大，夜间无法入睡',
      '小区内有人凌晨在车里大声放音乐',
      '水泵房运行声音大，低频嗡嗡声持续不断',
    ],
    details: [
      '已经和对方沟通过，没有效果',
      '家里有高考学生需要安静',
      '保安来过一次，走后又继续',
      '希望物业出面协调',
      '已持续一周多',
      '孩子被吵醒好几次',
    ],
    places: ['楼上住户', '中心广场', '临街商铺', '楼道', '地下水泵房', '{楼}北侧'],
    ownerWords: ['白天上班晚上还睡不好，我快崩溃了。', '物业到底管不管？', '再这样我只能报警了。'],
    requests: ['物业出面协调，{时段}停止噪音', '加强夜间巡查', '对水泵房做降噪处理', '给出处理结果并回电'],
  },
  {
    weight: 10,
    category: '安全秩序',
    departments: [['秩序维护部', 90], ['客服中心', 10]],
    severity: SEV_NORMAL,
    urgentChance: 0.3,
    openers: [
      '自家固定车位被外来车辆占用，联系不上车主',
      '消防通道长期有车辆乱停乱放，保安没有及时处理',
      '夜间有外来车辆随意进出小区，门岗未登记',
      '车位上的车被剐蹭，肇事车辆已离开',
      '电动车在楼道里充电，存在火灾隐患',
      '单元门禁损坏，陌生人可以随意进出',
      '夜间巡逻不到位，电动车电瓶被盗',
      '{楼}门口监控摄像头损坏多日',
      '小区围墙有破洞，有人从外面翻进来',
      '高空抛物，窗台上的花盆掉下来差点砸到人',
    ],
    details: [
      '已经是本月第三次了',
      '要求调取监控',
      '门岗说不归他们管',
      '晚上回来没地方停车',
      '一旦发生火灾后果不堪设想',
      '家里只有老人和小孩，很不放心',
      '已经向派出所报案',
      '希望加强夜间巡逻',
    ],
    places: ['地下车库B1层', '地下车库B2层', '东门出入口', '消防通道', '{楼}楼道', '地面停车位', '{楼}{单元}单元门', '小区西侧围墙', '非机动车棚'],
    ownerWords: ['我买的车位凭什么让别人停？', '保安就在旁边看着也不管。', '出了事谁来负责？', '保安亭里根本没人。'],
    requests: ['调取监控查找肇事车辆', '清理消防通道并加强管理', '对乱停车辆贴单警告', '尽快修好门禁', '加强夜间巡逻和登记'],
    persons: ['保安李师傅', '门岗值班保安', '秩序维护部班长'],
  },
  {
    weight: 9,
    category: '设施设备',
    departments: [['工程部', 95], ['', 5]],
    severity: SEV_HEAVY,
    urgentChance: 0.5,
    openers: [
      '{楼}{单元}电梯频繁停运，本周已经困人两次',
      '电梯运行时有异响和明显抖动，乘坐很不安心',
      '电梯按键失灵，到不了{层}楼',
      '电梯维保后仍然故障，老人上下楼非常困难',
      '电梯门关闭时夹到小孩，感应装置失灵',
      '电梯轿厢内照明和通风扇坏了，里面很闷',
      '地下车库出入口道闸故障，刷卡不抬杆，排队很久',
    ],
    details: [
      '被困了二十多分钟才有人来',
      '维保单位一直说在等配件',
      '家里有坐轮椅的老人',
      '电梯年检合格证已经过期',
      '物业说已经报修但没有下文',
      '每天上下班高峰都要等很久',
    ],
    places: ['{楼}{单元}电梯', '{楼}{单元}2号电梯', '电梯轿厢', '{层}楼电梯厅', '东门出入口'],
    ownerWords: ['要是出了人命谁负责？', '老人被困在里面吓坏了。', '我们住{层}楼，电梯坏了根本上不去。'],
    requests: ['立即安排维保单位检修', '出具电梯检测报告', '三天内彻底修好', '公示电梯维保记录'],
    persons: ['电梯维保单位'],
  },
  {
    weight: 8,
    category: '设施设备',
    departments: [['工程部', 90], ['', 10]],
    severity: SEV_LIGHT,
    urgentChance: 0.2,
    openers: [
      '小区路灯不亮，晚上出行不安全',
      '停水没有提前通知，家里没法做饭',
      '{楼}高层水压不足，洗澡水很小',
      '儿童游乐设施损坏，有安全隐患',
      '单元门闭门器坏了，门关不上',
      '楼道声控灯不亮，老人上下楼摸黑',
      '快递柜占用消防通道',
      '小区大门人脸识别经常识别不了',
    ],
    details: ['已经坏了半个多月', '上次修完没几天又坏了', '晚上差点摔倒', '希望提前在群里通知'],
    places: ['中心广场', '{楼}{单元}楼道', '儿童游乐区', '{楼}{单元}单元门', '北门', '东门出入口'],
    ownerWords: ['这么点小事拖了这么久。', '孩子玩的时候手被划伤了。'],
    requests: ['尽快维修', '停水停电提前一天通知', '更换损坏设施', '排查整改安全隐患'],
  },
  {
    weight: 12,
    category: '环境卫生',
    departments: [['环境部', 95], ['', 5]],
    severity: SEV_LIGHT,
    urgentChance: 0.15,
    openers: [
      '楼道垃圾两天没人清理，散发异味',
      '垃圾分类投放点满溢，未及时清运，招来大量苍蝇',
      '楼道地面长期不拖，扶手积了厚厚一层灰',
      '下水道堵塞，{楼}门口污水外溢返臭',
      '绿化带里狗粪无人清理',
      '小区景观水池发臭，蚊虫很多',
      '装修垃圾堆在单元门口一个多星期没人运走',
      '保洁人员用脏拖把拖电梯，电梯里有异味',
    ],
    details: ['天气热味道特别大', '之前反映过，保洁说人手不够', '小孩在旁边玩很不卫生', '请增加清扫频次', '附近住户都有意见'],
    places: ['{楼}{单元}楼道', '垃圾分类投放点', '{楼}门口', '中心绿化带', '景观水池', '电梯轿厢'],
    ownerWords: ['物业费一分没少交，卫生搞成这样。', '这么臭怎么开窗？'],
    requests: ['今天之内清理干净', '增加清扫和消杀频次', '垃圾每天清运两次', '定期清理水池'],
    persons: ['保洁王阿姨', '保洁班长'],
  },
  {
    weight: 8,
    category: '收费',
    departments: [['财务部', 85], ['客服中心', 15]],
    severity: SEV_NORMAL,
    urgentChance: 0.1,
    openers: [
      '对物业费上涨不认可，要求公示收支明细',
      '已经缴纳物业费，但系统仍显示欠费并收到催缴通知',
      '公摊水电费分摊金额异常偏高，要求解释计算方式',
      '申请开具物业费发票一个月了还没办好',
      '车位管理费收费标准与合同不一致',
      '催缴物业费时工作人员态度恶劣，在业主群里公开姓名',
      '临时停车收费标准不清楚，出场时被多收费',
    ],
    details: ['缴费凭证已经拍照留存', '要求退还多收的费用', '去前台问了几次都说不清楚', '其他业主也有同样的问题', '合同上写的是每平米{价}元'],
    places: ['物业服务中心前台', '业主微信群', '缴费系统', '东门出入口'],
    ownerWords: ['凭什么涨价？服务一点没变好。', '钱交了还催，是不是账记错了？'],
    requests: ['公示近一年物业费收支明细', '核对缴费记录并撤销欠费通知', '退还多收的费用', '尽快开具发票'],
    persons: ['财务部收费员', '前台小刘'],
  },
  {
    weight: 8,
    category: '服务质量',
    departments: [['客服中心', 70], ['工程部', 15], ['秩序维护部', 15]],
    severity: SEV_NORMAL,
    urgentChance: 0.15,
    openers: [
      '前台工作人员态度差，报修后一直没人回电话',
      '报修三天了没有维修人员上门',
      '管家微信消息不回复，电话也打不通',
      '维修师傅上门收取额外费用且没有收据',
      '保安对来访亲友态度粗暴',
      '上次投诉的处理结果没有任何反馈',
    ],
    details: ['前后打了五六个电话', '说好上午来结果下午也没来', '要求更换管家', '希望物业加强员工培训'],
    places: ['物业服务中心前台', '南门岗亭', '{楼}{单元}{层}楼'],
    ownerWords: ['你们这是什么服务态度？', '一个简单的问题踢来踢去。'],
    requests: ['当面道歉', '给出明确的上门时间', '更换负责的管家', '书面答复处理结果'],
    persons: ['前台小刘', '管家陈某', '保安李师傅', '维修工张师傅'],
  },
  {
    weight: 6,
    category: '装修',
    departments: [['秩序维护部', 50], ['工程部', 30], ['', 20]],
    severity: SEV_NORMAL,
    urgentChance: 0.25,
    openers: [
      '{楼}{层}楼住户装修违规拆改承重墙',
      '邻居装修中午和周末也在施工，电钻声很大',
      '装修垃圾堆放在楼道里，未按规定清运',
      '装修工人用电梯运送建材，电梯轿厢被刮坏',
      '楼下住户装修封闭阳台，改变外立面',
    ],
    details: ['要求查看装修审批手续', '已超出规定施工时间', '担心房屋结构安全', '影响其他住户通行'],
    places: ['{楼}{单元}{层}楼', '{楼}楼道', '电梯轿厢'],
    ownerWords: ['拆承重墙会影响整栋楼安全！', '周末一早就开始砸墙。'],
    requests: ['责令停工整改', '按装修管理规定处理', '清运装修垃圾', '修复电梯轿厢'],
  },
  {
    weight: 5,
    category: '邻里纠纷',
    departments: [['', 60], ['秩序维护部', 40]],
    severity: SEV_LIGHT,
    urgentChance: 0.1,
    openers: [
      '邻居在公共走廊堆放杂物，占用通道',
      '楼上住户阳台晾衣服滴水到我家',
      '邻居养狗不拴绳，吓到小孩',
      '对门住户在楼道安装摄像头对着我家门口',
      '邻居私自占用公共绿地种菜',
    ],
    details: ['多次沟通无果', '希望物业出面调解', '有消防隐患', '对方态度很差'],
    places: ['{楼}{单元}{层}楼走廊', '{楼}{单元}楼道', '{楼}南侧绿地'],
    ownerWords: ['说了好几次都不听。', '物业不管我就自己处理了。'],
    requests: ['物业出面协调', '限期清理杂物', '按规定处理'],
  },
  {
    weight: 3,
    category: '其他',
    departments: [['客服中心', 50], ['', 50]],
    severity: SEV_LIGHT,
    urgentChance: 0.05,
    openers: [
      '小区业主群有人发布不实信息，要求物业澄清',
      '建议增加小区电动车充电桩数量',
      '快递员不送货上门，只放在单元门口',
      '希望增加小区健身器材',
      '物业公告张贴不及时，停电通知当天才贴出',
    ],
    details: ['很多业主都有这个需求', '希望尽快答复', '可以先在群里征求意见'],
    places: ['业主微信群', '中心广场', '{楼}{单元}单元门'],
    ownerWords: ['希望物业重视一下。'],
    requests: ['给出答复', '尽快落实', '在业主群公示结果'],
  },
];

const CHANNEL_WEIGHTS: Weighted<Channel> = [
  ['phone', 45],
  ['visit', 25],
  ['online', 15],
  ['letter', 3],
  ['suggestion_box', 3],
  ['questionnaire', 4],
  ['staff_report', 5],
];

const SURNAMES: Weighted<string> = [
  ['王', 72], ['李', 71], ['张', 68], ['刘', 53], ['陈', 46], ['杨', 31], ['黄', 23], ['赵', 20], ['吴', 19], ['周', 19],
  ['徐', 15], ['孙', 15], ['马', 13], ['朱', 12], ['胡', 11], ['郭', 11], ['何', 10], ['林', 10], ['高', 10], ['罗', 9],
  ['郑', 9], ['梁', 8], ['谢', 7], ['宋', 7], ['唐', 7], ['许', 6], ['韩', 6], ['邓', 6], ['冯', 6], ['曹', 5],
  ['彭', 5], ['曾', 5], ['肖', 5], ['田', 5], ['董', 5], ['潘', 4], ['袁', 4], ['蔡', 4], ['蒋', 4], ['余', 4],
  ['于', 4], ['杜', 4], ['叶', 4], ['程', 3], ['魏', 3], ['苏', 3], ['吕', 3], ['丁', 3], ['任', 3], ['卢', 3],
  ['姚', 3], ['沈', 3], ['钟', 3], ['姜', 3], ['崔', 2], ['谭', 2], ['陆', 2], ['范', 2], ['汪', 2], ['廖', 2],
  ['欧阳', 1], ['司马', 0.3],
];
/** Given names; the frequent ones make the familiar 张伟 / 王芳 / 李娜 collisions. */
const GIVEN: Weighted<string> = [
  ['伟', 30], ['芳', 25], ['娜', 22], ['敏', 20], ['静', 20], ['丽', 18], ['强', 18], ['磊', 16], ['军', 16], ['洋', 15],
  ['勇', 14], ['艳', 13], ['杰', 13], ['娟', 12], ['涛', 12], ['明', 11], ['超', 11], ['秀英', 11], ['霞', 10], ['平', 10],
  ['刚', 9], ['桂英', 8], ['建华', 6], ['建国', 6], ['玉兰', 6], ['志强', 6], ['文', 6], ['辉', 6], ['鑫', 5], ['海燕', 5],
  ['晓东', 4], ['晓燕', 4], ['婷婷', 5], ['欣怡', 4], ['子轩', 3], ['浩然', 3], ['雨涵', 3], ['宇航', 3], ['思远', 2], ['佳琪', 3],
  ['红梅', 4], ['春花', 2], ['国庆', 3], ['卫东', 2], ['丽华', 3], ['淑珍', 3], ['德明', 2], ['振华', 2], ['凤英', 2], ['立新', 2],
];
const PHONE_PREFIXES = ['130', '131', '132', '133', '135', '136', '137', '138', '139', '150', '151', '152', '155', '157', '158', '159', '166', '176', '177', '180', '181', '182', '186', '187', '188', '189', '198', '199'];
const TIME_OF_DAY = ['凌晨', '早上', '上午', '中午', '下午', '傍晚', '晚上', '夜间'];
const NIGHT = ['晚上十点以后', '夜里十一点多', '凌晨一两点', '每天晚上', '午休时间'];
const INVALID_REASONS = ['经核实为业主个人原因，非物业责任', '投诉对象不属于本项目管理范围', '重复投诉，已合并至原单处理', '经现场核实情况不属实'];
const STATUS_BY_AGE: readonly { maxAgeDays: number; weights: Weighted<string> }[] = [
  { maxAgeDays: 14, weights: [['registered', 20], ['dispatched', 25], ['in_progress', 22], ['on_hold', 3], ['handled', 15], ['followed_up', 5], ['closed', 5], ['invalid', 5]] },
  { maxAgeDays: 60, weights: [['dispatched', 3], ['in_progress', 7], ['on_hold', 1], ['handled', 14], ['followed_up', 15], ['closed', 55], ['invalid', 5]] },
  { maxAgeDays: Infinity, weights: [['handled', 1], ['followed_up', 3], ['closed', 91], ['invalid', 5]] },
];

export interface Household {
  name: string;
  building: string;
  unit: string;
  room: string;
  floor: number;
  phone: string;
}

export function personName(rnd: Random): string {
  return rnd.weighted(SURNAMES) + rnd.weighted(GIVEN);
}

export function mobilePhone(rnd: Random): string {
  return rnd.pick(PHONE_PREFIXES) + rnd.digits(8);
}

/** The estate: 28 buildings, 2-4 units each, 11-33 floors, 2-4 flats a floor (~5,000 flats); `count` of them complain. */
export function makeHouseholds(rnd: Random, count: number): Household[] {
  const layout = Array.from({ length: 28 }, () => ({ units: rnd.int(2, 4), floors: rnd.pick([11, 18, 26, 33]), flats: rnd.int(2, 4) }));
  const seen = new Set<string>();
  const households: Household[] = [];
  for (let attempt = 0; households.length < count && attempt < count * 50; attempt++) {
    const b = rnd.int(1, layout.length);
    const l = layout[b - 1]!;
    const unit = rnd.int(1, l.units);
    const floor = rnd.int(1, l.floors);
    const room = String(floor * 100 + rnd.int(1, l.flats));
    const key = `${b}-${unit}-${room}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const phone = rnd.chance(0.04) ? `0571-8${rnd.digits(7)}` : mobilePhone(rnd);
    households.push({ name: personName(rnd), building: `${b}栋`, unit: `${unit}单元`, room, floor, phone });
  }
  return households;
}

export interface DirectoryIds {
  receivers: readonly { id: string; name: string }[];
  departmentId: (name: string) => string;
  categoryId: (name: string) => string;
}

function fill(template: string, rnd: Random, h: Household): string {
  return template
    .replaceAll('{楼}', h.building || `${rnd.int(1, 28)}栋`)
    .replaceAll('{单元}', h.unit || `${rnd.int(1, 4)}单元`)
    .replaceAll('{层}', String(h.floor || rnd.int(2, 30)))
    .replaceAll('{房}', String((h.floor > 1 ? h.floor - 1 : 1) * 100 + (Number(h.room) % 100 || 1)))
    .replaceAll('{天}', String(rnd.int(2, 9)))
    .replaceAll('{价}', rnd.pick(['1.8', '2.2', '2.5', '2.8', '3.2']))
    .replaceAll('{时段}', rnd.pick(NIGHT));
}

/** 事件经过 of 20-120 characters: an opening sentence and a few details, cut at a clause boundary. */
function description(topic: Topic, rnd: Random, h: Household): string {
  const target = rnd.int(20, 120);
  let text = fill(rnd.pick(topic.openers), rnd, h);
  const details = [...topic.details];
  while ([...text].length < target && details.length) {
    const [detail] = details.splice(rnd.int(0, details.length - 1), 1);
    const next = `${text}，${fill(detail!, rnd, h)}`;
    if ([...next].length > 119) break;
    text = next;
  }
  if ([...text].length < 19) text = `${text}，已多次反映，希望尽快处理`;
  return `${[...text].slice(0, 119).join('')}。`;
}

const pad = (n: number) => String(n).padStart(2, '0');
/** `YYYY-MM-DD` of a day number (days since 1970-01-01). */
export const dayString = (day: number) => new Date(day * 86_400_000).toISOString().slice(0, 10);

/**
 * One complaint as reception types it in: the create contract's full field set (ComplaintFields),
 * for a household (repeat complainers are common) at `receivedAt`.
 */
export function makeComplaintFields(rnd: Random, dir: DirectoryIds, households: readonly Household[], receivedAt: string): ComplaintFields {
  const topic = rnd.weighted(TOPICS.map((t) => [t, t.weight] as const));
  const channel = rnd.weighted(CHANNEL_WEIGHTS);
  const anonymousChannel = channel === 'suggestion_box' || channel === 'questionnaire';
  // Some households are regulars (the first 300 get about twice the average), the rest spread evenly.
  const h = rnd.chance(0.1) ? households[rnd.int(0, 299)]! : rnd.pick(households);
  const outsider = rnd.chance(anonymousChannel ? 0.3 : 0.04);
  const surname = h.name.startsWith('欧阳') || h.name.startsWith('司马') ? h.name.slice(0, 2) : h.name.slice(0, 1);
  const complainantName = anonymousChannel && rnd.chance(0.4) ? '匿名业主' : rnd.chance(0.22) ? `${surname}${rnd.pick(['先生', '女士', '阿姨', '大爷'])}` : h.name;
  const day = receivedAt.slice(0, 10);
  const severity = rnd.weighted(topic.severity);
  const dept = rnd.weighted(topic.departments);
  const requested = rnd.chance(0.3)
    ? `${dayString(Date.parse(`${day}T00:00:00Z`) / 86_400_000 + rnd.int(0, 3))} ${pad(rnd.pick([12, 17, 18, 20]))}:00`
    : '';
  return {
    receivedAt,
    channel,
    receiverId: rnd.pick(dir.receivers).id,
    complainantName,
    building: outsider ? '' : h.building,
    unit: outsider ? '' : h.unit,
    room: outsider ? '' : h.room,
    phone: anonymousChannel && rnd.chance(0.5) ? '' : h.phone,
    contactOther: rnd.chance(0.08) ? rnd.pick(['微信同号', '家人电话 ' + mobilePhone(rnd), '晚上七点后方便接听']) : '',
    eventTime: rnd.chance(0.6) ? `${day} ${rnd.pick(TIME_OF_DAY)}` : rnd.chance(0.3) ? rnd.pick(['近一周', '本月以来', '长期存在']) : '',
    eventPlace: rnd.chance(0.75) ? fill(rnd.pick(topic.places), rnd, h) : '',
    complainedDepartmentId: dept ? dir.departmentId(dept) : '',
    complainedPerson: topic.persons && rnd.chance(0.25) ? rnd.pick(topic.persons) : '',
    categoryId: dir.categoryId(topic.category),
    description: description(topic, rnd, h),
    ownerWords: rnd.chance(0.35) ? fill(rnd.pick(topic.ownerWords), rnd, h) : '',
    request: rnd.chance(0.7) ? fill(rnd.pick(topic.requests), rnd, h) : '',
    requestedReplyAt: requested,
    validity: 'valid',
    invalidReason: '',
    severity,
    urgency: rnd.chance(severity === 'major' ? 0.9 : topic.urgentChance) ? 'urgent' : 'normal',
  };
}

export type OpenStatus = Exclude<ComplaintStatus, 'closed'>;

/**
 * How likely a complaint of this age is still open (not closed), from the same table. Older than two
 * months: never — the office has cleared its backlog, so only the last two months carry open work.
 */
export function openChance(ageDays: number): number {
  const band = STATUS_BY_AGE.find((b) => ageDays <= b.maxAgeDays)!;
  if (band.maxAgeDays === Infinity) return 0;
  const total = band.weights.reduce((s, [, w]) => s + w, 0);
  const closed = band.weights.find(([status]) => status === 'closed')?.[1] ?? 0;
  return (total - closed) / total;
}

/** The status of a complaint known to be still open, by age (the table's weights without 'closed'). */
export function openStatus(rnd: Random, ageDays: number): OpenStatus {
  const band = STATUS_BY_AGE.find((b) => ageDays <= b.maxAgeDays)!;
  return rnd.weighted(band.weights.filter(([status]) => status !== 'closed')) as OpenStatus;
}

export const invalidReason = (rnd: Random): string => rnd.pick(INVALID_REASONS);

/** Where a historical complaint stands today: old ones are mostly closed, recent ones still open. */
export function historicalStatus(rnd: Random, ageDays: number): { status: string; validity: 'valid' | 'invalid'; invalidReason: string } {
  const band = STATUS_BY_AGE.find((b) => ageDays <= b.maxAgeDays)!;
  const status = rnd.weighted(band.weights);
  return status === 'invalid'
    ? { status, validity: 'invalid', invalidReason: rnd.pick(INVALID_REASONS) }
    : { status, validity: 'valid', invalidReason: '' };
}

/** A desk's day: busiest mid-morning and early afternoon, a few calls at night. */
const HOUR_WEIGHTS: Weighted<number> = [
  [0, 0.3], [1, 0.2], [6, 0.5], [7, 2], [8, 8], [9, 12], [10, 12], [11, 9], [12, 4], [13, 6], [14, 10], [15, 10],
  [16, 9], [17, 7], [18, 4], [19, 3], [20, 2], [21, 1.5], [22, 1], [23, 0.5],
];

export function wallTime(rnd: Random, day: number): string {
  return `${dayString(day)} ${pad(rnd.weighted(HOUR_WEIGHTS))}:${pad(rnd.int(0, 59))}`;
}

/** Office wall time (Asia/Shanghai, UTC+8, no DST) to epoch milliseconds. */
export const wallTimeToEpoch = (wall: string) => Date.parse(`${wall.replace(' ', 'T')}:00+08:00`);

/** Epoch milliseconds to office wall time (UTC+8): `YYYY-MM-DD HH:mm`. */
export const epochToWall = (ms: number) => new Date(ms + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');
