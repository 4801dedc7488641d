// Vocabulary for the demo company: Chongqing districts, industries, company-name parts, people, follow-up phrasing.
// Plain data only; the generators beside this file combine it with a seeded PRNG.

export const DISTRICTS = ['渝中区', '江北区', '渝北区', '南岸区', '九龙坡区', '沙坪坝区', '大渡口区', '巴南区', '北碚区', '两江新区', '璧山区', '江津区'] as const;

/** Street addresses by district (a road or landmark people in Chongqing would recognise). */
export const STREETS: Record<string, string[]> = {
  渝中区: ['解放碑民族路', '大坪正街', '化龙桥瑞天路', '上清寺中山四路', '朝天门陕西路'],
  江北区: ['观音桥建新北路', '北滨一路', '江北城西大街', '大石坝五村', '鱼嘴镇工业园'],
  渝北区: ['金开大道', '新牌坊龙湖路', '空港大道', '仙桃数据谷', '回兴街道宝圣大道'],
  南岸区: ['南坪万达广场', '茶园新区通江大道', '弹子石腾龙大道', '南滨路', '江南大道'],
  九龙坡区: ['杨家坪步行街', '石桥铺科园一路', '二郎科城路', '西彭工业园', '谢家湾正街'],
  沙坪坝区: ['三峡广场', '大学城中路', '西永微电园', '井口工业园', '土主镇物流园'],
  大渡口区: ['春晖路', '建桥工业园', '八桥镇双山路', '钢花路'],
  巴南区: ['李家沱马王坪', '界石组团', '鱼洞新市街', '公路物流基地'],
  北碚区: ['蔡家岗嘉德大道', '歇马镇工业园', '天生路', '水土高新园'],
  两江新区: ['礼嘉星光大道', '水土云汉大道', '悦来会展大道', '鱼复工业园'],
  璧山区: ['璧泉街道', '青杠工业园', '璧城街道双星大道'],
  江津区: ['德感工业园', '双福新区', '几江街道鼎山大道'],
};

export interface Industry { key: string; words: string[]; products: string[] }

/** Industry label (as users write it), words that go into company names, and what we would sell them. */
export const INDUSTRIES: Industry[] = [
  { key: '制造', words: ['机械制造', '精密机械', '智能装备', '模具', '机电设备', '工业自动化'], products: ['MES系统', '设备联网方案', '生产排程模块'] },
  { key: '汽配', words: ['汽车零部件', '汽配', '摩托车配件', '车桥', '汽车电子', '齿轮'], products: ['供应链协同平台', '质量追溯系统', 'MES系统'] },
  { key: '建材', words: ['建材', '新型建材', '玻璃', '管业', '装饰材料', '混凝土'], products: ['经销商管理系统', '订单管理系统', '移动销售方案'] },
  { key: '医疗器械', words: ['医疗器械', '医疗科技', '生物科技', '医用耗材', '康复设备'], products: ['GSP合规管理', '经销商管理系统', 'CRM定制开发'] },
  { key: '软件', words: ['软件', '信息技术', '数据科技', '网络科技', '智能科技', '云计算'], products: ['渠道合作方案', 'API集成服务', 'CRM私有化部署'] },
  { key: '物流', words: ['物流', '供应链管理', '货运代理', '仓储服务', '冷链物流'], products: ['运输管理系统', '仓储管理系统', '客户门户'] },
  { key: '餐饮连锁', words: ['餐饮管理', '火锅', '小面', '食品', '餐饮连锁'], products: ['门店巡检系统', '会员营销方案', '加盟商管理系统'] },
  { key: '教育', words: ['教育科技', '职业培训', '文化传播', '教育咨询'], products: ['招生CRM', '学员管理系统', '在线报名方案'] },
  { key: '能源', words: ['电力设备', '新能源', '能源科技', '燃气设备'], products: ['设备巡检系统', '项目管理系统', '售后工单系统'] },
  { key: '零售', words: ['商贸', '百货', '电子商务', '贸易'], products: ['会员营销方案', '订单管理系统', '移动销售方案'] },
];

