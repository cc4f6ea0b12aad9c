/**
 * Every refusal the desk can give, as templates in both languages (ARCHITECTURE convention 12:
 * errors cross the bridge as a code plus parameters; the renderer words them in the user's
 * language). Main words the Chinese into the error's `message` (logs, web-mode callers, tests) from
 * the same template, so the two cannot drift.
 *
 * Adding a refusal: a key and its Chinese here, its English in ERROR_TEXTS_EN (a missing one fails
 * to compile), then `invalid(field, key, params)` / `refusal(code, key, params)` in main, or
 * `keyed(key, params)` as a schema's message. Parameters are named as in texts.ts.
 */
import type { z } from './zod';
import { formatText, getTextLocale, type IssueStamp, type KeyedText, type Locale, type ParamArgs, type TextParams } from './texts';

export const ERROR_TEXTS_ZH = {
  // Any field (the contract's schemas)
  'field.required': '请填写{field}',
  'field.choose': '请选择{field}',
  'field.invalid': '{field}无效',
  'field.unknownValue': '无效的{field}',
  'field.tooLong': '{field}不能超过 {max} 个字',
  'field.notText': '{field}必须是文字',
  'field.notNumber': '{field}必须是数字',
  'field.notInteger': '{field}必须是整数',
  'field.atLeast': '{field}至少为 {min}',
  'field.between': '{field}必须在 {min} 到 {max} 之间',
  'field.range': '{field}应在 {min}–{max} 之间',
  'field.negative': '{field}不能为负',
  'field.tooLarge': '{field}过大',
  'field.minChars': '{field}至少 {min} 个字符',
  'field.maxChars': '{field}不能超过 {max} 个字符',
  'field.badFormat': '{field}格式不正确',
  'field.wallTime': '{field}格式应为 YYYY-MM-DD HH:mm，例如 {example}',
  'field.wallTimeFormat': '{field}格式应为 YYYY-MM-DD HH:mm',
  'field.dateFormat': '{field}格式应为 YYYY-MM-DD',
  'field.notADate': '{field}不是有效日期',
  'field.monthFormat': '{field}格式应为 YYYY-MM，例如 2026-11',
  'field.flag': '{field}的选项无效',
  /** A check without a message of ours (zod's own words in `detail`): unreachable from the desk's forms. */
  'input.invalid': '{detail}',
  'phone.format': '联系电话格式不正确（手机 11 位，或座机如 0571-88886666）',
  'version.invalid': '版本号无效',
  'range.endBeforeStart': '结束日期不能早于开始日期',
  'range.startAfterEnd': '开始日期不能晚于结束日期',
  'list.pageFromOne': '页码从 1 开始',
  'list.pageSizeMax': '每页最多 {max} 条',
  'path.empty': '文件路径不能为空',
  'path.tooLong': '路径太长',
  'office.codeFormat': '服务中心代码应为 2–10 位大写字母或数字，例如 YGHA',
  'settings.timeZone': '时区无效，例如 Asia/Shanghai',
  'settings.attachmentMin': '附件大小上限至少 1 MB',
  'settings.attachmentMax': '附件大小上限最多 50 MB',
  'calendar.kind': '类型必须是 holiday（放假）或 workday（调休上班）',
  'calendar.daysFormat': '日期列表格式不正确',
  'calendar.yearNeedsDays': '每个年份至少要有一个日期',
  'calendar.dayOutsideYear': '日期 {date} 不在 {year} 年内',
  'calendar.notCalendarFile': '这不是工作日历文件',
  'calendar.versionUnsupported': '工作日历文件版本不受支持（应为 1）',
  'calendar.missingYears': '文件中缺少年份列表',
  'calendar.needsYear': '文件中至少要有一个年份',
  'calendar.yearTwice': '{year} 年在文件中出现了两次',
  'calendar.dayTwice': '日期 {date} 在文件中出现了两次',
  'calendar.daysRange': '天数必须是 0 到 366 的整数',
  'calendar.noSuchDay': '日历中没有 {date}',
  'policy.durationTooLong': '时限过长',
  'policy.warningRatio': '预警比例应在 10%–99% 之间',
  'attachment.contentInvalid': '附件内容无效',
  'attachment.empty': '附件是空文件',
  'attachment.notBase64': '附件内容不是有效的 base64',
  'attachment.tooLarge': '附件过大：单个文件不能超过 {mb} MB，请压缩照片或分页扫描后再上传',
  'attachment.wrongType': '只能上传照片（JPG、PNG、WebP、GIF）或 PDF 扫描件',
  'print.chooseForm': '请选择要打印的表单',
  'print.fullPhoneFlag': '“显示完整电话”应为是或否',
  'print.failed': 'PDF 生成失败，未记录本次打印。详情已记录在日志中。',
  'print.webModeSave': '网页模式下请使用“下载”保存或打印 PDF',
  'print.fileExpired': '打印文件已过期或不存在，请重新生成',
  'export.rangeBothOrNone': '请同时填写开始和结束日期，或都不填（导出全部）',
  'import.chooseFiles': '请选择要导入的文件',
  'import.tooManyFiles': '一次最多导入 {max} 个文件',

  // Records that are not there, or changed meanwhile
  notFound: '找不到该{what}，可能已被删除或编号有误',
  'complaint.staleEdit': '该投诉已被他人修改（当前第 {current} 版，您编辑的是第 {yours} 版），请刷新后再改',
  'complaint.changedEdit': '该投诉已被他人修改，请刷新后再改',
  'complaint.staleStep': '该投诉已被他人修改（当前第 {current} 版），请刷新后再操作',
  'complaint.changedStep': '该投诉已被他人修改，请刷新后再操作',
  'complaint.otherOffice': '投诉 {number} 属于服务中心 {office}（从其导出文件合并而来），在这里只能查看、打印其表单副本和登记簿、报表；如需修改请在该服务中心办理，再重新导出。',

  // Intake and edits
  'complaint.invalidNeedsReason': '无效投诉必须填写无效原因',
  'complaint.nothingToSave': '没有要保存的修改',
  'complaint.validityIsAStep': '投诉性质不能在这里修改：请使用“判为无效”步骤，系统会同时安排告知投诉人的时限',
  'complaint.categoryMissing': '投诉类别不存在，请重新选择',
  'complaint.departmentMissing': '被投诉部门不存在，请重新选择',
  'staff.notActive': '{field}不在员工名录中（或已停用），请重新选择',
  'actor.unknown': '操作人不在员工名录中，请在页面顶部重新选择当前操作员',
  'office.notSetUp': '尚未设置服务中心代码，请先完成初始设置',
  'office.unknown': '本机没有代码为 {code} 的服务中心的记录',

  // The procedure
  'lifecycle.notAllowed': '投诉当前为“{status}”，不能{action}（只有{allowed}的投诉可以）',
  'lifecycle.alreadyDispatched': '投诉当前为“{status}”，本轮已派单；要交给另一个部门，请用“{action}”并写明原因',
  'lifecycle.summaryOnlyMajor': '只有重大投诉需要填写总结与改进',
  'lifecycle.noHeldStatus': '找不到挂起前的状态，无法恢复',
  'time.notBefore': '{field}不能早于 {time}',
  'time.inFuture': '{field}不能晚于现在（{now}）',
  'dispatch.departmentInactive': '责任部门不存在或已停用，请重新选择',
  'redispatch.roundNotDispatched': '第 {round} 轮尚未派单，不能转派',
  'redispatch.departmentInactive': '转派部门不存在或已停用，请重新选择',
  'redispatch.sameDepartment': '本轮已在{department}，转派请选择另一个部门',
  'followUp.notSupervisor': '{name}不是客服主管或服务中心主任，不能审核“无法回访”',
  'hold.expectedInPast': '预计恢复日期不能早于今天',
  'compensation.amountRequired': '有补偿时请填写补偿金额',
  'compensation.twoDecimals': '补偿金额最多两位小数',

  // Signed paper
  'signedCopy.alreadyBack': '{form} v{version} 的签字件已经收回，不能重复登记',
  'unlock.required': '这些内容已印在收回签字的表单上，修改需要主管审批：请选择审批主管并填写修改原因',
  'unlock.notSupervisor': '审批人必须是在职的客服主管或服务中心主任',

  // Directory, settings, registers
  'directory.duplicateName': '已有名为“{name}”的{what}',
  'staff.departmentMissing': '所属部门不存在，请重新选择',
  'staff.saveFailed': '保存员工失败',
  'setup.alreadyDone': '初始设置已完成；如需修改，请到“设置”页面',
  'setup.noDepartment': '没有可用的部门，请先添加部门',
  'register.tooManyRows': '所选期间共 {total} 件，超过一次{job}的上限 {max} 件：请缩短期间或加筛选条件',
  'excel.failed': 'Excel 文件生成失败。详情已记录在日志中。',

  // USB exchange
  'exchange.busy': '已有一个{job}任务正在进行（{step}，{percent}%），请等它完成或取消后再开始新的导出或导入。',
  'exchange.jobNotFound': '找不到该导出/导入任务（可能已结束较久或程序已重启）',
  'exchange.folderMissing': '找不到所选文件夹，请检查路径（U 盘可能已被拔出）',
  'exchange.folderUnreadable': '找不到该文件夹或无法读取，请检查路径（U 盘可能已被拔出）',
  'exchange.folderGone': '找不到所选文件夹，U 盘可能已被拔出',
  'exchange.webModePicker': '网页模式下不能打开系统的选择窗口：请在列表中选择文件夹，或直接输入文件夹路径',
  'exchange.failed': '操作失败，未作任何更改。详情已记录在日志中。',
  'import.failed': '导入失败：{detail}。未导入任何数据。',
  'import.cancelledSome': '已取消：之前已完成的 {merged} 个文件已导入，其余文件未导入。',
  'import.cancelledNone': '已取消，未导入任何数据。',
  'export.passphraseShort': '导出口令至少 {min} 个字符',
  'export.officeNotSetUp': '请先完成初始设置（服务中心名称和代码）再导出',
  'cdx.notCdx': '不是投诉台导出文件（.cdx），未导入任何数据。',
  'cdx.truncated': '文件不完整（可能在拷贝时被拔出），未导入任何数据。请重新拷贝或请对方重新导出。',
  'cdx.wrongPassphraseOrCorrupt': '口令错误或文件已损坏，未导入任何数据。',
  'cdx.corrupt': '文件已损坏（{detail}），未导入任何数据。请重新拷贝或请对方重新导出。',
  'cdx.formatTooNew': '导出格式版本过新（文件为第 {found} 版，本程序支持到第 {supported} 版），请升级投诉台后再导入。',
  'cdx.notSnapshot': '文件内容不是投诉台的数据（{detail}），已拒绝，未导入任何数据。',
  'cdx.schemaTooNew': '导出文件来自更新版本的投诉台（数据库版本 {found}，本程序最高支持 {supported}），请升级投诉台后再导入。',
  'cdx.schemaUnsupported': '导出文件来自较旧版本的投诉台（数据库版本 {found}，本程序可导入 {oldest} 及以上），请先升级该服务中心的投诉台再导出。',
  'cdx.schemaMismatch': '文件中的数据库结构与投诉台不符（{detail}），为安全起见已拒绝，未导入任何数据。',
  'cdx.contentMismatch': '文件内容与其清单不符（{detail}），已拒绝，未导入任何数据。',
  'cdx.cancelled': '已取消，未留下任何文件。',
  'cdx.verifyFailed': '写入后读回校验失败：U 盘可能有问题。导出文件已删除，请换一个 U 盘重新导出。',
  'io.diskFull': '磁盘空间不足，未能写完。请清理空间或换一个 U 盘后重试。',
  'io.readOnlyFolder': '无法写入或读取所选文件夹（可能是只读或没有权限）。',
  'io.readOnlyFile': '无法写入或读取所选文件（可能是只读或没有权限）。',
  'io.missingFolder': '找不到所选文件夹，U 盘可能已被拔出。',
  'io.missingFile': '找不到所选文件，U 盘可能已被拔出。',
  'io.deviceError': '读写 U 盘时出错（可能已被拔出），请重新插入后重试。',

  // The bridge itself
  'bridge.unknownChannel': '未知的调用：{channel}',
  'bridge.needsInvoke': '{channel} 需要异步调用（invoke）',
  'bridge.foreignFrame': '拒绝来自外部页面的调用',
  'bridge.internal': '操作失败，数据未作修改。详情已记录在日志中。',
  'bridge.unreachable': '无法连接到本机服务，请确认程序仍在运行',
  'bridge.testClockOnly': '只有测试模式可以调整时钟',
  'http.internal': '服务器内部错误，数据未作修改',
  'http.loopbackOnly': '只接受本机地址的访问',
  'http.methodNotAllowed': '不支持的请求方法',
  'http.pageNotFound': '找不到该页面',
  'http.postOnly': '请用 POST 调用接口',
  'http.tooLarge': '请求过大',
  'http.badJson': '请求内容不是有效的 JSON',
} as const;

