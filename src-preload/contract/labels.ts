/**
 * One table of labels for every enumerated value (architecture convention 12; issue 13 point 10):
 * the screen (the renderer's catalogues take these sections as they are), the paper forms, the
 * Excel register, main's timeline notes and refusals, and the desktop deadline notices all name a
 * status, severity, channel, role or stage from here, so paper never says 已回访 where the screen
 * says 已回访（待总结）.
 *
 * Adding a value to an enum in enums.ts: add its label here, in both locales — a value without a
 * label (or a label for a value that no longer exists) does not compile.
 * Plain constants: main and the renderer both import this file (it imports nothing but types).
 */
import type {
  Channel,
  CompensationKind,
  ComplaintStatus,
  ContactMethod,
  DeadlineKind,
  EscalationLevel,
  LifecycleAction,
  Satisfaction,
  Severity,
  StaffRole,
  Urgency,
  Validity,
} from './enums';

/** The app's languages (the same pair as texts.ts's Locale; not exported as a second `Locale`). */
export const LABEL_LOCALES = ['zh-CN', 'en'] as const;
type LabelLocale = (typeof LABEL_LOCALES)[number];

/** A name for every value of the enum `T`, and for nothing else. */
export type EnumNames<T extends string> = { readonly [K in T]: string };

export interface EnumLabels {
  status: EnumNames<ComplaintStatus>;
  severity: EnumNames<Severity>;
  urgency: EnumNames<Urgency>;
  validity: EnumNames<Validity>;
  channel: EnumNames<Channel>;
  /** Staff roles; also the people signing the forms and the escalation targets below. */
  role: EnumNames<StaffRole>;
  /** 上报 to whom: the supervisor and director are the roles' own names. */
  escalation: EnumNames<EscalationLevel>;
  /** The deadline stages (时限): the board, the complaint page, the notices, the monthly report. */
  deadlineKind: EnumNames<DeadlineKind>;
  satisfaction: EnumNames<Satisfaction>;
  contactMethod: EnumNames<ContactMethod>;
  compensation: EnumNames<CompensationKind>;
  /** The procedure's steps: their buttons, the timeline and main's refusals ("不能派单"). */
  action: EnumNames<LifecycleAction>;
}

const ZH_ROLE = {
  reception: '前台/客服',
  handler: '处理人员',
  department_head: '部门负责人',
  supervisor: '客服主管',
  director: '服务中心主任',
  other: '其他',
} as const satisfies EnumNames<StaffRole>;

const EN_ROLE = {
  reception: 'Reception',
  handler: 'Handler',
  department_head: 'Department head',
  supervisor: 'CS supervisor',
  director: 'Centre director',
  other: 'Other',
} as const satisfies EnumNames<StaffRole>;

export const ENUM_LABELS: { readonly [L in LabelLocale]: EnumLabels } = {
  'zh-CN': {
    status: {
      registered: '已登记',
      returned: '退回待派单',
      dispatched: '已派单',
      in_progress: '处理中',
      on_hold: '挂起',
      handled: '已处理',
      followed_up: '已回访（待总结）',
      invalid: '无效（待告知）',
      closed: '已办结',
    },
    severity: { minor: '轻微', ordinary: '一般', important: '重要', major: '重大' },
    urgency: { urgent: '紧急', normal: '不紧急' },
    validity: { valid: '有效', invalid: '无效' },
    channel: {
      phone: '来电',
      visit: '来访',
      letter: '来函',
      online: '网络/微信',
      suggestion_box: '意见箱',
      questionnaire: '问卷调查',
      staff_report: '员工反馈/巡查',
    },
    role: ZH_ROLE,
    escalation: { supervisor: ZH_ROLE.supervisor, director: ZH_ROLE.director, company: '公司' },
    deadlineKind: {
      response: '答复',
      first_response: '首次响应',
      definite_reply: '明确答复',
      report: '上报',
      dispatch: '派单',
      resolution: '处理完成',
      follow_up: '回访',
      invalid_notice: '无效告知',
    },
    satisfaction: { satisfied: '满意', basically_satisfied: '基本满意', unsatisfied: '不满意' },
    contactMethod: { phone: '电话', visit: '上门', message: '短信/微信', letter: '书面' },
    compensation: { none: '无', cash: '现金', management_fee_waiver: '减免物业费', parking_fee_waiver: '减免停车费' },
    action: {
      dispatch: '派单',
      redispatch: '转派',
      signFor: '签收',
      recordResult: '登记处理结果',
      reply: '答复',
      followUp: '回访',
      followUpImpossible: '登记无法回访',
      markInvalid: '判为无效',
      notifyInvalid: '登记无效告知',
      escalate: '上报',
      summarize: '填写总结与改进',
      hold: '挂起',
      resume: '恢复处理',
    },
  },
  en: {
    status: {
      registered: 'Registered',
      returned: 'Returned',
      dispatched: 'Dispatched',
      in_progress: 'In progress',
      on_hold: 'On hold',
      handled: 'Handled',
      followed_up: 'Followed up (summary due)',
      invalid: 'Invalid (notice due)',
      closed: 'Closed',
    },
    severity: { minor: 'Minor', ordinary: 'Ordinary', important: 'Important', major: 'Major' },
    urgency: { urgent: 'Urgent', normal: 'Not urgent' },
    validity: { valid: 'Valid', invalid: 'Invalid' },
    channel: {
      phone: 'Phone',
      visit: 'Visit',
      letter: 'Letter',
      online: 'Online/WeChat',
      suggestion_box: 'Suggestion box',
      questionnaire: 'Questionnaire',
      staff_report: 'Staff report',
    },
    role: EN_ROLE,
    escalation: { supervisor: EN_ROLE.supervisor, director: EN_ROLE.director, company: 'Company' },
    deadlineKind: {
      response: 'Reply',
      first_response: 'First response',
      definite_reply: 'Definite reply',
      report: 'Report upward',
      dispatch: 'Dispatch',
      resolution: 'Resolution',
      follow_up: 'Follow-up',
      invalid_notice: 'Invalid notice',
    },
    satisfaction: { satisfied: 'Satisfied', basically_satisfied: 'Mostly satisfied', unsatisfied: 'Unsatisfied' },
    contactMethod: { phone: 'Phone', visit: 'Visit', message: 'SMS/WeChat', letter: 'Letter' },
    compensation: { none: 'None', cash: 'Cash', management_fee_waiver: 'Management fee waiver', parking_fee_waiver: 'Parking fee waiver' },
    action: {
      dispatch: 'Dispatch',
      redispatch: 'Transfer',
      signFor: 'Sign for',
      recordResult: 'Record result',
      reply: 'Reply',
      followUp: 'Follow up',
      followUpImpossible: 'Follow-up impossible',
      markInvalid: 'Mark invalid',
      notifyInvalid: 'Record invalid notice',
      escalate: 'Escalate',
      summarize: 'Summary and improvement',
      hold: 'Put on hold',
      resume: 'Resume',
    },
  },
};

/** The paper forms, the Excel register and main's own texts are Chinese. */
export const ZH_LABELS: EnumLabels = ENUM_LABELS['zh-CN'];