/** Two-character brand names (字号) for generated companies. */
export const BRANDS = [
  '渝信', '嘉陵', '两江', '山城', '巴渝', '朝天', '鸿泰', '恒通', '金桥', '瑞丰', '华岳', '永川', '川渝', '聚力', '博众', '盛达',
  '天府', '宏远', '中梁', '长江', '缙云', '南山', '歌乐', '鹅岭', '佛图', '龙湖', '金开', '远航', '新鸥', '锦程', '明月', '星河',
  '宝圣', '华锐', '美利', '世纪', '泰和', '润丰', '凯达', '华研', '正阳', '德润', '海川', '鼎盛', '汇丰', '卓越', '同创', '精工',
  '元亨', '三峡', '龙腾', '晨曦', '蓝海', '银河', '万象', '启明', '九鼎', '福瑞', '安泰', '立信', '博睿', '恒瑞', '景元', '鑫源',
];

export const SUFFIXES = ['有限公司', '有限公司', '有限公司', '股份有限公司', '有限责任公司', '集团有限公司'];

/** Customers the chat examples and tests name: fixed, always present. */
export const FIXED_CUSTOMERS: { name: string; aliases: string; industry: string; region: string; level: 'A' | 'B' | 'C'; owner: string }[] = [
  { name: '华为技术有限公司重庆分公司', aliases: '华为,Huawei', industry: '软件', region: '渝北区', level: 'A', owner: 'rep.zhang' },
  { name: '重庆长安汽车股份有限公司', aliases: '长安汽车,长安', industry: '汽配', region: '江北区', level: 'A', owner: 'rep.zhang' },
  // Deliberately close to 长安汽车: a chat saying "长安" must become a choice, not a guess.
  { name: '长安民生物流股份有限公司', aliases: '民生物流,长安民生', industry: '物流', region: '江北区', level: 'B', owner: 'rep.liu' },
  { name: '重庆华东电力设备有限公司', aliases: '华东电力', industry: '能源', region: '九龙坡区', level: 'A', owner: 'rep.zhao' },
  { name: '重庆小天鹅餐饮连锁有限公司', aliases: '小天鹅', industry: '餐饮连锁', region: '渝中区', level: 'B', owner: 'rep.huang' },
];

/** English-named customers (foreign companies' Chongqing offices). */
export const ENGLISH_CUSTOMERS: { name: string; industry: string }[] = [
  { name: 'Northwind Trading Co., Ltd.', industry: '零售' },
  { name: 'ACME Robotics Inc.', industry: '制造' },
  { name: 'Contoso Medical Devices', industry: '医疗器械' },
  { name: 'Fabrikam Logistics Ltd.', industry: '物流' },
  { name: 'Tailspin Auto Parts', industry: '汽配' },
  { name: 'Blue Yonder Foods', industry: '餐饮连锁' },
  { name: 'Litware Software LLC', industry: '软件' },
  { name: 'Adventure Works Education', industry: '教育' },
  { name: 'Wingtip Building Materials', industry: '建材' },
  { name: 'Proseware Energy Corp.', industry: '能源' },
  { name: 'Coho Precision Machining', industry: '制造' },
  { name: 'Lucerne Healthcare Group', industry: '医疗器械' },
  { name: 'Alpine Ski House Retail', industry: '零售' },
  { name: 'Woodgrove Freight Inc.', industry: '物流' },
  { name: 'Trey Research Labs', industry: '软件' },
];