export type ErrorKey = keyof typeof ERROR_TEXTS_ZH;

/** English for every key: a key without its English fails to compile. No CJK here (test/unit/texts.test.ts). */
export const ERROR_TEXTS_EN: Readonly<Record<ErrorKey, string>> = {
  'field.required': 'enter {field}',
  'field.choose': 'choose {field}',
  'field.invalid': '{field} is not valid',
  'field.unknownValue': '{field} is not valid',
  'field.tooLong': '{field} can be at most {max} characters',
  'field.notText': '{field} must be text',
  'field.notNumber': '{field} must be a number',
  'field.notInteger': '{field} must be a whole number',
  'field.atLeast': '{field} must be at least {min}',
  'field.between': '{field} must be between {min} and {max}',
  'field.range': '{field} must be from {min} to {max}',
  'field.negative': '{field} cannot be negative',
  'field.tooLarge': '{field} is too large',
  'field.minChars': '{field} must be at least {min} characters',
  'field.maxChars': '{field} can be at most {max} characters',
  'field.badFormat': '{field} is not in a valid format',
  'field.wallTime': '{field} must be YYYY-MM-DD HH:mm, e.g. {example}',
  'field.wallTimeFormat': '{field} must be YYYY-MM-DD HH:mm',
  'field.dateFormat': '{field} must be a date, YYYY-MM-DD',
  'field.notADate': '{field} is not a real date',
  'field.monthFormat': '{field} must be YYYY-MM, e.g. 2026-11',
  'field.flag': 'the {field} option is not valid',
  'input.invalid': 'this input is not valid',
  'phone.format': 'phone number is not valid (a mobile has 11 digits; a landline looks like 0571-88886666)',
  'version.invalid': 'the version number is not valid',
  'range.endBeforeStart': 'the end date cannot be before the start date',
  'range.startAfterEnd': 'the start date cannot be after the end date',
  'list.pageFromOne': 'pages start at 1',
  'list.pageSizeMax': 'at most {max} rows per page',
  'path.empty': 'a file path cannot be empty',
  'path.tooLong': 'the path is too long',
  'office.codeFormat': 'the centre code must be 2 to 10 capital letters or digits, e.g. YGHA',
  'settings.timeZone': 'not a valid time zone; e.g. Asia/Shanghai',
  'settings.attachmentMin': 'the attachment size limit must be at least 1 MB',
  'settings.attachmentMax': 'the attachment size limit can be at most 50 MB',
  'calendar.kind': 'the kind must be holiday or workday (a make-up workday)',
  'calendar.daysFormat': 'the list of dates is not in a valid format',
  'calendar.yearNeedsDays': 'every year needs at least one date',
  'calendar.dayOutsideYear': 'the date {date} is not in {year}',
  'calendar.notCalendarFile': 'this is not a working-day calendar file',
  'calendar.versionUnsupported': 'this calendar file version is not supported (it should be 1)',
  'calendar.missingYears': 'the file has no list of years',
  'calendar.needsYear': 'the file needs at least one year',
  'calendar.yearTwice': '{year} appears twice in the file',
  'calendar.dayTwice': 'the date {date} appears twice in the file',
  'calendar.daysRange': 'the number of days must be a whole number from 0 to 366',
  'calendar.noSuchDay': '{date} is not in the calendar',
  'policy.durationTooLong': 'the time limit is too long',
  'policy.warningRatio': 'the warning point must be between 10% and 99%',
  'attachment.contentInvalid': 'the attachment content is not valid',
  'attachment.empty': 'the attachment is an empty file',
  'attachment.notBase64': 'the attachment content is not valid base64',
  'attachment.tooLarge': 'attachment too large: each file can be at most {mb} MB; compress the photo or scan fewer pages per file',
  'attachment.wrongType': 'only photos (JPG, PNG, WebP, GIF) or scanned PDFs can be attached',
  'print.chooseForm': 'choose the form to print',
  'print.fullPhoneFlag': '"Print full phone numbers" must be yes or no',
  'print.failed': 'the PDF could not be made; this print was not recorded. The details are in the log.',
  'print.webModeSave': 'in web mode, use "Download" to save or print the PDF',
  'print.fileExpired': 'the print file has expired or does not exist; generate it again',
  'export.rangeBothOrNone': 'enter both the start and the end date, or neither (to export everything)',
  'import.chooseFiles': 'choose the files to import',
  'import.tooManyFiles': 'at most {max} files can be imported at once',

  notFound: 'this {what} was not found; it may have been deleted, or the number is wrong',
  'complaint.staleEdit': 'someone else changed this complaint (it is now version {current}; you were editing version {yours}). Refresh and make your change again',
  'complaint.changedEdit': 'someone else changed this complaint. Refresh and make your change again',
  'complaint.staleStep': 'someone else changed this complaint (it is now version {current}). Refresh and try again',
  'complaint.changedStep': 'someone else changed this complaint. Refresh and try again',
  'complaint.otherOffice': 'complaint {number} belongs to service centre {office} (merged from its export): here you can view it and print copies of its forms, registers and reports. To change it, do so at that centre and export again.',

  'complaint.invalidNeedsReason': 'an invalid complaint needs the reason why it is invalid',
  'complaint.nothingToSave': 'there are no changes to save',
  'complaint.validityIsAStep': 'validity cannot be changed here: use the "Mark invalid" step, which also sets the deadline to tell the complainant',
  'complaint.categoryMissing': 'that category does not exist; choose again',
  'complaint.departmentMissing': 'the department complained about does not exist; choose again',
  'staff.notActive': '{field} is not in the staff list (or is inactive); choose again',
  'actor.unknown': 'the operator is not in the staff list; choose the current operator again at the top of the page',
  'office.notSetUp': 'the centre code is not set yet; finish the first-run setup first',
  'office.unknown': 'there are no records of a service centre with code {code} on this computer',

  'lifecycle.notAllowed': 'this complaint is "{status}": {action} is not possible (only for a complaint that is {allowed})',
  'lifecycle.alreadyDispatched': 'this complaint is "{status}" and this round is already dispatched; to give it to another department, use "{action}" with a reason',
  'lifecycle.summaryOnlyMajor': 'only a major complaint needs a summary and improvement',
  'lifecycle.noHeldStatus': 'the status before the hold is not known; it cannot be resumed',
  'time.notBefore': '{field} cannot be before {time}',
  'time.inFuture': '{field} cannot be later than now ({now})',
  'dispatch.departmentInactive': 'the responsible department does not exist or is inactive; choose again',
  'redispatch.roundNotDispatched': 'round {round} has not been dispatched yet, so it cannot be handed on',
  'redispatch.departmentInactive': 'the department to hand it to does not exist or is inactive; choose again',
  'redispatch.sameDepartment': 'this round is already with {department}; choose another department to hand it to',
  'followUp.notSupervisor': '{name} is not a CS supervisor or the centre director, and cannot approve "follow-up impossible"',
  'hold.expectedInPast': 'the expected date back cannot be before today',
  'compensation.amountRequired': 'enter the compensation amount',
  'compensation.twoDecimals': 'the compensation amount can have at most two decimals',

  'signedCopy.alreadyBack': 'the signed copy of {form} v{version} is already back; it cannot be recorded twice',
  'unlock.required': 'this is printed on a form that came back signed; changing it needs a supervisor: choose the approving supervisor and give a reason',
  'unlock.notSupervisor': 'the approver must be an active CS supervisor or the centre director',

  'directory.duplicateName': 'there is already a {what} named "{name}"',
  'staff.departmentMissing': 'that department does not exist; choose again',
  'staff.saveFailed': 'the staff member could not be saved',
  'setup.alreadyDone': 'the first-run setup is already done; to change it, go to Settings',
  'setup.noDepartment': 'there is no department to use; add one first',
  'register.tooManyRows': 'the period has {total} complaints, more than one {job} can hold ({max}): shorten the period or add filters',
  'excel.failed': 'the Excel file could not be made. The details are in the log.',

  'exchange.busy': 'an {job} is already running ({percent}%); wait for it to finish, or cancel it, before starting another export or import.',
  'exchange.jobNotFound': 'this export or import job was not found (it may have ended a while ago, or the app was restarted)',
  'exchange.folderMissing': 'the chosen folder was not found; check the path (the USB stick may have been removed)',
  'exchange.folderUnreadable': 'the folder was not found or cannot be read; check the path (the USB stick may have been removed)',
  'exchange.folderGone': 'the chosen folder was not found; the USB stick may have been removed',
  'exchange.webModePicker': "web mode cannot open the system's folder dialog: choose a folder from the list, or type its path",
  'exchange.failed': 'the operation failed; nothing was changed. The details are in the log.',
  'import.failed': 'the import failed; nothing was imported. The details are in the log.',
  'import.cancelledSome': 'cancelled: the {merged} files finished before were imported; the others were not.',
  'import.cancelledNone': 'cancelled; nothing was imported.',
  'export.passphraseShort': 'the export passphrase must be at least {min} characters',
  'export.officeNotSetUp': 'finish the first-run setup (centre name and code) before exporting',
  'cdx.notCdx': 'not a Complaint Desk export file (.cdx); nothing was imported.',
  'cdx.truncated': 'the file is incomplete (perhaps removed while copying); nothing was imported. Copy it again or ask for a new export.',
  'cdx.wrongPassphraseOrCorrupt': 'wrong passphrase, or the file is damaged; nothing was imported.',
  'cdx.corrupt': 'the file is damaged; nothing was imported. Copy it again or ask for a new export.',
  'cdx.formatTooNew': 'the export format is too new (the file is version {found}; this app reads up to version {supported}); update Complaint Desk before importing.',
  'cdx.notSnapshot': 'the file does not hold Complaint Desk data; it was refused and nothing was imported.',
  'cdx.schemaTooNew': 'the export comes from a newer Complaint Desk (database version {found}; this app reads up to {supported}); update Complaint Desk before importing.',
  'cdx.schemaUnsupported': 'the export comes from an older Complaint Desk (database version {found}; this app imports {oldest} and later); update that centre\'s Complaint Desk and export again.',
  'cdx.schemaMismatch': 'the database in the file does not match Complaint Desk; to be safe it was refused, and nothing was imported.',
  'cdx.contentMismatch': 'the file content does not match its manifest; it was refused, and nothing was imported.',
  'cdx.cancelled': 'cancelled; no file was left behind.',
  'cdx.verifyFailed': 'reading the file back after writing failed: the USB stick may be faulty. The export file was deleted; export again to another stick.',
  'io.diskFull': 'the disk is full; the file could not be written. Free some space or use another USB stick, then try again.',
  'io.readOnlyFolder': 'the chosen folder cannot be written or read (it may be read-only, or access is denied).',
  'io.readOnlyFile': 'the chosen file cannot be written or read (it may be read-only, or access is denied).',
  'io.missingFolder': 'the chosen folder was not found; the USB stick may have been removed.',
  'io.missingFile': 'the chosen file was not found; the USB stick may have been removed.',
  'io.deviceError': 'reading or writing the USB stick failed (it may have been removed); plug it in again and retry.',

  'bridge.unknownChannel': 'unknown call: {channel}',
  'bridge.needsInvoke': '{channel} must be called asynchronously (invoke)',
  'bridge.foreignFrame': 'calls from outside pages are refused',
  'bridge.internal': 'the operation failed; nothing was changed. The details are in the log.',
  'bridge.unreachable': 'cannot reach the service on this computer; check that the app is still running',
  'bridge.testClockOnly': 'only test mode can set the clock',
  'http.internal': 'internal server error; nothing was changed',
  'http.loopbackOnly': 'only this computer may connect',
  'http.methodNotAllowed': 'this request method is not supported',
  'http.pageNotFound': 'page not found',
  'http.postOnly': 'call the interface with POST',
  'http.tooLarge': 'the request is too large',
  'http.badJson': 'the request body is not valid JSON',
};

