import type { Language } from '../classify/types'

/** Every sentence the service says to residents, one table per language. */
export interface Texts {
  welcome: string
  askPlace: (what: string) => string
  askPlaceAgain: string
  askCategory: string
  otherOption: string
  outsideChangzhou: string
  filed: (p: { number: string; department: string; hours: number | null; days: number }) => string
  referred: (p: { number: string; agency: string; phone: string | null }) => string
  urgentNote: string
  photoReceived: string
  photoWithoutCase: string
  /** a photo sent soon after filing, added to that complaint */
  photoAdded: (number: string) => string
  /** a photo sent soon after filing, when that complaint can take no more */
  photoNotAdded: string
  statusOf: (p: { number: string; status: string; update: string | null }) => string
  noCases: string
  caseNotFound: (number: string) => string
  feedbackThanks: string
  help: string
  unknownPlace: string
  categoryNames: Record<string, string>
  statusNames: Record<string, string>
  dontKnowWords: readonly string[]
  askWhen: string
  whenOptions: readonly string[]
  confirm: (p: { what: string; where: string; when: string; anonymous: boolean }) => string
  confirmOptions: { yes: string; anonymous: string; cancel: string }
  askCorrection: string
  confirmReminder: string
  locationFirst: string
  /** an unfinished complaint that ran past MAX_TURNS messages, dropped */
  conversationTooLong: string
  surveyThanks: (number: string) => string
  surveyReopened: (number: string) => string
  /** three days after resolution without a rating */
  surveyReminder: (number: string) => string
  /** what the resident is told when staff act on their case (SPEC §4) */
  caseNews: (p: {
    number: string
    action: string
    note: string | null
    department: string
  }) => string | null
  /** what a resident whose complaint was merged into `primary` is told of that case's news */
  followerNews: (p: { own: string; primary: string; news: string }) => string
  cancelled: string
  restarted: string
  recap: (description: string) => string
  notStated: string
  voiceUnrecognised: string
  /** the answer to the menu's 「我要投诉」: what a good complaint says */
  complainPrompt: string
  /** a channel that cannot take the photo or voice message it was sent */
  textOnly: string
  /** a shared position with coordinates only: no district can be told from it yet */
  locationNeedsStreet: string
  /** how quick replies read on a channel without buttons */
  optionsLine: (options: readonly string[]) => string
  /** words that mean yes, cancel, start over, help, stay anonymous, or change something */
  words: Record<'yes' | 'cancel' | 'restart' | 'help' | 'anonymous' | 'change', readonly string[]>
}