export const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '黄', '赵', '周', '吴', '徐', '孙', '马', '胡', '朱', '郭', '何', '罗', '高', '林', '谭', '冉', '蒋', '唐', '邓', '冯', '曾', '彭', '向', '秦'];
export const GIVEN = ['伟', '芳', '娜', '敏', '静', '磊', '强', '军', '洋', '勇', '艳', '杰', '涛', '明', '超', '霞', '平', '刚', '桂英', '建华', '晓东', '海燕', '志强', '丽娟', '文博', '思远', '雨婷', '子涵', '浩然', '佳琪', '国庆', '红梅', '小龙', '德明', '春燕', '永刚'];
export const TITLES = ['总经理', '副总经理', '采购经理', '采购主管', '技术总监', 'IT经理', '信息部部长', '财务总监', '行政主管', '销售总监', '运营经理', '董事长'];
export const EN_FIRST = ['James', 'Linda', 'Michael', 'Sarah', 'David', 'Emma', 'Robert', 'Olivia', 'Daniel', 'Sophie', 'Kevin', 'Grace'];
export const EN_LAST = ['Smith', 'Johnson', 'Brown', 'Miller', 'Davis', 'Wilson', 'Taylor', 'Anderson', 'Clark', 'Walker'];
export const EN_TITLES = ['General Manager', 'Purchasing Manager', 'IT Director', 'CFO', 'Operations Manager', 'China Country Manager'];

export const LEAD_SOURCES = ['官网', '展会', '转介绍', '电话营销'] as const;

/** Follow-up texts by type; {c} is the contact's name, {p} a product, {a} an amount in 万. */
export const FOLLOW_UPS: Record<'call' | 'visit' | 'wechat' | 'meeting' | 'email', string[]> = {
  call: [
    '电话联系{c}，确认对{p}有兴趣，约下周上门演示。',
    '和{c}通电话，对方说预算还在走流程，月底前给答复。',
    '{c}反馈上次报价偏高，希望在{a}万以内，需要内部评估折扣。',
    '打电话给{c}没接通，已发短信留言。',
    '电话回访{c}，系统上线后使用顺畅，提了两个报表需求。',
    '跟{c}确认合同条款，付款方式希望改成3-6-1。',
    '{c}说老板出差，下周三再联系。',
  ],
  visit: [
    '上门拜访{c}，参观了生产车间，现场梳理了{p}的需求。',
    '拜访{c}及其技术团队，演示{p}，对方对移动端很满意。',
    '陪同技术顾问拜访{c}，做了现场调研，下周出方案。',
    '到客户公司见了{c}，对方提出要和现有ERP对接。',
    '拜访{c}，递交了正式报价单，金额{a}万。',
  ],
  wechat: [
    '微信发了{p}的产品资料给{c}，已读。',
    '{c}微信问了实施周期，回复大约6周。',
    '微信上和{c}确认了演示时间。',
    '把成功案例视频发给{c}，对方说转给老板看看。',
    '{c}微信反馈试用账号已登录，正在体验。',
  ],
  meeting: [
    '和{c}开线上会议，讲解{p}整体方案，对方IT提了安全方面的问题。',
    '组织三方会议（我方、{c}、实施伙伴），确定项目范围。',
    '商务谈判会议：{c}要求首年服务费打九折，已同意报批。',
    '项目启动会，{c}任项目负责人，确定了里程碑。',
  ],
  email: [
    '邮件发送正式报价单给{c}，总价{a}万。',
    '给{c}发了合同初稿，请法务审阅。',
    '邮件回复{c}关于数据迁移的问题。',
    '发送会议纪要和下一步计划给{c}。',
  ],
};

export const NEXT_STEPS = ['发送报价单', '安排产品演示', '约技术交流', '跟进合同审批', '催回款', '准备投标文件', '回访使用情况', '确认付款计划', '提交方案书'];

export const LOST_REASONS = ['价格高于竞品', '客户预算取消', '选择了竞争对手', '需求变更，项目搁置', '决策人变动'];

export const LEAD_NOTES = ['官网留言咨询CRM', '展会上扫码留资', '老客户介绍', '电话营销意向客户', '想了解价格', '需要私有化部署', '要求先试用'];