export const ERROR_TEXTS: Readonly<Record<Locale, Readonly<Record<ErrorKey, string>>>> = { 'zh-CN': ERROR_TEXTS_ZH, en: ERROR_TEXTS_EN };

export type ErrorArgs<K extends ErrorKey> = ParamArgs<(typeof ERROR_TEXTS_ZH)[K]>;

/** A refusal as it crosses the bridge: `errorText('time.notBefore', { field: '签收时间', time })`. */
export function errorText<K extends ErrorKey>(key: K, ...[params]: ErrorArgs<K>): KeyedText<K> {
  return { key, params: (params ?? {}) };
}

/** A refusal in one language. */
export function wordError(locale: Locale, text: KeyedText<ErrorKey>): string {
  return formatText(ERROR_TEXTS[locale][text.key], text.params, locale);
}

// ---------------------------------------------------------------------------------------------
// Messages of the contract's schemas. `keyed` is zod's `error` option: its map words the key in the
// text locale (main: always Chinese; the renderer: the user's language, so its forms speak it)
// and stamps the key and parameters on the issue (`params`), which zod copies into the issue it
// reports; main's dispatcher reads them back with `issueText` (texts.ts). test/unit/texts.test.ts
// pins that behaviour of zod.

/** `.min(1, keyed('field.required', { field: '投诉人姓名' }))`, `z.string(keyed(…))`, `.refine(fn, keyed(…))`. */
export function keyed<K extends ErrorKey>(key: K, ...[params]: ErrorArgs<K>) {
  const values = (params ?? {}) as TextParams;
  return {
    error: (issue: z.core.$ZodRawIssue) => {
      const raw = issue as { params?: Record<string, unknown> };
      raw.params = { ...raw.params, errorKey: key, errorParams: values } satisfies IssueStamp;
      return formatText(ERROR_TEXTS[getTextLocale()][key], values, getTextLocale());
    },
  };
}

/** A superRefine's issue, keyed like the rest: `ctx.addIssue(keyedIssue(['invalidReason'], 'complaint.invalidNeedsReason'))`. */
export function keyedIssue<K extends ErrorKey>(path: PropertyKey[], key: K, ...[params]: ErrorArgs<K>) {
  const values = (params ?? {}) as TextParams;
  const stamp: IssueStamp = { errorKey: key, errorParams: values };
  return { code: 'custom' as const, path, message: formatText(ERROR_TEXTS[getTextLocale()][key], values, getTextLocale()), params: stamp };
}