const zhHans: Texts = {
  welcome:
    '您好，这里是常州市生态环境局投诉平台。请直接描述您遇到的噪声、异味、烟尘、污水或垃圾倾倒问题，并告诉我们大概位置。',
  askPlace: (what) =>
    `收到，您反映的是${what}问题。请告诉我们具体位置（区、街道/镇、小区或路名），也可以直接发送定位。`,
  askCategory: '想确认一下，您反映的主要是哪一类问题？请点选：',
  otherOption: '都不是',
  askPlaceAgain:
    '还需要一个位置才能立案：请写出区、街道/镇、小区或路名，或发送定位。如果不清楚，回复「不清楚」，由市局12369中心人工分派。',
  outsideChangzhou:
    '这个位置不在常州市范围内。请联系当地生态环境部门，或拨打12369环保举报热线；如果是常州的地点，请写出区、街道或路名。',
  filed: ({ number, department, hours, days }) =>
    `已为您登记投诉，编号 ${number}。案件已交${department}办理，${
      hours ? `属紧急情况，将在${hours}小时内响应` : '将在1个工作日内受理'
    }，${days}个工作日内答复办理结果。可随时发送编号查询进度。`,
  referred: ({ number, agency, phone }) =>
    `已为您登记，编号 ${number}。按照职责分工，此类问题由${agency}负责，我们已转交该部门处理${
      phone ? `；您也可以直接拨打${phone}反映` : ''
    }。可随时发送编号查询进度。`,
  urgentNote: '如遇人身危险，请立即拨打110或119。',
  photoReceived: '照片已收到，会一并提供给办理人员。',
  photoWithoutCase: '照片已收到。请再用文字简单描述一下问题和位置。',
  photoAdded: (number) => `照片已收到，已补充到投诉 ${number}，会一并提供给办理人员。`,
  photoNotAdded:
    '照片已收到，但刚才的投诉已不能再补充照片。如需反映新的问题，请用文字描述问题和位置。',
  statusOf: ({ number, status, update }) =>
    `案件 ${number} 当前状态：${status}。${update ? `最新进展：${update}` : ''}`,
  noCases: '您目前还没有投诉记录。如需投诉，请直接描述问题和位置。',
  caseNotFound: (number) => `没有找到您名下编号为 ${number} 的案件，请核对编号。`,
  feedbackThanks: '感谢您的反馈，我们会认真改进。',
  help: '您可以：1. 直接描述污染问题和位置进行投诉；2. 发送案件编号查询进度；3. 对办理结果进行评价。',
  unknownPlace: '地点未能确定',
  categoryNames: {
    air: '大气污染',
    noise: '噪声污染',
    water: '水污染',
    waste: '固体废物',
    radiation: '辐射',
    other: '其他',
  },
  statusNames: {
    new: '待受理',
    accepted: '已受理',
    assigned: '已派单',
    in_progress: '办理中',
    resolved: '已办结',
    closed: '已归档',
    rejected: '不予受理',
    transferred: '已转办',
    merged: '已并案',
  },
  dontKnowWords: ['不清楚', '不知道', '不确定', '说不清'],
  askWhen: '这个问题是什么时候发生的？可以点选，也可以直接写，例如「每天晚上十点以后」。',
  whenOptions: ['正在发生', '每天都有', '晚上/夜间', '之前发生过'],
  confirm: ({ what, where, when, anonymous }) =>
    `请确认投诉内容：\n类别：${what}\n地点：${where}\n时间：${when}\n联系方式：${
      anonymous ? '匿名（我们将无法回访您）' : '通过本会话告知办理进展'
    }\n如有照片可以现在发送。确认无误请点「确认提交」；要改哪一项，直接告诉我，例如「地点是钟楼区」。`,
  confirmOptions: { yes: '确认提交', anonymous: '匿名提交', cancel: '取消' },
  askCorrection: '请直接告诉我要修改的内容，例如「地点是钟楼区西林街道」或「是油烟不是噪音」。',
  cancelled: '已取消，本次内容没有提交。如需投诉，随时告诉我。',
  restarted: '好的，我们重新开始。请描述您遇到的问题和大概位置。',
  recap: (description) =>
    `欢迎回来。您之前反映的「${description.slice(0, 40)}」还没有提交，我们接着来。`,
  notStated: '未说明',
  words: {
    yes: [
      '确认提交',
      '确认',
      '确定',
      '提交',
      '是的',
      '是',
      '对',
      '对的',
      '没错',
      '没问题',
      '好的',
      '好',
      '行',
      '可以',
      '嗯',
      'ok',
      '👍',
    ],
    cancel: ['取消', '不投诉了', '算了'],
    restart: ['重新开始', '重来', '重新投诉'],
    help: ['帮助', '怎么用', '菜单'],
    anonymous: ['匿名提交', '匿名', '不留名'],
    change: ['修改', '改一下', '不对', '错了'],
  },
  voiceUnrecognised: '这条语音没能识别，请用文字描述您遇到的问题和位置。',
  complainPrompt:
    '请用文字描述您遇到的问题：发生地点（区、街道/镇、小区或路名，也可以发送位置），是什么问题（如噪声、异味、烟尘、污水、垃圾），什么时候发生。有照片也欢迎一并发送。',
  textOnly:
    '抱歉，这里暂时只能接收文字和位置，无法查看照片、视频或收听语音。请用文字描述遇到的问题、地点和时间。',
  locationNeedsStreet:
    '定位已收到，但仅凭定位还不能确定所在的区。请再告诉我们所在的街道/镇、小区或路名，以便交给属地分局办理。',
  optionsLine: (options) => `可回复：${options.join(' / ')}`,
  confirmReminder:
    '内容无误请点「确认提交」；要修改，请直接说改什么，例如「地点是钟楼区」；不投诉了请点「取消」。',
  locationFirst: '位置已收到。请再用文字简单描述一下遇到的问题，例如「工地夜里打桩很吵」。',
  caseNews: ({ number, action, note, department }) =>
    ({
      accept: `您的投诉 ${number} 已受理，由${department}办理。`,
      reject: `您的投诉 ${number} 不予受理。原因：${note ?? ''}`,
      transfer: `您的投诉 ${number} 已转交${department}处理：${note ?? ''}`,
      extend: `您的投诉 ${number} 办理期限已延长。${note ?? ''}`,
      resolve: `您的投诉 ${number} 已办结。办理结果：${note ?? ''}\n请您对办理结果进行评价。`,
      reopen: `您的投诉 ${number} 已重新办理。`,
      merge: `您的投诉 ${number} 反映的问题已有其他市民投诉，现${note ?? ''} 合并办理，该案后续进展会同时告知您。`,
      unmerge: `您的投诉 ${number} 经核实与原并入的案件不是同一问题，已恢复单独办理，办理进展会另行告知您。`,
    })[action] ?? null,
  followerNews: ({ own, primary, news }) =>
    `您的投诉 ${own} 已并入 ${primary} 合并办理。最新进展：${news}`,
  surveyThanks: (number) => `感谢您对案件 ${number} 的评价，案件已归档。`,
  surveyReopened: (number) => `很抱歉没有让您满意。案件 ${number} 已重新办理，并交由负责人督办。`,
  surveyReminder: (number) =>
    `您的投诉 ${number} 已办结三天，还没有收到您的评价。请选择满意、基本满意或不满意，您的意见会帮助我们改进工作。`,
  conversationTooLong:
    '这次投诉的对话已经很长了，内容没有提交。请用一两句话重新描述问题和位置；您以前的投诉记录都还在「我的投诉」里。',
}

const zhHant: Texts = {
  welcome:
    '您好，這裡是常州市生態環境局投訴平台。請直接描述您遇到的噪音、異味、煙塵、污水或垃圾傾倒問題，並告訴我們大概位置。',
  askPlace: (what) =>
    `收到，您反映的是${what}問題。請告訴我們具體位置（區、街道/鎮、小區或路名），也可以直接發送定位。`,
  askCategory: '想確認一下，您反映的主要是哪一類問題？請點選：',
  otherOption: '都不是',
  askPlaceAgain:
    '還需要一個位置才能立案：請寫出區、街道/鎮、小區或路名，或發送定位。如果不清楚，回覆「不清楚」，由市局12369中心人工分派。',
  outsideChangzhou: '這個位置不在常州市範圍內。請聯繫當地生態環境部門，或撥打12369環保舉報熱線。',
  filed: ({ number, department, hours, days }) =>
    `已為您登記投訴，編號 ${number}。案件已交${department}辦理，${
      hours ? `屬緊急情況，將在${hours}小時內響應` : '將在1個工作日內受理'
    }，${days}個工作日內答覆辦理結果。可隨時發送編號查詢進度。`,
  referred: ({ number, agency, phone }) =>
    `已為您登記，編號 ${number}。按照職責分工，此類問題由${agency}負責，我們已轉交該部門處理${
      phone ? `；您也可以直接撥打${phone}反映` : ''
    }。`,
  urgentNote: '如遇人身危險，請立即撥打110或119。',
  photoReceived: '照片已收到，會一併提供給辦理人員。',
  photoWithoutCase: '照片已收到。請再用文字簡單描述一下問題和位置。',
  photoAdded: (number) => `照片已收到，已補充到投訴 ${number}，會一併提供給辦理人員。`,
  photoNotAdded:
    '照片已收到，但剛才的投訴已不能再補充照片。如需反映新的問題，請用文字描述問題和位置。',
  statusOf: ({ number, status, update }) =>
    `案件 ${number} 目前狀態：${status}。${update ? `最新進展：${update}` : ''}`,
  noCases: '您目前還沒有投訴記錄。如需投訴，請直接描述問題和位置。',
  caseNotFound: (number) => `沒有找到您名下編號為 ${number} 的案件，請核對編號。`,
  feedbackThanks: '感謝您的回饋，我們會認真改進。',
  help: '您可以：1. 直接描述污染問題和位置進行投訴；2. 發送案件編號查詢進度；3. 對辦理結果進行評價。',
  unknownPlace: '地點未能確定',
  categoryNames: {
    air: '大氣污染',
    noise: '噪音污染',
    water: '水污染',
    waste: '固體廢物',
    radiation: '輻射',
    other: '其他',
  },
  statusNames: {
    new: '待受理',
    accepted: '已受理',
    assigned: '已派單',
    in_progress: '辦理中',
    resolved: '已辦結',
    closed: '已歸檔',
    rejected: '不予受理',
    transferred: '已轉辦',
    merged: '已併案',
  },
  dontKnowWords: ['不清楚', '不知道', '不確定', '說不清'],
  askWhen: '這個問題是什麼時候發生的？可以點選，也可以直接寫，例如「每天晚上十點以後」。',
  whenOptions: ['正在發生', '每天都有', '晚上/夜間', '之前發生過'],
  confirm: ({ what, where, when, anonymous }) =>
    `請確認投訴內容：\n類別：${what}\n地點：${where}\n時間：${when}\n聯繫方式：${
      anonymous ? '匿名（我們將無法回訪您）' : '通過本會話告知辦理進展'
    }\n如有照片可以現在發送。確認無誤請點「確認提交」；要改哪一項，直接告訴我，例如「地點是鐘樓區」。`,
  confirmOptions: { yes: '確認提交', anonymous: '匿名提交', cancel: '取消' },
  askCorrection: '請直接告訴我要修改的內容，例如「地點是鐘樓區西林街道」。',
  cancelled: '已取消，本次內容沒有提交。如需投訴，隨時告訴我。',
  restarted: '好的，我們重新開始。請描述您遇到的問題和大概位置。',
  recap: (description) =>
    `歡迎回來。您之前反映的「${description.slice(0, 40)}」還沒有提交，我們接著來。`,
  notStated: '未說明',
  words: {
    yes: [
      '確認提交',
      '確認',
      '確定',
      '提交',
      '是的',
      '是',
      '對',
      '沒錯',
      '沒問題',
      '好的',
      '好',
      '行',
      '可以',
      'ok',
    ],
    cancel: ['取消', '不投訴了', '算了'],
    restart: ['重新開始', '重來'],
    help: ['幫助', '怎麼用', '菜單'],
    anonymous: ['匿名提交', '匿名'],
    change: ['修改', '改一下', '不對', '錯了'],
  },
  voiceUnrecognised: '這條語音沒能識別，請用文字描述您遇到的問題和位置。',
  complainPrompt:
    '請用文字描述您遇到的問題：發生地點（區、街道/鎮、小區或路名，也可以發送位置），是什麼問題（如噪音、異味、煙塵、污水、垃圾），什麼時候發生。有照片也歡迎一併發送。',
  textOnly:
    '抱歉，這裡暫時只能接收文字和位置，無法查看照片、影片或收聽語音。請用文字描述遇到的問題、地點和時間。',
  locationNeedsStreet:
    '定位已收到，但僅憑定位還不能確定所在的區。請再告訴我們所在的街道/鎮、小區或路名，以便交給屬地分局辦理。',
  optionsLine: (options) => `可回覆：${options.join(' / ')}`,
  confirmReminder:
    '內容無誤請點「確認提交」；要修改，請直接說改什麼，例如「地點是鐘樓區」；不投訴了請點「取消」。',
  locationFirst: '位置已收到。請再用文字簡單描述一下遇到的問題。',
  caseNews: ({ number, action, note, department }) =>
    ({
      accept: `您的投訴 ${number} 已受理，由${department}辦理。`,
      reject: `您的投訴 ${number} 不予受理。原因：${note ?? ''}`,
      transfer: `您的投訴 ${number} 已轉交${department}處理：${note ?? ''}`,
      extend: `您的投訴 ${number} 辦理期限已延長。${note ?? ''}`,
      resolve: `您的投訴 ${number} 已辦結。辦理結果：${note ?? ''}\n請您對辦理結果進行評價。`,
      reopen: `您的投訴 ${number} 已重新辦理。`,
      merge: `您的投訴 ${number} 反映的問題已有其他市民投訴，現${note ?? ''} 合併辦理，該案後續進展會同時告知您。`,
      unmerge: `您的投訴 ${number} 經核實與原併入的案件不是同一問題，已恢復單獨辦理，辦理進展會另行告知您。`,
    })[action] ?? null,
  followerNews: ({ own, primary, news }) =>
    `您的投訴 ${own} 已併入 ${primary} 合併辦理。最新進展：${news}`,
  surveyThanks: (number) => `感謝您對案件 ${number} 的評價，案件已歸檔。`,
  surveyReopened: (number) => `很抱歉沒有讓您滿意。案件 ${number} 已重新辦理，並交由負責人督辦。`,
  surveyReminder: (number) =>
    `您的投訴 ${number} 已辦結三天，還沒有收到您的評價。請選擇滿意、基本滿意或不滿意。`,
  conversationTooLong: '這次投訴的對話已經很長了，內容沒有提交。請用一兩句話重新描述問題和位置。',
}

const en: Texts = {
  welcome:
    'Hello, this is the complaint service of the Changzhou Ecology and Environment Bureau. Describe the noise, smell, smoke, sewage or dumping you are facing and roughly where it is.',
  askPlace: (what) =>
    `Got it: a ${what} problem. Where is it? Please give the district, street or town, estate or road — or share your location.`,
  askCategory: 'To be sure: which kind of problem is it mainly? Please choose:',
  otherOption: 'None of these',
  askPlaceAgain:
    'We need a place to file the complaint: the district, street or town, estate or road, or your shared location. If you do not know, reply "not sure" and the 12369 centre will dispatch it by hand.',
  outsideChangzhou:
    'That location is outside Changzhou. Please contact the local environment bureau there, or call the 12369 hotline.',
  filed: ({ number, department, hours, days }) =>
    `Your complaint is filed as ${number} and passed to ${department}. ${
      hours
        ? `As an urgent matter it will be answered within ${hours} hours`
        : 'It will be accepted within 1 working day'
    }, with a reply on the outcome within ${days} working days. Send the number at any time to see its progress.`,
  referred: ({ number, agency, phone }) =>
    `Your complaint is filed as ${number}. This kind of problem is handled by ${agency}, and we have passed it on to them${
      phone ? `; you can also call ${phone}` : ''
    }.`,
  urgentNote: 'If anyone is in danger, call 110 or 119 now.',
  photoReceived: 'Photo received; the case handler will see it.',
  photoWithoutCase:
    'Photo received. Please also describe the problem and where it is in a few words.',
  photoAdded: (number) =>
    `Photo received and added to your complaint ${number}; the case handler will see it.`,
  photoNotAdded:
    'Photo received, but your last complaint cannot take more photos. To report something new, describe the problem and where it is.',
  statusOf: ({ number, status, update }) =>
    `Case ${number} is ${status}.${update ? ` Latest: ${update}` : ''}`,
  noCases: 'You have no complaints yet. To make one, describe the problem and where it is.',
  caseNotFound: (number) => `No case ${number} was found under your name. Please check the number.`,
  feedbackThanks: 'Thank you for your feedback.',
  help: 'You can: 1. describe a pollution problem and where it is to complain; 2. send a case number to see its progress; 3. rate how it was handled.',
  unknownPlace: 'place not determined',
  categoryNames: {
    air: 'air pollution',
    noise: 'noise',
    water: 'water pollution',
    waste: 'waste dumping',
    radiation: 'radiation',
    other: 'other',
  },
  statusNames: {
    new: 'waiting to be accepted',
    accepted: 'accepted',
    assigned: 'assigned to a handler',
    in_progress: 'being handled',
    resolved: 'resolved',
    closed: 'closed',
    rejected: 'not accepted',
    transferred: 'referred to another agency',
    merged: 'merged with another case',
  },
  dontKnowWords: ['not sure', "don't know", 'dont know', 'no idea', 'unknown'],
  askWhen: 'When does it happen? Tap a choice or write it, e.g. "every night after 10".',
  whenOptions: ['Happening now', 'Every day', 'At night', 'It happened before'],
  confirm: ({ what, where, when, anonymous }) =>
    `Please check your complaint:\nKind: ${what}\nWhere: ${where}\nWhen: ${when}\nContact: ${
      anonymous ? 'anonymous (we will not be able to call you back)' : 'updates in this chat'
    }\nYou can send a photo now. Tap "Submit" if this is right, or tell me what to change, e.g. "it is in Zhonglou".`,
  confirmOptions: { yes: 'Submit', anonymous: 'Submit anonymously', cancel: 'Cancel' },
  askCorrection: 'Tell me what to change, e.g. "the place is Xilin street, Zhonglou".',
  cancelled: 'Cancelled: nothing was submitted. Tell me whenever you want to complain.',
  restarted: 'All right, let us start again. What is the problem and roughly where is it?',
  recap: (description) =>
    `Welcome back. Your complaint "${description.slice(0, 60)}" has not been submitted yet; let us continue.`,
  notStated: 'not stated',
  words: {
    yes: ['submit', 'yes', 'y', 'ok', 'okay', 'confirm', 'correct', 'right', 'sure'],
    cancel: ['cancel', 'never mind', 'forget it'],
    restart: ['start again', 'restart', 'start over'],
    help: ['help', 'menu'],
    anonymous: ['submit anonymously', 'anonymous', 'anonymously'],
    change: ['change', 'wrong', 'edit'],
  },
  voiceUnrecognised:
    'We could not make out that voice message; please describe the problem and where it is in text.',
  complainPrompt:
    'Please describe the problem in a message: where it is (district, street or town, estate or road; you can also share your location), what it is (noise, smell, smoke, sewage, rubbish) and when it happens. Photos are welcome too.',
  textOnly:
    'Sorry, this chat can only take text and locations, not photos, videos or voice messages. Please describe the problem, where it is and when it happens in text.',
  locationNeedsStreet:
    'Location received, but it does not tell us the district. Please also give the street or town, estate or road, so that the district branch can handle it.',
  optionsLine: (options) => `You can reply: ${options.join(' / ')}`,
  confirmReminder:
    'If it is right, tap "Submit"; to change something, just say what, e.g. "the place is Zhonglou"; or tap "Cancel".',
  locationFirst: 'Location received. Now please describe the problem in a few words.',
  caseNews: ({ number, action, note, department }) =>
    ({
      accept: `Your complaint ${number} has been accepted and is handled by ${department}.`,
      reject: `Your complaint ${number} was not accepted. Reason: ${note ?? ''}`,
      transfer: `Your complaint ${number} has been passed to ${department}: ${note ?? ''}`,
      extend: `The deadline for your complaint ${number} has been extended. ${note ?? ''}`,
      resolve: `Your complaint ${number} has been resolved: ${note ?? ''}\nPlease rate how it was handled.`,
      reopen: `Your complaint ${number} has been reopened.`,
      merge: `Your complaint ${number} is handled together with the same problem reported by others (${note ?? ''}); you will hear of that case's progress.`,
      unmerge: `On checking, your complaint ${number} is not the same matter as the case it was merged into; it is handled on its own again, and you will hear of its progress.`,
    })[action] ?? null,
  followerNews: ({ own, primary, news }) =>
    `Your complaint ${own} is handled together with ${primary}. Latest: ${news}`,
  surveyThanks: (number) => `Thank you for rating case ${number}; it is now closed.`,
  surveyReopened: (number) =>
    `We are sorry it did not satisfy you. Case ${number} has been reopened and a supervisor will follow it.`,
  surveyReminder: (number) =>
    `Your complaint ${number} was resolved three days ago. How satisfied are you with how it was handled?`,
  conversationTooLong:
    'This complaint has grown very long and was not submitted. Please describe the problem and where it is again in a sentence or two; your earlier complaints stay under "My complaints".',
}

export const texts: Record<Language, Texts> = { 'zh-Hans': zhHans, 'zh-Hant': zhHant, en }
